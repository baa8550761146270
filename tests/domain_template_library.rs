//! Template versions, diff and hardened import.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use kiemtra::domain::answer::{Answer, AnswerKey, AnswerValue, ItemStatus};
use kiemtra::domain::error::DomainError;
use kiemtra::domain::ids::TemplateId;
use kiemtra::domain::template::{
    answers_dropped, diff, parse_template_json, AnswerType, ClashPolicy, ImportError, ImportLimits,
    ItemChangeKind, ItemLoc, Repeat, SaveOutcome, TemplateError, TemplateLibrary,
};
use std::collections::{BTreeMap, BTreeSet};
use support::{item, sample_template, t};

fn id() -> TemplateId {
    TemplateId::new("xlvphc-mau-thu").unwrap()
}

#[test]
fn saving_an_unknown_template_stores_version_1() {
    let mut lib = TemplateLibrary::new();
    let mut tpl = sample_template();
    tpl.version = 9;
    assert_eq!(
        lib.save_new_version(tpl).unwrap(),
        SaveOutcome::Saved { version: 1 }
    );
    assert_eq!(lib.latest(&id()).unwrap().version, 1);
}

#[test]
fn saving_unchanged_content_does_not_create_a_version() {
    let mut lib = TemplateLibrary::new();
    lib.insert(sample_template()).unwrap();
    assert_eq!(
        lib.save_new_version(sample_template()).unwrap(),
        SaveOutcome::Unchanged { version: 1 }
    );
    assert_eq!(lib.versions(&id()).len(), 1);
}

#[test]
fn saving_changed_content_creates_the_next_version_and_keeps_the_old_one() {
    let mut lib = TemplateLibrary::new();
    lib.insert(sample_template()).unwrap();
    let mut edited = sample_template();
    edited.groups[0].items[0].label.vi = "Công tác chỉ đạo, điều hành".into();
    assert_eq!(
        lib.save_new_version(edited).unwrap(),
        SaveOutcome::Saved { version: 2 }
    );
    assert_eq!(lib.versions(&id()).len(), 2);
    assert_eq!(lib.get(&id(), 1).unwrap(), &sample_template());
    assert_eq!(
        lib.latest(&id()).unwrap().groups[0].items[0].label.vi,
        "Công tác chỉ đạo, điều hành"
    );
}

#[test]
fn invalid_templates_are_never_stored() {
    let mut lib = TemplateLibrary::new();
    let mut bad = sample_template();
    bad.groups[0].items[1].code = "I.1".into();
    assert!(matches!(
        lib.save_new_version(bad),
        Err(DomainError::InvalidTemplate { .. })
    ));
    assert!(lib.latest(&id()).is_none());
}

#[test]
fn inserting_other_content_under_an_existing_version_is_refused() {
    let mut lib = TemplateLibrary::new();
    lib.insert(sample_template()).unwrap();
    lib.insert(sample_template()).unwrap(); // identical: no-op
    let mut other = sample_template();
    other.title.vi = "Khác".into();
    assert_eq!(
        lib.insert(other),
        Err(DomainError::TemplateVersionClash {
            id: id(),
            version: 1
        })
    );
}

#[test]
fn a_version_in_use_cannot_be_removed_but_an_unused_one_can() {
    let mut lib = TemplateLibrary::new();
    lib.insert(sample_template()).unwrap();
    let mut v2 = sample_template();
    v2.title.vi = "Phiếu kiểm tra (sửa đổi)".into();
    lib.save_new_version(v2).unwrap();
    let in_use: BTreeSet<_> = [(id(), 1)].into_iter().collect();
    assert_eq!(
        lib.remove_version(&id(), 1, &in_use),
        Err(DomainError::TemplateVersionInUse {
            id: id(),
            version: 1
        })
    );
    assert_eq!(lib.remove_version(&id(), 2, &in_use).unwrap().version, 2);
    assert_eq!(lib.versions(&id()).len(), 1);
}

