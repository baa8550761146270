//! Template model: serde shape, validation, content hash.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use kiemtra::domain::template::{
    canonical_json, content_hash, AnswerType, ShowIfValue, Template, TemplateError,
};
use support::{item, sample_template, show_if};

const CONTRACT_EXAMPLE: &str = r#"{
  "id": "xlvphc-nd19-2020",
  "version": 1,
  "kind": "xlvphc",
  "title": {"vi": "Phiếu kiểm tra", "en": "Checklist"},
  "description": {"vi": "Toàn văn Điều 11 NĐ 19/2020 chưa được tìm thấy trong nguồn tham khảo", "en": "Article 11 not found"},
  "legal_basis": ["NĐ 19/2020/NĐ-CP"],
  "groups": [
    {
      "code": "II",
      "title": {"vi": "Áp dụng pháp luật về xử phạt vi phạm hành chính", "en": "Sanctions"},
      "repeat": null,
      "items": [
        {"code": "II.2", "label": {"vi": "Thực hiện thủ tục, thẩm quyền lập biên bản", "en": "Record procedure"},
         "help": null, "answer": "status", "required": true,
         "legal_basis": "NĐ 19/2020/NĐ-CP Điều 11; QĐ 542/QĐ-BTP", "sources": ["S25", "S24"], "show_if": null},
        {"code": "II.2a", "label": {"vi": "Nêu rõ sai sót", "en": "Describe the errors"},
         "answer": "text", "required": true, "legal_basis": "NĐ 19/2020/NĐ-CP",
         "sources": [], "show_if": {"item": "II.2", "equals": "khong_dat"}}
      ]
    },
    {
      "code": "II.B",
      "title": {"vi": "Biên bản được chọn", "en": "Sampled records"},
      "repeat": {"label": {"vi": "Biên bản vi phạm hành chính", "en": "Violation record"}, "max": 50},
      "items": [
        {"code": "II.B.1", "label": {"vi": "Ngày lập biên bản", "en": "Date"}, "answer": "date",
         "required": false, "legal_basis": "NĐ 118/2021/NĐ-CP Điều 12", "sources": ["S29"], "show_if": null}
      ]
    }
  ]
}"#;

#[test]
fn the_contract_example_parses_validates_and_round_trips() {
    let t: Template = serde_json::from_str(CONTRACT_EXAMPLE).unwrap();
    assert!(t.validate().is_empty(), "{:?}", t.validate());
    assert_eq!(t.groups[1].repeat.as_ref().unwrap().max, 50);
    assert_eq!(
        t.groups[0].items[1].show_if.as_ref().unwrap().equals,
        ShowIfValue::KhongDat
    );
    let again: Template = serde_json::from_str(&serde_json::to_string(&t).unwrap()).unwrap();
    assert_eq!(again, t);
}

#[test]
fn serialised_templates_use_the_contract_field_names_and_snake_case_values() {
    let v = serde_json::to_value(sample_template()).unwrap();
    assert_eq!(v["kind"], "xlvphc");
    assert_eq!(v["groups"][0]["items"][1]["answer"], "yes_no");
    assert_eq!(v["groups"][0]["items"][2]["show_if"]["equals"], "yes");
    assert!(v["groups"][0]["repeat"].is_null());
    assert!(v["groups"][0]["items"][0]["show_if"].is_null());
    assert!(v["groups"][0]["items"][0].get("help").is_none());
}

#[test]
fn unknown_fields_are_refused() {
    let bad = CONTRACT_EXAMPLE.replacen("\"version\": 1,", "\"version\": 1, \"extra\": 3,", 1);
    assert!(serde_json::from_str::<Template>(&bad).is_err());
}

#[test]
fn the_sample_template_is_valid() {
    assert_eq!(sample_template().validate(), vec![]);
}

#[test]
fn version_zero_is_refused() {
    let mut t = sample_template();
    t.version = 0;
    assert!(t.validate().contains(&TemplateError::VersionZero));
}

#[test]
fn empty_labels_and_titles_are_reported_with_their_place() {
    let mut t = sample_template();
    t.title.vi = "  ".into();
    t.groups[0].items[0].label.vi.clear();
    t.groups[1].repeat.as_mut().unwrap().label.vi.clear();
    let errs = t.validate();
    assert!(errs.contains(&TemplateError::EmptyText { at: "title".into() }));
    assert!(errs.contains(&TemplateError::EmptyText {
        at: "item:I.1/label".into()
    }));
    assert!(errs.contains(&TemplateError::EmptyText {
        at: "group:II.B/repeat.label".into()
    }));
}

#[test]
fn duplicate_group_and_item_codes_are_reported() {
    let mut t = sample_template();
    t.groups[1].code = "I".into();
    t.groups[1].items[0].code = "I.1".into();
    let errs = t.validate();
    assert!(errs.contains(&TemplateError::DuplicateGroupCode { code: "I".into() }));
    assert!(errs.contains(&TemplateError::DuplicateItemCode { code: "I.1".into() }));
}

#[test]
fn codes_with_answer_key_separators_or_spaces_are_refused() {
    for bad in ["I#1", "I/1", "I 1", "", "Đ.1"] {
        let mut t = sample_template();
        t.groups[0].items[4].code = bad.into();
        assert!(
            t.validate()
                .contains(&TemplateError::InvalidCode { code: bad.into() }),
            "{bad}"
        );
    }
}

#[test]
fn missing_legal_basis_is_reported_for_items_and_the_template() {
    let mut t = sample_template();
    t.legal_basis.clear();
    t.groups[1].items[2].legal_basis = " ".into();
    let errs = t.validate();
    assert!(errs.contains(&TemplateError::MissingTemplateLegalBasis));
    assert!(errs.contains(&TemplateError::MissingItemLegalBasis {
        item: "II.B.3".into()
    }));
}

