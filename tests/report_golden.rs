//! Exported report files equal the committed golden files byte for byte,
//! their hashes are stable, and they validate against the committed schema.
//! Schema 1.2.0 (issue #15) changed every golden deliberately: the version,
//! and `"canonicalization": "rfc8785"` before the hash (the hashes stay the
//! same: report keys are ASCII, where JCS and the first rule agree). The
//! signed golden is deterministic because ECDSA here uses RFC 6979 nonces
//! with a fixed test key. The 1.1.0 goldens are kept under `v1.1.0/` and
//! must keep verifying.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/report/fixtures.rs"]
mod fixtures;
#[path = "fixtures/keys/test_keys.rs"]
mod test_keys;

use std::path::PathBuf;

use fixtures::*;
use kiemtra::report::{export, verify, ReportContent, VerifyResult};

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/report")
}

/// Compares `text` with the golden file; `KIEMTRA_BLESS=1` rewrites it.
fn assert_golden(name: &str, text: &str) {
    let path = fixture_dir().join(name);
    if std::env::var_os("KIEMTRA_BLESS").is_some() {
        std::fs::write(&path, text).unwrap();
    }
    let golden = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        golden == text,
        "{} differs from the export; if the change is intended run \
         `KIEMTRA_BLESS=1 cargo test --test report_golden` and review the diff",
        path.display()
    );
}

fn schema_validator() -> jsonschema::Validator {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema/report-v1.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn cases() -> Vec<(&'static str, ReportContent)> {
    vec![
        ("dinh_ky_ninh_kieu_2021.golden.json", periodic_content()),
        ("kiem_tra_09-KH-UBND_2021.golden.json", inspection_content()),
        ("dinh_ky_hostile_strings.golden.json", hostile_periodic()),
        ("theo_doi_thpl_can_tho_2021.golden.json", thpl_content()),
    ]
}

#[test]
fn exported_files_equal_the_golden_files_byte_for_byte() {
    for (name, content) in cases() {
        let file = export(content, APP_VERSION, generated_at()).unwrap();
        assert_golden(name, &file.text);
    }
}

#[test]
fn a_signed_export_equals_its_golden_file_and_validates_against_the_schema() {
    let file = test_keys::unit_a().export(periodic_content(), APP_VERSION, generated_at());
    assert_golden("dinh_ky_ninh_kieu_2021.signed.golden.json", &file.text);
    let value: serde_json::Value = serde_json::from_str(&file.text).unwrap();
    let validator = schema_validator();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert!(matches!(verify(&file.text), VerifyResult::Valid { .. }));
}

#[test]
fn files_of_schema_1_1_0_keep_verifying_under_their_own_rule() {
    for name in [
        "dinh_ky_hostile_strings.json",
        "dinh_ky_ninh_kieu_2021.json",
        "kiem_tra_09-KH-UBND_2021.json",
    ] {
        let text = std::fs::read_to_string(fixture_dir().join("v1.1.0").join(name)).unwrap();
        assert!(text.contains("\"schema_version\": \"1.1.0\""));
        assert!(!text.contains("canonicalization"));
        match verify(&text) {
            VerifyResult::Valid { envelope } => {
                assert_eq!(envelope.canonicalization, None);
                assert_eq!(envelope.signature, None);
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn exporting_the_same_data_twice_gives_the_same_bytes_and_hash() {
    for (_, content) in cases() {
        let a = export(content.clone(), APP_VERSION, generated_at()).unwrap();
        let b = export(content, APP_VERSION, generated_at()).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.content_sha256.len(), 64);
    }
}

#[test]
fn the_content_hash_does_not_depend_on_generation_time_or_app_version() {
    let a = export(periodic_content(), "0.1.0", generated_at()).unwrap();
    let later = generated_at() + chrono::Duration::days(3);
    let b = export(periodic_content(), "0.2.0", later).unwrap();
    assert_eq!(a.content_sha256, b.content_sha256);
    assert_ne!(a.text, b.text);
}

#[test]
fn changing_one_figure_changes_the_hash() {
    let mut report = periodic_ninh_kieu_2021();
    let a = export(
        ReportContent::DinhKy(report.clone()),
        APP_VERSION,
        generated_at(),
    )
    .unwrap();
    report.xu_phat.tong_tien_thu_vnd = Some(4_376_500_001);
    let b = export(ReportContent::DinhKy(report), APP_VERSION, generated_at()).unwrap();
    assert_ne!(a.content_sha256, b.content_sha256);
}

#[test]
fn every_exported_fixture_validates_against_the_committed_schema() {
    let validator = schema_validator();
    for (name, content) in cases() {
        let file = export(content, APP_VERSION, generated_at()).unwrap();
        let value: serde_json::Value = serde_json::from_str(&file.text).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn the_schema_rejects_a_wrong_kind_a_bad_hash_and_a_float_count() {
    let validator = schema_validator();
    let file = export(periodic_content(), APP_VERSION, generated_at()).unwrap();
    let good: serde_json::Value = serde_json::from_str(&file.text).unwrap();
    let mut wrong_kind = good.clone();
    wrong_kind["report_kind"] = "kiem_tra".into();
    let mut bad_hash = good.clone();
    bad_hash["content_sha256"] = "ABC".into();
    let mut float = good.clone();
    float["content"]["xu_phat"]["so_vu_phat_hien"] = serde_json::json!(1.5);
    let mut other_schema = good.clone();
    other_schema["schema"] = "urn:kiemtra:report:v2".into();
    for bad in [wrong_kind, bad_hash, float, other_schema] {
        assert!(!validator.is_valid(&bad));
    }
    assert!(validator.is_valid(&good));
}

#[test]
fn golden_files_verify_as_valid() {
    for (name, _) in cases() {
        let text = std::fs::read_to_string(fixture_dir().join(name)).unwrap();
        assert!(
            matches!(verify(&text), VerifyResult::Valid { .. }),
            "{name}"
        );
    }
}

#[test]
fn export_file_names_say_what_the_file_holds() {
    let p = export(periodic_content(), APP_VERSION, generated_at()).unwrap();
    assert_eq!(
        p.file_name,
        "bao-cao-dinh-ky_215-BC-UBND_2021-nam_ubnd-quan-ninh-kieu.json"
    );
    let i = export(inspection_content(), APP_VERSION, generated_at()).unwrap();
    assert_eq!(
        i.file_name,
        "bao-cao-kiem-tra_09-KH-UBND_2021_so-tu-phap.json"
    );
}
