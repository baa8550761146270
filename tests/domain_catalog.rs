//! Reference vocabularies.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kiemtra::domain::catalog::*;
use std::collections::BTreeSet;

fn ascii_snake(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[test]
fn every_catalog_code_is_unique_ascii_snake_case_with_a_vietnamese_label() {
    let tables: [&[CatalogEntry]; 8] = [
        &FINDING_KINDS,
        &VIOLATION_BEHAVIOURS,
        &DISCIPLINE_FORMS,
        &PLAN_METHODS,
        &FOCUS_FIELDS_2021,
        &FOCUS_FIELD_SCOPES_2021,
        &UNIT_LEVELS,
        &ADDRESSEES,
    ];
    for table in tables {
        let codes: BTreeSet<_> = table.iter().map(|e| e.code).collect();
        assert_eq!(codes.len(), table.len());
        for e in table {
            assert!(ascii_snake(e.code), "{}", e.code);
            assert!(
                !e.vi.trim().is_empty() && !e.en.trim().is_empty(),
                "{}",
                e.code
            );
        }
    }
}

#[test]
fn finding_kinds_are_the_eight_suggested_by_the_reference_then_kho_khan_and_ton_tai() {
    let codes: Vec<_> = FindingKind::ALL.iter().map(|k| k.code()).collect();
    assert_eq!(
        codes,
        [
            "han_che",
            "vuong_mac",
            "bat_cap",
            "chong_cheo",
            "sai_sot",
            "vi_pham",
            "chua_thong_nhat_dong_bo",
            "chua_phu_hop_thuc_tien",
            "kho_khan",
            "ton_tai"
        ]
    );
    assert_eq!(
        serde_json::to_string(&FindingKind::ChongCheo).unwrap(),
        "\"chong_cheo\""
    );
    assert_eq!(FindingKind::from_code("bat_cap"), Some(FindingKind::BatCap));
}

#[test]
fn violation_list_has_twenty_behaviours_tagged_with_the_amended_version() {
    assert_eq!(VIOLATION_BEHAVIOURS.len(), 20);
    assert!(VIOLATION_BEHAVIOURS
        .iter()
        .all(|e| e.source == VIOLATION_BEHAVIOURS_VERSION));
    assert_eq!(
        VIOLATION_BEHAVIOURS_VERSION,
        "NĐ 19/2020/NĐ-CP Điều 22, sửa đổi bởi NĐ 93/2025/NĐ-CP"
    );
    assert!(VIOLATION_BEHAVIOURS_NOTE.contains("chưa được tìm thấy"));
    assert!(VIOLATION_BEHAVIOURS[0]
        .vi
        .starts_with("Giữ lại vụ vi phạm có dấu hiệu tội phạm"));
    assert!(violation_behaviour("khong_lap_bien_ban").is_some());
    assert!(violation_behaviour("khong_co").is_none());
}

#[test]
fn discipline_forms_add_bai_nhiem_from_nd_93_2025() {
    assert_eq!(DisciplineForm::ALL.len(), 7);
    assert_eq!(DisciplineForm::BaiNhiem.entry().source, "NĐ 93/2025/NĐ-CP");
    assert!(DisciplineForm::ALL[..6]
        .iter()
        .all(|f| f.entry().source.starts_with("NĐ 19/2020")));
    assert_eq!(DisciplineForm::HaBacLuong.entry().vi, "Hạ bậc lương");
}

#[test]
fn only_dot_xuat_is_an_unscheduled_method() {
    assert_eq!(PlanMethod::ALL.len(), 5);
    assert!(!PlanMethod::DotXuat.is_scheduled());
    assert!(PlanMethod::DinhKy.is_scheduled());
    assert_eq!(
        serde_json::to_string(&PlanMethod::TheoNganhLinhVuc).unwrap(),
        "\"theo_nganh_linh_vuc\""
    );
}

#[test]
fn focus_fields_of_2021_carry_their_scope() {
    assert_eq!(
        FocusField::MoiTruong.scope().vi,
        "Bảo vệ môi trường biển và hải đảo"
    );
    assert!(FocusField::DatDai.scope().vi.contains("thu hồi đất"));
    assert_eq!(
        FocusField::PhongChayChuaChay.entry().source,
        "QĐ 49/QĐ-TTg ngày 13/01/2021"
    );
}

#[test]
fn unit_levels_and_addressees_serialise_as_their_codes() {
    assert_eq!(
        serde_json::to_string(&UnitLevel::XaPhuong).unwrap(),
        "\"xa_phuong\""
    );
    assert_eq!(UnitLevel::Other.code(), "other");
    assert_eq!(
        serde_json::to_string(&Addressee::CoQuanCoThamQuyenSuaDoiVanBan).unwrap(),
        "\"co_quan_co_tham_quyen_sua_doi_van_ban\""
    );
    assert_eq!(
        Addressee::UbndThanhPho.entry().vi,
        "Ủy ban nhân dân thành phố"
    );
}

#[test]
fn findings_stored_with_the_old_kinds_still_load_and_the_new_kinds_round_trip() {
    let old: FindingKind = serde_json::from_str("\"sai_sot\"").unwrap();
    assert_eq!(old, FindingKind::SaiSot);
    for (k, code) in [
        (FindingKind::KhoKhan, "kho_khan"),
        (FindingKind::TonTai, "ton_tai"),
    ] {
        let json = serde_json::to_string(&k).unwrap();
        assert_eq!(json, format!("\"{code}\""));
        assert_eq!(serde_json::from_str::<FindingKind>(&json).unwrap(), k);
        assert!(!k.entry().source.is_empty());
    }
    assert_eq!(FindingKind::KhoKhan.entry().vi, "Khó khăn");
    assert_eq!(FindingKind::TonTai.entry().vi, "Tồn tại");
}
