//! Archive files (issue #14, item 4): the inspections a team has finished
//! with move out of the browser into a file, and come back from it exactly.
//!
//! Rules owned here:
//! - which inspections may go ([`is_archivable`]): exported (locked, their
//!   report sent) and with every recommendation's follow-up closed, so
//!   nothing the follow-up pages still track leaves the browser;
//! - the file's layout ([`build_archive`]): a report-family file, the header
//!   in a fixed order and `content` last, pretty-printed by the same writer
//!   as the report exports, with `canonicalization: "rfc8785"` and the
//!   SHA-256 of the content's JCS form. `content.records` holds every stored
//!   record of the archived inspections (the inspection and its runs'
//!   answers records) and a copy of their plans and template families, each
//!   as the exact JSON text of the stored envelope (decompressed when the
//!   browser holds it compressed, `storage::codec`: the file stays readable
//!   JSON), so restoring writes records that decode to the same bytes and
//!   the report of their period can be rebuilt from the file alone;
//! - removing ([`remove_archived`]): only after the user confirms the file
//!   was saved, and only an inspection whose stored records still decode to
//!   the bytes in the file (a change since the file was made keeps it);
//! - opening ([`open_archive`]): an untrusted file is checked (size, nesting,
//!   schema, hash, record keys) before anything is read from it; restoring
//!   goes through the backup restore (the same checks and the same
//!   keep-mine default on conflicts), writing each record's text verbatim
//!   in the storage encoding (compressed when smaller).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

use super::store::WorkspaceStore;
use crate::domain::ids::{InspectionId, PlanId};
use crate::domain::inspection::{Inspection, InspectionStatus};
use crate::domain::workspace::Workspace;
use crate::json_limits::nesting_exceeds;
use crate::report::{canonical, jcs};
use crate::storage::keys::{parse_key, record_key, BACKUP_FILE_SCHEMA};
use crate::storage::{KvStore, MemoryKv, ParsedKey, RecordKind, StorageError};

/// Identifier written in every archive file's `schema`.
pub const ARCHIVE_SCHEMA_ID: &str = "urn:kiemtra:archive:v1";
/// Version of the archive layout this code writes (readers accept `1.x.y`).
pub const ARCHIVE_SCHEMA_VERSION: &str = "1.0.0";
/// Largest archive file accepted when opening (the backup file's limit).
pub const MAX_ARCHIVE_BYTES: usize = crate::storage::backup::MAX_RESTORE_BYTES;
/// Deepest nesting accepted when opening.
pub const MAX_ARCHIVE_DEPTH: usize = crate::storage::backup::MAX_RESTORE_DEPTH;

/// Whether `insp` may be archived: exported, no recommendation still open
/// for follow-up, and no attached file (issue #16): an archive file holds
/// records only, and once they left the browser nothing would refer to the
/// files any more, so the garbage rule would delete them. Such an
/// inspection stays in the browser (the backup package carries its files).
pub fn is_archivable(insp: &Inspection) -> bool {
    insp.status() == InspectionStatus::Exported
        && insp.tracked_items().iter().all(|t| t.tracking.is_closed())
        && crate::domain::evidence::attachments_of(insp).is_empty()
}

/// The inspections of `ws` that may be archived, in the workspace's order.
pub fn archivable(ws: &Workspace) -> Vec<InspectionId> {
    ws.inspections()
        .filter(|i| is_archivable(i))
        .map(|i| i.id())
        .collect()
}

/// One archived inspection as listed in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchivedInspection {
    /// The inspection.
    pub id: InspectionId,
    /// Its plan.
    pub plan_id: PlanId,
    /// Its stored keys (inspection and answers records).
    pub keys: Vec<String>,
}

/// The hashed content of an archive file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArchiveContent {
    /// The archived inspections.
    pub inspections: Vec<ArchivedInspection>,
    /// Key → the exact stored envelope JSON (decompressed), for the archived inspections' records
    /// and copies of their plans' and templates' records.
    pub records: BTreeMap<String, String>,
}

