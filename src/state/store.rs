//! The one `WorkspaceStore` of this tab (wasm is single-threaded, so a
//! thread-local holds it), the autosave timer, and the page listeners:
//! `pagehide`/`visibilitychange` flush pending writes at once, `storage`
//! brings other tabs' writes in.

use super::AppState;
use crate::domain::clock::Clock;
use crate::domain::ids::{ReportId, RoundId};
use crate::domain::inspection::Inspection;
use crate::domain::plan::Plan;
use crate::domain::workspace::Workspace;
use crate::persist::{
    ChangeKey, ExternalOutcome, LoadSummary, ReportRecord, RoundRecord, WorkspaceStore,
};
use crate::platform::clock::BrowserClock;
use crate::platform::local_storage::LocalStorageKv;
use crate::storage::StorageError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::time::Duration;

thread_local! {
    static STORE: RefCell<Option<WorkspaceStore<LocalStorageKv>>> = const { RefCell::new(None) };
}

/// A storage problem the user must see until it is solved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageProblem {
    /// The browser refused to store more: work stays in memory only.
    Full,
    /// localStorage cannot be used (private window, disabled).
    Unavailable,
    /// Another error from the browser.
    Other(String),
}

/// The last deletion, kept in memory so it can be undone.
#[derive(Debug, Clone)]
pub enum Undo {
    /// A plan and its inspections.
    Plan(Box<Plan>, Vec<Inspection>),
    /// One inspection.
    Inspection(Box<Inspection>),
}

/// What `open` hands to the state: the workspace, the periodic reports,
/// the reporting rounds and what loading found.
pub(super) type Opened = (
    Workspace,
    BTreeMap<ReportId, ReportRecord>,
    BTreeMap<RoundId, RoundRecord>,
    LoadSummary,
);

pub(super) fn open() -> Opened {
    let (mut store, ws, summary) =
        WorkspaceStore::open(LocalStorageKv, crate::APP_VERSION, BrowserClock.now());
    let reports = store.take_loaded_reports();
    let rounds = store.take_loaded_rounds();
    STORE.with(|s| *s.borrow_mut() = Some(store));
    (ws, reports, rounds, summary)
}

pub(super) fn with_store<R>(f: impl FnOnce(&mut WorkspaceStore<LocalStorageKv>) -> R) -> Option<R> {
    STORE.with(|s| s.borrow_mut().as_mut().map(f))
}

pub(super) fn mark(ws: &Workspace, what: &ChangeKey, now: DateTime<Utc>) {
    with_store(|s| s.mark(ws, what, now));
    journal_marked(now);
}

/// The write-ahead copy of unsaved edits (issue #18): what was marked at
/// `now` is journaled in IndexedDB at once, long before localStorage puts
/// its save on disk.
pub(super) fn journal_marked(now: DateTime<Utc>) {
    for e in with_store(|s| s.journal_entries(now)).unwrap_or_default() {
        crate::platform::journal::journal(&e);
    }
}

pub(super) fn schedule_flush(state: AppState) {
    let Some(due) = with_store(|s| s.next_due()).flatten() else {
        return;
    };
    let wait = (due - BrowserClock.now()).num_milliseconds().max(0) as u64 + 20;
    set_timeout(move || flush(state, false), Duration::from_millis(wait));
}

fn problem_of(e: &StorageError) -> Option<StorageProblem> {
    match e {
        StorageError::QuotaExceeded { .. } => Some(StorageProblem::Full),
        StorageError::Unavailable => Some(StorageProblem::Unavailable),
        StorageError::Backend { message, .. } => Some(StorageProblem::Other(message.clone())),
        _ => None,
    }
}

pub(super) fn flush(state: AppState, all: bool) {
    let now = BrowserClock.now();
    let Some(reports) = with_store(|s| if all { s.flush_now(now) } else { s.flush(now) }) else {
        return;
    };
    let problem = reports
        .iter()
        .flat_map(|r| r.failed.iter())
        .find_map(|(_, e)| problem_of(e));
    for (key, rev) in reports.iter().flat_map(|r| r.saved.iter()) {
        crate::platform::journal::saved(key, *rev);
    }
    let saved_any = reports.iter().any(|r| !r.saved.is_empty());
    if let Some(p) = problem {
        state.problem.set(Some(p));
    } else if saved_any {
        state.problem.set(None);
    }
    publish(state);
    // Failed writes are retried; keep the timer going while anything waits.
    schedule_flush(state);
}

/// A deleted record's journal entry goes with it.
fn journal_deleted(kind: crate::storage::RecordKind, id: &str) {
    crate::platform::journal::deleted(&crate::storage::keys::record_key(kind, id));
}

pub(super) fn delete_plan(plan: &Plan, insps: &[Inspection]) -> Result<(), StorageError> {
    use crate::storage::RecordKind;
    journal_deleted(RecordKind::Plan, &plan.id.to_string());
    for i in insps {
        journal_deleted(RecordKind::Inspection, &i.id().to_string());
    }
    let now = BrowserClock.now();
    with_store(|s| {
        for i in insps {
            s.settle_inspection(i);
            s.delete_inspection(i.id(), now)?;
        }
        s.delete_plan(plan.id, now)
    })
    .unwrap_or(Err(StorageError::Unavailable))
}

