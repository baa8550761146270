//! The JSON Canonicalization Scheme (JCS, RFC 8785) and which canonical rule
//! a report file follows.
//!
//! Files of schema 1.0 and 1.1 hash their content under the app's first
//! rule ([`super::canonical`]: keys sorted by UTF-8 bytes). From 1.2 a file
//! says `"canonicalization": "rfc8785"`: its content hash and its signature
//! use JCS, so any JCS library reproduces the bytes. The two rules differ
//! only in key order (JCS sorts by UTF-16 code units, which puts U+E000–U+FFFF
//! before characters outside the BMP) and in number forms (JCS writes
//! numbers as ECMAScript does; report content has only safe integers, which
//! both write alike). An old file keeps verifying under its own rule.
//!
//! The serialisation itself is the crate `serde_json_canonicalizer`, checked
//! against the published RFC 8785 test vectors in `tests/report_jcs.rs`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::canonical::{self, CanonicalError};

/// The canonical rule of a file's content hash (and signature).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Canonicalization {
    /// RFC 8785, JSON Canonicalization Scheme.
    #[serde(rename = "rfc8785")]
    Rfc8785,
}

/// The rule a file follows: its `canonicalization` field, or the first rule
/// of schema 1.0/1.1 when the field is absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Schema 1.0 and 1.1 ([`super::canonical`]).
    Legacy,
    /// RFC 8785.
    Jcs,
}

impl Rule {
    /// The rule named by a file's optional `canonicalization` field.
    pub fn of(field: Option<Canonicalization>) -> Self {
        match field {
            None => Rule::Legacy,
            Some(Canonicalization::Rfc8785) => Rule::Jcs,
        }
    }

    /// Lowercase hex SHA-256 of `content`'s canonical form under this rule.
    /// The content restrictions of [`canonical::check`] (integers only,
    /// within ±(2^53 − 1), no DEL) apply under both rules.
    pub fn content_sha256(self, content: &Value) -> Result<String, CanonicalError> {
        match self {
            Rule::Legacy => canonical::content_sha256(content),
            Rule::Jcs => {
                canonical::check(content)?;
                Ok(canonical::sha256_hex(&to_jcs_bytes(content)))
            }
        }
    }
}

/// The JCS bytes of any JSON value (floats included, written as
/// ECMAScript does).
pub fn to_jcs_bytes(value: &Value) -> Vec<u8> {
    // A `serde_json::Value` always serialises (its keys are strings and its
    // numbers finite), so the error branch is never taken; an empty output
    // could never match a hash or a signature.
    serde_json_canonicalizer::to_vec(value).unwrap_or_default()
}