/// An archive file made, not yet confirmed saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveFile {
    /// ASCII file name offered for download.
    pub file_name: String,
    /// The file's text (UTF-8, ends with a newline).
    pub text: String,
    /// The content hash written in the file.
    pub content_sha256: String,
    /// What the file holds.
    pub content: ArchiveContent,
}

/// An archive file read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedArchive {
    /// When the file was made.
    pub generated_at: DateTime<Utc>,
    /// Its content hash (checked).
    pub content_sha256: String,
    /// What it holds.
    pub content: ArchiveContent,
}

/// Why an archive could not be made, removed or opened. Messages are
/// Vietnamese: they are shown as they are.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArchiveError {
    /// Nothing chosen.
    #[error("chưa chọn cuộc kiểm tra nào để lưu trữ")]
    Empty,
    /// An inspection that may not be archived.
    #[error(
        "cuộc kiểm tra {0} chưa thể lưu trữ (chưa xuất báo cáo, còn kiến nghị đang theo dõi hoặc có tệp đính kèm)"
    )]
    NotArchivable(InspectionId),
    /// Changes not stored yet.
    #[error("còn thay đổi chưa lưu vào trình duyệt; hãy thử lại sau khi lưu xong")]
    Unsaved,
    /// A record could not be read.
    #[error("không đọc được dữ liệu đã lưu: {0}")]
    Storage(String),
    /// The file is too big.
    #[error("tệp quá lớn ({} MB, tối đa {} MB)", bytes / 1_000_000, limit / 1_000_000)]
    TooLarge {
        /// File size.
        bytes: usize,
        /// Limit.
        limit: usize,
    },
    /// Not a KiểmTra archive file.
    #[error("đây không phải tệp lưu trữ của KiểmTra: {0}")]
    NotAnArchive(String),
    /// A newer major version.
    #[error("tệp lưu trữ phiên bản {0}, ứng dụng này chưa đọc được")]
    NewerVersion(String),
    /// The content does not match its hash.
    #[error("nội dung tệp đã bị thay đổi (mã băm không khớp)")]
    HashMismatch,
    /// A record the archive may not hold, or an inspection without its record.
    #[error("tệp lưu trữ chứa bản ghi không hợp lệ: {0}")]
    BadRecord(String),
}

impl From<StorageError> for ArchiveError {
    fn from(e: StorageError) -> Self {
        ArchiveError::Storage(e.to_string())
    }
}

