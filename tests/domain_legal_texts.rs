//! The text in force on each date (domain::legal_texts), at every boundary:
//! the reporting regime and content decree of a report period, and the
//! officials' violation behaviours and discipline forms of a violation date.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use kiemtra::domain::catalog::DisciplineForm;
use kiemtra::domain::finding::ViolationRef;
use kiemtra::domain::legal_texts::*;
use kiemtra::report::from_domain::{content_decree_for_period, regime_for_period};
use kiemtra::report::period::{
    timeliness, PeriodKind, Regime, ReportPeriod, ReporterLevel, Timeliness,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn circular(cutoff: NaiveDate) -> Option<ReportingCircular> {
    reporting_texts_on(cutoff).map(|t| t.circular)
}

#[test]
fn the_regime_changes_on_the_day_each_circular_takes_effect() {
    assert_eq!(circular(d(2018, 12, 13)), None);
    assert_eq!(
        circular(d(2018, 12, 14)),
        Some(ReportingCircular::Tt16_2018)
    );
    assert_eq!(circular(d(2023, 3, 2)), Some(ReportingCircular::Tt16_2018));
    assert_eq!(circular(d(2023, 3, 3)), Some(ReportingCircular::Tt01_2023));
    assert_eq!(
        circular(d(2025, 12, 15)),
        Some(ReportingCircular::Tt01_2023)
    );
    assert_eq!(
        circular(d(2025, 12, 16)),
        Some(ReportingCircular::Tt01_2023SuaDoiTt19_2025)
    );
}

#[test]
fn report_contents_follow_nd81_2013_until_nd118_2021_is_issued() {
    let contents = |c| reporting_texts_on(c).unwrap().contents;
    assert_eq!(
        contents(d(2021, 12, 22)),
        ReportContentDecree::Nd81_2013SuaDoiNd97_2017
    );
    assert_eq!(contents(d(2021, 12, 23)), ReportContentDecree::Nd118_2021);
    let old = ReportContentDecree::Nd81_2013SuaDoiNd97_2017;
    assert!(old.name_vi().contains("81/2013/NĐ-CP"));
    assert!(old.name_vi().contains("97/2017/NĐ-CP"));
    assert!(old.note_vi().unwrap().contains("chưa được tìm thấy"));
    assert_eq!(ReportContentDecree::Nd118_2021.note_vi(), None);
}

#[test]
fn the_2021_yearly_report_is_under_tt16_2018_with_nd81_contents() {
    let p = ReportPeriod::yearly(2021).unwrap();
    assert_eq!(regime_for_period(&p), Some(Regime::Tt16_2018));
    assert_eq!(
        content_decree_for_period(&p),
        ReportContentDecree::Nd81_2013SuaDoiNd97_2017
    );
    // 2022 (cut off 14/12/2022): still TT 16/2018, contents now NĐ 118/2021.
    let p = ReportPeriod::yearly(2022).unwrap();
    assert_eq!(regime_for_period(&p), Some(Regime::Tt16_2018));
    assert_eq!(
        content_decree_for_period(&p),
        ReportContentDecree::Nd118_2021
    );
}

#[test]
fn yearly_reports_of_2023_to_2025_are_under_tt01_before_its_amendment_and_2026_after() {
    for y in [2023, 2024, 2025] {
        let p = ReportPeriod::yearly(y).unwrap();
        assert_eq!(regime_for_period(&p), Some(Regime::Tt01_2023), "{y}");
    }
    let p = ReportPeriod::yearly(2026).unwrap();
    assert_eq!(
        regime_for_period(&p),
        Some(Regime::Tt01_2023SuaDoiTt19_2025)
    );
}

#[test]
fn tt01_before_its_amendment_has_no_default_due_date_and_says_why() {
    let p = ReportPeriod::yearly(2024).unwrap();
    let due = Regime::Tt01_2023.default_due(ReporterLevel::GuiBoTuPhap, &p);
    assert_eq!(due.han_mac_dinh, None);
    assert!(due.quy_tac_vi.contains("chưa được tìm thấy"));
    assert!(Regime::Tt01_2023.supports(PeriodKind::DinhKyNam));
    assert!(!Regime::Tt01_2023.supports(PeriodKind::SauThangDau));
    assert_eq!(
        serde_json::to_string(&Regime::Tt01_2023).unwrap(),
        "\"tt_01_2023\""
    );
}

#[test]
fn a_report_sent_on_21_december_is_on_time_and_the_rule_says_by_21_december() {
    let p = ReportPeriod::yearly(2026).unwrap();
    let due = Regime::Tt01_2023SuaDoiTt19_2025.default_due(ReporterLevel::GuiBoTuPhap, &p);
    let day = due.han_mac_dinh.unwrap();
    assert_eq!(day, d(2026, 12, 21));
    assert_eq!(timeliness(day, d(2026, 12, 21)), Timeliness::OnTime);
    assert_eq!(
        timeliness(day, d(2026, 12, 22)),
        Timeliness::Late { days: 1 }
    );
    assert!(due.quy_tac_vi.contains("chậm nhất ngày 21/12"));
    assert!(!due.quy_tac_vi.contains("trước ngày 21/12"));
}

#[test]
fn discipline_forms_follow_the_violation_date() {
    assert!(discipline_forms_on(d(2020, 6, 30)).is_empty());
    let y2020 = discipline_forms_on(d(2020, 7, 1));
    assert_eq!(y2020.len(), 6);
    assert!(!y2020.contains(&DisciplineForm::BaiNhiem));
    assert!(!discipline_forms_on(d(2025, 6, 14)).contains(&DisciplineForm::BaiNhiem));
    let y2025 = discipline_forms_on(d(2025, 6, 15));
    assert!(y2025.contains(&DisciplineForm::BaiNhiem));
    assert_eq!(y2025.len(), 7);
}

#[test]
fn the_amended_list_of_20_behaviours_applies_from_15_june_2025() {
    let before = violation_behaviours_on(d(2025, 6, 14));
    assert_eq!(before.version, VIOLATION_BEHAVIOURS_2020_VERSION);
    assert!(!before.complete);
    assert_eq!(before.entries.len(), 1);
    let after = violation_behaviours_on(d(2025, 6, 15));
    assert_eq!(after.entries.len(), 20);
    assert!(after.complete);
    assert!(violation_behaviours_on(d(2020, 6, 30)).entries.is_empty());
}

#[test]
fn a_violation_is_tagged_with_the_list_of_its_date() {
    let early =
        ViolationRef::in_force_on("giu_lai_vu_co_dau_hieu_toi_pham", d(2021, 5, 1)).unwrap();
    assert_eq!(early.version, VIOLATION_BEHAVIOURS_2020_VERSION);
    // A behaviour known only from the amended list is refused for 2021.
    assert!(ViolationRef::in_force_on("khong_lap_bien_ban", d(2021, 5, 1)).is_err());
    let late = ViolationRef::in_force_on("khong_lap_bien_ban", d(2025, 7, 1)).unwrap();
    assert!(late.version.contains("93/2025"));
    assert!(is_known_violation(&early.version, &early.code));
    assert!(!is_known_violation(&early.version, "khong_lap_bien_ban"));
}

#[test]
fn team_rules_use_the_same_nd93_date() {
    assert_eq!(
        kiemtra::domain::team::nd93_2025_effective(),
        nd93_2025_effective()
    );
}

#[test]
fn every_rule_and_note_the_app_writes_has_its_english() {
    use kiemtra::report::period::english;
    let periods = [
        ReportPeriod::yearly(2021).unwrap(),
        ReportPeriod::first_half(2021).unwrap(),
        ReportPeriod::second_half(2021).unwrap(),
        ReportPeriod::explicit(PeriodKind::ChuyenDe, d(2021, 7, 1), d(2021, 9, 30)).unwrap(),
    ];
    for regime in Regime::ALL {
        for level in [
            ReporterLevel::GuiBoTuPhap,
            ReporterLevel::GuiCapTrenTrucTiep,
        ] {
            for p in &periods {
                let due = regime.default_due(level, p);
                assert_ne!(
                    english(due.quy_tac_vi),
                    due.quy_tac_vi,
                    "{regime:?} {level:?} {p:?}"
                );
                if let Some(n) = due.can_cu.ghi_chu_vi {
                    assert_ne!(english(n), n);
                }
                if let Some(n) = regime.window_basis(p.loai).ghi_chu_vi {
                    assert_ne!(english(n), n);
                }
            }
        }
    }
}
