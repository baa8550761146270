//! Byte usage per kind, in browser accounting (UTF-16 units × 2 of key and
//! value), for the storage health screen.

use std::collections::BTreeMap;

use super::error::StorageError;
use super::keys::{parse_key, ParsedKey, RecordKind};
use super::kv::{entry_bytes, KvStore};
use super::repo::Repository;

/// The localStorage limit per origin, in this module's accounting (two
/// bytes per UTF-16 code unit of keys and values). Browsers do not expose
/// it; they allow about 5,242,880 UTF-16 units (Chromium, measured: 5,242,877
/// characters of keys plus values before `QuotaExceededError`, the same for
/// ASCII "x" as for Vietnamese "ể"; Firefox's 5 MiB default also counts
/// UTF-16 units), which is 10 MiB here.
pub const TYPICAL_QUOTA_BYTES: usize = 10 * 1024 * 1024;

/// From this share of [`TYPICAL_QUOTA_BYTES`] the health screen warns that
/// storage is nearly full (time to back up and clean up, not yet an error).
pub const NEARLY_FULL_PERCENT: usize = 80;

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

    /// Whole percent of the typical localStorage quota used by all keys of
    /// the origin (other apps' keys share it), rounded up.
    pub fn percent_of_quota(&self) -> usize {
        self.percent_of(TYPICAL_QUOTA_BYTES)
    }

    /// How many more inspections of the average stored size fit in
    /// `quota_bytes` (rounded down), or `None` while no inspection is
    /// stored. An inspection's size is its own record, its runs' answers
    /// records and their share of the index (each record key is listed
    /// there once); the room left is the quota minus every key of the
    /// origin, other apps' included.
    pub fn inspections_that_fit(&self, quota_bytes: usize) -> Option<usize> {
        let count = |k: RecordKind| self.kinds.get(&k).copied().unwrap_or_default();
        let (insp, answers) = (count(RecordKind::Inspection), count(RecordKind::Answers));
        if insp.count == 0 {
            return None;
        }
        let records: usize = self.kinds.values().map(|u| u.count).sum();
        let own_keys = insp.count + answers.count;
        let index_share = (self.index.bytes * own_keys).div_ceil(records.max(1));
        let all = insp.bytes + answers.bytes + index_share;
        let average = all.div_ceil(insp.count).max(1);
        Some(quota_bytes.saturating_sub(self.total_bytes()) / average)
    }

    /// [`UsageReport::inspections_that_fit`] in the typical quota.
    pub fn inspections_that_fit_in_quota(&self) -> Option<usize> {
        self.inspections_that_fit(TYPICAL_QUOTA_BYTES)
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
