//! Workspace backup file: `export_all` writes every record's stored text
//! verbatim into one JSON document (so a restore gives it back byte for
//! byte), plus quarantined values and migration backups for safekeeping.
//! `preview_restore` checks an untrusted file (size, nesting, schema,
//! versions, record envelopes) and compares it with what is stored, without
//! writing anything. Applying it is in `restore.rs`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::codec::{decode_stored, readable_text};
use super::envelope::{nesting_exceeds, parse, read_header, EnvelopeHeader};
use super::error::StorageError;
use super::keys::{parse_key, quarantine_key, ParsedKey, RecordKind, BACKUP_FILE_SCHEMA};
use super::kv::KvStore;
use super::migrate::{SchemaVersions, BACKUP_FILE_VERSION};
use super::record::CorruptReason;
use super::repo::Repository;

/// Largest backup file accepted (20 MiB): four times the localStorage
/// quota, so any real export fits and a hostile file is refused early.
pub const MAX_RESTORE_BYTES: usize = 20 * 1024 * 1024;
/// Deepest array/object nesting accepted in a backup file.
pub const MAX_RESTORE_DEPTH: usize = 64;

/// Limits and supported versions for `preview_restore`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreOptions {
    /// Maximum file size in bytes (UTF-8).
    pub max_bytes: usize,
    /// Maximum nesting depth.
    pub max_depth: usize,
    /// Highest record version accepted per kind.
    pub versions: SchemaVersions,
}

impl Default for RestoreOptions {
    fn default() -> Self {
        Self {
            max_bytes: MAX_RESTORE_BYTES,
            max_depth: MAX_RESTORE_DEPTH,
            versions: SchemaVersions::default(),
        }
    }
}

/// Why a backup file cannot be restored. Any error refuses the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreError {
    /// The file is larger than the limit.
    TooLarge {
        /// File size.
        bytes: usize,
        /// Limit.
        limit: usize,
    },
    /// Nesting deeper than the limit (hostile or not ours).
    TooDeep {
        /// Limit.
        limit: usize,
    },
    /// Not JSON, or not the backup structure.
    Malformed {
        /// Parser message.
        message: String,
    },
    /// Another kind of file.
    WrongSchema {
        /// Schema id found.
        found: String,
    },
    /// Written by a newer app (backup format).
    NewerVersion {
        /// Version found.
        found: u32,
        /// Version supported.
        supported: u32,
    },
    /// A key in `records` that is not a record key.
    UnexpectedKey {
        /// The key.
        key: String,
    },
    /// A record whose envelope is unusable.
    InvalidRecord {
        /// Record key.
        key: String,
        /// Why.
        reason: CorruptReason,
    },
    /// A record written by a newer schema version.
    NewerRecord {
        /// Record key.
        key: String,
        /// Version found.
        version: u32,
        /// Version supported.
        supported: u32,
    },
}

/// Revision and time of one side of a conflict (`None` when unreadable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevInfo {
    /// Stored revision.
    pub rev: Option<u64>,
    /// When it was saved.
    pub saved_at: Option<DateTime<Utc>>,
}

/// A record in the file whose key already holds something different.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreConflict {
    /// Record key.
    pub key: String,
    /// Kind.
    pub kind: RecordKind,
    /// What is stored now.
    pub existing: RevInfo,
    /// What the file holds.
    pub incoming: RevInfo,
    /// The existing record is quarantined: "take theirs" is refused until
    /// the quarantine is resolved ("keep both" works).
    pub existing_quarantined: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Incoming {
    pub(crate) kind: RecordKind,
    pub(crate) raw: String,
    pub(crate) header: EnvelopeHeader,
    /// What the key held at preview time, to detect changes before apply.
    pub(crate) existing_raw: Option<String>,
}

