//! The export envelope: a report's content wrapped with what a reader needs
//! to identify and check it (schema, versions, time, kind, unit, period and
//! the SHA-256 of the content's canonical form, see [`super::canonical`]).
//!
//! The exported file is the envelope pretty-printed by [`export_json`]: keys
//! of the header in a fixed order, every nested object's keys sorted, two
//! spaces of indent, one trailing newline. The same data and the same
//! `generated_at` always give the same bytes.
//!
//! From schema 1.2.0 the content hash follows RFC 8785 (JCS, see
//! [`super::jcs`]) and the file says so in `canonicalization`; a file is
//! signed in two steps, [`prepare_signed`] (the bytes to sign, whatever the
//! report's kind) and [`ToSign::finish`] (the signature the browser made).

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::canonical::{self, CanonicalError};
use super::file_name;
use super::inspection::InspectionReport;
use super::jcs::{self, Canonicalization};
use super::one_walk::{self, Hashed, Written};
use super::period::ReportPeriod;
use super::periodic::{PeriodicReport, ReportingUnit};
use super::round::consolidated::ConsolidatedReport;
use super::signature::{self, FileSignature, PublicKey, SignatureError};
use super::thpl::ThplReport;

/// Identifier of the v1 report schema, written in every file's `schema`.
pub const SCHEMA_ID: &str = "urn:kiemtra:report:v1";
/// Version of the schema this code writes. Within major version 1 fields are
/// only ever added, so readers accept any `1.x.y`. 1.1.0 added the `tong_hop` kind (a reporting round's consolidated
/// report), the conclusion's text and evidence of an inspection report, and
/// the follow-up fields. 1.2.0 added the `theo_doi_thpl` kind (the yearly
/// report on monitoring law implementation), `canonicalization` (RFC 8785)
/// and `signature` (issue #15).
pub const SCHEMA_VERSION: &str = "1.2.0";

/// The report inside an envelope; `report_kind` tells which.
// One value exists per export, so the size difference does not matter and
// boxing would only make construction noisier.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "report_kind", content = "content", rename_all = "snake_case")]
pub enum ReportContent {
    /// Báo cáo định kỳ công tác thi hành pháp luật về XLVPHC.
    DinhKy(PeriodicReport),
    /// Báo cáo kết quả kiểm tra.
    KiemTra(InspectionReport),
    /// Báo cáo tổng hợp of a reporting round (added in schema 1.1.0).
    TongHop(ConsolidatedReport),
    /// Báo cáo công tác theo dõi tình hình thi hành pháp luật định kỳ hằng
    /// năm (added in schema 1.2.0).
    TheoDoiThpl(ThplReport),
}

impl ReportContent {
    /// The reporting unit named in the content.
    pub fn reporting_unit(&self) -> &ReportingUnit {
        match self {
            ReportContent::DinhKy(r) => &r.don_vi_bao_cao,
            ReportContent::KiemTra(r) => &r.don_vi_bao_cao,
            ReportContent::TongHop(r) => &r.don_vi_bao_cao,
            ReportContent::TheoDoiThpl(r) => &r.don_vi_bao_cao,
        }
    }

    /// The period named in the content.
    pub fn period(&self) -> &ReportPeriod {
        match self {
            ReportContent::DinhKy(r) => &r.ky_bao_cao,
            ReportContent::KiemTra(r) => &r.ky_bao_cao,
            ReportContent::TongHop(r) => &r.ky_bao_cao,
            ReportContent::TheoDoiThpl(r) => &r.ky_bao_cao,
        }
    }

