//! Reporting periods, data windows, due dates per regime, timeliness.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use kiemtra::report::period::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn the_yearly_2021_window_runs_from_15_12_2020_to_14_12_2021() {
    let p = ReportPeriod::yearly(2021).unwrap();
    assert_eq!(
        (p.loai, p.tu_ngay, p.den_ngay),
        (PeriodKind::DinhKyNam, d(2020, 12, 15), d(2021, 12, 14))
    );
    assert_eq!(p.year(), 2021);
}

#[test]
fn six_monthly_windows_follow_the_nd09_pattern() {
    let a = ReportPeriod::first_half(2021).unwrap();
    let b = ReportPeriod::second_half(2021).unwrap();
    assert_eq!((a.tu_ngay, a.den_ngay), (d(2020, 12, 15), d(2021, 6, 14)));
    assert_eq!((b.tu_ngay, b.den_ngay), (d(2021, 6, 15), d(2021, 12, 14)));
    assert_eq!(a.den_ngay.succ_opt().unwrap(), b.tu_ngay);
}

#[test]
fn nd09_windows_carry_the_indirect_source_note_and_tt01_yearly_does_not() {
    let basis = Regime::Tt16_2018.window_basis(PeriodKind::SauThangDau);
    assert!(basis.ghi_chu_vi.unwrap().contains("gián tiếp"));
    assert!(Regime::Tt16_2018
        .window_basis(PeriodKind::DinhKyNam)
        .ghi_chu_vi
        .is_some());
    let tt01 = Regime::Tt01_2023SuaDoiTt19_2025.window_basis(PeriodKind::DinhKyNam);
    assert_eq!(tt01.ghi_chu_vi, None);
    assert!(tt01.can_cu_vi.contains("19/2025/TT-BTP"));
}

#[test]
fn explicit_periods_need_an_explicit_kind_and_ordered_dates() {
    let p = ReportPeriod::explicit(PeriodKind::DotXuat, d(2021, 7, 1), d(2021, 9, 30)).unwrap();
    assert!(p.is_standard_window());
    assert_eq!(
        ReportPeriod::explicit(PeriodKind::ChuyenDe, d(2021, 9, 30), d(2021, 7, 1)),
        Err(PeriodError::Reversed {
            tu_ngay: d(2021, 9, 30),
            den_ngay: d(2021, 7, 1)
        })
    );
    assert_eq!(
        ReportPeriod::explicit(PeriodKind::DinhKyNam, d(2021, 1, 1), d(2021, 2, 1)),
        Err(PeriodError::WrongKind(PeriodKind::DinhKyNam))
    );
    assert!(ReportPeriod::standard(PeriodKind::ChuyenDe, 2021).is_err());
}

#[test]
fn a_yearly_period_with_edited_dates_is_not_standard() {
    let mut p = ReportPeriod::yearly(2021).unwrap();
    assert!(p.is_standard_window());
    p.tu_ngay = d(2021, 1, 1);
    assert!(!p.is_standard_window());
}

#[test]
fn tt16_reports_to_the_ministry_are_due_seven_days_after_the_cutoff() {
    let year = ReportPeriod::yearly(2021).unwrap();
    let half = ReportPeriod::first_half(2021).unwrap();
    let due = Regime::Tt16_2018.default_due(ReporterLevel::GuiBoTuPhap, &year);
    assert_eq!(due.han_mac_dinh, Some(d(2021, 12, 21)));
    assert_eq!(due.can_cu.nguon, "[S10]");
    assert_eq!(
        Regime::Tt16_2018
            .default_due(ReporterLevel::GuiBoTuPhap, &half)
            .han_mac_dinh,
        Some(d(2021, 6, 21))
    );
}

#[test]
fn tt01_yearly_reports_of_provincial_chairs_are_due_by_21_december() {
    let year = ReportPeriod::yearly(2026).unwrap();
    let due = Regime::Tt01_2023SuaDoiTt19_2025.default_due(ReporterLevel::GuiBoTuPhap, &year);
    assert_eq!(due.han_mac_dinh, Some(d(2026, 12, 21)));
}