#[test]
fn resolve_detects_a_stored_version_whose_content_no_longer_matches_its_pin() {
    let mut lib = TemplateLibrary::new();
    lib.insert(sample_template()).unwrap();
    let mut r = sample_template().to_ref();
    assert!(lib.resolve(&r).is_ok());
    r.hash = "0".repeat(64);
    assert_eq!(
        lib.resolve(&r),
        Err(DomainError::TemplateHashMismatch {
            id: id(),
            version: 1
        })
    );
    r.version = 5;
    assert!(matches!(
        lib.resolve(&r),
        Err(DomainError::TemplateNotFound { .. })
    ));
}

#[test]
fn library_round_trips_through_json() {
    let mut lib = TemplateLibrary::new();
    lib.insert(sample_template()).unwrap();
    let json = serde_json::to_string(&lib).unwrap();
    assert_eq!(serde_json::from_str::<TemplateLibrary>(&json).unwrap(), lib);
}

#[test]
fn diff_lists_added_removed_and_changed_items() {
    let old = sample_template();
    let mut new = sample_template();
    new.version = 2;
    new.groups[0].items.remove(4); // I.5 removed
    new.groups[0].items[0].label.vi = "Chỉ đạo, điều hành".into();
    new.groups[0].items[1].required = false;
    new.groups[0].items[2].show_if = None;
    new.groups[1].items[2].answer = AnswerType::Count;
    new.groups[1].items.push(item(
        "II.B.4",
        "Lưu trữ hồ sơ",
        "Archiving",
        AnswerType::Status,
        false,
    ));
    let d = diff(&old, &new);
    assert_eq!((d.from_version, d.to_version), (1, 2));
    assert_eq!(
        d.items_added,
        vec![ItemLoc {
            group: "II.B".into(),
            item: "II.B.4".into()
        }]
    );
    assert_eq!(
        d.items_removed,
        vec![ItemLoc {
            group: "I".into(),
            item: "I.5".into()
        }]
    );
    let changes: BTreeMap<_, _> = d
        .items_changed
        .iter()
        .map(|c| (c.item.as_str(), &c.changes))
        .collect();
    assert_eq!(changes["I.1"], &vec![ItemChangeKind::Label]);
    assert_eq!(
        changes["I.2"],
        &vec![ItemChangeKind::Required {
            from: true,
            to: false
        }]
    );
    assert!(matches!(
        changes["I.3"][0],
        ItemChangeKind::ShowIf { to: None, .. }
    ));
    assert_eq!(
        changes["II.B.3"],
        &vec![ItemChangeKind::AnswerType {
            from: AnswerType::Money,
            to: AnswerType::Count
        }]
    );
    assert!(!d.header_changed);
    assert!(!d.is_empty());
}

#[test]
fn diff_of_identical_templates_is_empty() {
    assert!(diff(&sample_template(), &sample_template()).is_empty());
}

#[test]
fn answers_dropped_lists_removed_items_and_answer_type_changes_only() {
    let old = sample_template();
    let mut new = sample_template();
    new.version = 2;
    new.groups[0].items.remove(4);
    new.groups[1].items[2].answer = AnswerType::Count;
    new.groups[0].items[0].label.vi = "Chỉ đạo".into();
    let mut answers = BTreeMap::new();
    answers.insert(
        AnswerKey::new("I", 0, "I.1"),
        Answer::status(ItemStatus::Dat),
    );
    answers.insert(
        AnswerKey::new("I", 0, "I.5"),
        Answer::value(AnswerValue::Count(4)),
    );
    answers.insert(
        AnswerKey::new("II.B", 1, "II.B.3"),
        Answer::value(AnswerValue::Money(1_500_000)),
    );
    let dropped = answers_dropped(&diff(&old, &new), &answers);
    assert_eq!(
        dropped,
        vec![
            AnswerKey::new("I", 0, "I.5"),
            AnswerKey::new("II.B", 1, "II.B.3")
        ]
    );
}

