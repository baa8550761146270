//! Signatures of report files: what a signed file carries, the bytes that
//! are signed, checking a signature, and the key's fingerprint.
//!
//! A unit's browser signs with its own ECDSA P-256 key (WebCrypto, private
//! key never leaves the browser, see `platform::signing_key`). The signed
//! bytes are the RFC 8785 (JCS) form of the whole file **without its
//! `signature` member**: the header (schema, kind, unit, period, time,
//! content hash) and the content. The signature is IEEE P1363 (`r‖s`, 64
//! bytes) over SHA-256 of those bytes, as WebCrypto and Node's
//! `crypto.verify(…, {dsaEncoding: "ieee-p1363"})` produce and check it.
//! The public key travels in the file (SubjectPublicKeyInfo, DER, base64);
//! its fingerprint is the SHA-256 of those DER bytes. A valid signature
//! proves that the holder of that key made exactly these bytes; *whose* key
//! it is, the unit vouches for on paper by printing the fingerprint on its
//! signed and sealed report.

use base64::Engine as _;
use p256::ecdsa::signature::Verifier as _;
use p256::ecdsa::{Signature, VerifyingKey};
use p256::pkcs8::DecodePublicKey as _;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::canonical::sha256_hex;
use super::jcs::to_jcs_bytes;

/// The only signature algorithm written and accepted.
pub const ALGORITHM: &str = "ECDSA-P256-SHA256";

/// The name of the file member that holds the signature (and is left out of
/// the signed bytes).
pub const SIGNATURE_FIELD: &str = "signature";

/// The signature of a report file (schema 1.2.0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FileSignature {
    /// Always `ECDSA-P256-SHA256`.
    #[schemars(extend("const" = ALGORITHM))]
    pub algorithm: String,
    /// The signer's public key: SubjectPublicKeyInfo (DER), standard base64.
    pub public_key: String,
    /// The key's fingerprint: lowercase hex SHA-256 of the DER bytes of
    /// `public_key`.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub public_key_sha256: String,
    /// The signature, `r‖s` (64 bytes, IEEE P1363), standard base64, over the
    /// JCS form of the file without this `signature` member.
    pub value: String,
}

/// Why a signature does not hold. Each has a Vietnamese message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    /// Another algorithm than [`ALGORITHM`].
    #[error("thuật toán chữ ký không được hỗ trợ: {0}")]
    Algorithm(String),
    /// The public key is not a P-256 key in base64 DER.
    #[error("khóa công khai trong tệp không hợp lệ")]
    PublicKey,
    /// The fingerprint written in the file is not that of its key.
    #[error("dấu vân tay ghi trong tệp không khớp với khóa công khai")]
    Fingerprint,
    /// The signature value is not 64 bytes of base64.
    #[error("giá trị chữ ký không đúng định dạng")]
    Encoding,
    /// The signature does not match the file's bytes: the file was changed
    /// after signing, or signed with another key.
    #[error("chữ ký không khớp với nội dung tệp (tệp đã bị sửa sau khi ký)")]
    Mismatch,
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

/// Standard base64 of `bytes` (for the platform's signing step).
pub fn to_base64(bytes: &[u8]) -> String {
    b64().encode(bytes)
}

/// The bytes a file's signature covers: the JCS form of `file` without its
/// top-level `signature` member.
pub fn signed_bytes(file: &Value) -> Vec<u8> {
    match file {
        Value::Object(map) if map.contains_key(SIGNATURE_FIELD) => {
            let mut unsigned = map.clone();
            unsigned.remove(SIGNATURE_FIELD);
            to_jcs_bytes(&Value::Object(unsigned))
        }
        other => to_jcs_bytes(other),
    }
}

/// The fingerprint of a public key given as SubjectPublicKeyInfo DER:
/// lowercase hex SHA-256.
pub fn fingerprint_hex(spki_der: &[u8]) -> String {
    sha256_hex(spki_der)
}

/// The short readable form of a fingerprint, as shown and printed: the first
/// 32 hex digits (128 bits) in upper case, in eight groups of four,
/// e.g. `3F2A 9B1C 0D4E 7788 A1B2 C3D4 E5F6 0718`. A key with the same short
/// form cannot be made on purpose (2^128 tries). Non-hex input is shown as
/// it is, so nothing is hidden.
pub fn fingerprint_display(hex: &str) -> String {
    if hex.len() < 32 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return hex.to_owned();
    }
    hex.as_bytes()[..32]
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks `signature` over `message` (the [`signed_bytes`] of its file).
pub fn verify_signature(signature: &FileSignature, message: &[u8]) -> Result<(), SignatureError> {
    check_signature(signature, || message.to_vec(), None)
}

