//! Reactive glue between the pure domain/storage and the UI. One
//! [`AppState`] is provided at the root; pages read the workspace through
//! `state.ws` and change it only through the `AppState` methods, which apply
//! a domain operation, mark the changed record for autosave and schedule the
//! write. Other tabs' writes arrive through the `storage` event.
//!
//! Answers are the exception (see [`answers`]): an answer edited through
//! [`AppState::edit_answer`] notifies its row, group, run and inspection,
//! not `state.ws`; readers that show answers follow them with the
//! `track_*` methods beside `state.ws`.

mod answers;
mod records;
mod store;

pub use answers::AnswerTriggers;
pub use records::SideRecord;

pub use store::{StorageProblem, Undo};

use crate::domain::answer::{Answer, AnswerKey};
use crate::domain::clock::Clock;
use crate::domain::error::DomainError;
use crate::domain::ids::{ChecklistRunId, InspectionId, PlanId, ReportId, RoundId, TemplateId};
use crate::domain::inspection::Inspection;
use crate::domain::plan::Plan;
use crate::domain::template::TemplateLibrary;
use crate::domain::workspace::{Settings, Workspace};
use crate::persist::{ChangeKey, LoadSummary, ReportRecord, RoundRecord, ThplRecord};
use crate::platform::clock::{BrowserClock, BrowserIds};
use crate::storage::SaveStatus;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Everything the UI shares. `Copy`, so closures can capture it freely.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The whole workspace (plans, inspections, templates, settings).
    /// Answer edits change it in place without notifying its subscribers:
    /// a reader of answers also calls a `track_*` method (`track_answer`,
    /// `track_run_answers`, …).
    pub ws: RwSignal<Workspace>,
    /// The triggers of answer changes, by row, group, run and inspection.
    answers: AnswerTriggers,
    /// Periodic reports (báo cáo định kỳ), stored beside the workspace.
    pub reports: RwSignal<BTreeMap<ReportId, ReportRecord>>,
    /// Reporting rounds (đợt báo cáo) of the Department of Justice, stored
    /// beside the workspace.
    pub rounds: RwSignal<BTreeMap<RoundId, RoundRecord>>,
    /// Yearly THPL reports, stored beside the workspace.
    pub thpl: RwSignal<BTreeMap<ReportId, ThplRecord>>,
    /// Saved / saving / failed, for the quiet indicator.
    pub save: RwSignal<SaveStatus>,
    /// A storage problem that needs a banner (full, unavailable).
    pub problem: RwSignal<Option<StorageProblem>>,
    /// What loading found (quarantined, migrated records).
    pub load: RwSignal<LoadSummary>,
    /// Record keys both this tab and another changed.
    pub conflicts: RwSignal<Vec<String>>,
    /// The last deletion, which the user may undo.
    pub undo: RwSignal<Option<Undo>>,
    /// Bumped when another tab changed a record (pages may show a notice).
    pub external_changes: RwSignal<u32>,
}

/// How long after the start the answers left as text are all read (after
/// the first screen; a page that shows answers reads its own at once).
const SETTLE_DELAY_MS: u64 = 1_000;

/// Inspections whose answers one task of the settling reads (about 100
/// answers each in the benchmark's workspaces: a few milliseconds a slice).
const SETTLE_SLICE: usize = 50;

/// `try_update` only fails once the app is torn down (signal disposed).
fn disposed<R>() -> Result<R, DomainError> {
    Err(DomainError::NotFound {
        what: crate::domain::error::Entity::Plan,
        id: String::from("(app closed)"),
    })
}

impl AppState {
    /// Loads the workspace from localStorage and provides the state.
    pub fn provide() -> Self {
        let (ws, reports, rounds, summary) = store::open();
        let thpl = store::with_store(|s| s.take_loaded_thpl()).unwrap_or_default();
        // Storage that throws on every read (a privacy setting, a sandboxed
        // frame) fails each key rather than the key list: said the same way.
        let unreadable = summary.failed.iter().any(|(_, e)| {
            matches!(
                e,
                crate::storage::StorageError::Unavailable
                    | crate::storage::StorageError::Backend { .. }
            )
        });
        let problem =
            (summary.fatal.is_some() || unreadable).then_some(StorageProblem::Unavailable);
        let state = Self {
            ws: RwSignal::new(ws),
            answers: AnswerTriggers::new(),
            reports: RwSignal::new(reports),
            rounds: RwSignal::new(rounds),
            thpl: RwSignal::new(thpl),
            save: RwSignal::new(SaveStatus::Clean),
            problem: RwSignal::new(problem),
            load: RwSignal::new(summary),
            conflicts: RwSignal::new(Vec::new()),
            undo: RwSignal::new(None),
            external_changes: RwSignal::new(0),
        };
        provide_context(state);
        store::install_listeners(state);
        // Built-in templates added at this start are written right away.
        store::schedule_flush(state);
        set_timeout(
            move || state.settle_answers(),
            std::time::Duration::from_millis(SETTLE_DELAY_MS),
        );
        state
    }