#[test]
fn shrinking_a_repeat_drops_answers_of_instances_beyond_the_new_max() {
    let old = sample_template();
    let mut new = sample_template();
    new.version = 2;
    new.groups[1].repeat = Some(Repeat {
        label: t("Biên bản vi phạm hành chính", "Violation record"),
        max: 1,
    });
    let mut answers = BTreeMap::new();
    answers.insert(
        AnswerKey::new("II.B", 0, "II.B.1"),
        Answer::status(ItemStatus::Dat),
    );
    answers.insert(
        AnswerKey::new("II.B", 2, "II.B.1"),
        Answer::status(ItemStatus::KhongDat),
    );
    let d = diff(&old, &new);
    assert_eq!(d.groups_changed.len(), 1);
    assert_eq!(
        answers_dropped(&d, &answers),
        vec![AnswerKey::new("II.B", 2, "II.B.1")]
    );
}

// ---- import ----------------------------------------------------------------

fn json_of_sample() -> String {
    serde_json::to_string_pretty(&sample_template()).unwrap()
}

#[test]
fn importing_a_valid_template_stores_it() {
    let mut lib = TemplateLibrary::new();
    let (tid, outcome) = lib
        .import(
            &json_of_sample(),
            &ImportLimits::default(),
            ClashPolicy::Reject,
        )
        .unwrap();
    assert_eq!((tid, outcome), (id(), SaveOutcome::Saved { version: 1 }));
}

#[test]
fn importing_with_a_byte_order_mark_works() {
    let json = format!("\u{feff}{}", json_of_sample());
    assert!(parse_template_json(&json, &ImportLimits::default()).is_ok());
}

#[test]
fn importing_an_existing_id_is_refused_unless_a_new_version_is_wanted() {
    let mut lib = TemplateLibrary::new();
    lib.insert(sample_template()).unwrap();
    let limits = ImportLimits::default();
    assert_eq!(
        lib.import(&json_of_sample(), &limits, ClashPolicy::Reject),
        Err(ImportError::IdClash {
            id: id(),
            latest_version: 1
        })
    );
    let same = lib
        .import(&json_of_sample(), &limits, ClashPolicy::NewVersion)
        .unwrap();
    assert_eq!(same.1, SaveOutcome::Unchanged { version: 1 });
    let changed = json_of_sample().replace("Số tiền phạt thu được", "Số tiền phạt đã thu");
    let saved = lib
        .import(&changed, &limits, ClashPolicy::NewVersion)
        .unwrap();
    assert_eq!(saved.1, SaveOutcome::Saved { version: 2 });
}

#[test]
fn malformed_json_is_reported_with_its_position() {
    let err =
        parse_template_json("{\n  \"id\": \"x\",\n  oops", &ImportLimits::default()).unwrap_err();
    assert!(
        matches!(err, ImportError::Malformed { line: 3, .. }),
        "{err:?}"
    );
    assert!(matches!(
        parse_template_json("", &ImportLimits::default()),
        Err(ImportError::Malformed { .. })
    ));
    assert!(matches!(
        parse_template_json("{\"id\": \"x\"", &ImportLimits::default()),
        Err(ImportError::Malformed { .. })
    ));
}

#[test]
fn json_of_the_wrong_shape_is_reported_as_such() {
    let limits = ImportLimits::default();
    for s in ["[]", "42", "{}", r#"{"id": "Không-hợp-lệ"}"#, "\"xlvphc\""] {
        assert!(
            matches!(
                parse_template_json(s, &limits),
                Err(ImportError::WrongShape { .. })
            ),
            "{s}"
        );
    }
    let wrong_type = json_of_sample().replacen("\"version\": 1", "\"version\": \"một\"", 1);
    assert!(matches!(
        parse_template_json(&wrong_type, &limits),
        Err(ImportError::WrongShape { .. })
    ));
}

