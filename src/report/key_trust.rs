//! Whose key signed a verified file, judged against the keys already
//! accepted for its unit: the rule behind the messages of the file check
//! and of the reporting round. Pure; the keys come from the caller (a round
//! keeps the ones it accepted, see `report::round::keys`).

use super::signature::{fingerprint_display, FileSignature, SignatureError};
use super::verify::VerifyResult;

/// What a file's signature says about its sender.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// Signed by the key already accepted for this unit.
    KnownKey {
        /// Fingerprint (hex) of the key.
        fingerprint: String,
    },
    /// Signed by a key not yet known for this unit (its first signed file):
    /// the Department compares the fingerprint with the one printed on the
    /// paper report and accepts it.
    NewKey {
        /// Fingerprint (hex) of the key.
        fingerprint: String,
    },
    /// Signed by another key than the one accepted before: a warning; the
    /// file is accepted only by a deliberate, recorded choice.
    ChangedKey {
        /// Fingerprint (hex) of the file's key.
        fingerprint: String,
        /// Fingerprint (hex) of the key accepted before (the latest).
        previous: String,
    },
    /// Not signed, from a unit that signed before: the signature may have
    /// been removed on the way; like a changed key, accepted only by choice.
    UnsignedAfterSigned {
        /// Fingerprint (hex) of the key accepted before (the latest).
        previous: String,
    },
    /// Not signed (files of schema 1.0 and 1.1, or exported without a key):
    /// accepted with a note.
    Unsigned,
    /// A signature that does not hold: refused.
    Invalid(SignatureError),
}

impl Standing {
    /// Whether the file may be accepted without a deliberate choice.
    pub fn accepted_without_choice(&self) -> bool {
        matches!(
            self,
            Standing::KnownKey { .. } | Standing::NewKey { .. } | Standing::Unsigned
        )
    }

    /// Whether the file must be refused whatever the user chooses.
    pub fn refused(&self) -> bool {
        matches!(self, Standing::Invalid(_))
    }

    /// A stable code for translations and tests.
    pub fn code(&self) -> &'static str {
        match self {
            Standing::KnownKey { .. } => "known_key",
            Standing::NewKey { .. } => "new_key",
            Standing::ChangedKey { .. } => "changed_key",
            Standing::UnsignedAfterSigned { .. } => "unsigned_after_signed",
            Standing::Unsigned => "unsigned",
            Standing::Invalid(_) => "invalid",
        }
    }

    /// The fingerprint of the file's key, when it is signed.
    pub fn fingerprint(&self) -> Option<&str> {
        match self {
            Standing::KnownKey { fingerprint }
            | Standing::NewKey { fingerprint }
            | Standing::ChangedKey { fingerprint, .. } => Some(fingerprint),
            _ => None,
        }
    }

    /// The message shown, in Vietnamese.
    pub fn message_vi(&self) -> String {
        match self {
            Standing::KnownKey { fingerprint } => format!(
                "Đã ký bằng khóa đã biết của đơn vị (dấu vân tay {}).",
                fingerprint_display(fingerprint)
            ),
            Standing::NewKey { fingerprint } => format!(
                "Đã ký bằng khóa chưa biết của đơn vị (tệp ký đầu tiên). Hãy đối chiếu dấu vân tay {} với dấu vân tay in trên báo cáo giấy có chữ ký, đóng dấu của đơn vị.",
                fingerprint_display(fingerprint)
            ),
            Standing::ChangedKey {
                fingerprint,
                previous,
            } => format!(
                "Cảnh báo: tệp được ký bằng khóa khác với khóa đã nhận trước đây của đơn vị (trước: {}; nay: {}). Chỉ nhận tệp khi đã xác minh với đơn vị, ví dụ qua báo cáo giấy mới.",
                fingerprint_display(previous),
                fingerprint_display(fingerprint)
            ),
            Standing::UnsignedAfterSigned { previous } => format!(
                "Cảnh báo: tệp không có chữ ký, trong khi đơn vị đã ký các tệp trước bằng khóa {}. Chỉ nhận tệp khi đã xác minh với đơn vị.",
                fingerprint_display(previous)
            ),
            Standing::Unsigned => {
                "Tệp không có chữ ký số (tệp của phiên bản cũ hoặc xuất khi chưa có khóa ký): chỉ kiểm tra được tính nguyên vẹn của nội dung, không xác định được người lập.".to_owned()
            }
            Standing::Invalid(e) => format!("Chữ ký không hợp lệ: {e}. Tệp bị từ chối."),
        }
    }
}

/// Judges a file's signature. `signature` is the verified file's signature
/// (`None` when unsigned); `accepted` the fingerprints (hex) accepted for its
/// unit, oldest first.
pub fn classify(signature: Option<&FileSignature>, accepted: &[&str]) -> Standing {
    let previous = accepted.last().map(|p| (*p).to_owned());
    match (signature, previous) {
        (None, None) => Standing::Unsigned,
        (None, Some(previous)) => Standing::UnsignedAfterSigned { previous },
        (Some(sig), _) if accepted.contains(&sig.public_key_sha256.as_str()) => {
            Standing::KnownKey {
                fingerprint: sig.public_key_sha256.clone(),
            }
        }
        (Some(sig), None) => Standing::NewKey {
            fingerprint: sig.public_key_sha256.clone(),
        },
        (Some(sig), Some(previous)) => Standing::ChangedKey {
            fingerprint: sig.public_key_sha256.clone(),
            previous,
        },
    }
}

/// Judges a file's verification result: an invalid signature is
/// [`Standing::Invalid`]; a valid file is [`classify`]d with the fingerprints
/// `accepted_for` gives for its unit's name; `None` for a file that failed
/// for another reason (hash, structure), which has no signer to judge.
pub fn classify_result<'a>(
    result: &VerifyResult,
    accepted_for: impl FnOnce(&str) -> Vec<&'a str>,
) -> Option<Standing> {
    match result {
        VerifyResult::SignatureInvalid(e) => Some(Standing::Invalid(e.clone())),
        VerifyResult::Valid { envelope } => {
            let accepted = accepted_for(&envelope.reporting_unit.ten);
            Some(classify(envelope.signature.as_ref(), &accepted))
        }
        _ => None,
    }
}