    /// The state provided at the root.
    pub fn expect() -> Self {
        expect_context::<Self>()
    }

    /// The clock used for every change.
    pub fn clock(&self) -> BrowserClock {
        BrowserClock
    }

    fn changed(&self, what: ChangeKey) {
        let now = BrowserClock.now();
        self.ws.with_untracked(|ws| store::mark(ws, &what, now));
        self.take_late_quarantined();
        self.save.set(SaveStatus::Pending);
        store::schedule_flush(*self);
    }

    /// Reads the answers a start left as text (issue #14: a start decodes
    /// only the records' envelopes; `domain::answers`) and sets aside any
    /// whose answers do not read, as a start does with a record that does
    /// not read. Runs a moment after the first screen, a slice of
    /// inspections per task: with thousands of inspections stored, reading
    /// every answer at once would hold the page for a noticeable moment.
    fn settle_answers(&self) {
        let ids: Vec<InspectionId> = self
            .ws
            .with_untracked(|ws| ws.inspections().map(|i| i.id()).collect());
        self.settle_slice(ids);
    }

    fn settle_slice(self, mut ids: Vec<InspectionId>) {
        let rest = ids.split_off(ids.len().min(SETTLE_SLICE));
        self.ws.with_untracked(|ws| {
            store::with_store(|s| {
                for id in &ids {
                    if let Some(i) = ws.inspection(*id) {
                        s.settle_inspection(i);
                    }
                }
            })
        });
        // Those answers are decoded now: their text is not needed any more.
        self.ws.update_untracked(|ws| {
            for id in &ids {
                if let Some(i) = ws.inspection_mut(*id) {
                    i.release_answers_text();
                }
            }
        });
        self.take_late_quarantined();
        if !rest.is_empty() {
            set_timeout(
                move || self.settle_slice(rest),
                std::time::Duration::from_millis(0),
            );
        }
    }

    /// Says what `settle_answers` or a save's check set aside: the banner
    /// and the recovery page read `load`.
    fn take_late_quarantined(&self) {
        let notes = store::with_store(|s| s.take_late_quarantined()).unwrap_or_default();
        if notes.is_empty() {
            return;
        }
        self.load.update(|l| l.quarantined.extend(notes));
        // The runs set aside now read as no answers: their readers redraw.
        self.answers.notify_all();
        self.ws.update(|_| {});
    }

    /// Adds a new plan built by `make` and returns its id.
    pub fn add_plan(
        &self,
        make: impl FnOnce(&mut BrowserIds, &BrowserClock) -> Plan,
    ) -> Result<PlanId, DomainError> {
        let plan = make(&mut BrowserIds, &BrowserClock);
        let id = self
            .ws
            .try_update(|ws| ws.add_plan(plan))
            .unwrap_or_else(disposed)?;
        self.changed(ChangeKey::Plan(id));
        Ok(id)
    }

    /// Edits one plan: `f` changes a copy, which replaces the plan when the
    /// domain accepts it (so an error leaves the plan as it was).
    pub fn edit_plan(&self, id: PlanId, f: impl FnOnce(&mut Plan)) -> Result<(), DomainError> {
        let result = self
            .ws
            .try_update(|ws| {
                let mut copy = ws.plan(id).cloned().ok_or(DomainError::NotFound {
                    what: crate::domain::error::Entity::Plan,
                    id: id.to_string(),
                })?;
                f(&mut copy);
                ws.update_plan(copy, &BrowserClock).map(|_| ())
            })
            .unwrap_or_else(disposed);
        if result.is_ok() {
            self.changed(ChangeKey::Plan(id));
        }
        result
    }

