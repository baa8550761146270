//! Consistency and completeness rules of the periodic report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/report/fixtures.rs"]
mod fixtures;

use fixtures::*;
use kiemtra::report::period::{DueDate, DueDateSource, PeriodKind, Regime};
use kiemtra::report::periodic::PeriodicReport;
use kiemtra::report::periodic_checks::*;

fn rules(r: &PeriodicReport) -> Vec<(ConsistencyRule, Severity)> {
    consistency(r)
        .into_iter()
        .map(|i| (i.rule, i.severity))
        .collect()
}

#[test]
fn the_realistic_fixture_is_consistent_and_complete() {
    let r = periodic_ninh_kieu_2021();
    assert_eq!(consistency(&r), vec![]);
    assert_eq!(completeness(&r), vec![]);
}

#[test]
fn more_cases_sanctioned_than_detected_is_an_error_naming_both_fields() {
    let mut r = periodic_ninh_kieu_2021();
    r.xu_phat.so_vu_bi_xu_phat = Some(1_300);
    let issues = consistency(&r);
    let i = issues
        .iter()
        .find(|i| i.rule == ConsistencyRule::XuPhatVuotPhatHien)
        .unwrap();
    assert_eq!(i.severity, Severity::Loi);
    assert_eq!(
        i.fields,
        vec!["xu_phat.so_vu_bi_xu_phat", "xu_phat.so_vu_phat_hien"]
    );
    assert_eq!(i.values, vec![1_300, 1_284]);
}

#[test]
fn more_persons_than_sanctioned_cases_is_only_a_warning_and_needs_both_counts() {
    let mut r = periodic_ninh_kieu_2021();
    r.xu_phat.doi_tuong_bi_xu_phat.ca_nhan = Some(1_150);
    assert_eq!(
        rules(&r),
        vec![(ConsistencyRule::DoiTuongVuotSoVuXuPhat, Severity::CanhBao)]
    );
    r.xu_phat.doi_tuong_bi_xu_phat.to_chuc = None;
    assert_eq!(rules(&r), vec![]);
}

#[test]
fn decision_subsets_larger_than_the_total_are_errors() {
    let mut r = periodic_ninh_kieu_2021();
    let x = &mut r.xu_phat;
    x.tong_so_quyet_dinh = Some(10);
    x.so_qd_da_thi_hanh_xong = Some(11);
    x.so_qd_phai_cuong_che = Some(12);
    x.so_qd_hoan_giam_mien_phat_tien = Some(13);
    x.so_qd_bi_khieu_nai_khoi_kien = Some(14);
    let got = rules(&r);
    for rule in [
        ConsistencyRule::ThiHanhXongVuotTongQd,
        ConsistencyRule::CuongCheVuotTongQd,
        ConsistencyRule::HoanGiamMienVuotTongQd,
        ConsistencyRule::KhieuNaiVuotTongQd,
    ] {
        assert!(
            got.contains(&(rule, Severity::Loi)),
            "{rule:?} missing from {got:?}"
        );
    }
    // Equal to the total is fine.
    r.xu_phat.so_qd_da_thi_hanh_xong = Some(10);
    assert!(!rules(&r)
        .iter()
        .any(|(rule, _)| *rule == ConsistencyRule::ThiHanhXongVuotTongQd));
}

#[test]
fn sanctions_or_money_without_any_decision_are_warnings() {
    let mut r = periodic_ninh_kieu_2021();
    let x = &mut r.xu_phat;
    x.tong_so_quyet_dinh = Some(0);
    x.so_qd_da_thi_hanh_xong = Some(0);
    x.so_qd_phai_cuong_che = Some(0);
    x.so_qd_hoan_giam_mien_phat_tien = Some(0);
    x.so_qd_bi_khieu_nai_khoi_kien = Some(0);
    assert_eq!(
        rules(&r),
        vec![
            (ConsistencyRule::XuPhatKhongCoQuyetDinh, Severity::CanhBao),
            (ConsistencyRule::TienThuKhongCoQuyetDinh, Severity::CanhBao),
        ]
    );
}

#[test]
fn rules_are_skipped_while_a_figure_is_not_entered() {
    let mut r = periodic_ninh_kieu_2021();
    r.xu_phat.so_vu_phat_hien = None;
    r.xu_phat.so_vu_bi_xu_phat = Some(99_999);
    assert!(!rules(&r)
        .iter()
        .any(|(rule, _)| *rule == ConsistencyRule::XuPhatVuotPhatHien));
}

