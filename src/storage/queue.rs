//! `SaveQueue`: the dirty set behind autosave. The UI marks a record dirty
//! on every change; `flush(now)` saves only dirty records whose last change
//! is older than the debounce interval, retries failed ones later with
//! backoff, and keeps conflicts aside until the user decides. Pure: time is
//! passed in, so the UI drives it from a timer and from `pagehide`.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

use super::error::StorageError;
use super::keys::record_key;
use super::kv::KvStore;
use super::record::StoredRecord;
use super::repo::{Repository, SaveOutcome};

/// Overall save state for the status badge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing changed since start.
    Clean,
    /// Everything is saved; last save at this time.
    Saved(DateTime<Utc>),
    /// Changes wait for the debounce interval.
    Pending,
    /// At least one record could not be saved (the first error by key).
    Failed(StorageError),
}

impl SaveStatus {
    /// Combine the status of several queues: failure wins, then pending,
    /// then the latest save.
    pub fn combine(self, other: SaveStatus) -> SaveStatus {
        use SaveStatus::*;
        match (self, other) {
            (Failed(e), _) | (_, Failed(e)) => Failed(e),
            (Pending, _) | (_, Pending) => Pending,
            (Saved(a), Saved(b)) => Saved(a.max(b)),
            (Saved(a), Clean) | (Clean, Saved(a)) => Saved(a),
            (Clean, Clean) => Clean,
        }
    }
}

/// What one flush did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FlushReport {
    /// Saved keys with their new revision (update the in-memory copies).
    pub saved: Vec<(String, u64)>,
    /// Keys that hit a revision conflict (kept aside until resolved).
    pub conflicts: Vec<String>,
    /// Keys whose save failed (kept, retried later when transient).
    pub failed: Vec<(String, StorageError)>,
}

#[derive(Debug, Clone)]
struct Entry<T> {
    record: T,
    changed_at: DateTime<Utc>,
    /// The first unsaved change: steady typing never pauses, so the save is
    /// due at most `max_wait` after it.
    first_changed_at: DateTime<Utc>,
    attempts: u32,
    retry_at: Option<DateTime<Utc>>,
    error: Option<StorageError>,
}

/// Dirty records of one type waiting to be saved.
#[derive(Debug, Clone)]
pub struct SaveQueue<T> {
    debounce: Duration,
    max_wait: Option<Duration>,
    retry_after: Duration,
    entries: BTreeMap<String, Entry<T>>,
    last_saved: Option<DateTime<Utc>>,
}

impl<T: StoredRecord> SaveQueue<T> {
    /// A queue saving `debounce` after the last change and retrying failed
    /// saves after `retry_after` (doubling up to 32×).
    pub fn new(debounce: Duration, retry_after: Duration) -> Self {
        Self {
            debounce,
            max_wait: None,
            retry_after,
            entries: BTreeMap::new(),
            last_saved: None,
        }
    }

    /// Save changes at most `max_wait` after the first unsaved one, even
    /// while changes keep coming faster than the debounce interval.
    pub fn with_max_wait(mut self, max_wait: Duration) -> Self {
        self.max_wait = Some(max_wait);
        self
    }

    /// Remember the latest in-memory copy of `record` as unsaved.
    pub fn mark_dirty(&mut self, record: &T, now: DateTime<Utc>) {
        self.mark_dirty_owned(record.clone(), now);
    }

    /// [`SaveQueue::mark_dirty`] for a copy the caller made anyway (an
    /// answers record built for the queue): no second copy.
    pub fn mark_dirty_owned(&mut self, record: T, now: DateTime<Utc>) {
        let key = record_key(T::KIND, &record.record_id());
        let entry = match self.entries.entry(key) {
            std::collections::btree_map::Entry::Occupied(o) => {
                let e = o.into_mut();
                e.record = record;
                e
            }
            std::collections::btree_map::Entry::Vacant(v) => v.insert(Entry {
                record,
                changed_at: now,
                first_changed_at: now,
                attempts: 0,
                retry_at: None,
                error: None,
            }),
        };
        entry.changed_at = now;
        // New content deserves a fresh attempt, except for a conflict,
        // which only the user can resolve.
        if !matches!(entry.error, Some(StorageError::Conflict { .. })) {
            entry.retry_at = None;
        }
    }

    /// Hold `key` aside as conflicting with another tab's write until the
    /// user decides (`keep_mine`, or `discard` to take theirs): it is not
    /// saved before. `record` is this tab's version when it was not dirty
    /// (another tab saved over this tab's last save); a dirty copy is kept
    /// as it is.
    pub fn hold_conflict(
        &mut self,
        key: &str,
        record: Option<&T>,
        ours: Option<u64>,
        theirs: Option<u64>,
        now: DateTime<Utc>,
    ) {
        if let Some(r) = record {
            if !self.entries.contains_key(key) {
                self.mark_dirty(r, now);
            }
        }
        if let Some(entry) = self.entries.get_mut(key) {
            entry.error = Some(StorageError::Conflict {
                key: key.to_string(),
                ours,
                theirs,
            });
        }
    }

