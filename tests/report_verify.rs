//! The "check a file" function: intact files are valid, any change to the
//! content is caught, and hostile input never panics.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/report/fixtures.rs"]
mod fixtures;

use fixtures::*;
use kiemtra::report::canonical::content_sha256;
use kiemtra::report::verify::{Malformed, MAX_FILE_BYTES};
use kiemtra::report::{export, verify, CanonicalError, ReportContent, VerifyResult};
use serde_json::{json, Value};

fn periodic_text() -> String {
    export(periodic_content(), APP_VERSION, generated_at())
        .unwrap()
        .text
}

fn with(text: &str, edit: impl FnOnce(&mut Value)) -> String {
    let mut v: Value = serde_json::from_str(text).unwrap();
    edit(&mut v);
    serde_json::to_string_pretty(&v).unwrap()
}

/// Re-hashes the content after an edit so only the later checks can fail.
fn rehash(v: &mut Value) {
    v["content_sha256"] = content_sha256(&v["content"]).unwrap().into();
}

#[test]
fn an_exported_file_is_valid_and_gives_back_the_report() {
    let VerifyResult::Valid { envelope } = verify(&periodic_text()) else {
        panic!("not valid")
    };
    assert_eq!(envelope.report, periodic_content());
    assert_eq!(envelope.generated_at, generated_at());
}

#[test]
fn changing_any_single_letter_or_digit_of_the_content_is_detected() {
    let text = periodic_text();
    let start = text.find("\"content\":").unwrap();
    let bytes = text.as_bytes();
    let mut checked = 0;
    for i in start + 11..bytes.len() {
        let b = bytes[i];
        if !b.is_ascii_alphanumeric() {
            continue;
        }
        let mut changed = bytes.to_vec();
        changed[i] = if b == b'1' {
            b'2'
        } else if b.is_ascii_digit() {
            b'1'
        } else if b == b'a' {
            b'b'
        } else {
            b'a'
        };
        let changed = String::from_utf8(changed).unwrap();
        let result = verify(&changed);
        assert!(
            !matches!(result, VerifyResult::Valid { .. }),
            "byte {i} change not detected"
        );
        checked += 1;
    }
    assert!(checked > 1000, "only {checked} positions checked");
}