#[test]
fn a_template_breaking_the_rules_is_reported_with_all_problems() {
    let dup = json_of_sample().replace("\"II.B.2\"", "\"II.B.1\"");
    match parse_template_json(&dup, &ImportLimits::default()) {
        Err(ImportError::Invalid { errors }) => {
            assert!(errors.contains(&TemplateError::DuplicateItemCode {
                code: "II.B.1".into()
            }))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn oversized_input_is_refused_before_parsing() {
    let huge = format!("{{\"id\": \"{}\"}}", "a".repeat(2 * 1024 * 1024));
    assert!(matches!(
        parse_template_json(&huge, &ImportLimits::default()),
        Err(ImportError::TooLarge { max: 1_048_576, .. })
    ));
}

#[test]
fn deeply_nested_json_is_refused_without_recursing() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(
        parse_template_json(&deep, &ImportLimits::default()),
        Err(ImportError::TooDeep { max: 16 })
    );
    // Brackets inside strings do not count.
    let in_string = json_of_sample().replace("Số tiền phạt thu được", &"[".repeat(100));
    assert!(parse_template_json(&in_string, &ImportLimits::default()).is_ok());
}

#[test]
fn long_strings_and_long_arrays_are_refused() {
    let limits = ImportLimits::default();
    let long = json_of_sample().replace("Số tiền phạt thu được", &"đ".repeat(30_000));
    assert_eq!(
        parse_template_json(&long, &limits),
        Err(ImportError::StringTooLong { max: 20_000 })
    );
    let many = json_of_sample().replace(
        "\"legal_basis\": [\n    \"NĐ 19/2020/NĐ-CP\"\n  ]",
        &format!("\"legal_basis\": [{}\"x\"]", "\"x\",".repeat(3000)),
    );
    assert_eq!(
        parse_template_json(&many, &limits),
        Err(ImportError::ArrayTooLong { max: 2000 })
    );
}

#[test]
fn escaped_control_characters_are_caught_by_validation() {
    let json = json_of_sample().replace("Số tiền phạt thu được", "Số tiền\\u0007phạt");
    match parse_template_json(&json, &ImportLimits::default()) {
        Err(ImportError::Invalid { errors }) => {
            assert!(errors.contains(&TemplateError::ControlCharacter {
                at: "item:II.B.3/label".into()
            }))
        }
        other => panic!("{other:?}"),
    }
    // A raw control character is a JSON syntax error.
    let raw = json_of_sample().replace("Số tiền phạt thu được", "Số tiền\u{1}phạt");
    assert!(matches!(
        parse_template_json(&raw, &ImportLimits::default()),
        Err(ImportError::Malformed { .. })
    ));
}

#[test]
fn too_many_items_are_refused() {
    let limits = ImportLimits {
        max_items: 3,
        ..ImportLimits::default()
    };
    assert_eq!(
        parse_template_json(&json_of_sample(), &limits),
        Err(ImportError::TooManyItems { count: 8, max: 3 })
    );
}

#[test]
fn hostile_inputs_never_panic() {
    let limits = ImportLimits::default();
    let cases = [
        "\u{0}".to_string(),
        "{".repeat(17),
        "\"\\".to_string(),
        "{\"id\":\"\\ud800\"}".to_string(),
        "[1e999999]".to_string(),
        "{\"groups\": null}".to_string(),
        "-".to_string(),
        "{\"a\":".repeat(20),
        "\u{feff}\u{feff}{}".to_string(),
    ];
    for c in cases {
        assert!(parse_template_json(&c, &limits).is_err(), "{c:?}");
    }
}

#[test]
fn duplicated_json_keys_are_refused_rather_than_silently_collapsed() {
    let json = json_of_sample().replacen(
        "\"version\": 1,",
        "\"version\": 1,\n  \"id\": \"mau-khac\",",
        1,
    );
    assert!(matches!(
        parse_template_json(&json, &ImportLimits::default()),
        Err(ImportError::WrongShape { .. })
    ));
}