    /// Whether `key` has unsaved changes.
    pub fn is_dirty(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// The unsaved copy of `key` (pass it to `on_external_change`).
    pub fn pending(&self, key: &str) -> Option<&T> {
        self.entries.get(key).map(|e| &e.record)
    }

    /// Every unsaved copy (what exists only in this tab's memory).
    pub fn pending_records(&self) -> impl Iterator<Item = &T> {
        self.entries.values().map(|e| &e.record)
    }

    /// The unsaved copies last changed at `at` (the records a change made
    /// at that instant marked: what the journal copies at once).
    pub fn changed_at(&self, at: DateTime<Utc>) -> impl Iterator<Item = &T> {
        self.entries
            .values()
            .filter(move |e| e.changed_at == at)
            .map(|e| &e.record)
    }

    /// Number of dirty records.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is dirty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Keys held back by a revision conflict.
    pub fn conflicts(&self) -> Vec<String> {
        self.entries
            .iter()
            .filter(|(_, e)| matches!(e.error, Some(StorageError::Conflict { .. })))
            .map(|(k, _)| k.clone())
            .collect()
    }

    /// Earliest time a `flush` would write something (for the UI timer).
    pub fn next_due(&self) -> Option<DateTime<Utc>> {
        self.entries.values().filter_map(|e| self.due_at(e)).min()
    }

    fn due_at(&self, e: &Entry<T>) -> Option<DateTime<Utc>> {
        match &e.error {
            Some(StorageError::Conflict { .. }) => None,
            Some(err) if !err.is_transient() && e.retry_at.is_some() => None,
            _ => {
                let quiet = e.changed_at + self.debounce;
                let settled = match self.max_wait {
                    Some(w) => quiet.min(e.first_changed_at + w),
                    None => quiet,
                };
                Some(match e.retry_at {
                    Some(r) => r.max(settled),
                    None => settled,
                })
            }
        }
    }

    /// Save dirty records that are due at `now`.
    pub fn flush<K: KvStore>(
        &mut self,
        repo: &mut Repository<K>,
        now: DateTime<Utc>,
    ) -> FlushReport {
        self.flush_inner(repo, now, false)
    }

    /// Save every dirty record now, ignoring debounce and retry waits (page
    /// hidden or closing). Conflicts stay aside.
    pub fn flush_now<K: KvStore>(
        &mut self,
        repo: &mut Repository<K>,
        now: DateTime<Utc>,
    ) -> FlushReport {
        self.flush_inner(repo, now, true)
    }

    fn flush_inner<K: KvStore>(
        &mut self,
        repo: &mut Repository<K>,
        now: DateTime<Utc>,
        all: bool,
    ) -> FlushReport {
        let mut report = FlushReport::default();
        let due: Vec<String> = self
            .entries
            .iter()
            .filter(|(_, e)| match self.due_at(e) {
                Some(at) => all || at <= now,
                None => false,
            })
            .map(|(k, _)| k.clone())
            .collect();
        self.save_keys(repo, now, due, &mut report);
        // A write just succeeded, so storage works again (space was freed,
        // the browser recovered): saves waiting out a transient failure go
        // now, so the indicator follows the last save, not an old failure.
        if !report.saved.is_empty() {
            let waiting: Vec<String> = self
                .entries
                .iter()
                .filter(|(k, e)| {
                    e.error.as_ref().is_some_and(StorageError::is_transient)
                        && !report.failed.iter().any(|(f, _)| f == *k)
                })
                .map(|(k, _)| k.clone())
                .collect();
            self.save_keys(repo, now, waiting, &mut report);
        }
        report
    }

    fn save_keys<K: KvStore>(
        &mut self,
        repo: &mut Repository<K>,
        now: DateTime<Utc>,
        keys: Vec<String>,
        report: &mut FlushReport,
    ) {
        for key in keys {
            let Some(entry) = self.entries.get_mut(&key) else {
                continue;
            };
            let mut copy = entry.record.clone();
            match repo.save(&mut copy, now) {
                Ok(SaveOutcome::Saved { rev, .. }) => {
                    self.entries.remove(&key);
                    self.last_saved = Some(now);
                    report.saved.push((key, rev));
                }
                Ok(SaveOutcome::Conflict { ours, theirs, .. }) => {
                    entry.error = Some(StorageError::Conflict {
                        key: key.clone(),
                        ours,
                        theirs,
                    });
                    report.conflicts.push(key);
                }
                Err(e) => {
                    entry.attempts += 1;
                    let factor = 1i32 << entry.attempts.saturating_sub(1).min(5);
                    entry.retry_at = Some(now + self.retry_after * factor);
                    entry.error = Some(e.clone());
                    report.failed.push((key, e));
                }
            }
        }
    }

    /// "Keep mine": save the local copy of `key` over the other version.
    pub fn keep_mine<K: KvStore>(
        &mut self,
        key: &str,
        repo: &mut Repository<K>,
        now: DateTime<Utc>,
    ) -> Option<Result<SaveOutcome, StorageError>> {
        let entry = self.entries.get_mut(key)?;
        let mut copy = entry.record.clone();
        let result = repo.save_forced(&mut copy, now);
        match &result {
            Ok(_) => {
                self.entries.remove(key);
                self.last_saved = Some(now);
            }
            Err(e) => entry.error = Some(e.clone()),
        }
        Some(result)
    }

    /// Drop the local copy of `key` (after "take theirs" or a delete);
    /// returns it.
    pub fn discard(&mut self, key: &str) -> Option<T> {
        self.entries.remove(key).map(|e| e.record)
    }

    /// Status for the badge.
    pub fn status(&self) -> SaveStatus {
        if let Some(err) = self.entries.values().find_map(|e| e.error.clone()) {
            return SaveStatus::Failed(err);
        }
        if !self.entries.is_empty() {
            return SaveStatus::Pending;
        }
        self.last_saved.map_or(SaveStatus::Clean, SaveStatus::Saved)
    }
}
