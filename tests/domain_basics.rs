//! Ids, clock, working days, bilingual text and document numbers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use chrono::{TimeZone, Utc};
use kiemtra::domain::clock::{vietnam_date, Clock, FixedClock};
use kiemtra::domain::ids::{
    uuid_v4_from_random_bytes, IdGen, PlanId, SeqIds, TemplateId, TemplateIdError,
};
use kiemtra::domain::text::{format_place_date, DocNumber, DocNumberError, Text};
use kiemtra::domain::workdays::{
    add_working_days, is_working_day, sub_working_days, working_days_between,
    working_days_inclusive, DateRange, Holidays,
};
use support::d;

#[test]
fn seq_ids_are_deterministic_and_distinct() {
    let mut a = SeqIds::new();
    let mut b = SeqIds::new();
    let (a1, a2) = (a.next_uuid(), a.next_uuid());
    assert_ne!(a1, a2);
    assert_eq!(a1, b.next_uuid());
}

#[test]
fn random_bytes_become_a_version_4_uuid() {
    let u = uuid_v4_from_random_bytes([0xff; 16]);
    assert_eq!(u.get_version_num(), 4);
    assert_eq!(u.get_variant(), uuid::Variant::RFC4122);
}

#[test]
fn typed_ids_serialise_as_plain_uuid_strings() {
    let mut ids = SeqIds::new();
    let p = PlanId::generate(&mut ids);
    let json = serde_json::to_string(&p).unwrap();
    assert_eq!(json, "\"00000000-0000-0000-0000-000000000001\"");
    assert_eq!(serde_json::from_str::<PlanId>(&json).unwrap(), p);
}

#[test]
fn template_ids_accept_slugs_and_reject_anything_else() {
    assert!(TemplateId::new("xlvphc-nd19-2020").is_ok());
    assert!(TemplateId::new("theo_doi_thpl.v2").is_ok());
    assert_eq!(TemplateId::new(""), Err(TemplateIdError::Empty));
    assert_eq!(
        TemplateId::new("XLVPHC"),
        Err(TemplateIdError::InvalidChar { ch: 'X' })
    );
    assert_eq!(
        TemplateId::new("-abc"),
        Err(TemplateIdError::InvalidChar { ch: '-' })
    );
    assert_eq!(
        TemplateId::new("mẫu"),
        Err(TemplateIdError::InvalidChar { ch: 'ẫ' })
    );
    assert!(matches!(
        TemplateId::new("a".repeat(65)),
        Err(TemplateIdError::TooLong { .. })
    ));
    assert!(serde_json::from_str::<TemplateId>("\"../etc\"").is_err());
}

#[test]
fn today_is_the_vietnam_date_not_the_utc_date() {
    // 18:30 UTC on 12/01/2021 is already 01:30 on 13/01/2021 in Vietnam.
    let at = Utc.with_ymd_and_hms(2021, 1, 12, 18, 30, 0).unwrap();
    assert_eq!(vietnam_date(at), d(2021, 1, 13));
    assert_eq!(FixedClock::new(at).today(), d(2021, 1, 13));
    let before = Utc.with_ymd_and_hms(2021, 1, 12, 16, 59, 0).unwrap();
    assert_eq!(FixedClock::new(before).today(), d(2021, 1, 12));
}

#[test]
fn weekends_are_not_working_days_and_default_holidays_are_empty() {
    let h = Holidays::default();
    assert!(h.iter().next().is_none());
    assert!(is_working_day(d(2021, 1, 15), &h)); // Friday
    assert!(!is_working_day(d(2021, 1, 16), &h)); // Saturday
    assert!(!is_working_day(d(2021, 1, 17), &h)); // Sunday
}

#[test]
fn adding_working_days_skips_the_weekend() {
    let h = Holidays::default();
    assert_eq!(add_working_days(d(2021, 1, 15), 1, &h), d(2021, 1, 18));
    assert_eq!(add_working_days(d(2021, 1, 13), 7, &h), d(2021, 1, 22));
    assert_eq!(add_working_days(d(2021, 1, 16), 0, &h), d(2021, 1, 16));
}

#[test]
fn adding_working_days_skips_user_entered_holidays() {
    let h: Holidays = [d(2021, 2, 10), d(2021, 2, 11), d(2021, 2, 12)]
        .into_iter()
        .collect();
    // Tuesday 09/02 + 1 working day jumps over the three days off and the weekend.
    assert_eq!(add_working_days(d(2021, 2, 9), 1, &h), d(2021, 2, 15));
    assert!(!is_working_day(d(2021, 2, 11), &h));
}

#[test]
fn subtracting_working_days_goes_back_over_the_weekend() {
    let h = Holidays::default();
    // Three working days before Monday 01/03/2021 is Wednesday 24/02.
    assert_eq!(sub_working_days(d(2021, 3, 1), 3, &h), d(2021, 2, 24));
}

#[test]
fn working_days_between_counts_the_half_open_interval_and_is_signed() {
    let h = Holidays::default();
    assert_eq!(working_days_between(d(2021, 1, 15), d(2021, 1, 18), &h), 1);
    assert_eq!(working_days_between(d(2021, 1, 11), d(2021, 1, 22), &h), 9);
    assert_eq!(working_days_between(d(2021, 1, 22), d(2021, 1, 11), &h), -9);
    assert_eq!(working_days_between(d(2021, 1, 13), d(2021, 1, 13), &h), 0);
}

