//! `Repository`: reads and writes records of any `StoredRecord` type over a
//! `KvStore`, one key per record. It remembers, per key, the revision this
//! tab last loaded or saved (the base revision) and a digest of those exact
//! bytes, so that a save over another tab's write is refused as a conflict
//! instead of silently overwriting it. The digest matters because two tabs
//! saving from the same base at once both write revision n+1: the revision
//! alone cannot tell their writes apart (Chromium's localStorage is only
//! eventually consistent between tabs). It never overwrites an unusable
//! value still in place (a set-aside copy under its quarantine key leaves the
//! original key free for new saves) and never overwrites an old-version value
//! without a backup copy.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};

use super::envelope::{decode, decode_deferring, encode_for_store, Decoded, EnvelopeHeader};
use super::error::StorageError;
use super::keys::{backup_key, quarantine_key, record_key};
use super::kv::{is_escaped, KvStore};
use super::load::{LoadNote, MigratedNote, QuarantineNote};
use super::record::{LoadOutcome, QuarantineReason, StoredRecord};

/// Result of a save that did not fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Written with revision `rev`.
    Saved {
        /// Record key.
        key: String,
        /// New stored revision (also set on the record).
        rev: u64,
        /// False when the record was written but the index could not be
        /// updated; harmless, the next load rebuilds the index from keys.
        index_updated: bool,
    },
    /// Someone else changed the stored record since this tab's base
    /// revision. Nothing was written: ask the user, then `save_forced`
    /// ("keep mine") or `accept_theirs`.
    Conflict {
        /// Record key.
        key: String,
        /// This tab's base revision (`None`: never loaded or saved here).
        ours: Option<u64>,
        /// Stored revision (`None`: deleted elsewhere).
        theirs: Option<u64>,
    },
}

/// Result of a delete that did not fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeleteOutcome {
    /// The record was removed.
    Deleted,
    /// Nothing was stored under the key.
    Absent,
    /// The stored record changed since this tab's base revision; nothing removed.
    Conflict {
        /// This tab's base revision.
        ours: Option<u64>,
        /// Stored revision.
        theirs: Option<u64>,
    },
}

/// Durable record storage over a key-value store.
#[derive(Debug)]
pub struct Repository<K: KvStore> {
    pub(crate) kv: K,
    pub(crate) app_version: String,
    /// Per key, the revision this tab last loaded or saved and the digest
    /// of those bytes (see [`text_digest`]).
    bases: BTreeMap<String, Base>,
    /// Original keys seen holding an unusable value in this session (kept
    /// even when the quarantine copy could not be written).
    pub(crate) quarantined: BTreeSet<String>,
    /// The index's keys as this tab last read or wrote them (`None`: not
    /// read yet): a save of a key already listed skips the index.
    pub(crate) index_keys: Option<BTreeSet<String>>,
}

impl<K: KvStore> Repository<K> {
    /// A repository over `kv`; `app_version` goes into every envelope.
    pub fn new(kv: K, app_version: impl Into<String>) -> Self {
        Self {
            kv,
            app_version: app_version.into(),
            bases: BTreeMap::new(),
            quarantined: BTreeSet::new(),
            index_keys: None,
        }
    }

    /// The underlying store.
    pub fn kv(&self) -> &K {
        &self.kv
    }

    /// The underlying store, mutably (tests inject failures through it).
    pub fn kv_mut(&mut self) -> &mut K {
        &mut self.kv
    }

    /// Give back the store.
    pub fn into_inner(self) -> K {
        self.kv
    }

    /// Revision of `key` this tab last loaded or saved.
    pub fn base_rev(&self, key: &str) -> Option<u64> {
        self.bases.get(key).map(|b| b.rev)
    }

    /// This tab now knows `key` at revision `rev` with exactly `text`.
    pub(crate) fn set_base(&mut self, key: &str, rev: u64, text: &str) {
        let digest = text_digest(text);
        self.bases.insert(key.to_string(), Base { rev, digest });
    }

    /// Forget what this tab knew of `key` (also "take theirs": the stored
    /// value is then taken as new, whatever its revision); true when it knew
    /// a revision.
    pub(crate) fn clear_base(&mut self, key: &str) -> bool {
        self.bases.remove(key).is_some()
    }

    /// Whether `text` is exactly the value this tab last loaded or saved.
    pub(crate) fn is_base_text(&self, key: &str, text: &str) -> bool {
        self.base_rev_of_text(key, text).is_some()
    }

