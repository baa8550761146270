//! Byte usage per kind, in browser accounting (UTF-16 units × 2 of key and
//! value), for the storage health screen.

use std::collections::BTreeMap;

use super::error::StorageError;
use super::keys::{parse_key, ParsedKey, RecordKind};
use super::kv::{entry_bytes, KvStore};
use super::repo::Repository;

/// Typical localStorage quota per origin (5 MiB); browsers do not expose
/// the real number, so the health screen compares against this.
pub const TYPICAL_QUOTA_BYTES: usize = 5 * 1024 * 1024;

/// Entries and bytes of one group of keys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// Number of keys.
    pub count: usize,
    /// Bytes in browser accounting.
    pub bytes: usize,
}

impl Usage {
    fn add(&mut self, bytes: usize) {
        self.count += 1;
        self.bytes += bytes;
    }
}

/// Storage usage by group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UsageReport {
    /// Records per kind (every kind present, possibly zero).
    pub kinds: BTreeMap<RecordKind, Usage>,
    /// The index key.
    pub index: Usage,
    /// Quarantine copies.
    pub quarantine: Usage,
    /// Pre-migration backups.
    pub backups: Usage,
    /// Other `kiemtra:` keys (unknown to this version).
    pub other_own: Usage,
    /// Keys of other apps on the same origin (they share the quota).
    pub foreign: Usage,
}

impl UsageReport {
    /// Bytes of all `kiemtra:` keys.
    pub fn own_bytes(&self) -> usize {
        self.kinds.values().map(|u| u.bytes).sum::<usize>()
            + self.index.bytes
            + self.quarantine.bytes
            + self.backups.bytes
            + self.other_own.bytes
    }

    /// Bytes of every key of the origin.
    pub fn total_bytes(&self) -> usize {
        self.own_bytes() + self.foreign.bytes
    }

    /// Whole percent of `quota_bytes` used by all keys (rounded up).
    pub fn percent_of(&self, quota_bytes: usize) -> usize {
        if quota_bytes == 0 {
            return 100;
        }
        (self.total_bytes() * 100).div_ceil(quota_bytes)
    }
}

impl<K: KvStore> Repository<K> {
    /// Measure every key.
    pub fn usage(&self) -> Result<UsageReport, StorageError> {
        let keys = self.kv.keys().map_err(|e| StorageError::from_kv("", e))?;
        let mut report = UsageReport {
            kinds: RecordKind::ALL
                .iter()
                .map(|k| (*k, Usage::default()))
                .collect(),
            ..UsageReport::default()
        };
        for key in keys {
            let Some(value) = self.get(&key)? else {
                continue;
            };
            let bytes = entry_bytes(&key, &value);
            match parse_key(&key) {
                ParsedKey::Record { kind, .. } => report.kinds.entry(kind).or_default().add(bytes),
                ParsedKey::Index => report.index.add(bytes),
                ParsedKey::Quarantine { .. } => report.quarantine.add(bytes),
                ParsedKey::Backup { .. } => report.backups.add(bytes),
                ParsedKey::UnknownOwn => report.other_own.add(bytes),
                ParsedKey::Foreign => report.foreign.add(bytes),
            }
        }
        Ok(report)
    }
}