/// The checks that need no curve arithmetic: the algorithm, the key's and
/// the value's encodings, the fingerprint. Returns the key's DER bytes and
/// the raw `r‖s` value.
fn precheck(signature: &FileSignature) -> Result<(Vec<u8>, Vec<u8>), SignatureError> {
    if signature.algorithm != ALGORITHM {
        return Err(SignatureError::Algorithm(signature.algorithm.clone()));
    }
    let der = b64()
        .decode(signature.public_key.as_bytes())
        .map_err(|_| SignatureError::PublicKey)?;
    if fingerprint_hex(&der) != signature.public_key_sha256 {
        return Err(SignatureError::Fingerprint);
    }
    let raw = b64()
        .decode(signature.value.as_bytes())
        .map_err(|_| SignatureError::Encoding)?;
    // 64 bytes, r and s in range: a value the arithmetic could not use is
    // an encoding error whoever does the arithmetic.
    Signature::from_slice(&raw).map_err(|_| SignatureError::Encoding)?;
    Ok((der, raw))
}

/// Checks `signature` over the bytes `message` makes, as
/// [`verify_signature`] does, except that the curve arithmetic may have been
/// done already by the browser (WebCrypto, much faster than this crate in
/// WebAssembly): `verdict` is its answer for exactly these key, value and
/// bytes ([`SignedMessage::of`]). With `None` (no answer: not asked, or the
/// browser could not import the key) the check is done here, and `message`
/// is only called then.
pub fn check_signature(
    signature: &FileSignature,
    message: impl FnOnce() -> Vec<u8>,
    verdict: Option<bool>,
) -> Result<(), SignatureError> {
    let (der, raw) = precheck(signature)?;
    match verdict {
        Some(true) => Ok(()),
        Some(false) => Err(SignatureError::Mismatch),
        None => {
            let key =
                VerifyingKey::from_public_key_der(&der).map_err(|_| SignatureError::PublicKey)?;
            let sig = Signature::from_slice(&raw).map_err(|_| SignatureError::Encoding)?;
            key.verify(&message(), &sig)
                .map_err(|_| SignatureError::Mismatch)
        }
    }
}

/// What the browser needs to check a file's signature itself: the key
/// (SubjectPublicKeyInfo DER), the raw `r‖s` value and the signed bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedMessage {
    /// The public key, DER.
    pub spki_der: Vec<u8>,
    /// The signature value, `r‖s`.
    pub signature: Vec<u8>,
    /// The signed bytes ([`signed_bytes`] of the file).
    pub message: Vec<u8>,
}

impl SignedMessage {
    /// The signature check of the file `text`, when there is one worth
    /// asking the browser: `None` for a file that is not JSON, is unsigned,
    /// or whose signature fails the checks without arithmetic (the pure
    /// verification reports those by itself).
    pub fn of(text: &str) -> Option<Self> {
        if text.len() > super::verify::MAX_FILE_BYTES {
            return None;
        }
        let value: Value = serde_json::from_str(text).ok()?;
        let sig: FileSignature =
            serde_json::from_value(value.get(SIGNATURE_FIELD)?.clone()).ok()?;
        let (spki_der, signature) = precheck(&sig).ok()?;
        Some(Self {
            spki_der,
            signature,
            message: signed_bytes(&value),
        })
    }
}

/// The public key a unit signs with, as the platform exports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    /// SubjectPublicKeyInfo DER bytes.
    pub spki_der: Vec<u8>,
}

impl PublicKey {
    /// Fingerprint (lowercase hex SHA-256 of the DER bytes).
    pub fn fingerprint(&self) -> String {
        fingerprint_hex(&self.spki_der)
    }

    /// The [`FileSignature`] of a raw `r‖s` signature made with this key.
    pub fn file_signature(&self, raw_signature: &[u8]) -> FileSignature {
        FileSignature {
            algorithm: ALGORITHM.to_owned(),
            public_key: to_base64(&self.spki_der),
            public_key_sha256: self.fingerprint(),
            value: to_base64(raw_signature),
        }
    }
}
