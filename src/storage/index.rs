//! The index key (`kiemtra:index`): the set of record keys. It is a
//! convenience for health checks (records listed but missing) and never the
//! truth: a missing or corrupt index is rebuilt from `keys()` and the
//! records' own envelopes, so losing it loses nothing.
//!
//! Version 2 lists keys only. Version 1 also held each record's revision,
//! so every save rewrote the whole index (about 18 KB for 500 inspections)
//! beside the record; now the index is written only when the set of records
//! changes (a record added or removed). A version-1 index is still read
//! (its keys), and rewritten as version 2 by the next change of the set.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::envelope::{encode_for_store, parse, read_header, EnvelopeHeader};
use super::error::StorageError;
use super::keys::{parse_key, ParsedKey, INDEX, INDEX_SCHEMA};
use super::kv::KvStore;
use super::migrate::INDEX_VERSION;
use super::repo::Repository;

/// The index's `data`: the record keys.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexData {
    /// Every record key.
    pub records: BTreeSet<String>,
}

/// The index's `data` at version 1: record key → revision (read only).
#[derive(Deserialize)]
struct IndexDataV1 {
    records: BTreeMap<String, u64>,
}

/// Why the stored index could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexProblem {
    /// No index key.
    Missing,
    /// The index value does not parse.
    Corrupt,
}

/// What loading did with the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexStatus {
    /// The index matched the records.
    Consistent,
    /// The entries of this kind were corrected and written.
    Updated,
    /// The index was missing or corrupt and was rebuilt from the records.
    Rebuilt {
        /// What was wrong.
        was: IndexProblem,
    },
    /// The index needed a write that failed; records are unaffected.
    WriteFailed(StorageError),
}

impl<K: KvStore> Repository<K> {
    /// The stored index with its revision, or why it cannot be used.
    pub fn read_index(&self) -> Result<Result<(u64, IndexData), IndexProblem>, StorageError> {
        let Some(raw) = self.get(INDEX)? else {
            return Ok(Err(IndexProblem::Missing));
        };
        let parsed = parse(&raw, INDEX_SCHEMA).ok().and_then(|env| {
            let data = match env.header().version {
                1 => serde_json::from_str::<IndexDataV1>(env.data())
                    .ok()
                    .map(|d| IndexData {
                        records: d.records.into_keys().collect(),
                    }),
                INDEX_VERSION => serde_json::from_str::<IndexData>(env.data()).ok(),
                _ => None,
            };
            data.map(|d| (env.header().rev, d))
        });
        Ok(parsed.ok_or(IndexProblem::Corrupt))
    }

    pub(crate) fn write_index(
        &mut self,
        rev: u64,
        data: &IndexData,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let header = EnvelopeHeader {
            schema: INDEX_SCHEMA.to_string(),
            version: INDEX_VERSION,
            app_version: self.app_version.clone(),
            saved_at: now,
            rev,
        };
        let text = encode_for_store(&header, data).map_err(|e| StorageError::Serialize {
            key: INDEX.to_string(),
            message: e.to_string(),
        })?;
        self.write_verified(INDEX, &text)?;
        self.index_keys = Some(data.records.clone());
        Ok(())
    }

    /// Index entries computed from the records themselves: every record key
    /// whose envelope header reads, except quarantined ones.
    pub fn scan_records(&self) -> Result<IndexData, StorageError> {
        let keys = self
            .kv
            .keys()
            .map_err(|e| StorageError::from_kv(INDEX, e))?;
        let mut data = IndexData::default();
        for key in keys {
            let ParsedKey::Record { kind, .. } = parse_key(&key) else {
                continue;
            };
            // An unusable value still in place is not a record; a value
            // written after an earlier one was set aside is.
            if self.quarantined.contains(&key) {
                continue;
            }
            if let Some(raw) = self.get(&key)? {
                if read_header(&raw, kind).is_ok() {
                    data.records.insert(key);
                }
            }
        }
        Ok(data)
    }

    /// Rebuild the index from the records and write it.
    pub fn rebuild_index(&mut self, now: DateTime<Utc>) -> Result<IndexData, StorageError> {
        let rev = match self.read_index()? {
            Ok((rev, _)) => rev + 1,
            Err(_) => 1,
        };
        let data = self.scan_records()?;
        self.write_index(rev, &data, now)?;
        Ok(data)
    }

    /// List (`present`) or unlist one key, reading the current index first
    /// so entries written by other tabs are kept. A key this tab already
    /// saw listed costs nothing: a save of an existing record neither reads
    /// nor writes the index.
    pub(crate) fn index_set(
        &mut self,
        key: &str,
        present: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        if present && self.index_keys.as_ref().is_some_and(|k| k.contains(key)) {
            return Ok(());
        }
        match self.read_index()? {
            Ok((index_rev, mut data)) => {
                let changed = if present {
                    data.records.insert(key.to_string())
                } else {
                    data.records.remove(key)
                };
                if changed {
                    self.write_index(index_rev + 1, &data, now)?;
                } else {
                    self.index_keys = Some(data.records);
                }
                Ok(())
            }
            Err(_) => self.rebuild_index(now).map(|_| ()),
        }
    }
}
