//! Answers and answer keys.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use kiemtra::domain::answer::{
    Answer, AnswerError, AnswerKey, AnswerKeyError, AnswerValue, DocumentEntry, ItemStatus,
};
use kiemtra::domain::template::AnswerType;
use std::collections::BTreeMap;
use support::{d, sample_template};

#[test]
fn answer_keys_format_as_group_hash_instance_slash_item() {
    assert_eq!(
        AnswerKey::new("II.B", 2, "II.B.3").to_string(),
        "II.B#2/II.B.3"
    );
    assert_eq!(AnswerKey::new("I", 0, "I.1").to_string(), "I#0/I.1");
}

#[test]
fn answer_keys_parse_back_from_their_string_form() {
    for s in ["II.B#2/II.B.3", "I#0/I.1", "III#41/III.3"] {
        assert_eq!(AnswerKey::parse(s).unwrap().to_string(), s);
    }
}

#[test]
fn malformed_answer_keys_are_refused() {
    assert_eq!(AnswerKey::parse("I/I.1"), Err(AnswerKeyError::WrongShape));
    assert_eq!(AnswerKey::parse("I#0"), Err(AnswerKeyError::WrongShape));
    assert_eq!(AnswerKey::parse("#0/I.1"), Err(AnswerKeyError::WrongShape));
    assert_eq!(AnswerKey::parse("I#0/"), Err(AnswerKeyError::WrongShape));
    assert_eq!(
        AnswerKey::parse("I#0/I.1/x"),
        Err(AnswerKeyError::WrongShape)
    );
    assert_eq!(
        AnswerKey::parse("I#+1/I.1"),
        Err(AnswerKeyError::BadInstance)
    );
    assert_eq!(
        AnswerKey::parse("I#01/I.1"),
        Err(AnswerKeyError::BadInstance)
    );
    assert_eq!(
        AnswerKey::parse("I#x/I.1"),
        Err(AnswerKeyError::BadInstance)
    );
    assert_eq!(
        AnswerKey::parse("I#99999999999/I.1"),
        Err(AnswerKeyError::BadInstance)
    );
}

#[test]
fn answer_maps_serialise_with_string_keys_and_round_trip() {
    let mut m = BTreeMap::new();
    m.insert(
        AnswerKey::new("II.B", 1, "II.B.1"),
        Answer::status(ItemStatus::KhongDat).with_note("Lập quá thời hạn"),
    );
    m.insert(
        AnswerKey::new("I", 0, "I.5"),
        Answer::value(AnswerValue::Count(12)),
    );
    let json = serde_json::to_string(&m).unwrap();
    assert!(
        json.contains("\"II.B#1/II.B.1\":{\"status\":\"khong_dat\""),
        "{json}"
    );
    assert!(json.contains("{\"type\":\"count\",\"value\":12}"), "{json}");
    let back: BTreeMap<AnswerKey, Answer> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, m);
    assert!(serde_json::from_str::<BTreeMap<AnswerKey, Answer>>(r#"{"I.1":{}}"#).is_err());
}

#[test]
fn statuses_serialise_as_snake_case_and_default_to_chua_kiem_tra() {
    let v: Vec<_> = [
        ItemStatus::Dat,
        ItemStatus::KhongDat,
        ItemStatus::KhongApDung,
        ItemStatus::ChuaKiemTra,
    ]
    .iter()
    .map(|s| serde_json::to_string(s).unwrap())
    .collect();
    assert_eq!(
        v,
        [
            "\"dat\"",
            "\"khong_dat\"",
            "\"khong_ap_dung\"",
            "\"chua_kiem_tra\""
        ]
    );
    let a: Answer = serde_json::from_str("{}").unwrap();
    assert_eq!(a.status, ItemStatus::ChuaKiemTra);
}

#[test]
fn document_lists_round_trip() {
    let a = Answer::value(AnswerValue::Documents(vec![DocumentEntry {
        doc_type: "Kế hoạch".into(),
        number: "09/KH-UBND".into(),
        date: Some(d(2021, 1, 13)),
        summary: "Kiểm tra công tác thi hành pháp luật về xử lý vi phạm hành chính năm 2021".into(),
    }]));
    let back: Answer = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
    assert_eq!(back, a);
}

#[test]
fn an_answer_must_match_the_item_answer_type() {
    let t = sample_template();
    let count_item = &t.groups[0].items[4];
    assert!(Answer::value(AnswerValue::Count(3))
        .check_against(count_item)
        .is_ok());
    assert_eq!(
        Answer::value(AnswerValue::Text("ba".into())).check_against(count_item),
        Err(AnswerError::TypeMismatch {
            item: "I.5".into(),
            expected: AnswerType::Count,
            got: AnswerType::Text
        })
    );
    let status_item = &t.groups[0].items[0];
    assert!(Answer::value(AnswerValue::YesNo(true))
        .check_against(status_item)
        .is_err());
    assert!(Answer::status(ItemStatus::Dat)
        .check_against(status_item)
        .is_ok());
}

#[test]
fn negative_money_is_refused() {
    let t = sample_template();
    let money = &t.groups[1].items[2];
    assert!(Answer::value(AnswerValue::Money(2_500_000))
        .check_against(money)
        .is_ok());
    assert_eq!(
        Answer::value(AnswerValue::Money(-1)).check_against(money),
        Err(AnswerError::NegativeMoney {
            item: "II.B.3".into()
        })
    );
}

#[test]
fn what_counts_as_answered_depends_on_the_answer_type() {
    assert!(!Answer::default().is_answered(AnswerType::Status));
    assert!(Answer::status(ItemStatus::KhongDat).is_answered(AnswerType::Status));
    assert!(!Answer::status(ItemStatus::Dat).is_answered(AnswerType::Count));
    assert!(Answer::value(AnswerValue::Count(0)).is_answered(AnswerType::Count));
    assert!(Answer::status(ItemStatus::KhongApDung).is_answered(AnswerType::Documents));
    assert!(!Answer::value(AnswerValue::Text("  ".into())).is_answered(AnswerType::Text));
    assert!(Answer::value(AnswerValue::Text("Có".into())).is_answered(AnswerType::Text));
}
