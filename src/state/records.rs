//! The records kept beside the workspace (periodic reports, yearly THPL
//! reports, reporting rounds): each kind lives in its own map of the
//! [`AppState`] and is added, edited and deleted through the one generic
//! home here, which stamps the change time, marks the record for autosave,
//! journals it and schedules the write. [`SideRecord`] says, per kind, where
//! its map is and how the store saves or deletes one; the named methods of
//! `AppState` (`add_report`, `edit_thpl`, …) are thin uses of it.

use super::{store, AppState};
use crate::domain::clock::Clock;
use crate::domain::ids::{ReportId, RoundId};
use crate::persist::{ReportRecord, RoundRecord, ThplRecord, WorkspaceStore};
use crate::platform::clock::BrowserClock;
use crate::platform::local_storage::LocalStorageKv;
use crate::storage::{SaveStatus, StorageError};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// A kind of record kept beside the workspace.
pub trait SideRecord: Sized + Send + Sync + 'static {
    /// Its id.
    type Id: Ord + Copy + Send + Sync + 'static;
    /// The state's map of this kind.
    fn map(state: &AppState) -> RwSignal<BTreeMap<Self::Id, Self>>;
    /// Its id.
    fn id(&self) -> Self::Id;
    /// Sets the time of its last change.
    fn touch(&mut self, now: DateTime<Utc>);
    /// Marks it for the next save.
    fn mark(store: &mut WorkspaceStore<LocalStorageKv>, rec: &Self, now: DateTime<Utc>);
    /// Deletes it from storage.
    fn delete_stored(id: Self::Id) -> Result<(), StorageError>;
}

/// The three kinds differ only in their map, id type and store calls.
macro_rules! side_record {
    ($record:ty, $id:ty, $map:ident, $mark:ident, $delete:ident) => {
        impl SideRecord for $record {
            type Id = $id;
            fn map(state: &AppState) -> RwSignal<BTreeMap<$id, Self>> {
                state.$map
            }
            fn id(&self) -> $id {
                self.id
            }
            fn touch(&mut self, now: DateTime<Utc>) {
                self.updated_at = now;
            }
            fn mark(store: &mut WorkspaceStore<LocalStorageKv>, rec: &Self, now: DateTime<Utc>) {
                store.$mark(rec, now);
            }
            fn delete_stored(id: $id) -> Result<(), StorageError> {
                store::$delete(id)
            }
        }
    };
}

side_record!(ReportRecord, ReportId, reports, mark_report, delete_report);
side_record!(ThplRecord, ReportId, thpl, mark_thpl, delete_thpl);
side_record!(RoundRecord, RoundId, rounds, mark_round, delete_round);

impl AppState {
    /// Adds `rec` and returns its id; it is saved automatically.
    pub(crate) fn add_record<T: SideRecord>(&self, rec: T) -> T::Id {
        let id = rec.id();
        T::map(self).update(|m| {
            m.insert(id, rec);
        });
        self.record_changed::<T>(id);
        id
    }

    /// Edits the record `id` with `f` and stamps the change; it is saved
    /// automatically. `f`'s result, or `None` when there is no such record.
    pub(crate) fn edit_record<T: SideRecord, R>(
        &self,
        id: T::Id,
        f: impl FnOnce(&mut T) -> R,
    ) -> Option<R> {
        let out = T::map(self)
            .try_update(|m| {
                m.get_mut(&id).map(|r| {
                    let out = f(r);
                    r.touch(BrowserClock.now());
                    out
                })
            })
            .flatten();
        if out.is_some() {
            self.record_changed::<T>(id);
        }
        out
    }

    /// Deletes the record `id` (no undo).
    pub(crate) fn delete_record<T: SideRecord>(&self, id: T::Id) -> Result<(), StorageError> {
        T::map(self).update(|m| {
            m.remove(&id);
        });
        T::delete_stored(id)
    }

    /// Marks the record `id` for autosave, journals it and schedules the
    /// write.
    fn record_changed<T: SideRecord>(&self, id: T::Id) {
        let now = BrowserClock.now();
        T::map(self).with_untracked(|m| {
            if let Some(r) = m.get(&id) {
                store::with_store(|s| T::mark(s, r, now));
                store::journal_marked(now);
            }
        });
        self.save.set(SaveStatus::Pending);
        store::schedule_flush(*self);
    }
}
