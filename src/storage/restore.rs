//! Applying a previewed backup file. All-or-nothing: a file with any error
//! writes nothing, and if a write fails midway (quota) every write already
//! made is undone, so the store is as before.

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

        // Write with an undo journal.
        let mut journal: Vec<(String, Option<String>)> = Vec::new();
        for (key, text) in &writes {
            let previous = match self.get(key) {
                Ok(p) => p,
                Err(e) => {
                    self.undo(journal);
                    return Err(e);
                }
            };
            if let Err(e) = self.write_verified(key, text) {
                // A failed verify may leave the new text: undo this key too.
                journal.push((key.clone(), previous));
                self.undo(journal);
                return Err(e);
            }
            journal.push((key.clone(), previous));
        }
        for (key, _) in &writes {
            self.clear_base(key);
            if !report.kept_both.iter().any(|(_, n)| n == key) {
                report.written.push(key.clone());
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
