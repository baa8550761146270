//! Loading every record of one kind into the working set, with a report of
//! what was loaded, migrated, quarantined or failed, and the index check.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};

use super::error::StorageError;
use super::index::IndexStatus;
use super::keys::{parse_key, quarantine_key, ParsedKey, RecordKind};
use super::kv::KvStore;
use super::record::{QuarantineReason, StoredRecord};
use super::repo::Repository;

/// A record upgraded from an older schema version during load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigratedNote {
    /// Record key.
    pub key: String,
    /// Version it was stored at.
    pub from: u32,
    /// Where the raw old value is kept until `confirm_migration`.
    pub backup_key: String,
    /// Whether the upgraded record was written back to its key.
    pub written_back: bool,
}

/// A record excluded from the working set because it is quarantined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarantineNote {
    /// Original record key (never written until resolved).
    pub key: String,
    /// Why.
    pub reason: QuarantineReason,
    /// True when detected in this load, false when quarantined earlier.
    pub new: bool,
    /// Whether the raw value is safe under the quarantine key (if false it
    /// stays in place under the original key).
    pub copied: bool,
}

/// Side note from loading one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadNote {
    /// See `MigratedNote`.
    Migrated(MigratedNote),
    /// See `QuarantineNote`.
    Quarantined(QuarantineNote),
}

/// What `load_all` found for one kind.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadReport<T> {
    /// The kind loaded.
    pub kind: RecordKind,
    /// The working set: loaded and migrated records, in key order.
    pub records: Vec<T>,
    /// Records upgraded from older versions (also in `records`).
    pub migrated: Vec<MigratedNote>,
    /// Records excluded because quarantined.
    pub quarantined: Vec<QuarantineNote>,
    /// Keys that could not be read or migrated (e.g. the backup write hit
    /// the quota); their stored values are untouched.
    pub failed: Vec<(String, StorageError)>,
    /// Keys listed in the index but absent from storage.
    pub missing: Vec<String>,
    /// What happened to the index.
    pub index: IndexStatus,
}

impl<K: KvStore> Repository<K> {
    /// Load every record of `T`'s kind. `now` is used for any write load
    /// makes (migrated records, the index). Fails only when the key list
    /// itself cannot be read.
    pub fn load_all<T: StoredRecord>(
        &mut self,
        now: DateTime<Utc>,
    ) -> Result<LoadReport<T>, StorageError> {
        let all_keys = self.kv.keys().map_err(|e| StorageError::from_kv("", e))?;
        let present: BTreeSet<String> = all_keys.iter().cloned().collect();
        let mut targets: BTreeMap<String, String> = BTreeMap::new();
        for key in &all_keys {
            let (original, id) = match parse_key(key) {
                ParsedKey::Record { kind, id } if kind == T::KIND => (key.clone(), id),
                ParsedKey::Quarantine { original } => match parse_key(&original) {
                    ParsedKey::Record { kind, id } if kind == T::KIND => (original, id),
                    _ => continue,
                },
                _ => continue,
            };
            targets.insert(original, id);
        }

        let mut report = LoadReport {
            kind: T::KIND,
            records: Vec::new(),
            migrated: Vec::new(),
            quarantined: Vec::new(),
            failed: Vec::new(),
            missing: Vec::new(),
            index: IndexStatus::Consistent,
        };
        let mut actual: BTreeSet<String> = BTreeSet::new();
        for (key, id) in &targets {
            match self.load_key::<T>(key, id, now) {
                Ok((outcome, note)) => {
                    match note {
                        Some(LoadNote::Migrated(n)) => report.migrated.push(n),
                        Some(LoadNote::Quarantined(n)) => report.quarantined.push(n),
                        None => {}
                    }
                    if let Some(record) = outcome.into_record() {
                        if self.base_rev(key).is_some() {
                            actual.insert(key.clone());
                        }
                        report.records.push(record);
                    }
                }
                Err(e) => report.failed.push((key.clone(), e)),
            }
        }

        report.index = match self.read_index() {
            Err(e) => IndexStatus::WriteFailed(e),
            Ok(Err(problem)) => match self.rebuild_index(now) {
                Ok(_) => IndexStatus::Rebuilt { was: problem },
                Err(e) => IndexStatus::WriteFailed(e),
            },
            Ok(Ok((index_rev, mut data))) => {
                let listed: BTreeSet<String> = data
                    .records
                    .iter()
                    .filter(|k| matches!(parse_key(k), ParsedKey::Record { kind, .. } if kind == T::KIND))
                    .cloned()
                    .collect();
                report.missing = listed
                    .iter()
                    .filter(|k| !present.contains(*k) && !present.contains(&quarantine_key(k)))
                    .cloned()
                    .collect();
                if listed == actual {
                    self.index_keys = Some(data.records);
                    IndexStatus::Consistent
                } else {
                    data.records.retain(|k| !listed.contains(k));
                    data.records.extend(actual);
                    match self.write_index(index_rev + 1, &data, now) {
                        Ok(()) => IndexStatus::Updated,
                        Err(e) => IndexStatus::WriteFailed(e),
                    }
                }
            }
        };
        Ok(report)
    }
}
