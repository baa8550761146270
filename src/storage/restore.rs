//! Applying a previewed backup file. All-or-nothing: a file with any error
//! writes nothing, and if a write fails midway (quota) every write already
//! made is undone, so the store is as before.
//!
//! A restore is planned ([`Repository::plan_restore`], reads only), then
//! written ([`Repository::write_restore`]): between the two the browser
//! journals the plan's writes (issue #19, [`super::journal::restore_entries`]),
//! so that a tab closed before localStorage took every write loses nothing.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::backup::RestorePreview;
use super::codec::encode_stored;
use super::envelope::encode_for_store;
use super::error::StorageError;
use super::keys::{record_key, RecordKind};
use super::kv::KvStore;
use super::repo::Repository;

/// The user's choice for one restore conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestoreChoice {
    /// Keep the stored record, ignore the file's (the default).
    KeepMine,
    /// Replace the stored record with the file's.
    TakeTheirs,
    /// Keep the stored record and add the file's under a new id.
    KeepBoth,
}

/// What `apply_restore` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RestoreReport {
    /// Keys written with the file's exact text (new or taken).
    pub written: Vec<String>,
    /// Conflicts where the stored record was kept.
    pub kept_mine: Vec<String>,
    /// Conflicts resolved as keep-both: (file key, new key).
    pub kept_both: Vec<(String, String)>,
    /// Not applied: the stored record is quarantined (take theirs), the
    /// kind is the settings singleton (keep both), or the new key given by
    /// `rekey` is taken.
    pub blocked: Vec<String>,
    /// Not applied: the key changed after the preview was made.
    pub changed_since_preview: Vec<String>,
}

/// One write a restore plans: `text` goes under `key`, which held
/// `previous` when the plan was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreWrite {
    /// The record's storage key.
    pub key: String,
    /// What the key held when the restore was planned (`None`: absent).
    pub previous: Option<String>,
    /// The envelope the restore writes.
    pub text: String,
}

/// A planned restore: its writes, in order, and the report of what it
/// leaves out (kept, blocked, changed since the preview).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestorePlan {
    /// The writes, in the order they are made.
    pub writes: Vec<RestoreWrite>,
    /// The report so far (`written` is filled by the writes).
    pub report: RestoreReport,
}

impl<K: KvStore> Repository<K> {
    /// Apply `preview` with a choice per conflict (missing choice = keep
    /// mine). `rekey` gives the incoming record a fresh id for keep-both: it
    /// receives the kind and the record's `data` as in the file and returns
    /// the new id and the data carrying it. Afterwards reload every kind
    /// (`load_all`): base revisions of written keys are forgotten, so stale
    /// in-memory copies cannot overwrite restored records.
    pub fn apply_restore(
        &mut self,
        preview: &RestorePreview,
        choices: &BTreeMap<String, RestoreChoice>,
        rekey: &mut dyn FnMut(RecordKind, Value) -> (String, Value),
        now: DateTime<Utc>,
    ) -> Result<RestoreReport, StorageError> {
        let plan = self.plan_restore(preview, choices, rekey)?;
        self.write_restore(plan, now)
    }