/// Makes the archive file of `ids` from what is stored (pending changes are
/// saved first; any left unsaved refuse the archive, since the file must
/// hold what the browser holds). Nothing is removed.
pub fn build_archive<K: KvStore>(
    store: &mut WorkspaceStore<K>,
    ws: &Workspace,
    ids: &[InspectionId],
    app_version: &str,
    now: DateTime<Utc>,
) -> Result<ArchiveFile, ArchiveError> {
    if ids.is_empty() {
        return Err(ArchiveError::Empty);
    }
    store.flush_now(now);
    if store.has_pending() {
        return Err(ArchiveError::Unsaved);
    }
    let stored_keys = store
        .repo()
        .kv()
        .keys()
        .map_err(|e| ArchiveError::Storage(e.to_string()))?;
    let mut records = BTreeMap::new();
    let mut inspections = Vec::new();
    let read = |key: &str, records: &mut BTreeMap<String, String>| -> Result<bool, ArchiveError> {
        match store.repo().get(key)? {
            Some(text) => {
                let json = crate::storage::decode_stored(&text)
                    .map_err(|_| ArchiveError::BadRecord(key.to_string()))?;
                records.insert(key.to_string(), json.into_owned());
                Ok(true)
            }
            None => Ok(false),
        }
    };
    let mut seen = BTreeSet::new();
    for id in ids {
        if !seen.insert(*id) {
            continue;
        }
        let insp = ws
            .inspection(*id)
            .filter(|i| is_archivable(i))
            .ok_or(ArchiveError::NotArchivable(*id))?;
        let ikey = record_key(RecordKind::Inspection, &id.to_string());
        if !read(&ikey, &mut records)? {
            return Err(ArchiveError::Unsaved);
        }
        let mut keys = vec![ikey];
        let prefix = record_key(RecordKind::Answers, &format!("{id}:"));
        for k in stored_keys.iter().filter(|k| k.starts_with(&prefix)) {
            if read(k, &mut records)? {
                keys.push(k.clone());
            }
        }
        // Copies, kept in the browser too: what rebuilds the report.
        read(
            &record_key(RecordKind::Plan, &insp.plan_id().to_string()),
            &mut records,
        )?;
        for run in insp.checklists() {
            read(
                &record_key(RecordKind::Template, run.template.id.as_str()),
                &mut records,
            )?;
        }
        inspections.push(ArchivedInspection {
            id: *id,
            plan_id: insp.plan_id(),
            keys,
        });
    }
    let content = ArchiveContent {
        inspections,
        records,
    };
    let value = serde_json::to_value(&content).map_err(|e| ArchiveError::Storage(e.to_string()))?;
    let content_sha256 = jcs::Rule::Jcs
        .content_sha256(&value)
        .map_err(|e| ArchiveError::Storage(e.to_string()))?;
    let header: [(&str, Value); 6] = [
        ("schema", Value::from(ARCHIVE_SCHEMA_ID)),
        ("schema_version", Value::from(ARCHIVE_SCHEMA_VERSION)),
        ("app_version", Value::from(app_version)),
        (
            "generated_at",
            Value::from(now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)),
        ),
        ("canonicalization", Value::from("rfc8785")),
        ("content_sha256", Value::from(content_sha256.as_str())),
    ];
    let mut text = String::with_capacity(1 << 16);
    text.push_str("{\n");
    for (key, v) in header.iter() {
        text.push_str("  ");
        canonical::write_str(key, &mut text);
        text.push_str(": ");
        canonical::write_pretty(v, 1, &mut text);
        text.push_str(",\n");
    }
    text.push_str("  \"content\": ");
    canonical::write_pretty(&value, 1, &mut text);
    text.push_str("\n}\n");
    Ok(ArchiveFile {
        file_name: format!("luu-tru-kiem-tra-{}.json", now.format("%Y%m%d-%H%M%S")),
        text,
        content_sha256,
        content,
    })
}

/// After the user confirmed `file` was saved: removes from the browser each
/// archived inspection whose stored records still decode to the file's bytes
/// (its inspection record and every answers record of it), and takes it
/// out of `ws`. Returns the removed ones; the others stay, unchanged.
pub fn remove_archived<K: KvStore>(
    store: &mut WorkspaceStore<K>,
    ws: &mut Workspace,
    file: &ArchiveFile,
    now: DateTime<Utc>,
) -> Result<Vec<InspectionId>, ArchiveError> {
    store.flush_now(now);
    let stored_keys = store
        .repo()
        .kv()
        .keys()
        .map_err(|e| ArchiveError::Storage(e.to_string()))?;
    let mut removed = Vec::new();
    for a in &file.content.inspections {
        let prefix = record_key(RecordKind::Answers, &format!("{}:", a.id));
        let now_keys: BTreeSet<&String> = stored_keys
            .iter()
            .filter(|k| k.starts_with(&prefix) || **k == a.keys[0])
            .collect();
        let same_keys =
            now_keys.len() == a.keys.len() && a.keys.iter().all(|k| now_keys.contains(k));
        let mut same = same_keys;
        for k in &a.keys {
            if !same {
                break;
            }
            // Compared decoded: the file holds the JSON, the browser may
            // hold it compressed (or plain, written before the encoding).
            let stored = store.repo().get(k)?;
            let stored_json = stored
                .as_deref()
                .and_then(|t| crate::storage::decode_stored(t).ok());
            same = stored_json.as_deref() == file.content.records.get(k).map(String::as_str);
        }
        if !same {
            continue;
        }
        store.delete_inspection(a.id, now)?;
        ws.take_inspection(a.id);
        removed.push(a.id);
    }
    Ok(removed)
}