    /// `"dinh_ky"`, `"kiem_tra"`, `"tong_hop"` or `"theo_doi_thpl"`, as in
    /// the file.
    pub fn kind_code(&self) -> &'static str {
        match self {
            ReportContent::DinhKy(_) => "dinh_ky",
            ReportContent::KiemTra(_) => "kiem_tra",
            ReportContent::TongHop(_) => "tong_hop",
            ReportContent::TheoDoiThpl(_) => "theo_doi_thpl",
        }
    }

    /// The content as a JSON value (what is hashed).
    pub fn content_value(&self) -> Result<Value, ExportError> {
        let v = match self {
            ReportContent::DinhKy(r) => serde_json::to_value(r),
            ReportContent::KiemTra(r) => serde_json::to_value(r),
            ReportContent::TongHop(r) => serde_json::to_value(r),
            ReportContent::TheoDoiThpl(r) => serde_json::to_value(r),
        };
        v.map_err(|e| ExportError::Serialize(e.to_string()))
    }

    /// The content written once ([`one_walk`]): its JCS bytes (hashed and
    /// signed) and its pretty text at the file's content level.
    fn written(&self) -> Result<Written, ExportError> {
        let walked = match self {
            ReportContent::DinhKy(r) => one_walk::write(r, 1),
            ReportContent::KiemTra(r) => one_walk::write(r, 1),
            ReportContent::TongHop(r) => one_walk::write(r, 1),
            ReportContent::TheoDoiThpl(r) => one_walk::write(r, 1),
        };
        match walked {
            Ok(w) => Ok(w),
            // Only on a refusal: the value walk locates a value without a
            // canonical form (its error names the path); anything else the
            // one walk does not write (none of the report types has it) is
            // written the earlier way, which gives the same bytes.
            Err(_) => {
                let value = self.content_value()?;
                canonical::check(&value)?;
                Ok(written_from_value(&value))
            }
        }
    }
}

impl ReportContent {
    /// [`Self::written`] with the JCS bytes hashed as they are written
    /// ([`one_walk::write_hashed`]; kept only if `keep_jcs`), the pretty
    /// text behind `prefix`.
    fn written_hashed(&self, prefix: String, keep_jcs: bool) -> Result<Hashed, ExportError> {
        let walked = match self {
            ReportContent::DinhKy(r) => one_walk::write_hashed(r, 1, prefix.clone(), keep_jcs),
            ReportContent::KiemTra(r) => one_walk::write_hashed(r, 1, prefix.clone(), keep_jcs),
            ReportContent::TongHop(r) => one_walk::write_hashed(r, 1, prefix.clone(), keep_jcs),
            ReportContent::TheoDoiThpl(r) => one_walk::write_hashed(r, 1, prefix.clone(), keep_jcs),
        };
        match walked {
            Ok(h) => Ok(h),
            Err(_) => {
                let w = self.written_the_other_way(prefix)?;
                Ok(Hashed {
                    sha256: Sha256::digest(&w.jcs).into(),
                    jcs: if keep_jcs { w.jcs } else { Vec::new() },
                    pretty: w.pretty,
                })
            }
        }
    }
}

impl ReportContent {
    /// [`Self::written`], the pretty text behind `prefix`.
    fn written_behind(&self, prefix: String) -> Result<Written, ExportError> {
        let walked = match self {
            ReportContent::DinhKy(r) => one_walk::write_behind(r, 1, prefix.clone()),
            ReportContent::KiemTra(r) => one_walk::write_behind(r, 1, prefix.clone()),
            ReportContent::TongHop(r) => one_walk::write_behind(r, 1, prefix.clone()),
            ReportContent::TheoDoiThpl(r) => one_walk::write_behind(r, 1, prefix.clone()),
        };
        match walked {
            Ok(w) => Ok(w),
            Err(_) => self.written_the_other_way(prefix),
        }
    }

    /// When a walk behind a prefix stopped: as in [`Self::written`], the
    /// refusal is located (or the earlier way writes the content), and the
    /// pretty text is put behind `prefix`.
    fn written_the_other_way(&self, prefix: String) -> Result<Written, ExportError> {
        let w = self.written()?;
        let mut pretty = prefix;
        pretty.push_str(&w.pretty);
        Ok(Written { jcs: w.jcs, pretty })
    }
}