    /// Creates an inspection of `unit` under `plan` by `team`.
    pub fn create_inspection(
        &self,
        plan: PlanId,
        unit: crate::domain::ids::UnitId,
        team: Option<crate::domain::ids::TeamId>,
    ) -> Result<InspectionId, DomainError> {
        let id = self
            .ws
            .try_update(|ws| ws.create_inspection(plan, unit, team, &mut BrowserIds, &BrowserClock))
            .unwrap_or_else(disposed)?;
        self.changed(ChangeKey::Inspection(id));
        Ok(id)
    }

    /// Runs a domain operation on one inspection (with the template library
    /// beside it); on success the inspection is saved automatically.
    pub fn edit_inspection<R>(
        &self,
        id: InspectionId,
        f: impl FnOnce(
            &mut Inspection,
            &TemplateLibrary,
            &BrowserClock,
            &mut BrowserIds,
        ) -> Result<R, DomainError>,
    ) -> Result<R, DomainError> {
        let result = self
            .ws
            .try_update(|ws| {
                ws.edit_inspection(id, |i, lib| f(i, lib, &BrowserClock, &mut BrowserIds))
            })
            .unwrap_or_else(disposed);
        if result.is_ok() {
            self.changed(ChangeKey::Inspection(id));
        }
        result
    }

    /// Changes one answer: `f` edits a copy of the answer `key` of `run`
    /// (or a blank one), which replaces it when the domain accepts it. Only
    /// the row, its group, its run and its inspection are notified (not the
    /// subscribers of `ws`), and only the run's answers record is written.
    pub fn edit_answer(
        &self,
        id: InspectionId,
        run: ChecklistRunId,
        key: AnswerKey,
        f: impl FnOnce(&mut Answer),
    ) -> Result<(), DomainError> {
        let changed = key.clone();
        let result = self
            .ws
            .try_update_untracked(|ws| {
                ws.edit_inspection(id, |i, lib| {
                    let mut a = i
                        .checklist(run)
                        .and_then(|r| r.answers.get(&key))
                        .cloned()
                        .unwrap_or_default();
                    f(&mut a);
                    i.set_answer(run, key, a, lib, &BrowserClock)
                })
            })
            .unwrap_or_else(disposed);
        if result.is_ok() {
            self.answers.answer_changed(id, run, &changed);
            self.changed(ChangeKey::Answers(id, run));
        }
        result
    }

    /// Changes the answers of one checklist run (`f` gets the inspection, as
    /// for [`AppState::edit_inspection`], and must change only that run's
    /// answers): every reader of the run's answers is notified (not the
    /// subscribers of `ws`), and only the run's answers record is written.
    pub fn edit_answers<R>(
        &self,
        id: InspectionId,
        run: ChecklistRunId,
        f: impl FnOnce(&mut Inspection, &TemplateLibrary, &BrowserClock) -> Result<R, DomainError>,
    ) -> Result<R, DomainError> {
        let result = self
            .ws
            .try_update_untracked(|ws| ws.edit_inspection(id, |i, lib| f(i, lib, &BrowserClock)))
            .unwrap_or_else(disposed);
        if result.is_ok() {
            self.answers.run_changed(id, run);
            self.changed(ChangeKey::Answers(id, run));
        }
        result
    }

    /// Changes the settings.
    pub fn edit_settings(&self, f: impl FnOnce(&mut Settings)) {
        self.ws.update(|ws| {
            let mut s = ws.settings().clone();
            f(&mut s);
            ws.set_settings(s);
        });
        self.changed(ChangeKey::Settings);
    }

    /// Changes the template library (save a version, import); `id` is the
    /// template whose versions changed.
    pub fn edit_templates<R>(
        &self,
        id: &TemplateId,
        f: impl FnOnce(&mut TemplateLibrary) -> Result<R, DomainError>,
    ) -> Result<R, DomainError> {
        let result = self
            .ws
            .try_update(|ws| f(ws.templates_mut()))
            .unwrap_or_else(disposed);
        if result.is_ok() {
            self.changed(ChangeKey::Template(id.clone()));
        }
        result
    }

    /// Adds a periodic report and returns its id.
    pub fn add_report(&self, report: crate::report::PeriodicReport) -> ReportId {
        let id = ReportId::generate(&mut BrowserIds);
        self.add_record(ReportRecord::new(id, report, BrowserClock.now()))
    }