    /// The writes `apply_restore` would make, read from the store as it is
    /// now; nothing is written.
    pub fn plan_restore(
        &self,
        preview: &RestorePreview,
        choices: &BTreeMap<String, RestoreChoice>,
        rekey: &mut dyn FnMut(RecordKind, Value) -> (String, Value),
    ) -> Result<RestorePlan, StorageError> {
        if !preview.is_ok() {
            return Err(StorageError::RestoreRejected {
                errors: preview.errors.len(),
            });
        }
        let mut report = RestoreReport::default();
        let mut writes: Vec<(String, String)> = Vec::new();
        let mut planned: BTreeSet<String> = BTreeSet::new();

        for key in &preview.new_keys {
            let Some(inc) = preview.incoming.get(key) else {
                continue;
            };
            if self.get(key)? != inc.existing_raw {
                report.changed_since_preview.push(key.clone());
                continue;
            }
            planned.insert(key.clone());
            writes.push((key.clone(), encode_stored(inc.raw.clone())));
        }
        for conflict in &preview.conflicts {
            let key = &conflict.key;
            let Some(inc) = preview.incoming.get(key) else {
                continue;
            };
            match choices.get(key).copied().unwrap_or(RestoreChoice::KeepMine) {
                RestoreChoice::KeepMine => report.kept_mine.push(key.clone()),
                RestoreChoice::TakeTheirs => {
                    if conflict.existing_quarantined {
                        report.blocked.push(key.clone());
                    } else if self.get(key)? != inc.existing_raw {
                        report.changed_since_preview.push(key.clone());
                    } else {
                        planned.insert(key.clone());
                        writes.push((key.clone(), encode_stored(inc.raw.clone())));
                    }
                }
                RestoreChoice::KeepBoth => {
                    if inc.kind.is_singleton() {
                        report.blocked.push(key.clone());
                        continue;
                    }
                    let data: Value = match super::envelope::parse(&inc.raw, &inc.kind.schema_id())
                        .ok()
                        .and_then(|env| serde_json::from_str(env.data()).ok())
                    {
                        Some(v) => v,
                        None => {
                            report.blocked.push(key.clone());
                            continue;
                        }
                    };
                    let (new_id, new_data) = rekey(inc.kind, data);
                    let new_key = record_key(inc.kind, &new_id);
                    if planned.contains(&new_key)
                        || self.get(&new_key)?.is_some()
                        || preview.incoming.contains_key(&new_key)
                    {
                        report.blocked.push(key.clone());
                        continue;
                    }
                    let text = encode_for_store(&inc.header, &new_data).map_err(|e| {
                        StorageError::Serialize {
                            key: new_key.clone(),
                            message: e.to_string(),
                        }
                    })?;
                    planned.insert(new_key.clone());
                    writes.push((new_key.clone(), text));
                    report.kept_both.push((key.clone(), new_key));
                }
            }
        }

        let mut planned_writes = Vec::with_capacity(writes.len());
        for (key, text) in writes {
            let previous = self.get(&key)?;
            planned_writes.push(RestoreWrite {
                key,
                previous,
                text,
            });
        }
        Ok(RestorePlan {
            writes: planned_writes,
            report,
        })
    }

    /// Makes the writes of `plan`. All or nothing: when a key no longer
    /// holds what it held when the plan was made (another tab wrote it),
    /// nothing is written ([`StorageError::Conflict`]); when a write fails,
    /// the writes already made are undone. Afterwards reload every kind.
    pub fn write_restore(
        &mut self,
        plan: RestorePlan,
        now: DateTime<Utc>,
    ) -> Result<RestoreReport, StorageError> {
        let RestorePlan { writes, mut report } = plan;
        for w in &writes {
            if self.get(&w.key)? != w.previous {
                return Err(StorageError::Conflict {
                    key: w.key.clone(),
                    ours: None,
                    theirs: None,
                });
            }
        }
        // Write with an undo journal.
        let mut journal: Vec<(String, Option<String>)> = Vec::new();
        for w in &writes {
            if let Err(e) = self.write_verified(&w.key, &w.text) {
                // A failed verify may leave the new text: undo this key too.
                journal.push((w.key.clone(), w.previous.clone()));
                self.undo(journal);
                return Err(e);
            }
            journal.push((w.key.clone(), w.previous.clone()));
        }
        for w in &writes {
            self.clear_base(&w.key);
            if !report.kept_both.iter().any(|(_, n)| n == &w.key) {
                report.written.push(w.key.clone());
            }
        }
        let _ = self.rebuild_index(now);
        Ok(report)
    }

    /// Undo restore writes in reverse order (removals first free space for
    /// the re-writes of earlier values).
    fn undo(&mut self, journal: Vec<(String, Option<String>)>) {
        for (key, previous) in journal.into_iter().rev() {
            let _ = match previous {
                None => self.kv.remove(&key),
                Some(p) => self.kv.set(&key, &p),
            };
        }
    }
}
