//! The JSON Schema of report files, generated with schemars from the Rust
//! types ([`ReportEnvelope`]) so it cannot drift from them. The committed copy
//! is `schema/report-v1.schema.json`; `tests/report_schema.rs` fails when it
//! differs and rewrites it with `KIEMTRA_BLESS=1 cargo test`.
//!
//! Two things are added after generation: the `$id`, and, on every integer,
//! the bounds ±(2^53 − 1) that the canonical form enforces.

use serde_json::Value;

use super::canonical::{self, MAX_SAFE_INTEGER};
use super::envelope::{ReportEnvelope, SCHEMA_ID};

/// Path of the committed schema, relative to the crate root.
pub const SCHEMA_PATH: &str = "schema/report-v1.schema.json";

/// The schema as a JSON value.
pub fn report_schema() -> Value {
    let schema = schemars::schema_for!(ReportEnvelope);
    let mut value = schema.to_value();
    if let Some(obj) = value.as_object_mut() {
        obj.insert("$id".to_owned(), Value::from(SCHEMA_ID));
    }
    bound_integers(&mut value);
    value
}

/// The schema file's text: sorted keys, two-space indent, final newline.
pub fn report_schema_text() -> String {
    let mut out = String::new();
    canonical::write_pretty(&report_schema(), 0, &mut out);
    out.push('\n');
    out
}

fn is_integer_type(t: &Value) -> bool {
    match t {
        Value::String(s) => s == "integer",
        Value::Array(a) => a.iter().any(|v| v.as_str() == Some("integer")),
        _ => false,
    }
}

fn bound_integers(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if map.get("type").is_some_and(is_integer_type) {
                map.insert("maximum".to_owned(), Value::from(MAX_SAFE_INTEGER));
                if !map.contains_key("minimum") {
                    map.insert(
                        "minimum".to_owned(),
                        Value::from(-(MAX_SAFE_INTEGER as i64)),
                    );
                }
            }
            map.values_mut().for_each(bound_integers);
        }
        Value::Array(items) => items.iter_mut().for_each(bound_integers),
        _ => {}
    }
}
