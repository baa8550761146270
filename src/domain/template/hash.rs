//! Content hash of a template. The hash covers everything but `version`, so
//! two versions with the same content have the same hash (that is how
//! "nothing changed, no new version" is detected) and a run pinned to
//! `{id, version, hash}` notices a tampered stored template.
//!
//! Canonical form: the template is turned into a `serde_json::Value`, then
//! written with object keys sorted by byte order at every level, no
//! whitespace. Sorting is done here explicitly rather than relying on
//! `serde_json::Map` being a BTreeMap, because a crate elsewhere in the build
//! enabling serde_json's `preserve_order` feature would silently change that.

use super::Template;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// Canonical JSON text of a value: sorted keys, no insignificant whitespace.
pub fn canonical_json(v: &Value) -> String {
    let mut out = String::new();
    write_canonical(v, &mut out);
    out
}

fn write_canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String((*k).clone()).to_string());
                out.push(':');
                if let Some(child) = map.get(*k) {
                    write_canonical(child, out);
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(x, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// SHA-256 (lowercase hex) of the canonical JSON of the template without its
/// `version` field.
pub fn content_hash(t: &Template) -> String {
    let mut v = serde_json::to_value(t).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.remove("version");
    }
    let digest = Sha256::digest(canonical_json(&v).as_bytes());
    let mut hex = String::with_capacity(64);
    for b in digest {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}