#[test]
fn period_problems_are_reported() {
    let mut r = periodic_ninh_kieu_2021();
    r.ky_bao_cao.tu_ngay = d(2022, 1, 1);
    assert!(rules(&r).contains(&(ConsistencyRule::KyBaoCaoDaoNguoc, Severity::Loi)));
    let mut r = periodic_ninh_kieu_2021();
    r.ky_bao_cao.tu_ngay = d(2021, 1, 1);
    assert_eq!(
        rules(&r),
        vec![(ConsistencyRule::KyBaoCaoKhongChuan, Severity::CanhBao)]
    );
    let mut r = periodic_ninh_kieu_2021();
    r.che_do_bao_cao = Regime::Tt01_2023SuaDoiTt19_2025;
    r.ky_bao_cao = kiemtra::report::ReportPeriod::first_half(2026).unwrap();
    r.han_nop = DueDate {
        han_nop: d(2026, 6, 1),
        nguon: DueDateSource::NguoiDungDat,
    };
    assert_eq!(r.ky_bao_cao.loai, PeriodKind::SauThangDau);
    assert_eq!(
        rules(&r),
        vec![
            (ConsistencyRule::CheDoKhongCoLoaiKy, Severity::CanhBao),
            (ConsistencyRule::HanNopTruocNgayChot, Severity::CanhBao),
        ]
    );
}

#[test]
fn an_empty_report_lists_every_required_field_once() {
    let mut r = periodic_ninh_kieu_2021();
    r.xu_phat = Default::default();
    r.bien_phap_xlhc = Default::default();
    r.don_vi_bao_cao.ten = "  ".into();
    let missing = completeness(&r);
    let codes: Vec<&str> = missing.iter().map(|m| m.code).collect();
    // 1 unit name; B1: 3 texts + 2 form descriptions + 1 list + 15 figures;
    // B2: 7 texts + 20 counts.
    assert_eq!(missing.len(), 1 + 3 + 2 + 1 + 15 + 7 + 20, "{codes:#?}");
    let mut dedup = codes.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(dedup.len(), codes.len(), "duplicate codes");
    assert!(codes.contains(&"xu_phat.doi_tuong_bi_xu_phat.to_chuc"));
    assert!(codes.contains(
        &"bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc.so_nguoi_tam_dinh_chi_mien_con_lai"
    ));
    let money = missing
        .iter()
        .find(|m| m.code == "xu_phat.tong_tien_thu_vnd")
        .unwrap();
    assert_eq!(money.kind, FieldKind::SoTien);
    let list = missing
        .iter()
        .find(|m| m.code == "xu_phat.hanh_vi_pho_bien")
        .unwrap();
    assert_eq!(list.kind, FieldKind::DanhSach);
}

#[test]
fn every_missing_field_code_is_a_real_path_in_the_exported_json() {
    let mut r = periodic_ninh_kieu_2021();
    r.xu_phat = Default::default();
    r.bien_phap_xlhc = Default::default();
    let value = serde_json::to_value(&r).unwrap();
    for m in completeness(&r) {
        let pointer = format!("/{}", m.code.replace('.', "/"));
        assert!(
            value.pointer(&pointer).is_some(),
            "{} is not a path",
            m.code
        );
    }
}

#[test]
fn zero_is_an_answer_but_none_is_missing() {
    let mut r = periodic_ninh_kieu_2021();
    r.xu_phat.so_gp_cchn_bi_tuoc = Some(0);
    assert_eq!(completeness(&r), vec![]);
    r.xu_phat.so_gp_cchn_bi_tuoc = None;
    assert_eq!(
        completeness(&r),
        vec![MissingField {
            code: "xu_phat.so_gp_cchn_bi_tuoc",
            index: None,
            kind: FieldKind::SoLuong
        }]
    );
}

#[test]
fn the_common_violations_list_may_be_empty_only_when_nothing_was_detected() {
    let mut r = periodic_ninh_kieu_2021();
    r.xu_phat.hanh_vi_pho_bien.clear();
    assert_eq!(completeness(&r).len(), 1);
    r.xu_phat.so_vu_phat_hien = Some(0);
    assert_eq!(completeness(&r), vec![]);
}

#[test]
fn list_entries_with_blank_parts_are_reported_with_their_position() {
    let mut r = periodic_ninh_kieu_2021();
    r.xu_phat.hanh_vi_pho_bien[1].mo_ta = String::new();
    r.xu_phat.hinh_thuc_xu_phat_khac_phuc.chi_tiet[0].so_luong = None;
    assert_eq!(
        completeness(&r),
        vec![
            MissingField {
                code: "xu_phat.hinh_thuc_xu_phat_khac_phuc.chi_tiet.so_luong",
                index: Some(0),
                kind: FieldKind::SoLuong
            },
            MissingField {
                code: "xu_phat.hanh_vi_pho_bien.mo_ta",
                index: Some(1),
                kind: FieldKind::VanBan
            },
        ]
    );
}
