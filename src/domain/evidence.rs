//! Evidence attachments (ảnh chụp, bản chụp/scan tài liệu) of checklist
//! answers and findings (issue #16): what a stored reference holds, the
//! SHA-256 identity of the stored bytes, which files are accepted, the
//! lock rule and the garbage rule. The bytes themselves live in the
//! browser's database (IndexedDB, `platform::evidence`); records in
//! localStorage hold only these small references.

use crate::domain::inspection::Inspection;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;

/// Largest file stored for one attachment (after scaling): a scanned
/// multi-page PDF or a photo kept as original fits; a video does not.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;
/// Most attachments on one answer or one finding.
pub const MAX_PER_TARGET: usize = 30;
/// Longest caption (characters).
pub const MAX_CAPTION_CHARS: usize = 500;
/// Longest original file name kept (characters).
pub const MAX_NAME_CHARS: usize = 200;
/// Default longest side of a scaled image, in pixels: a document page
/// stays readable at 2000 px.
pub const DEFAULT_MAX_SIDE: u32 = 2000;
/// The longest sides the user can choose from (0 = keep the original).
pub const MAX_SIDE_CHOICES: [u32; 4] = [1280, 2000, 3000, 0];

/// Media types stored. Images scaled in the browser are re-encoded as JPEG;
/// an original kept as is keeps its own type.
pub const ACCEPTED_TYPES: [&str; 5] = [
    "image/jpeg",
    "image/png",
    "image/webp",
    "image/gif",
    "application/pdf",
];

/// A reference to one stored file: enough to list, print and export it
/// without reading the bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// SHA-256 of the stored bytes, 64 lowercase hex digits: the
    /// attachment's identity and its key in the database.
    pub hash: String,
    /// Media type of the stored bytes.
    #[serde(rename = "type")]
    pub mime: String,
    /// Size of the stored bytes.
    pub size: u64,
    /// What the file shows (also its alternative text).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub caption: String,
    /// The file name it was chosen under.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// When attached.
    pub added_at: DateTime<Utc>,
}

/// Why a file cannot be attached (or an attachment not changed).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvidenceError {
    /// Not an image or PDF this app stores.
    #[error("unsupported type {0}")]
    UnsupportedType(String),
    /// Larger than [`MAX_BYTES`].
    #[error("too large: {0} bytes")]
    TooLarge(u64),
    /// An empty file.
    #[error("empty file")]
    Empty,
    /// Already [`MAX_PER_TARGET`] attachments here.
    #[error("too many attachments")]
    TooMany,
    /// The inspection is finalized: what was attached stays as it is.
    #[error("inspection is locked")]
    Locked,
    /// Not a SHA-256 in lowercase hex.
    #[error("bad hash")]
    BadHash,
    /// The addendum is not (or no longer) there.
    #[error("no such addendum")]
    NoSuchAddendum,
}

/// SHA-256 of `bytes` in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// True for 64 lowercase hex digits (a hash this app wrote).
pub fn is_hash(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Checks a file about to be stored: its media type and size.
pub fn check_file(mime: &str, size: u64) -> Result<(), EvidenceError> {
    if !ACCEPTED_TYPES.contains(&mime) {
        return Err(EvidenceError::UnsupportedType(mime.to_string()));
    }
    if size == 0 {
        return Err(EvidenceError::Empty);
    }
    if size > MAX_BYTES {
        return Err(EvidenceError::TooLarge(size));
    }
    Ok(())
}

/// True when the browser should scale this input (a raster image the user
/// did not ask to keep as is); PDFs and GIFs (which may be animated) are
/// always stored as they are.
pub fn should_scale(mime: &str, keep_original: bool) -> bool {
    !keep_original && matches!(mime, "image/jpeg" | "image/png" | "image/webp")
}

/// File name extension of a stored type (for export file names).
pub fn extension(mime: &str) -> &'static str {
    match mime {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        "image/gif" => "gif",
        "application/pdf" => "pdf",
        _ => "bin",
    }
}

/// Builds the reference of bytes about to be stored, checking them first.
/// The caption and name are trimmed and cut to their limits.
pub fn reference(
    bytes: &[u8],
    mime: &str,
    name: &str,
    caption: &str,
    now: DateTime<Utc>,
) -> Result<Attachment, EvidenceError> {
    check_file(mime, bytes.len() as u64)?;
    Ok(Attachment {
        hash: sha256_hex(bytes),
        mime: mime.to_string(),
        size: bytes.len() as u64,
        caption: cut(caption.trim(), MAX_CAPTION_CHARS),
        name: cut(name.trim(), MAX_NAME_CHARS),
        added_at: now,
    })
}

fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// Adds `a` to an answer's or finding's list. The same bytes attached twice
/// to one place are one attachment (`Ok(false)`, nothing changes).
pub fn attach(list: &mut Vec<Attachment>, a: Attachment) -> Result<bool, EvidenceError> {
    if !is_hash(&a.hash) {
        return Err(EvidenceError::BadHash);
    }
    if list.iter().any(|x| x.hash == a.hash) {
        return Ok(false);
    }
    if list.len() >= MAX_PER_TARGET {
        return Err(EvidenceError::TooMany);
    }
    list.push(a);
    Ok(true)
}

/// Removes the attachment `hash` from a list, returning it and its position
/// (for undo). The bytes stay stored: the garbage rule decides about them.
pub fn detach(list: &mut Vec<Attachment>, hash: &str) -> Option<(usize, Attachment)> {
    let pos = list.iter().position(|a| a.hash == hash)?;
    Some((pos, list.remove(pos)))
}