#[test]
fn show_if_to_an_unknown_item_is_reported() {
    let mut t = sample_template();
    t.groups[0].items[3].show_if.as_mut().unwrap().item = "I.99".into();
    assert!(t.validate().contains(&TemplateError::ShowIfUnknownItem {
        item: "I.4".into(),
        target: "I.99".into()
    }));
}

#[test]
fn show_if_to_an_item_of_another_group_is_reported() {
    let mut t = sample_template();
    t.groups[0].items[3].show_if.as_mut().unwrap().item = "II.B.1".into();
    assert!(t.validate().contains(&TemplateError::ShowIfOtherGroup {
        item: "I.4".into(),
        target: "II.B.1".into(),
        target_group: "II.B".into()
    }));
}

#[test]
fn show_if_with_a_value_the_target_cannot_take_is_reported() {
    let mut t = sample_template();
    // I.2 is yes/no: it can never be "khong_dat".
    t.groups[0].items[2].show_if.as_mut().unwrap().equals = ShowIfValue::KhongDat;
    // I.5 is a count: it can take neither.
    t.groups[0].items[3].show_if.as_mut().unwrap().item = "I.5".into();
    let errs = t.validate();
    assert!(errs.contains(&TemplateError::ShowIfIncompatible {
        item: "I.3".into(),
        target: "I.2".into(),
        answer: AnswerType::YesNo,
        equals: ShowIfValue::KhongDat
    }));
    assert!(errs
        .iter()
        .any(|e| matches!(e, TemplateError::ShowIfIncompatible { item, .. } if item == "I.4")));
}

#[test]
fn show_if_cycles_and_self_references_are_reported() {
    let mut t = sample_template();
    let g = &mut t.groups[0];
    g.items[0] = show_if(g.items[0].clone(), "I.4", ShowIfValue::Yes);
    g.items[3].answer = AnswerType::YesNo;
    g.items[0].answer = AnswerType::Status;
    g.items[0].show_if.as_mut().unwrap().equals = ShowIfValue::Yes;
    g.items[3].show_if.as_mut().unwrap().equals = ShowIfValue::Dat;
    g.items[4] = show_if(
        item("I.5", "Số người", "People", AnswerType::Count, false),
        "I.5",
        ShowIfValue::Yes,
    );
    let errs = t.validate();
    assert!(
        errs.iter()
            .any(|e| matches!(e, TemplateError::ShowIfCycle { .. })),
        "{errs:?}"
    );
    assert!(errs.contains(&TemplateError::ShowIfSelf { item: "I.5".into() }));
}

#[test]
fn control_characters_in_texts_are_reported() {
    let mut t = sample_template();
    t.groups[0].items[0].label.vi = "Công tác\u{0}chỉ đạo".into();
    assert!(t.validate().contains(&TemplateError::ControlCharacter {
        at: "item:I.1/label".into()
    }));
    // Newlines are ordinary text.
    t.groups[0].items[0].label.vi = "Công tác\nchỉ đạo".into();
    assert!(t.validate().is_empty());
}

#[test]
fn repeat_max_must_be_between_1_and_the_limit() {
    let mut t = sample_template();
    t.groups[1].repeat.as_mut().unwrap().max = 0;
    assert!(t.validate().contains(&TemplateError::RepeatMaxOutOfRange {
        group: "II.B".into(),
        max: 0
    }));
}

#[test]
fn empty_templates_and_groups_are_reported() {
    let mut t = sample_template();
    t.groups[1].items.clear();
    assert!(t.validate().contains(&TemplateError::EmptyGroup {
        group: "II.B".into()
    }));
    t.groups.clear();
    assert!(t.validate().contains(&TemplateError::NoGroups));
}

#[test]
fn content_hash_is_sha256_hex_and_ignores_the_version() {
    let t = sample_template();
    let h = content_hash(&t);
    assert_eq!(h.len(), 64);
    assert!(h
        .bytes()
        .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    let mut v2 = t.clone();
    v2.version = 2;
    assert_eq!(content_hash(&v2), h);
}

#[test]
fn content_hash_changes_with_any_content_change() {
    let t = sample_template();
    let mut u = t.clone();
    u.groups[0].items[0].required = false;
    assert_ne!(content_hash(&u), content_hash(&t));
    let mut w = t.clone();
    w.groups[0].items[0].label.en.push('.');
    assert_ne!(content_hash(&w), content_hash(&t));
}

#[test]
fn content_hash_does_not_depend_on_key_order_in_the_source_json() {
    let a: Template = serde_json::from_str(CONTRACT_EXAMPLE).unwrap();
    let reordered = CONTRACT_EXAMPLE.replace(
        r#""title": {"vi": "Phiếu kiểm tra", "en": "Checklist"},"#,
        r#""title": {"en": "Checklist", "vi": "Phiếu kiểm tra"},"#,
    );
    assert_ne!(reordered, CONTRACT_EXAMPLE);
    let b: Template = serde_json::from_str(&reordered).unwrap();
    assert_eq!(content_hash(&a), content_hash(&b));
}

#[test]
fn canonical_json_sorts_keys_at_every_level() {
    let v: serde_json::Value =
        serde_json::from_str(r#"{"b":1,"a":{"z":[{"y":1,"x":2}],"c":"đ"}}"#).unwrap();
    assert_eq!(
        canonical_json(&v),
        r#"{"a":{"c":"đ","z":[{"x":2,"y":1}]},"b":1}"#
    );
}

#[test]
fn template_ref_pins_id_version_and_hash() {
    let t = sample_template();
    let r = t.to_ref();
    assert!(t.matches_ref(&r));
    let mut changed = t.clone();
    changed.title.vi.push('!');
    assert!(!changed.matches_ref(&r));
}