/// The earlier path: JCS and pretty text of a JSON value.
fn written_from_value(value: &Value) -> Written {
    let mut pretty = String::new();
    canonical::write_pretty(value, 1, &mut pretty);
    Written {
        jcs: jcs::to_jcs_bytes(value),
        pretty,
    }
}

/// A header member written by the one walk (small values). The header was
/// never held to the content's canonical restrictions (its unit and period
/// are copies of the content's, which is), so a refusal writes it the
/// earlier way, unchecked, as before.
fn header_value<T: Serialize + ?Sized>(value: &T) -> Result<Written, ExportError> {
    one_walk::write(value, 1).or_else(|_| {
        let value =
            serde_json::to_value(value).map_err(|e| ExportError::Serialize(e.to_string()))?;
        Ok(written_from_value(&value))
    })
}

/// A report file: header, content and content hash.
///
/// `reporting_unit` and `period` repeat the content's own
/// `don_vi_bao_cao` / `ky_bao_cao` for readers that only look at the header;
/// the file check (`verify`) ensures they agree, since only `content` is hashed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Tệp dữ liệu báo cáo KiểmTra (report data file), v1")]
pub struct ReportEnvelope {
    /// Always `urn:kiemtra:report:v1`.
    #[schemars(extend("const" = SCHEMA_ID))]
    pub schema: String,
    /// Semantic version of the schema, major 1.
    #[schemars(regex(pattern = r"^1\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"))]
    pub schema_version: String,
    /// Version of the app that wrote the file.
    pub app_version: String,
    /// When the file was generated (UTC, given by the caller).
    pub generated_at: DateTime<Utc>,
    /// The reporting unit (copy of the content's).
    pub reporting_unit: ReportingUnit,
    /// The period (copy of the content's).
    pub period: ReportPeriod,
    /// Kind and content.
    #[serde(flatten)]
    pub report: ReportContent,
    /// The canonical rule of `content_sha256` (added in 1.2.0): `rfc8785`;
    /// absent in 1.0/1.1 files, whose hash follows the first rule (keys
    /// sorted by UTF-8 bytes, see schema/README.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonicalization: Option<Canonicalization>,
    /// Lowercase hex SHA-256 of the canonical JSON of `content`.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub content_sha256: String,
    /// The reporting unit's signature over the file (added in 1.2.0; absent
    /// when the file was exported without a key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<FileSignature>,
}

/// Why a report could not be exported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// The content has no canonical form (float, huge integer, DEL).
    #[error(transparent)]
    Canonical(#[from] CanonicalError),
    /// serde_json failed (should not happen for these types).
    #[error("lỗi chuyển đổi JSON: {0}")]
    Serialize(String),
    /// The signature the browser returned does not verify (never expected;
    /// refusing it keeps a broken file from being sent).
    #[error("chữ ký vừa tạo không kiểm tra được: {0}")]
    Signature(#[from] SignatureError),
}

/// An exported file ready to download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedFile {
    /// ASCII file name, see [`file_name::export_file_name`].
    pub file_name: String,
    /// The file's text (UTF-8, ends with a newline).
    pub text: String,
    /// The content hash written in the file.
    pub content_sha256: String,
}

impl ReportEnvelope {
    /// Wraps `report`, computing the content hash.
    pub fn new(
        report: ReportContent,
        app_version: &str,
        generated_at: DateTime<Utc>,
    ) -> Result<Self, ExportError> {
        let content_sha256 =
            canonical::digest_hex(&report.written_hashed(String::new(), false)?.sha256);
        Ok(Self::with_hash(
            report,
            app_version,
            generated_at,
            content_sha256,
        ))
    }

    fn with_hash(
        report: ReportContent,
        app_version: &str,
        generated_at: DateTime<Utc>,
        content_sha256: String,
    ) -> Self {
        Self {
            schema: SCHEMA_ID.to_owned(),
            schema_version: SCHEMA_VERSION.to_owned(),
            app_version: app_version.to_owned(),
            generated_at,
            reporting_unit: report.reporting_unit().clone(),
            period: *report.period(),
            report,
            canonicalization: Some(Canonicalization::Rfc8785),
            content_sha256,
            signature: None,
        }
    }
}