/// Everything the user needs to decide on a restore. Nothing is written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RestorePreview {
    /// Problems; when not empty, `apply_restore` writes nothing.
    pub errors: Vec<RestoreError>,
    /// App version that wrote the file.
    pub app_version: Option<String>,
    /// When the file was exported.
    pub exported_at: Option<DateTime<Utc>>,
    /// Records in the file per kind.
    pub counts: BTreeMap<RecordKind, usize>,
    /// Keys not stored yet.
    pub new_keys: Vec<String>,
    /// Keys already stored with exactly the same text.
    pub identical: Vec<String>,
    /// Keys stored with different content.
    pub conflicts: Vec<RestoreConflict>,
    /// Quarantined values carried in the file (listed only, not restored).
    pub quarantined_in_file: usize,
    pub(crate) incoming: BTreeMap<String, Incoming>,
}

impl RestorePreview {
    /// True when the file can be applied.
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    fn failed(error: RestoreError) -> Self {
        Self {
            errors: vec![error],
            ..Self::default()
        }
    }
}

#[derive(Serialize)]
struct BackupOut<'a> {
    schema: &'a str,
    version: u32,
    app_version: &'a str,
    exported_at: DateTime<Utc>,
    records: BTreeMap<String, &'a RawValue>,
    quarantined: BTreeMap<String, String>,
    migration_backups: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct BackupHead {
    schema: String,
    version: u32,
}

#[derive(Deserialize)]
struct BackupIn {
    #[serde(default)]
    app_version: Option<String>,
    #[serde(default)]
    exported_at: Option<DateTime<Utc>>,
    records: BTreeMap<String, Box<RawValue>>,
    #[serde(default)]
    quarantined: BTreeMap<String, String>,
}

impl<K: KvStore> Repository<K> {
    /// The whole workspace as one JSON document. Record texts are embedded
    /// verbatim; values that are not JSON go to `quarantined` as strings,
    /// keyed by the key they are stored under.
    pub fn export_all(&self, now: DateTime<Utc>) -> Result<String, StorageError> {
        let keys = self.kv.keys().map_err(|e| StorageError::from_kv("", e))?;
        let mut texts: BTreeMap<String, String> = BTreeMap::new();
        let mut quarantined = BTreeMap::new();
        let mut migration_backups = BTreeMap::new();
        for key in keys {
            let Some(value) = self.get(&key)? else {
                continue;
            };
            // The file holds plain JSON whatever the storage encoding
            // (`codec`): a compressed value goes in decompressed, one that
            // does not decompress goes in as it is stored.
            match parse_key(&key) {
                ParsedKey::Record { .. } => match decode_stored(&value) {
                    Ok(json) if serde_json::from_str::<&RawValue>(&json).is_ok() => {
                        texts.insert(key, json.into_owned());
                    }
                    _ => {
                        quarantined.insert(key, value);
                    }
                },
                ParsedKey::Quarantine { .. } => {
                    quarantined.insert(key, readable_text(&value).into_owned());
                }
                ParsedKey::Backup { .. } => {
                    migration_backups.insert(key, readable_text(&value).into_owned());
                }
                _ => {}
            }
        }
        let mut records = BTreeMap::new();
        for (key, text) in &texts {
            let raw: &RawValue =
                serde_json::from_str(text).map_err(|e| StorageError::Serialize {
                    key: key.clone(),
                    message: e.to_string(),
                })?;
            records.insert(key.clone(), raw);
        }
        let out = BackupOut {
            schema: BACKUP_FILE_SCHEMA,
            version: BACKUP_FILE_VERSION,
            app_version: &self.app_version,
            exported_at: now,
            records,
            quarantined,
            migration_backups,
        };
        serde_json::to_string(&out).map_err(|e| StorageError::Serialize {
            key: BACKUP_FILE_SCHEMA.to_string(),
            message: e.to_string(),
        })
    }

    /// Check a backup file and compare it with the store (envelopes only;
    /// see [`Repository::preview_restore_checked`]).
    pub fn preview_restore(
        &self,
        json: &str,
        options: &RestoreOptions,
    ) -> Result<RestorePreview, StorageError> {
        self.preview_restore_checked(json, options, &|_, _, _| Ok(()))
    }

