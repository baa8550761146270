//! The backup package (issue #16): when the backed-up records refer to
//! attached files, the backup is a ZIP (the export package's layout, writer
//! and reader, [`crate::report::package`], with its limits on hostile
//! input) holding `sao-luu.json`, byte for byte the JSON backup file the
//! app writes without attachments, the manifest `attachments.json`, and
//! `attachments/<sha256>.<ext>` for each file.
//!
//! Rules owned here:
//! - which files a backup carries ([`attachment_refs`]): every attachment
//!   reference in any backed-up record, quarantined values and
//!   pre-migration copies included, so a record that could not be loaded
//!   still has its files; ([`plan_backup`]) a file this browser no longer
//!   holds is left out and named, the backup still happens;
//! - opening a package for a restore ([`open_backup_package`]): every file
//!   is checked against its name, the manifest's hash and size, and the
//!   types the app stores, before anything is written; an altered, missing,
//!   extra or hostile entry refuses the whole package.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::domain::evidence::{check_file, is_hash, ACCEPTED_TYPES};
use crate::report::package::{
    check, entry_path, open_as, FileCheck, Layout, ManifestEntry, PackageError, Writer,
};

/// Name of the backup JSON inside the package.
pub const BACKUP_NAME: &str = "sao-luu.json";
/// The manifest's format name in a backup package.
pub const BACKUP_FORMAT: &str = "kiemtra-goi-sao-luu";
/// The backup package's layout.
pub const BACKUP_PACKAGE: Layout = Layout {
    main: BACKUP_NAME,
    format: BACKUP_FORMAT,
};

/// True when `bytes` start like a ZIP file (a package, not a JSON backup).
pub fn is_package(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Every attached file referred to in a backup file (the JSON the app
/// writes), one entry per file; `attached_to` names the stored keys that
/// refer to it. An unreadable backup refers to nothing.
pub fn attachment_refs(backup_json: &str) -> Vec<ManifestEntry> {
    let Ok(file) = serde_json::from_str::<Value>(backup_json) else {
        return Vec::new();
    };
    let mut found: BTreeMap<String, ManifestEntry> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    if let Some(Value::Object(records)) = file.get("records") {
        for (key, v) in records {
            walk(v, key, &mut found, &mut order);
        }
    }
    // Values kept as text (quarantined, pre-migration copies) are read
    // when they are JSON.
    for part in ["quarantined", "migration_backups"] {
        if let Some(Value::Object(map)) = file.get(part) {
            for (key, v) in map {
                if let Some(Ok(inner)) = v.as_str().map(serde_json::from_str::<Value>) {
                    walk(&inner, key, &mut found, &mut order);
                }
            }
        }
    }
    order.into_iter().filter_map(|h| found.remove(&h)).collect()
}

/// An attachment reference: an object with a hash, a type the app stores
/// and a size (the stored shape of `domain::evidence::Attachment`).
fn as_reference(map: &serde_json::Map<String, Value>) -> Option<(String, String, u64)> {
    let hash = map.get("hash")?.as_str()?;
    let mime = map.get("type")?.as_str()?;
    let size = map.get("size")?.as_u64()?;
    (is_hash(hash) && ACCEPTED_TYPES.contains(&mime))
        .then(|| (hash.to_string(), mime.to_string(), size))
}

fn walk(
    v: &Value,
    key: &str,
    found: &mut BTreeMap<String, ManifestEntry>,
    order: &mut Vec<String>,
) {
    match v {
        Value::Object(map) => {
            if let Some((hash, mime, size)) = as_reference(map) {
                let text = |f: &str| {
                    map.get(f)
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string()
                };
                let e = found.entry(hash.clone()).or_insert_with(|| {
                    order.push(hash.clone());
                    ManifestEntry {
                        file: entry_path(&hash, &mime),
                        hash,
                        mime,
                        size,
                        caption: text("caption"),
                        name: text("name"),
                        attached_to: Vec::new(),
                    }
                });
                if !e.attached_to.iter().any(|k| k == key) {
                    e.attached_to.push(key.to_string());
                }
                return;
            }
            for x in map.values() {
                walk(x, key, found, order);
            }
        }
        Value::Array(list) => {
            for x in list {
                walk(x, key, found, order);
            }
        }
        _ => {}
    }
}

/// What goes into a backup: the files to pack, and those referred to but
/// not stored in this browser (named to the user; the backup still
/// happens, the records matter most).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackupPlan {
    /// Files to put in the package.
    pub include: Vec<ManifestEntry>,
    /// Files referred to but absent here.
    pub missing: Vec<ManifestEntry>,
}

impl BackupPlan {
    /// True when the backup is a package (some file to carry); otherwise
    /// the plain JSON backup, exactly as before attachments existed.
    pub fn is_package(&self) -> bool {
        !self.include.is_empty()
    }
}

/// Splits the files of `backup_json` into those `stored` holds (by hash)
/// and those it does not.
pub fn plan_backup(backup_json: &str, stored: &BTreeSet<String>) -> BackupPlan {
    let (include, missing) = attachment_refs(backup_json)
        .into_iter()
        .partition(|e| stored.contains(&e.hash));
    BackupPlan { include, missing }
}

/// Writes a whole backup package from files in memory (tests and small
/// backups; the page streams through [`Writer`] one file at a time).
pub fn write_backup_package(
    backup_json: &str,
    files: &[(ManifestEntry, Vec<u8>)],
) -> Result<Vec<u8>, PackageError> {
    let entries = files.iter().map(|(e, _)| e.clone()).collect();
    let mut w = Writer::start(BACKUP_PACKAGE, backup_json.as_bytes(), entries)?;
    for (e, bytes) in files {
        w.add(e, bytes)?;
    }
    w.finish()
}

/// Why a backup package is refused. Nothing is changed by a refusal.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackageRefusal {
    /// The ZIP itself is unreadable, too large, has hostile or duplicate
    /// names, or lacks its backup or manifest.
    #[error("{0}")]
    Package(PackageError),
    /// The backup file inside is not the one the manifest names.
    #[error(
        "tệp sao lưu {BACKUP_NAME} trong gói đã bị thay đổi (mã băm không khớp với danh sách tệp)"
    )]
    BackupAltered,
    /// The backup file inside is not text.
    #[error("tệp sao lưu {BACKUP_NAME} trong gói không phải văn bản UTF-8")]
    NotText,
    /// Files that failed the check (altered, missing, extra, misnamed).
    #[error("{} tệp đính kèm trong gói không hợp lệ", .0.len())]
    Files(Vec<FileCheck>),
    /// A listed file of a type or size the app never stores.
    #[error("tệp {0} trong gói không phải loại tệp đính kèm ứng dụng lưu (ảnh JPEG, PNG, WebP, GIF hoặc PDF, tối đa 20 MB)")]
    NotAttachment(String),
}