/// The envelope as the exported file's text (see the module docs).
pub fn export_json(envelope: &ReportEnvelope) -> Result<String, ExportError> {
    let content = envelope.report.written()?;
    file_text(envelope, &content.pretty)
}

/// The file's members but `content`, in their order, each written as JCS
/// and as pretty text.
fn header(envelope: &ReportEnvelope) -> Result<Vec<(&'static str, Written)>, ExportError> {
    let mut members: Vec<(&'static str, Written)> = vec![
        ("schema", header_value(envelope.schema.as_str())?),
        (
            "schema_version",
            header_value(envelope.schema_version.as_str())?,
        ),
        ("app_version", header_value(envelope.app_version.as_str())?),
        ("generated_at", header_value(&envelope.generated_at)?),
        ("report_kind", header_value(envelope.report.kind_code())?),
        ("reporting_unit", header_value(&envelope.reporting_unit)?),
        ("period", header_value(&envelope.period)?),
    ];
    if let Some(c) = envelope.canonicalization {
        members.push(("canonicalization", header_value(&c)?));
    }
    members.push((
        "content_sha256",
        header_value(envelope.content_sha256.as_str())?,
    ));
    if let Some(sig) = &envelope.signature {
        members.push((signature::SIGNATURE_FIELD, header_value(sig)?));
    }
    Ok(members)
}

/// The file's text: the header in its order, then `content` (its pretty
/// text at level 1).
fn file_text(envelope: &ReportEnvelope, content_pretty: &str) -> Result<String, ExportError> {
    let (mut out, _) = file_head(envelope, content_pretty.len() + 4)?;
    out.push_str(content_pretty);
    out.push_str(FILE_TAIL);
    Ok(out)
}

/// What follows the content's pretty text in a file.
const FILE_TAIL: &str = "\n}\n";

/// The file's text up to its content (the header in its order and
/// `"content": `), with room for `more` bytes, and where the 64 hex digits
/// of `content_sha256` are in it.
fn file_head(envelope: &ReportEnvelope, more: usize) -> Result<(String, usize), ExportError> {
    let members = header(envelope)?;
    let size: usize = members.iter().map(|(_, w)| w.pretty.len() + 32).sum();
    let mut out = String::with_capacity(size + more + 32);
    let mut hash_at = 0;
    out.push_str("{\n");
    for (key, value) in &members {
        out.push_str("  ");
        canonical::write_str(key, &mut out);
        out.push_str(": ");
        if *key == "content_sha256" {
            // After the opening quote.
            hash_at = out.len() + 1;
        }
        out.push_str(&value.pretty);
        out.push_str(",\n");
    }
    out.push_str("  \"content\": ");
    Ok((out, hash_at))
}

/// The JCS form of the file without `signature`: the header members and
/// the content's JCS bytes, keys in JCS order (all ASCII: byte order).
fn unsigned_jcs(envelope: &ReportEnvelope, content_jcs: &[u8]) -> Result<Vec<u8>, ExportError> {
    let members = header(envelope)?;
    let mut parts: Vec<(&str, &[u8])> = members
        .iter()
        .filter(|(k, _)| *k != signature::SIGNATURE_FIELD)
        .map(|(k, w)| (*k, w.jcs.as_slice()))
        .collect();
    parts.push(("content", content_jcs));
    parts.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    let size: usize = parts.iter().map(|(k, v)| k.len() + v.len() + 4).sum();
    let mut out = Vec::with_capacity(size + 2);
    out.push(b'{');
    for (i, (key, value)) in parts.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        // The keys are the file's own member names: plain ASCII.
        out.push(b'"');
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(b"\":");
        out.extend_from_slice(value);
    }
    out.push(b'}');
    Ok(out)
}

