//! User-driven resolution of values the app set aside: quarantined records
//! (listed with their raw text for download, then discarded or restored)
//! and pre-migration backups (kept until the user confirms the migration).

use chrono::{DateTime, Utc};

use super::envelope::{decode, read_header, Decoded};
use super::error::StorageError;
use super::keys::{parse_key, quarantine_key, record_kind_of, ParsedKey};
use super::kv::KvStore;
use super::record::{LoadOutcome, StoredRecord};
use super::repo::Repository;

/// A quarantined value, for the recovery screen's download button.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarantinedEntry {
    /// The record key it belongs to.
    pub original_key: String,
    /// Where the raw text is stored (the quarantine key, or the original key
    /// when the quarantine copy could not be written).
    pub stored_under: String,
    /// The exact stored text.
    pub raw: String,
}

/// A pre-migration backup awaiting confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationBackup {
    /// The record key.
    pub original_key: String,
    /// Schema version of the backed-up value.
    pub version: u32,
    /// The backup key.
    pub backup_key: String,
    /// The exact old text.
    pub raw: String,
}

impl<K: KvStore> Repository<K> {
    /// Every quarantined value with its raw text.
    pub fn quarantined_entries(&self) -> Result<Vec<QuarantinedEntry>, StorageError> {
        let keys = self.kv.keys().map_err(|e| StorageError::from_kv("", e))?;
        let mut out = Vec::new();
        for key in &keys {
            if let ParsedKey::Quarantine { original } = parse_key(key) {
                if let Some(raw) = self.get(key)? {
                    out.push(QuarantinedEntry {
                        original_key: original,
                        stored_under: key.clone(),
                        raw,
                    });
                }
            }
        }
        for original in &self.quarantined {
            let qraw = self.get(&quarantine_key(original))?;
            if let Some(raw) = self.get(original)? {
                if qraw.as_deref() != Some(raw.as_str()) {
                    out.push(QuarantinedEntry {
                        original_key: original.clone(),
                        stored_under: original.clone(),
                        raw,
                    });
                }
            }
        }
        Ok(out)
    }

    /// Drop a quarantined value after the user downloaded it; the original
    /// key becomes writable again. `key` is the original record key.
    pub fn discard_quarantined(&mut self, key: &str) -> Result<(), StorageError> {
        let qkey = quarantine_key(key);
        let had_copy = self.get(&qkey)?.is_some();
        let in_session = self.quarantined.contains(key);
        if !had_copy && !in_session {
            return Err(StorageError::NotQuarantined {
                key: key.to_string(),
            });
        }
        if had_copy {
            self.kv
                .remove(&qkey)
                .map_err(|e| StorageError::from_kv(&qkey, e))?;
        } else {
            // The copy failed earlier, so the unusable value is still in place.
            self.kv
                .remove(key)
                .map_err(|e| StorageError::from_kv(key, e))?;
        }
        self.quarantined.remove(key);
        Ok(())
    }

    /// Bring a quarantined value back when this version can load it (e.g. it
    /// came from a newer app and the app has since been updated). The exact
    /// text goes back under its key, then it loads as usual.
    pub fn restore_quarantined<T: StoredRecord>(
        &mut self,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<LoadOutcome<T>, StorageError> {
        let ParsedKey::Record { id, .. } = parse_key(key) else {
            return Err(StorageError::NotQuarantined {
                key: key.to_string(),
            });
        };
        let qkey = quarantine_key(key);
        let qraw = self.get(&qkey)?;
        let current = self.get(key)?;
        let raw = match (&qraw, &current) {
            (Some(q), Some(c)) if q != c => {
                return Err(StorageError::TargetOccupied {
                    key: key.to_string(),
                })
            }
            (Some(q), _) => q.clone(),
            (None, Some(c)) if self.quarantined.contains(key) => c.clone(),
            _ => {
                return Err(StorageError::NotQuarantined {
                    key: key.to_string(),
                })
            }
        };
        if matches!(
            decode::<T>(&raw, &id),
            Decoded::Newer { .. } | Decoded::Corrupt(_)
        ) {
            return Err(StorageError::StillUnloadable {
                key: key.to_string(),
            });
        }
        if current.is_none() {
            self.write_verified(key, &raw)?;
        }
        if qraw.is_some() {
            self.kv
                .remove(&qkey)
                .map_err(|e| StorageError::from_kv(&qkey, e))?;
        }
        self.quarantined.remove(key);
        self.load_one::<T>(&id, now)
    }

    /// Every pre-migration backup still stored.
    pub fn migration_backups(&self) -> Result<Vec<MigrationBackup>, StorageError> {
        let keys = self.kv.keys().map_err(|e| StorageError::from_kv("", e))?;
        let mut out = Vec::new();
        for key in keys {
            if let ParsedKey::Backup { original, version } = parse_key(&key) {
                if let Some(raw) = self.get(&key)? {
                    out.push(MigrationBackup {
                        original_key: original,
                        version,
                        backup_key: key,
                        raw,
                    });
                }
            }
        }
        Ok(out)
    }

    /// The user accepted the migrated record: remove its backups. Refused
    /// while the key still holds the old version (nothing would remain of
    /// the upgrade). Returns how many backups were removed.
    pub fn confirm_migration(&mut self, key: &str) -> Result<usize, StorageError> {
        let backups: Vec<_> = self
            .migration_backups()?
            .into_iter()
            .filter(|b| b.original_key == key)
            .collect();
        if let (Some(max_old), Some(kind)) =
            (backups.iter().map(|b| b.version).max(), record_kind_of(key))
        {
            let stored_version = self
                .get(key)?
                .and_then(|raw| read_header(&raw, kind).ok())
                .map(|h| h.version);
            if stored_version.is_none_or(|v| v <= max_old) {
                return Err(StorageError::MigrationNotPersisted {
                    key: key.to_string(),
                });
            }
        }
        for b in &backups {
            self.kv
                .remove(&b.backup_key)
                .map_err(|e| StorageError::from_kv(&b.backup_key, e))?;
        }
        Ok(backups.len())
    }
}
