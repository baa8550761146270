//! The committed JSON Schema equals the one generated from the Rust types.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kiemtra::report::schema::{report_schema_text, SCHEMA_PATH};

#[test]
fn committed_schema_matches_the_rust_types() {
    let generated = report_schema_text();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SCHEMA_PATH);
    if std::env::var_os("KIEMTRA_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{SCHEMA_PATH} differs from the schema generated from the Rust types; \
         if the change is intended (fields may only be added within v1), run \
         `KIEMTRA_BLESS=1 cargo test --test report_schema` and commit the file"
    );
}