/// Builds the envelope and the file in one step.
pub fn export(
    report: ReportContent,
    app_version: &str,
    generated_at: DateTime<Utc>,
) -> Result<ExportedFile, ExportError> {
    // The content is written once, for both the hash and the file (a plan's
    // report is megabytes), straight behind the file's header, whose hash
    // (64 hex digits) is filled in when the walk has hashed the content.
    let (envelope, head, hash_at) = unhashed_head(report, app_version, generated_at)?;
    let content = envelope.report.written_hashed(head, false)?;
    Ok(file_with_hash(
        envelope,
        content.pretty,
        hash_at,
        &content.sha256,
    ))
}

/// The envelope with a placeholder hash, and the file's text up to its
/// content with where the hash goes.
fn unhashed_head(
    report: ReportContent,
    app_version: &str,
    generated_at: DateTime<Utc>,
) -> Result<(ReportEnvelope, String, usize), ExportError> {
    let envelope = ReportEnvelope::with_hash(report, app_version, generated_at, "0".repeat(64));
    let (head, hash_at) = file_head(&envelope, 0)?;
    Ok((envelope, head, hash_at))
}

/// The file whose text (header and content) lacks its closing and has a
/// placeholder hash at `hash_at`.
fn file_with_hash(
    mut envelope: ReportEnvelope,
    mut text: String,
    hash_at: usize,
    sha256: &[u8; 32],
) -> ExportedFile {
    let hash = canonical::digest_hex(sha256);
    // Same length, ASCII for ASCII: nothing behind it moves.
    text.replace_range(hash_at..hash_at + hash.len(), &hash);
    text.push_str(FILE_TAIL);
    envelope.content_sha256 = hash;
    ExportedFile {
        file_name: file_name::export_file_name(&envelope.report),
        content_sha256: envelope.content_sha256,
        text,
    }
}

/// An unsigned export written but for its content hash, for a caller that
/// hashes [`Unhashed::jcs`] elsewhere: the browser's WebCrypto computes
/// SHA-256 natively, several times faster than SHA-256 compiled to
/// WebAssembly (about 50 ms for a plan's 18 MB of JCS). [`export`] gives
/// the same file.
#[derive(Debug, Clone)]
pub struct Unhashed {
    envelope: ReportEnvelope,
    text: String,
    hash_at: usize,
    jcs: Vec<u8>,
}

/// [`export`] up to the hash (see [`Unhashed`]).
pub fn export_unhashed(
    report: ReportContent,
    app_version: &str,
    generated_at: DateTime<Utc>,
) -> Result<Unhashed, ExportError> {
    let (envelope, head, hash_at) = unhashed_head(report, app_version, generated_at)?;
    let content = envelope.report.written_behind(head)?;
    Ok(Unhashed {
        envelope,
        text: content.pretty,
        hash_at,
        jcs: content.jcs,
    })
}

impl Unhashed {
    /// The content's JCS bytes, whose SHA-256 the file carries.
    pub fn jcs(&self) -> &[u8] {
        &self.jcs
    }

    /// The file, with `sha256`, the SHA-256 of [`Unhashed::jcs`].
    pub fn finish(self, sha256: &[u8; 32]) -> ExportedFile {
        file_with_hash(self.envelope, self.text, self.hash_at, sha256)
    }

    /// The file, the hash computed here (when the caller could not).
    pub fn finish_hashing_here(self) -> ExportedFile {
        let sha256: [u8; 32] = Sha256::digest(&self.jcs).into();
        self.finish(&sha256)
    }
}

/// A report ready to be signed: the file without its signature, and the
/// bytes the signature must cover ([`signature::signed_bytes`] of it).
#[derive(Debug, Clone)]
pub struct ToSign {
    envelope: ReportEnvelope,
    /// The content's pretty text, for the file.
    content_pretty: String,
    key: PublicKey,
    /// The bytes to sign (JCS of the file without `signature`).
    pub bytes: Vec<u8>,
}

