//! The write-ahead journal of unsaved edits (issue #18, crash durability).
//!
//! Chromium writes localStorage to disk a few seconds after a `setItem`
//! (measured with `bench/crash.mjs --floor`: a browser process killed 1 s
//! after the last write lost all of the last 3 s), while an IndexedDB
//! transaction with strict durability is on disk when it completes. So every
//! change the app marks for saving is also written at once, as the very
//! envelope the save would store, to a journal in IndexedDB (the browser half
//! is `platform::journal`). At the next start, before the records are
//! loaded, [`replay`] writes back each journal entry that is newer than what
//! localStorage holds, and says which entries can be cleared.
//!
//! "Newer" is decided by revisions, never by clocks ([`is_newer`]): an entry
//! remembers the revision its edit was made on (its base). When localStorage
//! holds a later revision, the edit was saved (or another tab saved over it)
//! and the entry is stale; when it holds that revision, an earlier one or
//! nothing, the edit never reached the disk and the entry is applied. A
//! stored value that cannot be read is never overwritten: the entry waits
//! until the start has set that value aside.
//!
//! A restore (issue #19) journals each of its writes and removals before it
//! makes them ([`restore_entries`]), because it writes megabytes at once and
//! the tab may be closed before the browser took them all. Its entries are
//! decided by bytes, not revisions: the restore writes the file's records
//! with the file's revisions, which may be lower than the ones they replace,
//! so no revision tells a lost restore write from a later edit. A restore
//! entry remembers a digest of the value it replaced (or that the key was
//! absent), and is applied only while the key still holds exactly that
//! value: any other value was written after the restore (an edit, another
//! tab) and is kept.

use super::envelope::read_header;
use super::keys::{parse_key, ParsedKey, RecordKind};
use super::kv::KvStore;
use super::restore::RestoreWrite;

/// One journaled edit: the value the save would have stored under `key`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    /// The record's storage key.
    pub key: String,
    /// The stored revision the edit was made on (`None`: a record never
    /// saved by this tab, usually a new one).
    pub base_rev: Option<u64>,
    /// The full envelope, as the save would write it (empty for a restore's
    /// removal).
    pub value: String,
    /// Set on a restore's entries: what the restore replaced.
    pub restore: Option<RestoreOf>,
}

/// What a restore's journal entry replaced (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreOf {
    /// [`digest`] of the value the restore replaced; `None` when the key
    /// was absent.
    pub replaced: Option<String>,
    /// The restore removes the key (the entry's value is then empty).
    pub removes: bool,
}

/// SHA-256 of `value` in lowercase hex: what a restore entry remembers of
/// the value it replaced (the value itself may be large).
pub fn digest(value: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(value.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The journal entries of a planned restore: one per write, then one per
/// removal (`removals`: key and the value it holds now, which the restore
/// deletes after its writes).
pub fn restore_entries(
    writes: &[RestoreWrite],
    removals: &[(String, String)],
) -> Vec<JournalEntry> {
    let written = writes.iter().map(|w| JournalEntry {
        key: w.key.clone(),
        base_rev: None,
        value: w.text.clone(),
        restore: Some(RestoreOf {
            replaced: w.previous.as_deref().map(digest),
            removes: false,
        }),
    });
    let removed = removals.iter().map(|(key, held)| JournalEntry {
        key: key.clone(),
        base_rev: None,
        value: String::new(),
        restore: Some(RestoreOf {
            replaced: Some(digest(held)),
            removes: true,
        }),
    });
    written.chain(removed).collect()
}

/// What [`replay`] did with one entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replayed {
    /// Written to the store and read back: clear the entry.
    Applied,
    /// The store holds a later revision (saved, or another tab's save):
    /// clear the entry, the store is not touched.
    Stale,
    /// Not a record key, or a value that is not an envelope of that key's
    /// kind with a revision after its base: clear it, never applied.
    Invalid,
    /// Not applied now (the stored value cannot be read, or the write
    /// failed): keep the entry for the next start.
    Kept,
}

impl Replayed {
    /// Whether the journal may forget the entry.
    pub fn clears(&self) -> bool {
        !matches!(self, Replayed::Kept)
    }
}

/// Whether an edit made on `base_rev` is newer than the stored revision
/// `stored_rev`. See the module docs.
pub fn is_newer(base_rev: Option<u64>, stored_rev: Option<u64>) -> bool {
    match (base_rev, stored_rev) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(base), Some(stored)) => stored <= base,
    }
}

/// Applies the journal `entries` to `kv` (see the module docs) and returns
/// what happened to each, in order. Of several entries for one key only the
/// last is considered (they were made one after the other on the same
/// base); the earlier ones are stale.
pub fn replay<K: KvStore>(kv: &mut K, entries: &[JournalEntry]) -> Vec<Replayed> {
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            if entries[i + 1..].iter().any(|later| later.key == e.key) {
                Replayed::Stale
            } else {
                replay_one(kv, e)
            }
        })
        .collect()
}

fn replay_one<K: KvStore>(kv: &mut K, entry: &JournalEntry) -> Replayed {
    let ParsedKey::Record { kind, .. } = parse_key(&entry.key) else {
        return Replayed::Invalid;
    };
    if let Some(of) = &entry.restore {
        return replay_restore(kv, entry, kind, of);
    }
    match read_header(&entry.value, kind) {
        Ok(h) if entry.base_rev.is_none_or(|b| h.rev > b) => {}
        _ => return Replayed::Invalid,
    }
    let stored_rev = match kv.get(&entry.key) {
        Ok(None) => None,
        Ok(Some(raw)) if raw == entry.value => return Replayed::Applied,
        Ok(Some(raw)) => match read_header(&raw, kind) {
            Ok(h) => Some(h.rev),
            Err(_) => return Replayed::Kept,
        },
        Err(_) => return Replayed::Kept,
    };
    if !is_newer(entry.base_rev, stored_rev) {
        return Replayed::Stale;
    }
    if kv.set(&entry.key, &entry.value).is_err() {
        return Replayed::Kept;
    }
    match kv.get(&entry.key) {
        Ok(Some(back)) if back == entry.value => Replayed::Applied,
        _ => Replayed::Kept,
    }
}

/// A restore's entry: applied only while the key holds exactly what the
/// restore replaced (see the module docs).
fn replay_restore<K: KvStore>(
    kv: &mut K,
    entry: &JournalEntry,
    kind: RecordKind,
    of: &RestoreOf,
) -> Replayed {
    let target = if of.removes {
        None
    } else if read_header(&entry.value, kind).is_ok() {
        Some(entry.value.as_str())
    } else {
        return Replayed::Invalid;
    };
    let stored = match kv.get(&entry.key) {
        Ok(s) => s,
        Err(_) => return Replayed::Kept,
    };
    if stored.as_deref() == target {
        return Replayed::Applied;
    }
    if stored.as_deref().map(digest) != of.replaced {
        return Replayed::Stale;
    }
    let written = match target {
        Some(v) => kv.set(&entry.key, v),
        None => kv.remove(&entry.key),
    };
    if written.is_err() {
        return Replayed::Kept;
    }
    match kv.get(&entry.key) {
        Ok(back) if back.as_deref() == target => Replayed::Applied,
        _ => Replayed::Kept,
    }
}