    /// Check a backup file and compare it with the store; `check(kind, raw,
    /// id)` must accept each record's data (the app passes the decoder it
    /// loads with), so a record that would be unreadable after the restore
    /// refuses the file instead of replacing a good one.
    pub fn preview_restore_checked(
        &self,
        json: &str,
        options: &RestoreOptions,
        check: &dyn Fn(RecordKind, &str, &str) -> Result<(), CorruptReason>,
    ) -> Result<RestorePreview, StorageError> {
        if json.len() > options.max_bytes {
            return Ok(RestorePreview::failed(RestoreError::TooLarge {
                bytes: json.len(),
                limit: options.max_bytes,
            }));
        }
        if nesting_exceeds(json, options.max_depth) {
            return Ok(RestorePreview::failed(RestoreError::TooDeep {
                limit: options.max_depth,
            }));
        }
        let head: BackupHead = match serde_json::from_str(json) {
            Ok(h) => h,
            Err(e) => {
                return Ok(RestorePreview::failed(RestoreError::Malformed {
                    message: e.to_string(),
                }))
            }
        };
        if head.schema != BACKUP_FILE_SCHEMA {
            return Ok(RestorePreview::failed(RestoreError::WrongSchema {
                found: head.schema,
            }));
        }
        if head.version > BACKUP_FILE_VERSION {
            return Ok(RestorePreview::failed(RestoreError::NewerVersion {
                found: head.version,
                supported: BACKUP_FILE_VERSION,
            }));
        }
        let file: BackupIn = match serde_json::from_str(json) {
            Ok(f) => f,
            Err(e) => {
                return Ok(RestorePreview::failed(RestoreError::Malformed {
                    message: e.to_string(),
                }))
            }
        };
        let mut preview = RestorePreview {
            app_version: file.app_version,
            exported_at: file.exported_at,
            quarantined_in_file: file.quarantined.len(),
            ..RestorePreview::default()
        };
        for (key, raw) in file.records {
            let ParsedKey::Record { kind, id } = parse_key(&key) else {
                preview.errors.push(RestoreError::UnexpectedKey { key });
                continue;
            };
            let header = match parse(raw.get(), &kind.schema_id()) {
                Ok(env) => env.header(),
                Err(reason) => {
                    preview
                        .errors
                        .push(RestoreError::InvalidRecord { key, reason });
                    continue;
                }
            };
            let supported = options.versions.of(kind);
            if header.version > supported {
                preview.errors.push(RestoreError::NewerRecord {
                    key,
                    version: header.version,
                    supported,
                });
                continue;
            }
            if let Err(reason) = check(kind, raw.get(), &id) {
                preview
                    .errors
                    .push(RestoreError::InvalidRecord { key, reason });
                continue;
            }
            *preview.counts.entry(kind).or_default() += 1;
            let existing_raw = self.get(&key)?;
            let quarantined_raw = self.get(&quarantine_key(&key))?;
            let is_quarantined = quarantined_raw.is_some() || self.quarantined.contains(&key);
            let incoming_info = RevInfo {
                rev: Some(header.rev),
                saved_at: Some(header.saved_at),
            };
            // Stored text may be compressed; the file's is plain JSON.
            let existing_json = existing_raw.as_deref().and_then(|r| decode_stored(r).ok());
            if !is_quarantined && existing_json.as_deref() == Some(raw.get()) {
                preview.identical.push(key.clone());
            } else if !is_quarantined && existing_raw.is_none() {
                preview.new_keys.push(key.clone());
            } else {
                let existing_header = existing_raw
                    .as_deref()
                    .or(quarantined_raw.as_deref())
                    .and_then(|r| read_header(r, kind).ok());
                preview.conflicts.push(RestoreConflict {
                    key: key.clone(),
                    kind,
                    existing: RevInfo {
                        rev: existing_header.as_ref().map(|h| h.rev),
                        saved_at: existing_header.as_ref().map(|h| h.saved_at),
                    },
                    incoming: incoming_info,
                    existing_quarantined: is_quarantined,
                });
            }
            preview.incoming.insert(
                key,
                Incoming {
                    kind,
                    raw: raw.get().to_string(),
                    header,
                    existing_raw,
                },
            );
        }
        Ok(preview)
    }
}