    /// The base revision of `key` when `text` is exactly its bytes.
    fn base_rev_of_text(&self, key: &str, text: &str) -> Option<u64> {
        self.bases
            .get(key)
            .filter(|b| b.digest == text_digest(text))
            .map(|b| b.rev)
    }

    pub(crate) fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.kv.get(key).map_err(|e| StorageError::from_kv(key, e))
    }

    /// Write and read back; a mismatch is reported, a failed write leaves the
    /// previous value (localStorage writes are all-or-nothing).
    pub(crate) fn write_verified(&mut self, key: &str, text: &str) -> Result<(), StorageError> {
        self.kv
            .set(key, text)
            .map_err(|e| StorageError::from_kv(key, e))?;
        match self.get(key)? {
            Some(back) if back == text => Ok(()),
            _ => Err(StorageError::VerifyFailed {
                key: key.to_string(),
            }),
        }
    }

    /// Load one record by id (for settings the id is ignored).
    pub fn load_one<T: StoredRecord>(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<LoadOutcome<T>, StorageError> {
        let key = record_key(T::KIND, id);
        let (outcome, _) = self.load_key::<T>(&key, id, now)?;
        if outcome.record().is_some() && self.base_rev(&key).is_some() {
            let _ = self.index_set(&key, true, now);
        }
        Ok(outcome)
    }

    /// Take the stored version after a conflict ("take theirs"): reloads the
    /// record and adopts its revision as the new base.
    pub fn accept_theirs<T: StoredRecord>(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<LoadOutcome<T>, StorageError> {
        self.load_one::<T>(id, now)
    }

    /// Load `key`, quarantining unusable values and migrating old ones.
    pub(crate) fn load_key<T: StoredRecord>(
        &mut self,
        key: &str,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<(LoadOutcome<T>, Option<LoadNote>), StorageError> {
        if let Some(qraw) = self.get(&quarantine_key(key))? {
            // Set aside earlier and not yet resolved by the user. The copy is
            // safe under its own key, so the original key is free: a value
            // written there since (e.g. the settings edited after the old
            // ones were set aside) loads as usual.
            let reason = match decode::<T>(&qraw, id) {
                Decoded::Corrupt(r) => QuarantineReason::Corrupt(r),
                Decoded::Newer { version } => QuarantineReason::FromNewer { version },
                _ => QuarantineReason::Restorable,
            };
            let note = LoadNote::Quarantined(QuarantineNote {
                key: key.to_string(),
                reason: reason.clone(),
                new: false,
                copied: true,
            });
            if self.get(key)?.is_none() {
                self.clear_base(key);
                return Ok((LoadOutcome::Quarantined { raw: qraw, reason }, Some(note)));
            }
            let (outcome, own_note) = self.load_present::<T>(key, id, now)?;
            return Ok((outcome, own_note.or(Some(note))));
        }
        self.load_present::<T>(key, id, now)
    }

    /// Load the value stored under `key` itself (no quarantine copy looked at).
    fn load_present<T: StoredRecord>(
        &mut self,
        key: &str,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<(LoadOutcome<T>, Option<LoadNote>), StorageError> {
        let Some(raw) = self.get(key)? else {
            self.clear_base(key);
            self.quarantined.remove(key);
            return Ok((LoadOutcome::New, None));
        };
        // The one read that leaves a record's deferred part for later (a
        // start: `StoredRecord::check_deferred`).
        match decode_deferring::<T>(&raw, id) {
            Decoded::Current { record, rev } => {
                self.quarantined.remove(key);
                self.set_base(key, rev, &raw);
                Ok((LoadOutcome::Loaded(record), None))
            }
            Decoded::Migrated {
                mut record,
                rev,
                from,
            } => {
                self.quarantined.remove(key);
                // The backup must exist before anything replaces the old value.
                self.ensure_backup(key, from, &raw)?;
                let new_rev = rev + 1;
                let mut copy = record.clone();
                copy.set_rev(new_rev);
                let header = self.header::<T>(new_rev, now);
                let written = encode_for_store(&header, &copy)
                    .ok()
                    .filter(|text| self.write_verified(key, text).is_ok());
                let written_back = written.is_some();
                let (base, text) = match &written {
                    Some(text) => (new_rev, text.as_str()),
                    None => (rev, raw.as_str()),
                };
                record.set_rev(base);
                self.set_base(key, base, text);
                let note = LoadNote::Migrated(MigratedNote {
                    key: key.to_string(),
                    from,
                    backup_key: backup_key(key, from),
                    written_back,
                });
                Ok((LoadOutcome::Migrated { record, from }, Some(note)))
            }
            Decoded::Newer { version } => {
                let copied = self.quarantine(key, &raw);
                let reason = QuarantineReason::FromNewer { version };
                let note = LoadNote::Quarantined(QuarantineNote {
                    key: key.to_string(),
                    reason,
                    new: true,
                    copied,
                });
                Ok((LoadOutcome::FromNewer { raw, version }, Some(note)))
            }
            Decoded::Corrupt(reason) => {
                let copied = self.quarantine(key, &raw);
                let note = LoadNote::Quarantined(QuarantineNote {
                    key: key.to_string(),
                    reason: QuarantineReason::Corrupt(reason.clone()),
                    new: true,
                    copied,
                });
                Ok((LoadOutcome::Corrupt { raw, reason }, Some(note)))
            }
        }
    }

    pub(crate) fn header<T: StoredRecord>(&self, rev: u64, now: DateTime<Utc>) -> EnvelopeHeader {
        EnvelopeHeader {
            schema: T::KIND.schema_id(),
            version: T::VERSION,
            app_version: self.app_version.clone(),
            saved_at: now,
            rev,
        }
    }

    /// Keep `raw` (schema `version`) under its backup key. An existing,
    /// different backup is never overwritten.
    pub(crate) fn ensure_backup(
        &mut self,
        key: &str,
        version: u32,
        raw: &str,
    ) -> Result<(), StorageError> {
        let bkey = backup_key(key, version);
        match self.get(&bkey)? {
            Some(existing) if existing == raw => Ok(()),
            Some(_) => Err(StorageError::TargetOccupied { key: bkey }),
            None => self.write_verified(&bkey, raw),
        }
    }

    /// Copy `raw` to the quarantine key and, once that copy is verified,
    /// remove the original. Returns whether the copy exists. While the
    /// unusable value stays in place (its copy failed, or the original could
    /// not be removed) `key` is blocked for writes; once it is moved, the key
    /// is free again and the copy is never touched by a save.
    pub(crate) fn quarantine(&mut self, key: &str, raw: &str) -> bool {
        self.quarantined.insert(key.to_string());
        self.clear_base(key);
        let qkey = quarantine_key(key);
        let copied = match self.get(&qkey) {
            Ok(Some(existing)) => existing == raw,
            Ok(None) => self.write_verified(&qkey, raw).is_ok(),
            Err(_) => false,
        };
        // An escaped stand-in is not the stored bytes: the original stays
        // where it is (and the key blocked), only the copy is extra.
        if copied && !is_escaped(raw) && self.kv.remove(key).is_ok() {
            self.quarantined.remove(key);
        }
        copied
    }

    /// Check that `key` may be written and say what is stored there.
    fn check_writable<T: StoredRecord>(
        &mut self,
        key: &str,
        id: &str,
    ) -> Result<Option<Stored>, StorageError> {
        // An unusable value still in place (its copy failed) is never
        // overwritten. A set-aside copy under its own key does not block.
        if self.quarantined.contains(key) {
            return Err(StorageError::Quarantined {
                key: key.to_string(),
            });
        }
        let Some(raw) = self.get(key)? else {
            return Ok(None);
        };
        // Our own last write (or read), byte for byte: its revision is known
        // and it was decoded then; skip parsing a large record on every save.
        if let Some(rev) = self.base_rev_of_text(key, &raw) {
            return Ok(Some(Stored { rev, ours: true }));
        }
        // Another tab's bytes, even under the revision this tab knows.
        match decode::<T>(&raw, id) {
            Decoded::Current { rev, .. } => Ok(Some(Stored { rev, ours: false })),
            Decoded::Migrated { rev, from, .. } => {
                self.ensure_backup(key, from, &raw)?;
                Ok(Some(Stored { rev, ours: false }))
            }
            // Possibly another tab running a newer app: refuse, leave it be.
            Decoded::Newer { version } => Err(StorageError::NewerVersion {
                key: key.to_string(),
                version,
                supported: T::VERSION,
            }),
            Decoded::Corrupt(_) => {
                self.quarantine(key, &raw);
                Err(StorageError::Quarantined {
                    key: key.to_string(),
                })
            }
        }
    }

    /// Save `record` with the revision check. On success the record's rev is
    /// the new stored revision; on error or conflict nothing was written and
    /// `record` is unchanged.
    pub fn save<T: StoredRecord>(
        &mut self,
        record: &mut T,
        now: DateTime<Utc>,
    ) -> Result<SaveOutcome, StorageError> {
        self.save_inner(record, now, false)
    }

    /// Save without the revision check ("keep mine" after a conflict). Still
    /// refuses quarantined keys and newer-version values.
    pub fn save_forced<T: StoredRecord>(
        &mut self,
        record: &mut T,
        now: DateTime<Utc>,
    ) -> Result<SaveOutcome, StorageError> {
        self.save_inner(record, now, true)
    }

    fn save_inner<T: StoredRecord>(
        &mut self,
        record: &mut T,
        now: DateTime<Utc>,
        force: bool,
    ) -> Result<SaveOutcome, StorageError> {
        let id = record.record_id();
        let key = record_key(T::KIND, &id);
        let stored_value = self.check_writable::<T>(&key, &id)?;
        let base = self.base_rev(&key);
        let stored = stored_value.map(|s| s.rev);
        // Unchanged since this tab's base: nothing stored and none known, or
        // this tab's own bytes.
        let unchanged = match stored_value {
            None => base.is_none(),
            Some(s) => s.ours,
        };
        if !force && !unchanged {
            return Ok(SaveOutcome::Conflict {
                key,
                ours: base,
                theirs: stored,
            });
        }
        let new_rev = if force {
            stored.max(base).unwrap_or(0).max(record.rev()) + 1
        } else {
            stored.unwrap_or(0) + 1
        };
        let mut copy = record.clone();
        copy.set_rev(new_rev);
        let text = encode_for_store(&self.header::<T>(new_rev, now), &copy).map_err(|e| {
            StorageError::Serialize {
                key: key.clone(),
                message: e.to_string(),
            }
        })?;
        self.write_verified(&key, &text)?;
        record.set_rev(new_rev);
        self.set_base(&key, new_rev, &text);
        let index_updated = self.index_set(&key, true, now).is_ok();
        Ok(SaveOutcome::Saved {
            key,
            rev: new_rev,
            index_updated,
        })
    }

    /// The journal entry of an unsaved `record` (see [`super::journal`]):
    /// the envelope a save would write now, at the revision after this
    /// tab's base. Nothing is read or written.
    pub fn journal_entry<T: StoredRecord>(
        &self,
        record: &T,
        now: DateTime<Utc>,
    ) -> Result<super::journal::JournalEntry, StorageError> {
        let key = record_key(T::KIND, &record.record_id());
        let base = self.base_rev(&key);
        let rev = base.unwrap_or(0).max(record.rev()) + 1;
        let mut copy = record.clone();
        copy.set_rev(rev);
        let value = encode_for_store(&self.header::<T>(rev, now), &copy).map_err(|e| {
            StorageError::Serialize {
                key: key.clone(),
                message: e.to_string(),
            }
        })?;
        Ok(super::journal::JournalEntry {
            key,
            base_rev: base,
            value,
            restore: None,
        })
    }

    /// Delete a record, with the same revision check as `save`.
    pub fn delete<T: StoredRecord>(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<DeleteOutcome, StorageError> {
        self.delete_inner::<T>(id, now, false)
    }

    /// Delete without the revision check.
    pub fn delete_forced<T: StoredRecord>(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<DeleteOutcome, StorageError> {
        self.delete_inner::<T>(id, now, true)
    }

    fn delete_inner<T: StoredRecord>(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
        force: bool,
    ) -> Result<DeleteOutcome, StorageError> {
        let key = record_key(T::KIND, id);
        let stored_value = self.check_writable::<T>(&key, id)?;
        let base = self.base_rev(&key);
        let Some(stored) = stored_value else {
            self.clear_base(&key);
            let _ = self.index_set(&key, false, now);
            return Ok(DeleteOutcome::Absent);
        };
        if !force && !stored.ours {
            return Ok(DeleteOutcome::Conflict {
                ours: base,
                theirs: Some(stored.rev),
            });
        }
        self.kv
            .remove(&key)
            .map_err(|e| StorageError::from_kv(&key, e))?;
        self.clear_base(&key);
        let _ = self.index_set(&key, false, now);
        Ok(DeleteOutcome::Deleted)
    }
}

/// What this tab knows of one stored key.
#[derive(Debug, Clone, Copy)]
struct Base {
    rev: u64,
    digest: u64,
}

/// What `check_writable` found stored under a key.
#[derive(Debug, Clone, Copy)]
struct Stored {
    rev: u64,
    /// The exact bytes this tab last loaded or saved.
    ours: bool,
}

/// A digest of a stored value's exact bytes, to tell two writes of the same
/// revision apart. Kept in memory only (never stored), so the std hasher,
/// fast and stable within one process, is enough.
pub(crate) fn text_digest(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}