/// The header fields read when opening.
#[derive(Deserialize)]
struct ArchiveIn {
    schema: String,
    schema_version: String,
    generated_at: DateTime<Utc>,
    canonicalization: String,
    content_sha256: String,
    content: Value,
}

/// Reads and checks an archive file; nothing is written.
pub fn open_archive(text: &str) -> Result<OpenedArchive, ArchiveError> {
    if text.len() > MAX_ARCHIVE_BYTES {
        return Err(ArchiveError::TooLarge {
            bytes: text.len(),
            limit: MAX_ARCHIVE_BYTES,
        });
    }
    if nesting_exceeds(text, MAX_ARCHIVE_DEPTH) {
        return Err(ArchiveError::NotAnArchive("cấu trúc lồng quá sâu".into()));
    }
    let file: ArchiveIn =
        serde_json::from_str(text).map_err(|e| ArchiveError::NotAnArchive(e.to_string()))?;
    if file.schema != ARCHIVE_SCHEMA_ID {
        return Err(ArchiveError::NotAnArchive(file.schema));
    }
    if !file.schema_version.starts_with("1.") {
        return Err(ArchiveError::NewerVersion(file.schema_version));
    }
    if file.canonicalization != "rfc8785" {
        return Err(ArchiveError::NotAnArchive(file.canonicalization));
    }
    let hash = jcs::Rule::Jcs
        .content_sha256(&file.content)
        .map_err(|e| ArchiveError::NotAnArchive(e.to_string()))?;
    if hash != file.content_sha256 {
        return Err(ArchiveError::HashMismatch);
    }
    let content: ArchiveContent = serde_json::from_value(file.content)
        .map_err(|e| ArchiveError::NotAnArchive(e.to_string()))?;
    for key in content.records.keys() {
        match parse_key(key) {
            ParsedKey::Record {
                kind:
                    RecordKind::Inspection
                    | RecordKind::Answers
                    | RecordKind::Plan
                    | RecordKind::Template,
                ..
            } => {}
            _ => return Err(ArchiveError::BadRecord(key.clone())),
        }
    }
    for a in &content.inspections {
        let ikey = record_key(RecordKind::Inspection, &a.id.to_string());
        if a.keys.first() != Some(&ikey) || a.keys.iter().any(|k| !content.records.contains_key(k))
        {
            return Err(ArchiveError::BadRecord(ikey));
        }
    }
    Ok(OpenedArchive {
        generated_at: file.generated_at,
        content_sha256: file.content_sha256,
        content,
    })
}

/// The backup file shape the restore reads (`storage::backup`).
#[derive(Serialize)]
struct BackupShape<'a> {
    schema: &'static str,
    version: u32,
    app_version: &'a str,
    exported_at: DateTime<Utc>,
    records: BTreeMap<&'a str, Box<RawValue>>,
}

impl OpenedArchive {
    /// The archive as a backup file for the restore (preview, then apply):
    /// every record's text verbatim, so a restore writes records that
    /// decode to the same bytes.
    pub fn as_backup_file(&self, app_version: &str) -> Result<String, ArchiveError> {
        let mut records = BTreeMap::new();
        for (k, v) in &self.content.records {
            let raw =
                RawValue::from_string(v.clone()).map_err(|_| ArchiveError::BadRecord(k.clone()))?;
            records.insert(k.as_str(), raw);
        }
        serde_json::to_string(&BackupShape {
            schema: BACKUP_FILE_SCHEMA,
            version: crate::storage::migrate::BACKUP_FILE_VERSION,
            app_version,
            exported_at: self.generated_at,
            records,
        })
        .map_err(|e| ArchiveError::BadRecord(e.to_string()))
    }

    /// The archive loaded on its own, as the app loads a workspace (nothing
    /// written to the browser): its inspections, their plans and templates,
    /// ready for the report builder (`report::from_domain`).
    pub fn workspace(&self, app_version: &str, now: DateTime<Utc>) -> Workspace {
        let mut kv = MemoryKv::new();
        for (k, v) in &self.content.records {
            kv.insert_raw(k, v);
        }
        let (_, ws, _) = WorkspaceStore::open(kv, app_version, now);
        ws
    }
}