pub(super) fn delete_inspection(insp: &Inspection) -> Result<(), StorageError> {
    journal_deleted(
        crate::storage::RecordKind::Inspection,
        &insp.id().to_string(),
    );
    with_store(|s| {
        s.settle_inspection(insp);
        s.delete_inspection(insp.id(), BrowserClock.now())
    })
    .unwrap_or(Err(StorageError::Unavailable))
}

pub(super) fn delete_report(id: ReportId) -> Result<(), StorageError> {
    journal_deleted(crate::storage::RecordKind::Report, &id.to_string());
    with_store(|s| s.delete_report(id, BrowserClock.now()))
        .unwrap_or(Err(StorageError::Unavailable))
}

pub(super) fn delete_thpl(id: ReportId) -> Result<(), StorageError> {
    journal_deleted(crate::storage::RecordKind::Thpl, &id.to_string());
    with_store(|s| s.delete_thpl(id, BrowserClock.now())).unwrap_or(Err(StorageError::Unavailable))
}

pub(super) fn delete_round(id: RoundId) -> Result<(), StorageError> {
    journal_deleted(crate::storage::RecordKind::Round, &id.to_string());
    with_store(|s| s.delete_round(id, BrowserClock.now())).unwrap_or(Err(StorageError::Unavailable))
}

/// Shows the store's save status and its conflicts (after a flush, a
/// choice in the conflict banner, or another tab's change).
fn publish(state: AppState) {
    let Some((status, conflicts)) = with_store(|s| (s.status(), s.conflicts().to_vec())) else {
        return;
    };
    state.save.set(status);
    if state.conflicts.get_untracked() != conflicts {
        state.conflicts.set(conflicts);
    }
}

pub(super) fn keep_mine(state: AppState, key: &str) {
    if let Some(Err(e)) = with_store(|s| s.keep_mine(key, BrowserClock.now())) {
        state.problem.set(problem_of(&e));
    }
    publish(state);
}

pub(super) fn take_theirs(state: AppState, key: &str) {
    let now = BrowserClock.now();
    if is_kind(key, crate::storage::RecordKind::Report) {
        state.reports.update(|reports| {
            with_store(|s| s.take_theirs_report(key, reports, now));
        });
    } else if is_kind(key, crate::storage::RecordKind::Round) {
        state.rounds.update(|rounds| {
            with_store(|s| s.take_theirs_round(key, rounds, now));
        });
    } else if is_kind(key, crate::storage::RecordKind::Thpl) {
        state.thpl.update(|reports| {
            with_store(|s| s.take_theirs_thpl(key, reports, now));
        });
    } else {
        state.ws.update(|ws| {
            with_store(|s| s.take_theirs(key, ws, now));
        });
    }
    publish(state);
}

/// Is `key` a record of `kind` (periodic reports and rounds live outside
/// the workspace)?
fn is_kind(key: &str, kind: crate::storage::RecordKind) -> bool {
    matches!(
        crate::storage::keys::parse_key(key),
        crate::storage::ParsedKey::Record { kind: k, .. } if k == kind
    )
}

pub(super) fn install_listeners(state: AppState) {
    // Closing or hiding the tab: write everything now, do not wait for the pause.
    let on_hide = move || flush(state, true);
    let h1 = window_event_listener(leptos::ev::pagehide, move |_| on_hide());
    let h2 = window_event_listener(leptos::ev::visibilitychange, move |_| {
        let hidden = document().visibility_state() == web_sys::VisibilityState::Hidden;
        if hidden {
            on_hide();
        }
    });
    let h3 = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
        let Some(key) = ev.key() else { return };
        let new_value = ev.new_value();
        let now = BrowserClock.now();
        let mut outcome = ExternalOutcome::Ignored;
        if is_kind(&key, crate::storage::RecordKind::Report) {
            state.reports.update(|reports| {
                outcome = with_store(|s| {
                    s.on_external_report_change(&key, new_value.as_deref(), reports, now)
                })
                .unwrap_or(ExternalOutcome::Ignored);
            });
        } else if is_kind(&key, crate::storage::RecordKind::Round) {
            state.rounds.update(|rounds| {
                outcome = with_store(|s| {
                    s.on_external_round_change(&key, new_value.as_deref(), rounds, now)
                })
                .unwrap_or(ExternalOutcome::Ignored);
            });
        } else if is_kind(&key, crate::storage::RecordKind::Thpl) {
            state.thpl.update(|reports| {
                outcome = with_store(|s| {
                    s.on_external_thpl_change(&key, new_value.as_deref(), reports, now)
                })
                .unwrap_or(ExternalOutcome::Ignored);
            });
        } else {
            state.ws.update(|ws| {
                outcome = with_store(|s| s.on_external_change(&key, new_value.as_deref(), ws, now))
                    .unwrap_or(ExternalOutcome::Ignored);
            });
        }
        match outcome {
            ExternalOutcome::Applied => state.external_changes.update(|n| *n += 1),
            // The held record shows as not saved until the user chooses.
            ExternalOutcome::Conflict { .. } => publish(state),
            _ => {}
        }
    });
    // The app lives as long as the page; the handles are kept for that long.
    std::mem::forget((h1, h2, h3));
}
