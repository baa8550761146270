//! Canonical JSON of a report's content and its SHA-256.
//!
//! Canonical form: the JSON value written compactly (no whitespace), object
//! keys sorted by Unicode code point (= UTF-8 byte order), UTF-8, no
//! trailing newline. Strings escape only `"`, `\` and U+0000–U+001F (as
//! `\b \t \n \f \r` or lowercase `\u00xx`); everything else, including `/`,
//! U+2028 and characters outside the BMP, is written as raw UTF-8.
//!
//! To keep that byte-identical with the two common recomputation tools,
//! two things are refused rather than serialised:
//! - floats (only integers may appear) and integers outside ±(2^53 − 1),
//!   because jq 1.6 reads numbers as doubles and would print a different
//!   number;
//! - U+007F (DEL) in any string or key, because jq writes it as `\u007f`
//!   while Python's `json.dumps(..., ensure_ascii=False)` writes it raw.
//!
//! Anyone can recompute the hash of an exported file `f.json`:
//!
//! ```text
//! jq -cjS .content f.json | sha256sum
//! python3 -c 'import json,sys,hashlib; d=json.load(open(sys.argv[1]))["content"]; print(hashlib.sha256(json.dumps(d,sort_keys=True,separators=(",",":"),ensure_ascii=False).encode()).hexdigest())' f.json
//! ```
//!
//! Both are checked against this module by `tests/report_hash_tools.rs`.

use serde_json::Value;
use sha2::{Digest, Sha256};

/// The largest integer magnitude allowed in canonical content
/// (2^53 − 1, JavaScript's `Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Why a value has no canonical form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CanonicalError {
    /// A float was found; `path` is a JSON Pointer to it.
    #[error("số thực không được phép trong nội dung báo cáo (tại {path})")]
    Float {
        /// JSON Pointer of the value.
        path: String,
    },
    /// An integer beyond ±(2^53 − 1).
    #[error("số nguyên vượt quá 2^53 − 1 (tại {path})")]
    IntegerTooLarge {
        /// JSON Pointer of the value.
        path: String,
    },
    /// A string or key contains U+007F (DEL).
    #[error("ký tự điều khiển DEL (U+007F) không được phép (tại {path})")]
    ForbiddenChar {
        /// JSON Pointer of the string, or of the object holding the key.
        path: String,
    },
}

fn pointer_push(path: &str, token: &str) -> String {
    let escaped = token.replace('~', "~0").replace('/', "~1");
    format!("{path}/{escaped}")
}

/// Checks that `value` has a canonical form (see the module docs).
pub fn check(value: &Value) -> Result<(), CanonicalError> {
    // The walk with JSON Pointer paths allocates at every node; a report is
    // megabytes, so walk without paths and build them only for an error.
    if is_canonical(value) {
        return Ok(());
    }
    check_at(value, "")
}

fn is_safe_integer(n: &serde_json::Number) -> bool {
    n.as_u64().is_some_and(|u| u <= MAX_SAFE_INTEGER)
        || n.as_i64()
            .is_some_and(|i| i.unsigned_abs() <= MAX_SAFE_INTEGER)
}

fn is_canonical(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(_) => true,
        Value::Number(n) => is_safe_integer(n),
        Value::String(s) => !s.contains('\u{7f}'),
        Value::Array(items) => items.iter().all(is_canonical),
        Value::Object(map) => map
            .iter()
            .all(|(k, v)| !k.contains('\u{7f}') && is_canonical(v)),
    }
}

fn check_at(value: &Value, path: &str) -> Result<(), CanonicalError> {
    match value {
        Value::Null | Value::Bool(_) => Ok(()),
        Value::Number(n) => {
            let ok = if let Some(u) = n.as_u64() {
                u <= MAX_SAFE_INTEGER
            } else if let Some(i) = n.as_i64() {
                i.unsigned_abs() <= MAX_SAFE_INTEGER
            } else {
                return Err(CanonicalError::Float {
                    path: path.to_owned(),
                });
            };
            if ok {
                Ok(())
            } else {
                Err(CanonicalError::IntegerTooLarge {
                    path: path.to_owned(),
                })
            }
        }
        Value::String(s) => check_str(s, path),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, v)| check_at(v, &pointer_push(path, &i.to_string()))),
        Value::Object(map) => map.iter().try_for_each(|(k, v)| {
            check_str(k, path)?;
            check_at(v, &pointer_push(path, k))
        }),
    }
}

fn check_str(s: &str, path: &str) -> Result<(), CanonicalError> {
    if s.contains('\u{7f}') {
        Err(CanonicalError::ForbiddenChar {
            path: path.to_owned(),
        })
    } else {
        Ok(())
    }
}

/// The canonical bytes of `value`, after [`check`].
pub fn to_canonical_bytes(value: &Value) -> Result<Vec<u8>, CanonicalError> {
    check(value)?;
    Ok(unchecked_bytes(value))
}