/// First step of a signed export: builds the envelope as [`export`] does and
/// the bytes the unit's key must sign. Kind-independent: it works on the
/// envelope, whatever report it wraps.
pub fn prepare_signed(
    report: ReportContent,
    app_version: &str,
    generated_at: DateTime<Utc>,
    key: PublicKey,
) -> Result<ToSign, ExportError> {
    let content = report.written_hashed(String::new(), true)?;
    let hash = canonical::digest_hex(&content.sha256);
    let envelope = ReportEnvelope::with_hash(report, app_version, generated_at, hash);
    let bytes = unsigned_jcs(&envelope, &content.jcs)?;
    Ok(ToSign {
        envelope,
        content_pretty: content.pretty,
        key,
        bytes,
    })
}

impl ToSign {
    /// Second step: the file with `raw_signature` (`r‖s`, 64 bytes, made by
    /// the key given to [`prepare_signed`] over [`ToSign::bytes`]). The
    /// signature is checked before the file is written.
    pub fn finish(self, raw_signature: &[u8]) -> Result<ExportedFile, ExportError> {
        let sig = self.key.file_signature(raw_signature);
        signature::verify_signature(&sig, &self.bytes)?;
        let mut envelope = self.envelope;
        envelope.signature = Some(sig);
        let text = file_text(&envelope, &self.content_pretty)?;
        Ok(ExportedFile {
            file_name: file_name::export_file_name(&envelope.report),
            content_sha256: envelope.content_sha256,
            text,
        })
    }
}

/// A report file's header: every member but `report_kind` and `content`.
#[derive(Deserialize)]
struct FileHeader {
    schema: String,
    schema_version: String,
    app_version: String,
    generated_at: DateTime<Utc>,
    reporting_unit: ReportingUnit,
    period: ReportPeriod,
    #[serde(default)]
    canonicalization: Option<Canonicalization>,
    content_sha256: String,
    #[serde(default)]
    signature: Option<FileSignature>,
}

/// The kinds `report_kind` names, as the derived reader lists them.
const REPORT_KINDS: &[&str] = &["dinh_ky", "kiem_tra", "tong_hop", "theo_doi_thpl"];

impl ReportEnvelope {
    /// Reads a report file's JSON value, accepting and refusing what the
    /// derived `Deserialize` does (`tests/report_verify.rs` compares them).
    ///
    /// Why not the derived reader: `#[serde(flatten)]` buffers the file
    /// into serde's private `Content` and reads every report type from it,
    /// a third deserializer of each report type in the wasm beside the one
    /// for text (stored reports) and the one for `Value` (issue #17). Here
    /// the content is read as text by kind, with the deserializers stored
    /// reports already use.
    pub fn from_json_value(mut value: Value) -> Result<Self, serde_json::Error> {
        use serde::de::Error as _;
        let obj = value
            .as_object_mut()
            .ok_or_else(|| serde_json::Error::custom("a report file is a JSON object"))?;
        let kind = obj
            .remove("report_kind")
            .ok_or_else(|| serde_json::Error::missing_field("report_kind"))?;
        let content = obj
            .remove("content")
            .ok_or_else(|| serde_json::Error::missing_field("content"))?
            .to_string();
        let report = match kind.as_str() {
            Some("dinh_ky") => ReportContent::DinhKy(serde_json::from_str(&content)?),
            Some("kiem_tra") => ReportContent::KiemTra(serde_json::from_str(&content)?),
            Some("tong_hop") => ReportContent::TongHop(serde_json::from_str(&content)?),
            Some("theo_doi_thpl") => ReportContent::TheoDoiThpl(serde_json::from_str(&content)?),
            _ => {
                return Err(serde_json::Error::unknown_variant(
                    &kind.to_string(),
                    REPORT_KINDS,
                ))
            }
        };
        let h: FileHeader = serde_json::from_str(&value.to_string())?;
        Ok(ReportEnvelope {
            schema: h.schema,
            schema_version: h.schema_version,
            app_version: h.app_version,
            generated_at: h.generated_at,
            reporting_unit: h.reporting_unit,
            period: h.period,
            report,
            canonicalization: h.canonicalization,
            content_sha256: h.content_sha256,
            signature: h.signature,
        })
    }
}
