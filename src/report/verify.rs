//! Checking a report file ("Kiểm tra tệp" screen): is it ours, is it intact?
//!
//! [`verify`] never panics and never trusts the input: it limits the size,
//! relies on serde_json's nesting limit, checks the schema id, recomputes the
//! content hash from the canonical form the file names (RFC 8785 from 1.2.0,
//! the first rule before, see [`super::jcs`]), checks the signature when
//! there is one ([`super::signature`]), then reads the typed envelope and
//! checks that the header repeats the content's unit and period. Whose key
//! signed is judged apart, by [`super::key_trust`].

use serde_json::Value;

use super::canonical::CanonicalError;
use super::envelope::{ReportEnvelope, SCHEMA_ID};
use super::jcs::{Canonicalization, Rule};
use super::signature::{self, FileSignature, SignatureError};

/// Largest file accepted, in bytes (reports are far smaller).
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// Why a file is not a well-formed report file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Malformed {
    /// Bigger than [`MAX_FILE_BYTES`].
    #[error(
        "tệp quá lớn: dung lượng {} (tối đa {})",
        crate::i18n::format_megabytes(*size),
        crate::i18n::format_megabytes(*limit)
    )]
    TooLarge {
        /// Size of the input.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Not JSON (or nested too deep).
    #[error("không phải JSON hợp lệ (dòng {line}, cột {column}): {message}")]
    NotJson {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// serde_json's message.
        message: String,
    },
    /// The top level is not an object.
    #[error("tệp không phải một đối tượng JSON")]
    NotAnObject,
    /// A required field is absent or has the wrong JSON type.
    #[error("thiếu hoặc sai kiểu trường {0}")]
    BadField(&'static str),
    /// `content` has no canonical form.
    #[error(transparent)]
    NonCanonical(#[from] CanonicalError),
    /// The hash matches but the structure does not fit the schema.
    #[error("cấu trúc không đúng lược đồ: {0}")]
    Structure(String),
}

/// The result of checking a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VerifyResult {
    /// Intact and well-formed.
    Valid {
        /// The file's envelope, parsed.
        envelope: Box<ReportEnvelope>,
    },
    /// The content was changed after export (or the hash was).
    HashMismatch {
        /// The hash written in the file.
        expected: String,
        /// The hash of the content as it is now.
        actual: String,
    },
    /// The header's copy of the unit or period differs from the content's.
    HeaderMismatch {
        /// `"reporting_unit"` or `"period"`.
        field: &'static str,
    },
    /// The file is signed but the signature does not hold (changed after
    /// signing, or a forged signature): refused.
    SignatureInvalid(SignatureError),
    /// Not a well-formed report file.
    Malformed(Malformed),
    /// A different schema or an unsupported major version.
    UnknownSchema {
        /// The file's `schema` value.
        schema: String,
        /// The file's `schema_version` value (empty when absent).
        schema_version: String,
    },
}

fn is_lower_hex_64(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Accepts `1.x.y` with numeric parts (fields are only added within major 1).
fn is_supported_version(v: &str) -> bool {
    let parts: Vec<&str> = v.split('.').collect();
    parts.len() == 3
        && parts[0] == "1"
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 9 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Checks a report file's text. See [`VerifyResult`].
pub fn verify(file_text: &str) -> VerifyResult {
    verify_checked(file_text, None)
}

/// [`verify`] with the signature's arithmetic already done by the browser:
/// `verdict` is WebCrypto's answer for [`signature::SignedMessage::of`] this
/// text (`None`: not asked or no answer, checked here). Every other check is
/// the same, so a file gets the same result either way.
pub fn verify_checked(file_text: &str, verdict: Option<bool>) -> VerifyResult {
    match verify_inner(file_text, verdict) {
        Ok(r) | Err(r) => r,
    }
}

fn malformed(m: Malformed) -> VerifyResult {
    VerifyResult::Malformed(m)
}

fn verify_inner(text: &str, verdict: Option<bool>) -> Result<VerifyResult, VerifyResult> {
    if text.len() > MAX_FILE_BYTES {
        return Err(malformed(Malformed::TooLarge {
            size: text.len(),
            limit: MAX_FILE_BYTES,
        }));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| {
        malformed(Malformed::NotJson {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })
    })?;
    let obj = value.as_object().ok_or(malformed(Malformed::NotAnObject))?;
    let field_str = |name: &'static str| {
        obj.get(name)
            .and_then(Value::as_str)
            .ok_or(malformed(Malformed::BadField(name)))
    };
    let schema = field_str("schema")?;
    let version = obj.get("schema_version").and_then(Value::as_str);
    if schema != SCHEMA_ID || !version.is_some_and(is_supported_version) {
        return Err(VerifyResult::UnknownSchema {
            schema: schema.to_owned(),
            schema_version: version.unwrap_or_default().to_owned(),
        });
    }
    let expected = field_str("content_sha256")?;
    if !is_lower_hex_64(expected) {
        return Err(malformed(Malformed::BadField("content_sha256")));
    }
    // Content must be an object: `jq -j` would print a top-level string
    // raw (unquoted), so only objects hash the same with every tool.
    let content = obj
        .get("content")
        .filter(|c| c.is_object())
        .ok_or(malformed(Malformed::BadField("content")))?;
    let rule = match obj.get("canonicalization") {
        None => Rule::Legacy,
        Some(v) => Rule::of(Some(
            serde_json::from_value::<Canonicalization>(v.clone())
                .map_err(|_| malformed(Malformed::BadField("canonicalization")))?,
        )),
    };
    let actual = rule
        .content_sha256(content)
        .map_err(|e| malformed(Malformed::NonCanonical(e)))?;
    if actual != expected {
        return Err(VerifyResult::HashMismatch {
            expected: expected.to_owned(),
            actual,
        });
    }
    if let Some(sig) = obj.get(signature::SIGNATURE_FIELD) {
        let sig: FileSignature = serde_json::from_value(sig.clone())
            .map_err(|_| malformed(Malformed::BadField("signature")))?;
        signature::check_signature(&sig, || signature::signed_bytes(&value), verdict)
            .map_err(VerifyResult::SignatureInvalid)?;
    }
    let envelope = ReportEnvelope::from_json_value(value)
        .map_err(|e| malformed(Malformed::Structure(e.to_string())))?;
    if envelope.reporting_unit != *envelope.report.reporting_unit() {
        return Err(VerifyResult::HeaderMismatch {
            field: "reporting_unit",
        });
    }
    if envelope.period != *envelope.report.period() {
        return Err(VerifyResult::HeaderMismatch { field: "period" });
    }
    Ok(VerifyResult::Valid {
        envelope: Box::new(envelope),
    })
}
