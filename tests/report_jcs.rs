//! RFC 8785 (JCS): the app's canonical form of signed files equals the
//! published test vectors byte for byte, and old files keep their own rule.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/report/fixtures.rs"]
mod fixtures;

use std::path::PathBuf;

use fixtures::*;
use kiemtra::report::jcs::{to_jcs_bytes, Rule};
use kiemtra::report::{export, verify, ReportContent, VerifyResult};
use serde_json::{json, Value};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/jcs")
}

#[test]
fn every_published_rfc8785_vector_canonicalises_to_its_expected_bytes() {
    let mut n = 0;
    for name in [
        "arrays",
        "french",
        "structures",
        "unicode",
        "values",
        "weird",
    ] {
        let input =
            std::fs::read_to_string(dir().join("input").join(format!("{name}.json"))).unwrap();
        let expected = std::fs::read(dir().join("output").join(format!("{name}.json"))).unwrap();
        let value: Value = serde_json::from_str(&input).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&to_jcs_bytes(&value)),
            String::from_utf8_lossy(&expected),
            "vector {name}"
        );
        n += 1;
    }
    assert_eq!(n, 6);
}

#[test]
fn numbers_are_written_as_ecmascript_writes_them() {
    // Samples of the ES6 number test file named in the vectors' README.
    for (bits, expected) in [
        (0x4340000000000001_u64, "9007199254740994"),
        (0x4340000000000002, "9007199254740996"),
        (0x444b1ae4d6e2ef50, "1e+21"),
        (0x3eb0c6f7a0b5ed8d, "0.000001"),
        (0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"),
        (0x8000000000000000, "0"),
        (0, "0"),
    ] {
        let v = json!([f64::from_bits(bits)]);
        assert_eq!(
            String::from_utf8(to_jcs_bytes(&v)).unwrap(),
            format!("[{expected}]")
        );
    }
}

#[test]
fn keys_are_ordered_by_utf16_code_units_where_the_first_rule_used_utf8_bytes() {
    // U+FB33 (one UTF-16 unit, 0xFB33) sorts after U+1F602 (surrogates
    // 0xD83D…) under JCS, before it under UTF-8 byte order.
    let v = json!({"\u{fb33}": 1, "\u{1f602}": 2});
    assert_eq!(
        String::from_utf8(to_jcs_bytes(&v)).unwrap(),
        "{\"\u{1f602}\":2,\"\u{fb33}\":1}"
    );
    assert_ne!(
        Rule::Jcs.content_sha256(&v).unwrap(),
        Rule::Legacy.content_sha256(&v).unwrap()
    );
    // Plain ASCII keys: both rules give the same bytes.
    let plain = json!({"b": [1, "đ"], "a": null});
    assert_eq!(
        Rule::Jcs.content_sha256(&plain).unwrap(),
        Rule::Legacy.content_sha256(&plain).unwrap()
    );
}

#[test]
fn a_new_file_names_its_rule_and_an_old_file_verifies_under_its_own() {
    let file = export(
        ReportContent::DinhKy(periodic_ninh_kieu_2021()),
        APP_VERSION,
        generated_at(),
    )
    .unwrap();
    let mut v: Value = serde_json::from_str(&file.text).unwrap();
    assert_eq!(v["canonicalization"], "rfc8785");
    assert_eq!(v["schema_version"], "1.2.0");
    assert!(matches!(verify(&file.text), VerifyResult::Valid { .. }));

    // A 1.1 file whose content has keys that the two rules order apart:
    // its hash is the first rule's, and it still verifies.
    v["content"]["so_ky_hieu"] = json!({"\u{fb33}": "a", "\u{1f602}": "b"});
    let legacy = Rule::Legacy.content_sha256(&v["content"]).unwrap();
    let mut old = v.clone();
    let o = old.as_object_mut().unwrap();
    o.remove("canonicalization");
    o.insert("schema_version".into(), json!("1.1.0"));
    o.insert("content_sha256".into(), json!(legacy));
    // (The edited field no longer fits the typed report; only the hash
    // step matters here, which comes first.)
    let text = serde_json::to_string(&old).unwrap();
    assert!(!matches!(verify(&text), VerifyResult::HashMismatch { .. }));
    // The same bytes claimed as JCS do not match the first rule's hash.
    old.as_object_mut()
        .unwrap()
        .insert("canonicalization".into(), json!("rfc8785"));
    let text = serde_json::to_string(&old).unwrap();
    assert!(matches!(verify(&text), VerifyResult::HashMismatch { .. }));
}

#[test]
fn an_unknown_canonicalization_is_refused() {
    let file = export(
        ReportContent::DinhKy(periodic_ninh_kieu_2021()),
        APP_VERSION,
        generated_at(),
    )
    .unwrap();
    let mut v: Value = serde_json::from_str(&file.text).unwrap();
    v["canonicalization"] = json!("c14n-khac");
    assert!(matches!(
        verify(&serde_json::to_string(&v).unwrap()),
        VerifyResult::Malformed(_)
    ));
}
