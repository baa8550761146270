//! The index key (`kiemtra:index`): record keys and their revisions. It is a
//! convenience for health checks (records listed but missing) and never the
//! truth: a missing or corrupt index is rebuilt from `keys()` and the
//! records' own envelopes, so losing it loses nothing.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::envelope::{encode, parse, read_header, EnvelopeHeader};
use super::error::StorageError;
use super::keys::{parse_key, ParsedKey, INDEX, INDEX_SCHEMA};
use super::kv::KvStore;
use super::migrate::INDEX_VERSION;
use super::repo::Repository;

/// The index's `data`: record key → stored revision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexData {
    /// Record key → revision.
    pub records: BTreeMap<String, u64>,
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
        let parsed = parse(&raw, INDEX_SCHEMA)
            .ok()
            .filter(|env| env.header().version <= INDEX_VERSION)
            .and_then(|env| {
                serde_json::from_str::<IndexData>(env.data())
                    .ok()
                    .map(|d| (env.header().rev, d))
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
        let text = encode(&header, data).map_err(|e| StorageError::Serialize {
            key: INDEX.to_string(),
            message: e.to_string(),
        })?;
        self.write_verified(INDEX, &text)
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
                if let Ok(h) = read_header(&raw, kind) {
                    data.records.insert(key, h.rev);
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

    /// Set (or remove, with `None`) one entry, reading the current index
    /// first so entries written by other tabs are kept.
    pub(crate) fn index_set(
        &mut self,
        key: &str,
        rev: Option<u64>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        match self.read_index()? {
            Ok((index_rev, mut data)) => {
                let changed = match rev {
                    Some(r) => data.records.insert(key.to_string(), r) != Some(r),
                    None => data.records.remove(key).is_some(),
                };
                if changed {
                    self.write_index(index_rev + 1, &data, now)?;
                }
                Ok(())
            }
            Err(_) => self.rebuild_index(now).map(|_| ()),
        }
    }
}