    /// Edits one periodic report (its content or its export stamp); the
    /// change is saved automatically. Returns false when there is no such
    /// report.
    pub fn edit_report(&self, id: ReportId, f: impl FnOnce(&mut ReportRecord)) -> bool {
        self.edit_record(id, f).is_some()
    }

    /// Deletes a periodic report (no undo).
    pub fn delete_report(&self, id: ReportId) -> Result<(), crate::storage::StorageError> {
        self.delete_record::<ReportRecord>(id)
    }

    /// Adds a yearly THPL report and returns its id.
    pub fn add_thpl(&self, report: crate::report::thpl::ThplReport) -> ReportId {
        let id = ReportId::generate(&mut BrowserIds);
        self.add_record(ThplRecord::new(id, report, BrowserClock.now()))
    }

    /// Edits one yearly THPL report; the change is saved automatically.
    /// Returns false when there is no such report.
    pub fn edit_thpl(&self, id: ReportId, f: impl FnOnce(&mut ThplRecord)) -> bool {
        self.edit_record(id, f).is_some()
    }

    /// Deletes a yearly THPL report (no undo).
    pub fn delete_thpl(&self, id: ReportId) -> Result<(), crate::storage::StorageError> {
        self.delete_record::<ThplRecord>(id)
    }

    /// Adds a reporting round and returns its id.
    pub fn add_round(&self, round: crate::report::round::Round) -> RoundId {
        let id = RoundId::generate(&mut BrowserIds);
        self.add_record(RoundRecord::new(id, round, BrowserClock.now()))
    }

    /// Edits one reporting round; the change is saved automatically and
    /// `f`'s result returned (`None` when there is no such round).
    pub fn edit_round<R>(
        &self,
        id: RoundId,
        f: impl FnOnce(&mut crate::report::round::Round) -> R,
    ) -> Option<R> {
        self.edit_record(id, |r: &mut RoundRecord| f(&mut r.round))
    }

    /// Deletes a reporting round (no undo).
    pub fn delete_round(&self, id: RoundId) -> Result<(), crate::storage::StorageError> {
        self.delete_record::<RoundRecord>(id)
    }

    /// Deletes a plan with its inspections; the user can undo it once.
    pub fn delete_plan(&self, id: PlanId) -> Result<(), crate::storage::StorageError> {
        let taken = self.ws.try_update(|ws| ws.take_plan(id)).flatten();
        let Some((plan, insps)) = taken else {
            return Ok(());
        };
        let deleted = store::delete_plan(&plan, &insps);
        self.take_late_quarantined();
        deleted?;
        self.undo.set(Some(Undo::Plan(Box::new(plan), insps)));
        Ok(())
    }

    /// Deletes one inspection; the user can undo it once.
    pub fn delete_inspection(&self, id: InspectionId) -> Result<(), crate::storage::StorageError> {
        let taken = self.ws.try_update(|ws| ws.take_inspection(id)).flatten();
        let Some(insp) = taken else { return Ok(()) };
        let deleted = store::delete_inspection(&insp);
        self.take_late_quarantined();
        deleted?;
        self.undo.set(Some(Undo::Inspection(Box::new(insp))));
        Ok(())
    }

    /// Undoes the last deletion: the records come back and are saved again.
    pub fn undo_delete(&self) {
        let Some(undo) = self.undo.get_untracked() else {
            return;
        };
        self.undo.set(None);
        match undo {
            Undo::Plan(plan, insps) => {
                let pid = plan.id;
                let iids: Vec<_> = insps.iter().map(|i| i.id()).collect();
                self.ws.update(|ws| {
                    ws.put_plan(*plan);
                    for i in insps {
                        ws.put_inspection(i);
                    }
                });
                self.changed(ChangeKey::Plan(pid));
                for i in iids {
                    self.changed(ChangeKey::Inspection(i));
                }
            }
            Undo::Inspection(insp) => {
                let id = insp.id();
                self.ws.update(|ws| ws.put_inspection(*insp));
                self.changed(ChangeKey::Inspection(id));
            }
        }
    }

    /// Writes every pending change now (before an export or a backup).
    pub fn flush_now(&self) {
        store::flush(*self, true);
    }

