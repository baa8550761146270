//! Changes made by another tab (the browser's `storage` event): decide
//! whether to take the new value, report a conflict with unsaved local
//! edits, or ignore it. Never writes: the other tab owns its write.

use super::envelope::{decode, Decoded};
use super::keys::{parse_key, ParsedKey};
use super::kv::KvStore;
use super::record::{QuarantineReason, StoredRecord};
use super::repo::Repository;

/// What an external change means for this tab.
#[derive(Debug, Clone, PartialEq)]
pub enum ExternalChange<T> {
    /// Take this record into the working set (no local unsaved edit); the
    /// base revision now follows it.
    Updated(T),
    /// Both tabs changed the record. The base revision is unchanged, so a
    /// plain save will report a conflict; resolve with `save_forced`
    /// ("keep mine") or `accept_theirs`.
    Conflict {
        /// The local unsaved copy.
        local: T,
        /// The other tab's version.
        remote: T,
    },
    /// Another tab saved over this tab's last save: both saved from the
    /// same base at once, so the stored value has this tab's revision but
    /// the other tab's bytes. This tab had nothing unsaved, yet its version
    /// now exists only in its memory: the caller treats it as a conflict
    /// (the user chooses), with the in-memory record as "mine".
    Overwritten {
        /// The other tab's version, now stored.
        remote: T,
    },
    /// The record was deleted elsewhere.
    Removed,
    /// Not a key of this kind, or nothing new (same revision).
    Ignored,
    /// The new value cannot be used by this version (corrupt, or written by
    /// a newer app). Nothing is moved; saves to the key will be refused.
    Unreadable {
        /// The new raw text.
        raw: String,
        /// Why it cannot be used.
        reason: QuarantineReason,
    },
}

impl<K: KvStore> Repository<K> {
    /// Interpret a storage event for `key` (`new_value` is `None` when the
    /// key was removed). `local_unsaved` is this tab's dirty copy of that
    /// record, if any (see `SaveQueue::pending`).
    pub fn on_external_change<T: StoredRecord>(
        &mut self,
        key: &str,
        new_value: Option<&str>,
        local_unsaved: Option<&T>,
    ) -> ExternalChange<T> {
        let ParsedKey::Record { kind, id } = parse_key(key) else {
            return ExternalChange::Ignored;
        };
        if kind != T::KIND {
            return ExternalChange::Ignored;
        }
        let Some(raw) = new_value else {
            let known = self.clear_base(key);
            return if known || local_unsaved.is_some() {
                ExternalChange::Removed
            } else {
                ExternalChange::Ignored
            };
        };
        let (record, rev) = match decode::<T>(raw, &id) {
            Decoded::Current { record, rev } | Decoded::Migrated { record, rev, .. } => {
                (record, rev)
            }
            Decoded::Newer { version } => {
                return ExternalChange::Unreadable {
                    raw: raw.to_string(),
                    reason: QuarantineReason::FromNewer { version },
                }
            }
            Decoded::Corrupt(reason) => {
                return ExternalChange::Unreadable {
                    raw: raw.to_string(),
                    reason: QuarantineReason::Corrupt(reason),
                }
            }
        };
        // A usable value replaced whatever was unusable in place here (the
        // other tab moved or resolved it); a set-aside copy does not block.
        self.quarantined.remove(key);
        if self.base_rev(key) == Some(rev) {
            if self.is_base_text(key, raw) {
                return ExternalChange::Ignored;
            }
            // Same revision, other bytes: two saves from one base raced. If
            // the store still holds this tab's bytes, this event is stale
            // (ours came last and the other tab hears of it); otherwise
            // ours was replaced.
            if let Ok(Some(now_stored)) = self.kv.get(key) {
                if self.is_base_text(key, &now_stored) {
                    return ExternalChange::Ignored;
                }
            }
            return match local_unsaved {
                Some(local) => ExternalChange::Conflict {
                    local: local.clone(),
                    remote: record,
                },
                None => ExternalChange::Overwritten { remote: record },
            };
        }
        match local_unsaved {
            Some(local) => ExternalChange::Conflict {
                local: local.clone(),
                remote: record,
            },
            None => {
                self.set_base(key, rev, raw);
                ExternalChange::Updated(record)
            }
        }
    }
}
