//! The round's Excel workbook: a valid .xlsx (a zip package) written in
//! memory, the same bytes for the same round and time (the time comes from
//! the injected clock, not the machine), and a file name from the round's
//! name. Its cells are read back by an independent reader (exceljs) in the
//! end-to-end round test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use kiemtra::report::period::{Regime, ReportPeriod};
use kiemtra::report::periodic::ReportingUnit;
use kiemtra::report::round::workbook::{file_name, workbook};
use kiemtra::report::round::Round;

fn round() -> Round {
    let mut r = Round::new(
        "Báo cáo năm 2021",
        ReportPeriod::yearly(2021).unwrap(),
        Regime::Tt16_2018,
        chrono::NaiveDate::from_ymd_opt(2021, 12, 17).unwrap(),
    );
    for name in ["Sở Tài chính", "Ủy ban nhân dân quận Ninh Kiều"] {
        assert!(r.add_unit(ReportingUnit {
            ten: name.into(),
            co_quan_chu_quan: "Thành phố Cần Thơ".into(),
        }));
    }
    r
}

#[test]
fn the_workbook_is_an_xlsx_package_made_from_the_injected_time() {
    let now = Utc.with_ymd_and_hms(2021, 12, 22, 3, 0, 0).unwrap();
    let label = |c: &str| c.to_owned();
    let a = workbook(&round(), now, &label).unwrap();
    assert!(a.starts_with(b"PK\x03\x04"), "not a zip package");
    let b = workbook(&round(), now, &label).unwrap();
    assert_eq!(a, b);
    let later = workbook(&round(), now + chrono::Duration::days(1), &label).unwrap();
    assert_ne!(a, later, "the document date comes from `now`");
}

#[test]
fn the_workbook_file_name_comes_from_the_round_name() {
    assert_eq!(file_name(&round()), "tong-hop_bao-cao-nam-2021.xlsx");
    let mut r = round();
    r.ten = "  ".into();
    assert_eq!(file_name(&r), "tong-hop.xlsx");
}