#[test]
fn a_changed_figure_reports_both_hashes() {
    let text = periodic_text();
    let changed = text.replacen("\"so_vu_phat_hien\": 1284", "\"so_vu_phat_hien\": 1285", 1);
    assert_ne!(changed, text);
    let original = export(periodic_content(), APP_VERSION, generated_at())
        .unwrap()
        .content_sha256;
    match verify(&changed) {
        VerifyResult::HashMismatch { expected, actual } => {
            assert_eq!(expected, original);
            assert_ne!(actual, original);
            assert_eq!(actual.len(), 64);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn reformatting_the_file_keeps_it_valid_because_only_the_content_value_is_hashed() {
    let compact =
        serde_json::to_string(&serde_json::from_str::<Value>(&periodic_text()).unwrap()).unwrap();
    assert!(matches!(verify(&compact), VerifyResult::Valid { .. }));
}

#[test]
fn a_header_that_disagrees_with_the_content_is_reported() {
    let text = with(&periodic_text(), |v| {
        v["reporting_unit"]["ten"] = "Ủy ban nhân dân quận Cái Răng".into()
    });
    assert_eq!(
        verify(&text),
        VerifyResult::HeaderMismatch {
            field: "reporting_unit"
        }
    );
    let text = with(&periodic_text(), |v| {
        v["period"]["tu_ngay"] = "2020-12-16".into()
    });
    assert_eq!(
        verify(&text),
        VerifyResult::HeaderMismatch { field: "period" }
    );
}

#[test]
fn other_schemas_and_major_versions_are_unknown_but_minor_versions_are_accepted() {
    let text = with(&periodic_text(), |v| {
        v["schema"] = "urn:other:report:v1".into()
    });
    assert!(
        matches!(verify(&text), VerifyResult::UnknownSchema { ref schema, .. } if schema == "urn:other:report:v1")
    );
    let text = with(&periodic_text(), |v| v["schema_version"] = "2.0.0".into());
    assert!(
        matches!(verify(&text), VerifyResult::UnknownSchema { ref schema_version, .. } if schema_version == "2.0.0")
    );
    for bad in [json!("1.0"), json!("1.0.0-x"), json!(1), json!("01.0.0a")] {
        let text = with(&periodic_text(), |v| v["schema_version"] = bad);
        assert!(matches!(verify(&text), VerifyResult::UnknownSchema { .. }));
    }
    let text = with(&periodic_text(), |v| {
        v["schema_version"] = "1.4.2".into();
        v["a_field_added_later"] = json!({"x": 1});
    });
    assert!(matches!(verify(&text), VerifyResult::Valid { .. }));
}

#[test]
fn the_kind_tag_must_match_the_content() {
    let text = with(&periodic_text(), |v| v["report_kind"] = "kiem_tra".into());
    assert!(matches!(
        verify(&text),
        VerifyResult::Malformed(Malformed::Structure(_))
    ));
}

#[test]
fn content_with_a_correct_hash_but_wrong_structure_is_malformed() {
    let text = with(&periodic_text(), |v| {
        v["content"] = json!({"xu_phat": {"so_vu_phat_hien": -1}});
        rehash(v);
    });
    assert!(matches!(
        verify(&text),
        VerifyResult::Malformed(Malformed::Structure(_))
    ));
}

#[test]
fn floats_and_del_in_the_content_are_malformed() {
    let text = with(&periodic_text(), |v| {
        v["content"]["xu_phat"]["so_vu_phat_hien"] = json!(1284.0)
    });
    assert!(matches!(
        verify(&text),
        VerifyResult::Malformed(Malformed::NonCanonical(CanonicalError::Float { ref path })) if path == "/xu_phat/so_vu_phat_hien"
    ));
    let text = with(&periodic_text(), |v| {
        v["content"]["xu_phat"]["nhan_xet"] = "a\u{7f}".into()
    });
    assert!(matches!(
        verify(&text),
        VerifyResult::Malformed(Malformed::NonCanonical(
            CanonicalError::ForbiddenChar { .. }
        ))
    ));
}

#[test]
fn hostile_inputs_are_rejected_without_panicking() {
    let deep = "[".repeat(100_000);
    let deep_in_content = format!(
        "{{\"schema\":\"urn:kiemtra:report:v1\",\"schema_version\":\"1.0.0\",\"content_sha256\":\"{}\",\"content\":{}",
        "0".repeat(64),
        "{\"a\":".repeat(50_000)
    );
    let cases: Vec<String> = vec![
        String::new(),
        " ".into(),
        "null".into(),
        "[]".into(),
        "\"chuỗi\"".into(),
        "{".into(),
        "{}".into(),
        "{\"schema\": 5}".into(),
        "{\"schema\":\"urn:kiemtra:report:v1\",\"schema_version\":\"1.0.0\"}".into(),
        "{\"schema\":\"urn:kiemtra:report:v1\",\"schema_version\":\"1.0.0\",\"content_sha256\":\"XYZ\",\"content\":{}}".into(),
        format!("{{\"schema\":\"urn:kiemtra:report:v1\",\"schema_version\":\"1.0.0\",\"content_sha256\":\"{}\",\"content\":\"x\"}}", "0".repeat(64)),
        "{\"a\":\"\\ud800\"}".into(),
        "\u{feff}{}".into(),
        deep,
        deep_in_content,
        "1e999999".into(),
    ];
    for case in cases {
        let result = verify(&case);
        assert!(
            matches!(
                result,
                VerifyResult::Malformed(_) | VerifyResult::UnknownSchema { .. }
            ),
            "{:?} -> {result:?}",
            case.chars().take(40).collect::<String>()
        );
    }
}

#[test]
fn every_truncation_of_a_valid_file_is_rejected_without_panicking() {
    let text = export(inspection_content(), APP_VERSION, generated_at())
        .unwrap()
        .text;
    let end = text.trim_end().len();
    for (i, _) in text.char_indices().filter(|(i, _)| *i < end) {
        assert!(!matches!(verify(&text[..i]), VerifyResult::Valid { .. }));
    }
}

#[test]
fn files_over_the_size_limit_are_refused_before_parsing() {
    let big = " ".repeat(MAX_FILE_BYTES + 1);
    assert_eq!(
        verify(&big),
        VerifyResult::Malformed(Malformed::TooLarge {
            size: MAX_FILE_BYTES + 1,
            limit: MAX_FILE_BYTES
        })
    );
}

#[test]
fn a_too_large_file_is_described_in_megabytes_not_bytes() {
    let m = Malformed::TooLarge {
        size: MAX_FILE_BYTES + 1,
        limit: MAX_FILE_BYTES,
    };
    assert_eq!(
        m.to_string(),
        "tệp quá lớn: dung lượng 10,1 MB (tối đa 10 MB)"
    );
    let m = Malformed::TooLarge {
        size: 25 * 1024 * 1024,
        limit: MAX_FILE_BYTES,
    };
    assert_eq!(
        m.to_string(),
        "tệp quá lớn: dung lượng 25 MB (tối đa 10 MB)"
    );
    assert!(!m.to_string().contains("byte"));
}

#[test]
fn the_inspection_golden_fixture_round_trips_through_verify() {
    let text = export(inspection_content(), APP_VERSION, generated_at())
        .unwrap()
        .text;
    let VerifyResult::Valid { envelope } = verify(&text) else {
        panic!()
    };
    let ReportContent::KiemTra(report) = envelope.report else {
        panic!()
    };
    assert!(report.totals_consistent());
}

#[test]
fn a_yearly_thpl_report_file_is_valid_and_names_its_kind_and_window() {
    let file = export(thpl_content(), APP_VERSION, generated_at()).unwrap();
    assert_eq!(
        file.file_name,
        "bao-cao-theo-doi-thpl_320-BC-UBND_2021_ubnd-thanh-pho-can-tho.json"
    );
    let VerifyResult::Valid { envelope } = verify(&file.text) else {
        panic!("not valid")
    };
    assert_eq!(envelope.report.kind_code(), "theo_doi_thpl");
    assert_eq!(envelope.report, thpl_content());
    assert_eq!(envelope.period.tu_ngay, d(2020, 12, 1));
    assert_eq!(envelope.period.den_ngay, d(2021, 11, 30));
    // One changed count is detected.
    let altered = file
        .text
        .replacen("\"so_cuoc_kiem_tra\": 1", "\"so_cuoc_kiem_tra\": 7", 1);
    assert_ne!(altered, file.text);
    assert!(matches!(
        verify(&altered),
        VerifyResult::HashMismatch { .. }
    ));
}

/// `ReportEnvelope::from_json_value` (what `verify` reads a file with)
/// accepts and refuses what the derived reader does, and gives the same
/// envelope: the golden files of every kind, and each of them edited.
#[test]
fn the_file_reader_agrees_with_the_derived_one() {
    use kiemtra::report::ReportEnvelope;
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/report");
    let mut files: Vec<Value> = Vec::new();
    for sub in ["", "/v1.1.0"] {
        for entry in std::fs::read_dir(format!("{dir}{sub}")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                files.push(serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap());
            }
        }
    }
    assert!(files.len() >= 8, "{}", files.len());
    type Edit = fn(&mut Value);
    let edits: [Edit; 15] = [
        |_| {},
        |v| v["report_kind"] = "kiem_tra".into(),
        |v| v["report_kind"] = "tong_hop".into(),
        |v| v["report_kind"] = "theo_doi_thpl".into(),
        |v| v["report_kind"] = "khac".into(),
        |v| v["report_kind"] = json!(1),
        |v| drop(v.as_object_mut().unwrap().remove("report_kind")),
        |v| drop(v.as_object_mut().unwrap().remove("content")),
        |v| v["content"] = Value::Null,
        |v| drop(v.as_object_mut().unwrap().remove("period")),
        |v| v["generated_at"] = "hôm qua".into(),
        |v| v["signature"] = Value::Null,
        |v| v["canonicalization"] = Value::Null,
        |v| v["them"] = json!({"x": [1, 2]}),
        |v| *v = json!([v.clone()]),
    ];
    let mut accepted = 0;
    for file in &files {
        for edit in edits {
            let mut v = file.clone();
            edit(&mut v);
            let derived = serde_json::from_value::<ReportEnvelope>(v.clone());
            let ours = ReportEnvelope::from_json_value(v.clone());
            match (derived, ours) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a, b);
                    accepted += 1;
                }
                (Err(_), Err(_)) => {}
                (a, b) => panic!("derived {a:?}, ours {b:?} for {v}"),
            }
        }
    }
    // The unedited files, and the edits that keep a file readable.
    assert!(accepted >= 4 * files.len(), "{accepted}");
}
