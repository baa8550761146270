//! The inspection report DTO: counts and totals always match the entries.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/report/fixtures.rs"]
mod fixtures;

use fixtures::*;
use kiemtra::report::inspection::*;

#[test]
fn group_counts_are_computed_from_status_items_only() {
    let r = inspection_can_tho_2021();
    let groups = &r.cuoc_kiem_tra[0].ket_qua_bang_kiem[0].nhom;
    assert_eq!(
        groups[0].dem,
        StatusCounts {
            dat: 2,
            khong_dat: 0,
            khong_ap_dung: 0,
            chua_kiem_tra: 0
        }
    );
    // II has one number answer, which no status counter includes.
    assert_eq!(
        groups[1].dem,
        StatusCounts {
            dat: 0,
            khong_dat: 1,
            khong_ap_dung: 0,
            chua_kiem_tra: 1
        }
    );
    assert_eq!(groups[2].dem.khong_ap_dung, 1);
}

#[test]
fn totals_add_up_across_inspections() {
    let t = inspection_can_tho_2021().tong_hop;
    assert_eq!(t.so_cuoc_kiem_tra, 2);
    assert_eq!(
        t.dem,
        StatusCounts {
            dat: 3,
            khong_dat: 3,
            khong_ap_dung: 2,
            chua_kiem_tra: 2
        }
    );
    assert_eq!(t.so_phat_hien, 4);
    assert_eq!(
        t.phat_hien_theo_loai,
        vec![
            FindingKindCount {
                loai: FindingKind::VuongMac,
                so_luong: 2
            },
            FindingKindCount {
                loai: FindingKind::SaiSot,
                so_luong: 2
            },
        ]
    );
    // One recommendation per violation finding plus one per conclusion.
    assert_eq!(t.so_kien_nghi, 4);
    assert_eq!(t.so_ket_luan_da_ban_hanh, 1);
}

#[test]
fn edited_counts_are_detected_as_inconsistent() {
    let mut r = inspection_can_tho_2021();
    assert!(r.totals_consistent());
    r.cuoc_kiem_tra[0].ket_qua_bang_kiem[0].nhom[0].dem.dat = 7;
    assert!(!r.totals_consistent());
    let mut r = inspection_can_tho_2021();
    r.tong_hop.so_phat_hien = 0;
    assert!(!r.totals_consistent());
}

#[test]
fn answers_and_scope_serialise_with_tagged_snake_case_codes() {
    let a = serde_json::to_value(ItemAnswer::TrangThai(ItemStatus::KhongDat)).unwrap();
    assert_eq!(
        a,
        serde_json::json!({"kieu": "trang_thai", "gia_tri": "khong_dat"})
    );
    let n = serde_json::to_value(ItemAnswer::So(1_250_000_000)).unwrap();
    assert_eq!(
        n,
        serde_json::json!({"kieu": "so", "gia_tri": 1_250_000_000})
    );
    let s = serde_json::to_value(Scope::MotDonVi {
        don_vi: "Ủy ban nhân dân quận Ninh Kiều".into(),
    })
    .unwrap();
    assert_eq!(
        s,
        serde_json::json!({"loai": "mot_don_vi", "don_vi": "Ủy ban nhân dân quận Ninh Kiều"})
    );
}