/// Puts a removed attachment back where it was (undo), unless it is there
/// again already.
pub fn undo_detach(list: &mut Vec<Attachment>, pos: usize, a: Attachment) {
    if list.iter().any(|x| x.hash == a.hash) {
        return;
    }
    let pos = pos.min(list.len());
    list.insert(pos, a);
}

/// Sets the caption of the attachment `hash`.
pub fn set_caption(list: &mut [Attachment], hash: &str, caption: &str) -> bool {
    match list.iter_mut().find(|a| a.hash == hash) {
        Some(a) => {
            a.caption = cut(caption, MAX_CAPTION_CHARS);
            true
        }
        None => false,
    }
}

/// The lock rule: attachments of a finalized inspection (its answers and
/// findings) cannot be added, removed or re-captioned (the inspection's own
/// edits refuse a locked inspection too); evidence found after finalizing
/// goes into an addendum (`Inspection::attach_to_addendum`).
pub fn check_unlocked(insp: &Inspection) -> Result<(), EvidenceError> {
    if insp.is_locked() {
        Err(EvidenceError::Locked)
    } else {
        Ok(())
    }
}

/// Every attachment of an inspection, where it is attached, in the order
/// the report lists them: the runs' answers by key, then the findings.
pub fn attachments_of(insp: &Inspection) -> Vec<&Attachment> {
    let mut out = Vec::new();
    for run in insp.checklists() {
        for a in run.answers.values() {
            out.extend(a.attachments.iter());
        }
    }
    for f in insp.findings() {
        out.extend(f.attachments.iter());
    }
    for a in insp.addenda() {
        out.extend(a.attachments.iter());
    }
    out
}

/// The hashes referenced by any of `inspections`.
pub fn referenced<'a>(inspections: impl IntoIterator<Item = &'a Inspection>) -> BTreeSet<String> {
    inspections
        .into_iter()
        .flat_map(|i| attachments_of(i).into_iter().map(|a| a.hash.clone()))
        .collect()
}

/// The garbage rule: a stored file may be deleted only when no record
/// references it. `stored` are the database's keys, `referenced` every hash
/// the records (and anything waiting to be undone) still point to.
pub fn garbage<'a>(
    stored: impl IntoIterator<Item = &'a str>,
    referenced: &BTreeSet<String>,
) -> Vec<String> {
    stored
        .into_iter()
        .filter(|h| !referenced.contains(*h))
        .map(str::to_string)
        .collect()
}

/// Total stored size of distinct attachments (the same file attached in two
/// places is stored once).
pub fn total_size<'a>(list: impl IntoIterator<Item = &'a Attachment>) -> u64 {
    let mut seen = BTreeSet::new();
    list.into_iter()
        .filter(|a| seen.insert(a.hash.as_str()))
        .map(|a| a.size)
        .sum()
}

/// Every SHA-256 (64 lowercase hex digits standing alone) written in
/// `text`. The garbage rule reads the raw stored values through this, so a
/// reference inside a record that could not be loaded (quarantined, from a
/// newer version, kept for a migration) still keeps its file.
pub fn hashes_in(text: &str) -> BTreeSet<String> {
    let bytes = text.as_bytes();
    let is_hex = |b: u8| b.is_ascii_digit() || (b'a'..=b'f').contains(&b);
    let mut out = BTreeSet::new();
    let mut i = 0;
    while i < bytes.len() {
        if is_hex(bytes[i]) && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            while i < bytes.len() && is_hex(bytes[i]) {
                i += 1;
            }
            let ends_clean = i == bytes.len() || !bytes[i].is_ascii_alphanumeric();
            if i - start == 64 && ends_clean {
                out.insert(text[start..i].to_string());
            }
        } else {
            i += 1;
        }
    }
    out
}

/// How long a stored file nobody refers to is kept before it may be
/// deleted: another tab may have stored it and not yet written the record
/// that refers to it (a record is written up to seconds later), and a
/// removal can be undone until the page is reloaded.
pub const GARBAGE_GRACE_MS: i64 = 24 * 60 * 60 * 1000;

/// One file in the database, as listed for the garbage rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredFile {
    /// Its hash (the key).
    pub hash: String,
    /// Its size.
    #[serde(default)]
    pub size: u64,
    /// When it was stored (milliseconds since 1970, the browser's clock).
    #[serde(default)]
    pub at: i64,
}

/// The files that may be deleted now: [`garbage`] among the files stored
/// more than [`GARBAGE_GRACE_MS`] before `now_ms`.
pub fn garbage_due(
    stored: &[StoredFile],
    referenced: &BTreeSet<String>,
    now_ms: i64,
) -> Vec<String> {
    garbage(
        stored
            .iter()
            .filter(|f| now_ms.saturating_sub(f.at) > GARBAGE_GRACE_MS)
            .map(|f| f.hash.as_str()),
        referenced,
    )
}

/// Where an attachment is attached, for the printed list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A checklist answer (its item code and group instance).
    Answer(crate::domain::answer::AnswerKey),
    /// A finding, by its number in the report (from 1).
    Finding(usize),
    /// An addendum, by its date.
    Addendum(chrono::NaiveDate),
}

/// Every attachment of an inspection with where it is attached, in the
/// order the printed report and the export list them.
pub fn listing(insp: &Inspection) -> Vec<(Place, &Attachment)> {
    let mut out = Vec::new();
    for run in insp.checklists() {
        for (key, a) in &run.answers {
            out.extend(
                a.attachments
                    .iter()
                    .map(|x| (Place::Answer(key.clone()), x)),
            );
        }
    }
    for (n, f) in insp.findings().iter().enumerate() {
        out.extend(f.attachments.iter().map(|x| (Place::Finding(n + 1), x)));
    }
    for a in insp.addenda() {
        out.extend(a.attachments.iter().map(|x| (Place::Addendum(a.date), x)));
    }
    out
}