/// A backup package checked: its backup JSON and its files, each verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedBackup {
    /// The backup JSON (restored through the JSON backup's path).
    pub json: String,
    /// Each distinct file with its verified bytes.
    pub files: Vec<(ManifestEntry, Vec<u8>)>,
}

impl OpenedBackup {
    /// Total size of the files.
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|(e, _)| e.size).sum()
    }
}

/// Opens a backup package and verifies every file before anything is
/// written. Takes the bytes by value: they are dropped once the entries
/// are read, so at most two copies of the package are held.
pub fn open_backup_package(bytes: Vec<u8>) -> Result<OpenedBackup, PackageRefusal> {
    let opened = open_as(BACKUP_PACKAGE, &bytes).map_err(PackageRefusal::Package);
    drop(bytes);
    let mut opened = opened?;
    let checked = check(&opened);
    let bad: Vec<FileCheck> = checked
        .files
        .into_iter()
        .filter(|f| !f.status.is_ok())
        .collect();
    if !bad.is_empty() {
        return Err(PackageRefusal::Files(bad));
    }
    if !checked.report_matches {
        return Err(PackageRefusal::BackupAltered);
    }
    let mut files = Vec::new();
    let mut seen = BTreeSet::new();
    for e in &opened.manifest.attachments {
        if check_file(&e.mime, e.size).is_err() {
            return Err(PackageRefusal::NotAttachment(e.file.clone()));
        }
        if !seen.insert(e.hash.clone()) {
            continue;
        }
        // Checked above: every listed file is present and matches.
        if let Some(b) = opened.files.remove(&e.file) {
            files.push((e.clone(), b));
        }
    }
    let json = String::from_utf8(std::mem::take(&mut opened.report))
        .map_err(|_| PackageRefusal::NotText)?;
    Ok(OpenedBackup { json, files })
}

/// The files of a restore this browser does not hold yet (by hash).
pub fn not_stored<'a>(
    files: &'a [(ManifestEntry, Vec<u8>)],
    stored: &BTreeSet<String>,
) -> Vec<&'a (ManifestEntry, Vec<u8>)> {
    files
        .iter()
        .filter(|(e, _)| !stored.contains(&e.hash))
        .collect()
}