#[test]
fn inclusive_count_matches_a_seven_working_day_inspection() {
    let mut h = Holidays::new();
    assert_eq!(working_days_inclusive(d(2021, 3, 1), d(2021, 3, 9), &h), 7);
    assert!(h.insert(d(2021, 3, 8)));
    assert_eq!(working_days_inclusive(d(2021, 3, 1), d(2021, 3, 9), &h), 6);
    assert_eq!(working_days_inclusive(d(2021, 3, 9), d(2021, 3, 1), &h), 0);
}

#[test]
fn holidays_serialise_as_a_sorted_list_of_dates() {
    let h: Holidays = [d(2021, 4, 30), d(2021, 1, 1)].into_iter().collect();
    let json = serde_json::to_string(&h).unwrap();
    assert_eq!(json, r#"["2021-01-01","2021-04-30"]"#);
    assert_eq!(serde_json::from_str::<Holidays>(&json).unwrap(), h);
}

#[test]
fn date_range_refuses_an_end_before_its_start() {
    assert!(DateRange::new(d(2021, 3, 2), d(2021, 3, 1)).is_none());
    let r = DateRange::new(d(2021, 3, 1), d(2021, 3, 5)).unwrap();
    assert!(r.contains(d(2021, 3, 3)));
    assert_eq!(r.working_days(&Holidays::new()), 5);
}

#[test]
fn text_falls_back_to_vietnamese_when_english_is_empty() {
    let t = Text::new("Kế hoạch kiểm tra", "Inspection plan");
    assert_eq!(t.get(true), "Kế hoạch kiểm tra");
    assert_eq!(t.get(false), "Inspection plan");
    assert_eq!(Text::new("Biên bản", "").get(false), "Biên bản");
}

#[test]
fn valid_document_numbers_parse_and_print_back_identically() {
    for s in [
        "09/KH-UBND",
        "41/2019/QĐ-UBND",
        "6882/UBND-NC2",
        "2426/VPCP-PL",
        "01/2023/TT-BTP",
        "10/BB-VPHC",
    ] {
        let n = DocNumber::parse(s).unwrap();
        assert_eq!(n.to_string(), s);
    }
    let n = DocNumber::parse("41/2019/QĐ-UBND").unwrap();
    assert_eq!(
        (n.number(), n.year(), n.code()),
        (41, Some(2019), "QĐ-UBND")
    );
}

#[test]
fn document_numbers_are_trimmed_but_inner_spaces_are_refused() {
    assert_eq!(
        DocNumber::parse("  09/KH-UBND ").unwrap().to_string(),
        "09/KH-UBND"
    );
    assert_eq!(
        DocNumber::parse("09 /KH-UBND"),
        Err(DocNumberError::ContainsSpace)
    );
    assert_eq!(
        DocNumber::parse("09/KH - UBND"),
        Err(DocNumberError::ContainsSpace)
    );
}

#[test]
fn bad_document_numbers_give_typed_errors() {
    use DocNumberError as E;
    assert_eq!(DocNumber::parse(""), Err(E::Empty));
    assert_eq!(DocNumber::parse("9/KH-UBND"), Err(E::MissingLeadingZero));
    assert_eq!(
        DocNumber::parse("009/KH-UBND"),
        Err(E::SuperfluousLeadingZero)
    );
    assert_eq!(
        DocNumber::parse("010/KH-UBND"),
        Err(E::SuperfluousLeadingZero)
    );
    assert_eq!(DocNumber::parse("00/KH-UBND"), Err(E::NumberZero));
    assert_eq!(DocNumber::parse("KH-UBND"), Err(E::WrongShape));
    assert_eq!(DocNumber::parse("1/2/3/4"), Err(E::WrongShape));
    assert_eq!(DocNumber::parse("ab/KH-UBND"), Err(E::NumberNotDigits));
    assert_eq!(DocNumber::parse("41/19/QĐ-UBND"), Err(E::BadYear));
    assert_eq!(DocNumber::parse("09/KH--UBND"), Err(E::EmptyCodeGroup));
    assert_eq!(DocNumber::parse("09/"), Err(E::EmptyCodeGroup));
    assert_eq!(
        DocNumber::parse("09/kh-UBND"),
        Err(E::LowercaseInCode { ch: 'k' })
    );
    assert_eq!(
        DocNumber::parse("09/qđ-UBND"),
        Err(E::LowercaseInCode { ch: 'q' })
    );
    assert_eq!(
        DocNumber::parse("09/KH_UBND"),
        Err(E::InvalidCharInCode { ch: '_' })
    );
    assert_eq!(DocNumber::parse(&"1".repeat(100)), Err(E::TooLong));
    assert_eq!(DocNumber::parse("99999999999/KH"), Err(E::NumberNotDigits));
}

#[test]
fn document_numbers_serialise_as_strings_and_reject_bad_input() {
    let n = DocNumber::parse("09/KH-UBND").unwrap();
    assert_eq!(serde_json::to_string(&n).unwrap(), "\"09/KH-UBND\"");
    assert!(serde_json::from_str::<DocNumber>("\"9/KH-UBND\"").is_err());
}

#[test]
fn place_and_date_line_pads_days_and_the_first_two_months_only() {
    assert_eq!(
        format_place_date("Cần Thơ", d(2021, 1, 13)),
        "Cần Thơ, ngày 13 tháng 01 năm 2021"
    );
    assert_eq!(
        format_place_date("Hà Nội", d(2021, 6, 21)),
        "Hà Nội, ngày 21 tháng 6 năm 2021"
    );
    assert_eq!(
        format_place_date("Cần Thơ", d(2015, 2, 4)),
        "Cần Thơ, ngày 04 tháng 02 năm 2015"
    );
}