    /// Writes pending changes now, in the caller's own task, instead of
    /// after the typing pause: a finished answer (a click, a key) is in
    /// localStorage before the event handler returns, before the reactive
    /// updates it caused run (they are queued as microtasks) and before the
    /// next frame is rendered. Issue #14's profile of an answer click: with
    /// the write a timer hop away ([`AppState::commit_soon`]), the browser
    /// rendered the frame first (about two thirds of the click-to-stored
    /// time); the write itself is a fraction of a millisecond.
    pub fn commit_now(&self) {
        store::flush(*self, true);
    }

    /// Writes pending changes at the next turn of the event loop instead of
    /// after the typing pause (several calls in one turn make one write).
    pub fn commit_soon(&self) {
        thread_local! {
            static QUEUED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
        }
        if QUEUED.with(|q| q.replace(true)) {
            return;
        }
        let state = *self;
        set_timeout(
            move || {
                QUEUED.with(|q| q.set(false));
                store::flush(state, true);
            },
            std::time::Duration::ZERO,
        );
    }

    /// Resolves a two-tab conflict in favour of this tab.
    pub fn keep_mine(&self, key: &str) {
        store::keep_mine(*self, key);
    }

    /// Resolves a two-tab conflict in favour of the other tab.
    pub fn take_theirs(&self, key: &str) {
        store::take_theirs(*self, key);
    }

    /// Runs `f` with the workspace store (health, backup, recovery screens).
    pub fn with_store<R>(
        &self,
        f: impl FnOnce(
            &mut crate::persist::WorkspaceStore<crate::platform::local_storage::LocalStorageKv>,
        ) -> R,
    ) -> Option<R> {
        store::with_store(f)
    }

    /// Applies a restore (backup file or archive) safely against a tab
    /// closed at once (issue #19): its writes and removals are planned,
    /// journaled in IndexedDB and on disk, and only then written to
    /// localStorage, so that the next start writes back what localStorage
    /// lost with the tab. Then the workspace is reloaded. The flag says
    /// whether the journal took the restore; when IndexedDB cannot be used
    /// the restore is still made (the file holds the records; the page says
    /// to leave it open a moment).
    pub async fn restore_journaled(
        &self,
        preview: &crate::storage::RestorePreview,
        choices: &std::collections::BTreeMap<String, crate::storage::RestoreChoice>,
        rekey: &mut dyn FnMut(
            crate::storage::RecordKind,
            serde_json::Value,
        ) -> (String, serde_json::Value),
    ) -> Result<(crate::storage::RestoreReport, bool), crate::storage::StorageError> {
        let (plan, entries) = store::with_store(|s| {
            let plan = s.repo_mut().plan_restore(preview, choices, rekey)?;
            let entries = s.restore_journal(&plan);
            Ok::<_, crate::storage::StorageError>((plan, entries))
        })
        .ok_or(crate::storage::StorageError::Unavailable)??;
        let journaled = crate::platform::journal::journal_restore(&entries)
            .await
            .is_ok();
        let now = BrowserClock.now();
        let result = store::with_store(|s| {
            let report = s.repo_mut().write_restore(plan, now)?;
            s.after_restore(&report, now);
            Ok(report)
        })
        .unwrap_or(Err(crate::storage::StorageError::Unavailable));
        // A restore that was not made (another tab wrote a key meanwhile,
        // the quota) must not come back at the next start: its entries are
        // forgotten before the failure is reported.
        crate::platform::journal::restore_done(&entries, result.is_ok()).await;
        let report = result?;
        self.reload_from_storage();
        Ok((report, journaled))
    }

    /// Reloads everything from storage (after a restore).
    pub fn reload_from_storage(&self) {
        // The unsaved edits journaled so far belong to what was replaced.
        crate::platform::journal::forget_all();
        let (ws, reports, rounds, summary) = store::open();
        let thpl = store::with_store(|s| s.take_loaded_thpl()).unwrap_or_default();
        self.ws.set(ws);
        self.reports.set(reports);
        self.rounds.set(rounds);
        self.thpl.set(thpl);
        self.load.set(summary);
        self.problem.set(None);
        // As after the first start: the answers left as text are read soon.
        let state = *self;
        set_timeout(
            move || state.settle_answers(),
            std::time::Duration::from_millis(SETTLE_DELAY_MS),
        );
    }
}