#[test]
fn lower_levels_and_ad_hoc_reports_have_no_default_and_need_a_user_date() {
    let year = ReportPeriod::yearly(2026).unwrap();
    let r = Regime::Tt01_2023SuaDoiTt19_2025;
    let due = r.default_due(ReporterLevel::GuiCapTrenTrucTiep, &year);
    assert_eq!(due.han_mac_dinh, None);
    assert!(due.quy_tac_vi.contains("cấp trên trực tiếp"));
    assert!(r
        .resolve_due(ReporterLevel::GuiCapTrenTrucTiep, &year, None)
        .is_err());
    let adhoc = ReportPeriod::explicit(PeriodKind::DotXuat, d(2026, 3, 1), d(2026, 3, 31)).unwrap();
    assert_eq!(
        r.default_due(ReporterLevel::GuiBoTuPhap, &adhoc)
            .han_mac_dinh,
        None
    );
    // TT 16/2018 says nothing found about lower levels: the note says so.
    let tt16 = Regime::Tt16_2018.default_due(ReporterLevel::GuiCapTrenTrucTiep, &year);
    assert!(tt16
        .can_cu
        .ghi_chu_vi
        .unwrap()
        .contains("chưa được tìm thấy"));
}

#[test]
fn a_user_date_overrides_the_default_and_is_marked_as_such() {
    let year = ReportPeriod::yearly(2021).unwrap();
    let r = Regime::Tt16_2018;
    let default = r
        .resolve_due(ReporterLevel::GuiBoTuPhap, &year, None)
        .unwrap();
    assert_eq!(
        default,
        DueDate {
            han_nop: d(2021, 12, 21),
            nguon: DueDateSource::MacDinhCheDo
        }
    );
    let user = r
        .resolve_due(ReporterLevel::GuiBoTuPhap, &year, Some(d(2021, 12, 17)))
        .unwrap();
    assert_eq!(
        user,
        DueDate {
            han_nop: d(2021, 12, 17),
            nguon: DueDateSource::NguoiDungDat
        }
    );
}

#[test]
fn regimes_list_the_kinds_of_report_the_reference_gives_them() {
    assert!(Regime::Tt16_2018.supports(PeriodKind::SauThangCuoi));
    assert!(!Regime::Tt16_2018.supports(PeriodKind::DotXuat));
    assert!(Regime::Tt01_2023SuaDoiTt19_2025.supports(PeriodKind::ChuyenDe));
    assert!(!Regime::Tt01_2023SuaDoiTt19_2025.supports(PeriodKind::SauThangDau));
    assert!(Regime::Tt16_2018.legal_text_vi().contains("16/2018/TT-BTP"));
}

#[test]
fn timeliness_counts_calendar_days_after_the_due_date() {
    let due = d(2021, 12, 21);
    assert_eq!(timeliness(due, d(2021, 12, 20)), Timeliness::OnTime);
    assert_eq!(timeliness(due, due), Timeliness::OnTime);
    assert_eq!(
        timeliness(due, d(2021, 12, 22)),
        Timeliness::Late { days: 1 }
    );
    assert_eq!(
        timeliness(due, d(2022, 1, 4)),
        Timeliness::Late { days: 14 }
    );
}

#[test]
fn period_and_regime_serialise_with_snake_case_codes() {
    let p = ReportPeriod::second_half(2021).unwrap();
    assert_eq!(
        serde_json::to_string(&p).unwrap(),
        // Fields in key order (the export's one walk moves nothing).
        r#"{"den_ngay":"2021-12-14","loai":"sau_thang_cuoi","tu_ngay":"2021-06-15"}"#
    );
    assert_eq!(
        serde_json::to_string(&Regime::Tt01_2023SuaDoiTt19_2025).unwrap(),
        "\"tt_01_2023_sua_doi_tt_19_2025\""
    );
    assert_eq!(
        serde_json::to_string(&Timeliness::Late { days: 3 }).unwrap(),
        r#"{"trang_thai":"late","days":3}"#
    );
}