/// The canonical bytes of a value already [`check`]ed.
fn unchecked_bytes(value: &Value) -> Vec<u8> {
    let mut out = String::with_capacity(1 << 16);
    write_value(value, &mut out);
    out.into_bytes()
}

/// Lowercase hex SHA-256 of the canonical bytes of `value`.
pub fn content_sha256(value: &Value) -> Result<String, CanonicalError> {
    Ok(sha256_hex(&to_canonical_bytes(value)?))
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    digest_hex(&Sha256::digest(bytes).into())
}

/// A SHA-256 digest as lowercase hex.
pub fn digest_hex(digest: &[u8; 32]) -> String {
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    s
}

const HEX: &[u8; 16] = b"0123456789abcdef";

// Written by hand (not serde_json::to_string) so the byte format cannot
// change with serde_json features such as `preserve_order`.
fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            use std::fmt::Write as _;
            // Writing to a String cannot fail.
            let _ = write!(out, "{n}");
        }
        Value::String(s) => write_str(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(v, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in sorted_entries(map).into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(k, out);
                out.push(':');
                write_value(v, out);
            }
            out.push('}');
        }
    }
}

fn sorted_entries(map: &serde_json::Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    // serde_json's map is already in key order unless a crate of the build
    // turns on `preserve_order`; sort only when needed.
    if !entries.is_sorted_by(|a, b| a.0.as_bytes() <= b.0.as_bytes()) {
        entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    }
    entries
}

/// Writes `value` pretty-printed for a file: sorted keys, two spaces per
/// `level`, the same string escaping as the canonical form; no newline
/// after the value.
pub fn write_pretty(value: &Value, level: usize, out: &mut String) {
    let indent = |out: &mut String, n: usize| out.extend(std::iter::repeat_n("  ", n));
    match value {
        Value::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, v) in items.iter().enumerate() {
                indent(out, level + 1);
                write_pretty(v, level + 1, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            indent(out, level);
            out.push(']');
        }
        Value::Object(map) if !map.is_empty() => {
            out.push_str("{\n");
            let entries = sorted_entries(map);
            let n = entries.len();
            for (i, (k, v)) in entries.into_iter().enumerate() {
                indent(out, level + 1);
                write_str(k, out);
                out.push_str(": ");
                write_pretty(v, level + 1, out);
                out.push_str(if i + 1 < n { ",\n" } else { "\n" });
            }
            indent(out, level);
            out.push('}');
        }
        other => write_value(other, out),
    }
}

/// Writes `s` as a JSON string with the canonical escaping.
pub fn write_str(s: &str, out: &mut String) {
    out.push('"');
    // Every byte to escape is ASCII, so cutting `s` at one keeps UTF-8
    // intact; runs between them are copied whole (reports are mostly text).
    let bytes = s.as_bytes();
    // Most report text has nothing to escape: copied whole (a plan's
    // report is megabytes of it, issue #14's export profile).
    if !bytes.iter().any(|&b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            b'\t' => "\\t",
            b'\n' => "\\n",
            0x0c => "\\f",
            b'\r' => "\\r",
            b if b < 0x20 => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        } else {
            out.push_str(escape);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_are_sorted_and_output_is_compact() {
        let v = json!({"b": 1, "a": {"d": [true, null], "c": "x"}});
        let bytes = to_canonical_bytes(&v).unwrap();
        assert_eq!(bytes, br#"{"a":{"c":"x","d":[true,null]},"b":1}"#);
    }

    #[test]
    fn canonical_bytes_equal_serde_json_compact_output_for_safe_values() {
        let v = json!({"z": "Đoàn kiểm tra \u{1}\t/\u{1F600}\u{2028}", "a": -5, "m": [1, 2]});
        let ours = String::from_utf8(to_canonical_bytes(&v).unwrap()).unwrap();
        assert_eq!(ours, serde_json::to_string(&v).unwrap());
    }

    #[test]
    fn floats_large_integers_and_del_are_refused_with_their_path() {
        assert_eq!(
            check(&json!({"a": [1, 2.5]})),
            Err(CanonicalError::Float {
                path: "/a/1".into()
            })
        );
        assert!(check(&json!({"a": MAX_SAFE_INTEGER})).is_ok());
        assert_eq!(
            check(&json!({"a/b": MAX_SAFE_INTEGER + 1})),
            Err(CanonicalError::IntegerTooLarge {
                path: "/a~1b".into()
            })
        );
        assert!(check(&json!({"a": -(MAX_SAFE_INTEGER as i64) - 1})).is_err());
        assert!(check(&json!({"a": "x\u{7f}"})).is_err());
        assert!(check(&json!({"k\u{7f}": 1})).is_err());
    }
}
