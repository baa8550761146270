//! Who hears of an answer change. The answers are the bulk of the workspace
//! and change at every click and keystroke of a checklist, so an answer
//! edited through [`AppState::edit_answer`](super::AppState::edit_answer)
//! changes the workspace in place *without* notifying `AppState::ws` (whose
//! every subscriber, on every page, would re-run): it notifies only the
//! scopes the answer belongs to — its row, its group in the run, its run,
//! its inspection and "any answer". A reader that shows answers subscribes
//! to the narrowest scope it shows (the `track_*` methods of `AppState`)
//! beside `ws`, which still announces every other change (structure,
//! findings, another tab's write, a restore).
//!
//! The triggers are made on first use and kept for the session: one per
//! row, group, run and inspection ever shown, a few thousand at most.

use crate::domain::answer::AnswerKey;
use crate::domain::ids::{ChecklistRunId, InspectionId};
use leptos::prelude::*;
use std::collections::HashMap;

/// One scope of answers a reader can follow.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Scope {
    /// Any answer of any inspection (lists, overviews).
    Any,
    /// Any answer of one inspection.
    Inspection(InspectionId),
    /// Any answer of one checklist run.
    Run(ChecklistRunId),
    /// Any answer of one group (every instance) of a run.
    Group(ChecklistRunId, String),
    /// One answer.
    Row(ChecklistRunId, AnswerKey),
}

impl Scope {
    fn of_run(&self) -> Option<ChecklistRunId> {
        match self {
            Scope::Run(r) | Scope::Group(r, _) | Scope::Row(r, _) => Some(*r),
            Scope::Any | Scope::Inspection(_) => None,
        }
    }
}

/// The answer scopes' triggers (`Copy`, held by the `AppState`).
#[derive(Clone, Copy)]
pub struct AnswerTriggers {
    map: StoredValue<HashMap<Scope, ArcTrigger>>,
}

impl AnswerTriggers {
    pub(super) fn new() -> Self {
        Self {
            map: StoredValue::new(HashMap::new()),
        }
    }

    /// Subscribes the running effect or memo to `scope`.
    fn track(&self, scope: Scope) {
        let trigger = self
            .map
            .try_update_value(|m| m.entry(scope).or_insert_with(ArcTrigger::new).clone());
        if let Some(t) = trigger {
            t.track();
        }
    }

    /// Notifies the triggers chosen by `pick` (collected first, notified
    /// outside the map's borrow: a notified memo may track again).
    fn notify_where(&self, pick: impl Fn(&Scope) -> bool) {
        let picked: Vec<ArcTrigger> = self
            .map
            .try_with_value(|m| {
                m.iter()
                    .filter(|(s, _)| pick(s))
                    .map(|(_, t)| t.clone())
                    .collect()
            })
            .unwrap_or_default();
        for t in picked {
            t.notify();
        }
    }

    /// One answer changed: its row, group, run, inspection and "any".
    pub(super) fn answer_changed(&self, insp: InspectionId, run: ChecklistRunId, key: &AnswerKey) {
        let scopes = [
            Scope::Row(run, key.clone()),
            Scope::Group(run, key.group.clone()),
            Scope::Run(run),
            Scope::Inspection(insp),
            Scope::Any,
        ];
        let picked: Vec<ArcTrigger> = self
            .map
            .try_with_value(|m| scopes.iter().filter_map(|s| m.get(s).cloned()).collect())
            .unwrap_or_default();
        for t in picked {
            t.notify();
        }
    }

    /// One row is out of step with the workspace (found by a reader after
    /// another change of the workspace): that row only.
    fn row_changed(&self, run: ChecklistRunId, key: &AnswerKey) {
        let t = self
            .map
            .try_with_value(|m| m.get(&Scope::Row(run, key.clone())).cloned())
            .flatten();
        if let Some(t) = t {
            t.notify();
        }
    }

    /// Any answer may have changed (answers set aside after the start).
    pub(super) fn notify_all(&self) {
        self.notify_where(|_| true);
    }

    /// Any answers of `run` may have changed: every scope of the run.
    pub(super) fn run_changed(&self, insp: InspectionId, run: ChecklistRunId) {
        self.notify_where(|s| {
            s.of_run() == Some(run) || *s == Scope::Inspection(insp) || *s == Scope::Any
        });
    }
}

impl super::AppState {
    /// Subscribes the caller to the answer `key` of `run` (a checklist row).
    pub fn track_answer(&self, run: ChecklistRunId, key: &AnswerKey) {
        self.answers.track(Scope::Row(run, key.clone()));
    }

    /// Makes the readers of the answer `key` of `run` read it again: for the
    /// checklist's rows, which compare themselves with the workspace after a
    /// change that did not go through
    /// [`AppState::edit_answer`](super::AppState::edit_answer) (another tab,
    /// a template migration).
    pub fn refresh_answer(&self, run: ChecklistRunId, key: &AnswerKey) {
        self.answers.row_changed(run, key);
    }

    /// Subscribes the caller to every answer of one group of `run` (its
    /// progress).
    pub fn track_group_answers(&self, run: ChecklistRunId, group: &str) {
        self.answers.track(Scope::Group(run, group.to_string()));
    }

    /// Subscribes the caller to every answer of `run` (its progress, the
    /// items shown on a condition).
    pub fn track_run_answers(&self, run: ChecklistRunId) {
        self.answers.track(Scope::Run(run));
    }

    /// Subscribes the caller to every answer of the inspection `insp` (what
    /// is missing before it can be finalized, its print).
    pub fn track_inspection_answers(&self, insp: InspectionId) {
        self.answers.track(Scope::Inspection(insp));
    }

    /// Subscribes the caller to every answer (the lists' progress).
    pub fn track_all_answers(&self) {
        self.answers.track(Scope::Any);
    }
}
