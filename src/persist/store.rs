//! [`WorkspaceStore`]: loads the whole workspace from a `KvStore`, keeps one
//! autosave queue per record kind so that only changed records are written,
//! applies other tabs' changes, and never overwrites what it could not read.

use super::answers::RunAnswers;
use super::records::{StoredSettings, TemplateFamily};
use super::reports::ReportRecord;
use super::rounds::RoundRecord;
use super::thpl::ThplRecord;
use crate::domain::answers::Answers;
use crate::domain::ids::{ChecklistRunId, InspectionId, PlanId, ReportId, RoundId, TemplateId};
use crate::domain::inspection::Inspection;
use crate::domain::plan::Plan;
use crate::domain::template::{content_hash, parse_template_json, ImportLimits, TemplateLibrary};
use crate::domain::workspace::Workspace;
use crate::storage::envelope::check_decodes;
use crate::storage::journal::restore_entries;
use crate::storage::keys::{parse_key, record_key};
use crate::storage::{
    CorruptReason, DeleteOutcome, ExternalChange, FlushReport, JournalEntry, KvStore, LoadReport,
    MemoryKv, MigratedNote, ParsedKey, QuarantineNote, QuarantineReason, RecordKind, Repository,
    RestoreOptions, RestorePlan, RestorePreview, RestoreReport, SaveQueue, SaveStatus,
    SchemaVersions, StorageError, StoredRecord,
};
use chrono::{DateTime, Duration, Utc};
use std::collections::{BTreeMap, BTreeSet};

/// How long typing must pause before a changed record is written.
pub const DEBOUNCE_MS: i64 = 400;
/// Longest a change waits while typing goes on without a pause.
pub const MAX_WAIT_MS: i64 = 2_000;
/// First retry delay after a failed write (doubles, see `SaveQueue`).
pub const RETRY_MS: i64 = 2_000;

/// What loading found, for the banners and the recovery screen.
#[derive(Debug, Clone, Default)]
pub struct LoadSummary {
    /// Records that could not be used and were set aside (never overwritten).
    pub quarantined: Vec<QuarantineNote>,
    /// Records upgraded from an older schema (their old text is kept).
    pub migrated: Vec<MigratedNote>,
    /// Keys that could not be read at all (their stored values are untouched).
    pub failed: Vec<(String, StorageError)>,
    /// Record keys the index lists but storage no longer holds (removed
    /// outside the app, or by the browser): said on the recovery page.
    pub missing: Vec<String>,
    /// Built-in templates added or given a new version in this start.
    pub builtin_updates: Vec<TemplateId>,
    /// The storage error that stopped loading entirely (storage unavailable).
    pub fatal: Option<StorageError>,
}

impl LoadSummary {
    fn absorb<T>(&mut self, r: &LoadReport<T>) {
        self.quarantined.extend(r.quarantined.iter().cloned());
        self.migrated.extend(r.migrated.iter().cloned());
        self.failed.extend(r.failed.iter().cloned());
        self.missing.extend(r.missing.iter().cloned());
    }
}

/// Which record a change concerns (for marking it dirty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKey {
    /// A plan.
    Plan(PlanId),
    /// An inspection (anything in it, its answers included).
    Inspection(InspectionId),
    /// Only the answers of one checklist run of an inspection (an answer
    /// set or cleared): only that run's answers record is written.
    Answers(InspectionId, ChecklistRunId),
    /// All versions of one template.
    Template(TemplateId),
    /// The settings.
    Settings,
}

/// Result of another tab's change to a stored key.
#[derive(Debug, Clone, PartialEq)]
pub enum ExternalOutcome {
    /// Not a record of ours, or nothing new.
    Ignored,
    /// The other tab's version replaced ours (we had no unsaved edit).
    Applied,
    /// Both tabs changed the record: the user chooses (`keep_mine`/`take_theirs`).
    Conflict {
        /// The record's key.
        key: String,
    },
    /// The other tab wrote something this version cannot read; ours is kept.
    Unreadable {
        /// The record's key.
        key: String,
    },
}

/// The workspace's storage: a repository plus one save queue per kind.
pub struct WorkspaceStore<K: KvStore> {
    repo: Repository<K>,
    plans: SaveQueue<Plan>,
    inspections: SaveQueue<Inspection>,
    answers: SaveQueue<RunAnswers>,
    /// Runs whose answers record is stored: the inspection record leaves
    /// their answers out (see `answers.rs` for the rules).
    apart: BTreeSet<ChecklistRunId>,
    /// The answers of each run as last marked: a change of the inspection
    /// rewrites only the runs whose answers differ from them. Not filled at
    /// start (a copy of every answer would cost the start time and memory
    /// of the whole workspace again): the first change of an inspection
    /// after a start rewrites all its runs' records once.
    known: BTreeMap<ChecklistRunId, Answers>,
    /// Answers records set aside after the start, because their answers did
    /// not decode when first read (see [`WorkspaceStore::settle`]); taken by
    /// [`WorkspaceStore::take_late_quarantined`].
    late_quarantined: Vec<QuarantineNote>,
    /// Run → its inspection, for the runs this tab knows.
    owner: BTreeMap<ChecklistRunId, InspectionId>,
    /// Inspections whose last marked record still holds answers of runs not
    /// stored apart: written again without them once those runs' records
    /// are stored.
    embedding: BTreeMap<InspectionId, Inspection>,
    /// Runs removed from an inspection: their answers records are deleted
    /// once the inspection record without them is stored.
    removed_runs: BTreeMap<InspectionId, Vec<ChecklistRunId>>,
    templates: SaveQueue<TemplateFamily>,
    settings: SaveQueue<StoredSettings>,
    reports: SaveQueue<ReportRecord>,
    loaded_reports: BTreeMap<ReportId, ReportRecord>,
    rounds: SaveQueue<RoundRecord>,
    loaded_rounds: BTreeMap<RoundId, RoundRecord>,
    thpl: SaveQueue<ThplRecord>,
    loaded_thpl: BTreeMap<ReportId, ThplRecord>,
    settings_rev: u64,
    conflicts: Vec<String>,
}

fn queue<T: StoredRecord>() -> SaveQueue<T> {
    SaveQueue::new(
        Duration::milliseconds(DEBOUNCE_MS),
        Duration::milliseconds(RETRY_MS),
    )
    .with_max_wait(Duration::milliseconds(MAX_WAIT_MS))
}

impl<K: KvStore> WorkspaceStore<K> {
    /// Loads every record and assembles the workspace. Built-in templates
    /// join the library; a built-in whose content changed since it was stored
    /// becomes a new version, so inspections pinned to the old one keep it.
    pub fn open(kv: K, app_version: &str, now: DateTime<Utc>) -> (Self, Workspace, LoadSummary) {
        let mut store = Self {
            repo: Repository::new(kv, app_version),
            plans: queue(),
            inspections: queue(),
            answers: queue(),
            apart: BTreeSet::new(),
            known: BTreeMap::new(),
            late_quarantined: Vec::new(),
            owner: BTreeMap::new(),
            embedding: BTreeMap::new(),
            removed_runs: BTreeMap::new(),
            templates: queue(),
            settings: queue(),
            reports: queue(),
            loaded_reports: BTreeMap::new(),
            rounds: queue(),
            loaded_rounds: BTreeMap::new(),
            thpl: queue(),
            loaded_thpl: BTreeMap::new(),
            settings_rev: 0,
            conflicts: Vec::new(),
        };
        let mut summary = LoadSummary::default();
        let plans = store.load_kind::<Plan>(now, &mut summary);
        let inspections = store.load_kind::<Inspection>(now, &mut summary);
        let run_answers = store.load_kind::<RunAnswers>(now, &mut summary);
        let (inspections, to_split) = store.join_answers(inspections, run_answers);
        let families = store.load_kind::<TemplateFamily>(now, &mut summary);
        let settings = store.load_kind::<StoredSettings>(now, &mut summary);
        store.loaded_reports = store
            .load_kind::<ReportRecord>(now, &mut summary)
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
        store.loaded_rounds = store
            .load_kind::<RoundRecord>(now, &mut summary)
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
        store.loaded_thpl = store
            .load_kind::<ThplRecord>(now, &mut summary)
            .into_iter()
            .map(|r| (r.id, r))
            .collect();
        let mut library = TemplateLibrary::new();
        for f in families {
            library.put_stored_versions(f.id, f.versions);
        }
        let settings = settings.into_iter().next().unwrap_or_default();
        store.settings_rev = settings.rev;
        let mut ws = Workspace::from_parts(plans, inspections, library, settings.settings);
        if summary.fatal.is_none() {
            summary.builtin_updates = store.merge_builtins(&mut ws, now);
            // Answers still inside their inspection record (migrated from
            // version 1 or 2, or a run never stored apart) move to their own
            // records at the first save; the inspection record leaves them
            // out only once those are stored.
            for (id, run) in to_split {
                if let Some(i) = ws.inspection(id) {
                    store.mark_run(i, run, now);
                }
            }
        }
        (store, ws, summary)
    }

    /// Puts each run's stored answers into its inspection. A run's answers
    /// record wins over answers still inside the inspection record; a run
    /// with answers only inside is returned, to be stored apart.
    fn join_answers(
        &mut self,
        mut inspections: Vec<Inspection>,
        records: Vec<RunAnswers>,
    ) -> (Vec<Inspection>, Vec<(InspectionId, ChecklistRunId)>) {
        let mut by_run: BTreeMap<(InspectionId, ChecklistRunId), RunAnswers> = records
            .into_iter()
            .map(|r| ((r.inspection, r.run), r))
            .collect();
        let mut to_split = Vec::new();
        for insp in &mut inspections {
            let id = insp.id();
            let runs: Vec<(ChecklistRunId, bool)> = insp
                .checklists()
                .iter()
                .map(|r| (r.id, !r.answers.is_empty()))
                .collect();
            let mut embeds = false;
            for (run, inside) in runs {
                self.owner.insert(run, id);
                if let Some(rec) = by_run.remove(&(id, run)) {
                    insp.put_run_answers(run, rec.answers, rec.updated_at);
                    self.apart.insert(run);
                    embeds |= inside;
                } else if inside {
                    to_split.push((id, run));
                    embeds = true;
                }
            }
            if embeds {
                self.embedding.insert(id, insp.clone());
            }
        }
        // Records left in `by_run` belong to no loaded inspection (it is
        // quarantined, or was deleted while a write of its answers was
        // under way): they stay stored as they are.
        (inspections, to_split)
    }

    /// The periodic reports loaded by `open` (kept outside the workspace);
    /// hands them over once, later calls return an empty map.
    pub fn take_loaded_reports(&mut self) -> BTreeMap<ReportId, ReportRecord> {
        std::mem::take(&mut self.loaded_reports)
    }

    /// The reporting rounds loaded by `open` (kept outside the workspace);
    /// hands them over once, later calls return an empty map.
    pub fn take_loaded_rounds(&mut self) -> BTreeMap<RoundId, RoundRecord> {
        std::mem::take(&mut self.loaded_rounds)
    }

    /// The yearly THPL reports loaded by `open` (kept outside the
    /// workspace); hands them over once, later calls return an empty map.
    pub fn take_loaded_thpl(&mut self) -> BTreeMap<ReportId, ThplRecord> {
        std::mem::take(&mut self.loaded_thpl)
    }

    fn load_kind<T: StoredRecord>(&mut self, now: DateTime<Utc>, s: &mut LoadSummary) -> Vec<T> {
        match self.repo.load_all::<T>(now) {
            Ok(report) => {
                s.absorb(&report);
                report.records
            }
            Err(e) => {
                s.fatal.get_or_insert(e);
                Vec::new()
            }
        }
    }

    fn merge_builtins(&mut self, ws: &mut Workspace, now: DateTime<Utc>) -> Vec<TemplateId> {
        let mut changed = Vec::new();
        for (_, json) in crate::domain::builtin::BUILTIN_TEMPLATES {
            // Built-ins are tested natively (tests/builtin_templates.rs); a
            // parse failure here would be a build defect, so it is skipped
            // rather than allowed to stop the app.
            let Ok(t) = parse_template_json(json, &ImportLimits::default()) else {
                continue;
            };
            let id = t.id.clone();
            let hash = content_hash(&t);
            let lib = ws.templates_mut();
            let known = lib.versions(&id).iter().any(|v| content_hash(v) == hash);
            if known {
                continue;
            }
            let ok = if lib.versions(&id).is_empty() {
                lib.insert(t).is_ok()
            } else {
                lib.save_new_version(t).is_ok()
            };
            if ok {
                self.mark_template(ws, &id, now);
                changed.push(id);
            }
        }
        changed
    }

    /// Marks a changed record for the next save.
    pub fn mark(&mut self, ws: &Workspace, what: &ChangeKey, now: DateTime<Utc>) {
        if let ChangeKey::Inspection(id) | ChangeKey::Answers(id, _) = what {
            if let Some(i) = ws.inspection(*id) {
                self.settle_inspection(i);
            }
        }
        match what {
            ChangeKey::Plan(id) => {
                if let Some(p) = ws.plan(*id) {
                    self.plans.mark_dirty(p, now);
                }
            }
            ChangeKey::Inspection(id) => {
                if let Some(i) = ws.inspection(*id) {
                    self.mark_inspection(i, now);
                }
            }
            ChangeKey::Answers(id, run) => {
                if let Some(i) = ws.inspection(*id) {
                    self.mark_run(i, *run, now);
                }
            }
            ChangeKey::Template(id) => self.mark_template(ws, id, now),
            ChangeKey::Settings => {
                let s = StoredSettings {
                    settings: ws.settings().clone(),
                    rev: self.settings_rev,
                };
                self.settings.mark_dirty(&s, now);
            }
        }
    }

    /// Answers records are read at a start with their answers left as text,
    /// decoded on first read (`domain::answers`, issue #14). A record whose
    /// answers then do not decode is set aside here as a start sets aside a
    /// record that does not read: its stored text copied under the
    /// quarantine key, the run's answers empty, the user told (through
    /// [`Self::take_late_quarantined`]). This runs for the runs of an
    /// inspection before any change of it is marked (so no save replaces
    /// the text first), before it is deleted (so the text is kept aside,
    /// not deleted), and for every inspection soon after the start (the
    /// app, a slice of inspections per task: `AppState::settle_answers`).
    /// A record another tab changed since it was read is left alone: its
    /// storage event brings the new one.
    pub fn settle_inspection(&mut self, i: &Inspection) {
        for r in i.checklists() {
            self.settle_run(i, r.id);
        }
    }

    fn settle_run(&mut self, i: &Inspection, run: ChecklistRunId) {
        if !self.apart.contains(&run) {
            return;
        }
        let Some(why) = i
            .checklist(run)
            .and_then(|r| r.answers.failure().map(str::to_string))
        else {
            return;
        };
        let key = answers_key(i.id(), run);
        let Ok(Some(stored)) = self.repo.get(&key) else {
            return;
        };
        if !self.repo.is_base_text(&key, &stored) {
            return;
        }
        let copied = self.repo.quarantine(&key, &stored);
        self.apart.remove(&run);
        self.known.remove(&run);
        self.late_quarantined.push(QuarantineNote {
            key,
            reason: QuarantineReason::Corrupt(CorruptReason::Data { message: why }),
            new: true,
            copied,
        });
    }

    /// The answers records set aside since the last call (see
    /// [`Self::settle_inspection`]).
    pub fn take_late_quarantined(&mut self) -> Vec<QuarantineNote> {
        std::mem::take(&mut self.late_quarantined)
    }

    /// Marks an inspection record and the answers records of the runs whose
    /// answers changed since they were last marked; schedules the answers
    /// records of removed runs for deletion.
    fn mark_inspection(&mut self, i: &Inspection, now: DateTime<Utc>) {
        let id = i.id();
        let current: BTreeSet<ChecklistRunId> = i.checklists().iter().map(|r| r.id).collect();
        let gone: Vec<ChecklistRunId> = self
            .owner
            .iter()
            .filter(|(r, o)| **o == id && !current.contains(r))
            .map(|(r, _)| *r)
            .collect();
        for run in gone {
            self.owner.remove(&run);
            self.known.remove(&run);
            self.answers.discard(&answers_key(id, run));
            self.apart.remove(&run);
            self.removed_runs.entry(id).or_default().push(run);
        }
        for run in i.checklists() {
            if self.known.get(&run.id) != Some(&run.answers) {
                self.mark_run(i, run.id, now);
            }
        }
        self.mark_head(i, now);
    }

    /// Marks the inspection record: the answers of runs stored apart left out.
    fn mark_head(&mut self, i: &Inspection, now: DateTime<Utc>) {
        let apart = &self.apart;
        let head = i.without_answers(|r| apart.contains(&r));
        if head.checklists().iter().any(|r| !r.answers.is_empty()) {
            self.embedding.insert(i.id(), head.clone());
        } else {
            self.embedding.remove(&i.id());
        }
        self.inspections.mark_dirty(&head, now);
    }

    /// Marks the answers record of one run.
    fn mark_run(&mut self, i: &Inspection, run: ChecklistRunId, now: DateTime<Utc>) {
        let Some(r) = i.checklist(run) else {
            return;
        };
        self.owner.insert(run, i.id());
        self.known.insert(run, r.answers.clone());
        let rec = RunAnswers {
            run,
            inspection: i.id(),
            updated_at: i.updated_at(),
            answers: r.answers.clone(),
            rev: 0,
        };
        self.answers.mark_dirty_owned(rec, now);
    }

    /// After answers records were stored: their runs are apart from now on,
    /// and an inspection record still holding their answers is marked to be
    /// written without them.
    fn answers_saved(&mut self, saved: &[(String, u64)], now: DateTime<Utc>) {
        for (key, _) in saved {
            let Some((_, run)) = ids_of_answers_key(key) else {
                continue;
            };
            if !self.apart.insert(run) {
                continue;
            }
            let Some(owner) = self.owner.get(&run).copied() else {
                continue;
            };
            if let Some(head) = self.embedding.get(&owner) {
                let apart = &self.apart;
                let head = head.without_answers(|r| apart.contains(&r));
                self.inspections.mark_dirty(&head, now);
                if head.checklists().iter().any(|r| !r.answers.is_empty()) {
                    self.embedding.insert(owner, head);
                } else {
                    self.embedding.remove(&owner);
                }
            }
        }
    }

    /// After inspection records were stored: the answers records of runs
    /// removed from them are deleted (a failure leaves the record stored,
    /// unused, never an inspection without its answers).
    fn inspections_saved(&mut self, saved: &[(String, u64)], now: DateTime<Utc>) {
        for (key, _) in saved {
            let ParsedKey::Record { id, .. } = parse_key(key) else {
                continue;
            };
            let Ok(u) = id.parse() else { continue };
            let iid = InspectionId(u);
            for run in self.removed_runs.remove(&iid).unwrap_or_default() {
                let _ = self.delete::<RunAnswers>(&answers_id(iid, run), now);
            }
        }
    }

    /// Marks a changed periodic report for the next save.
    pub fn mark_report(&mut self, report: &ReportRecord, now: DateTime<Utc>) {
        self.reports.mark_dirty(report, now);
    }

    /// Marks a changed reporting round for the next save.
    pub fn mark_round(&mut self, round: &RoundRecord, now: DateTime<Utc>) {
        self.rounds.mark_dirty(round, now);
    }

    /// Marks a changed yearly THPL report for the next save.
    pub fn mark_thpl(&mut self, report: &ThplRecord, now: DateTime<Utc>) {
        self.thpl.mark_dirty(report, now);
    }

    fn mark_template(&mut self, ws: &Workspace, id: &TemplateId, now: DateTime<Utc>) {
        let versions = ws.templates().versions(id).to_vec();
        if versions.is_empty() {
            return;
        }
        let fam = TemplateFamily {
            id: id.clone(),
            versions,
            rev: 0,
        };
        self.templates.mark_dirty(&fam, now);
    }

    /// The journal entries of the records marked at `now` (the write-ahead
    /// copy of unsaved edits, [`crate::storage::journal`]). A record that
    /// cannot be serialised gets none: its save will report the error.
    pub fn journal_entries(&self, now: DateTime<Utc>) -> Vec<crate::storage::JournalEntry> {
        fn of<T: StoredRecord, K: KvStore>(
            q: &SaveQueue<T>,
            repo: &Repository<K>,
            now: DateTime<Utc>,
            out: &mut Vec<crate::storage::JournalEntry>,
        ) {
            out.extend(
                q.changed_at(now)
                    .filter_map(|r| repo.journal_entry(r, now).ok()),
            );
        }
        let mut out = Vec::new();
        of(&self.plans, &self.repo, now, &mut out);
        of(&self.answers, &self.repo, now, &mut out);
        of(&self.inspections, &self.repo, now, &mut out);
        of(&self.templates, &self.repo, now, &mut out);
        of(&self.settings, &self.repo, now, &mut out);
        of(&self.reports, &self.repo, now, &mut out);
        of(&self.rounds, &self.repo, now, &mut out);
        of(&self.thpl, &self.repo, now, &mut out);
        out
    }

    /// When the next debounced save is due, for the UI's timer.
    pub fn next_due(&self) -> Option<DateTime<Utc>> {
        [
            self.plans.next_due(),
            self.answers.next_due(),
            self.inspections.next_due(),
            self.templates.next_due(),
            self.settings.next_due(),
            self.reports.next_due(),
            self.rounds.next_due(),
            self.thpl.next_due(),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Writes the records whose debounce has passed.
    pub fn flush(&mut self, now: DateTime<Utc>) -> Vec<FlushReport> {
        self.flush_inner(now, false)
    }

    /// Writes every changed record now (the page is being hidden or closed).
    pub fn flush_now(&mut self, now: DateTime<Utc>) -> Vec<FlushReport> {
        self.flush_inner(now, true)
    }

    fn flush_inner(&mut self, now: DateTime<Utc>, all: bool) -> Vec<FlushReport> {
        // Answers records first: an inspection record leaves a run's answers
        // out only once that run's record is stored.
        let answers = if all {
            self.answers.flush_now(&mut self.repo, now)
        } else {
            self.answers.flush(&mut self.repo, now)
        };
        self.answers_saved(&answers.saved, now);
        let repo = &mut self.repo;
        let reports = if all {
            vec![
                self.plans.flush_now(repo, now),
                answers,
                self.inspections.flush_now(repo, now),
                self.templates.flush_now(repo, now),
                self.settings.flush_now(repo, now),
                self.reports.flush_now(repo, now),
                self.rounds.flush_now(repo, now),
                self.thpl.flush_now(repo, now),
            ]
        } else {
            vec![
                self.plans.flush(repo, now),
                answers,
                self.inspections.flush(repo, now),
                self.templates.flush(repo, now),
                self.settings.flush(repo, now),
                self.reports.flush(repo, now),
                self.rounds.flush(repo, now),
                self.thpl.flush(repo, now),
            ]
        };
        let saved_heads = reports[2].saved.clone();
        self.inspections_saved(&saved_heads, now);
        for r in &reports {
            for (key, rev) in &r.saved {
                if key == &record_key(RecordKind::Settings, "") {
                    self.settings_rev = *rev;
                }
            }
            for key in &r.conflicts {
                if !self.conflicts.contains(key) {
                    self.conflicts.push(key.clone());
                }
            }
        }
        reports
    }

    /// The combined save status of every queue (worst first).
    pub fn status(&self) -> SaveStatus {
        self.plans
            .status()
            .combine(self.inspections.status())
            .combine(self.answers.status())
            .combine(self.templates.status())
            .combine(self.settings.status())
            .combine(self.reports.status())
            .combine(self.rounds.status())
            .combine(self.thpl.status())
    }

    /// Whether anything is waiting to be written.
    pub fn has_pending(&self) -> bool {
        !(self.plans.is_empty()
            && self.inspections.is_empty()
            && self.answers.is_empty()
            && self.templates.is_empty()
            && self.settings.is_empty()
            && self.reports.is_empty()
            && self.rounds.is_empty()
            && self.thpl.is_empty())
    }

    /// Keys both this tab and another changed; the user must choose.
    pub fn conflicts(&self) -> &[String] {
        &self.conflicts
    }

    /// Deletes a stored plan (the caller keeps it in memory for undo).
    pub fn delete_plan(&mut self, id: PlanId, now: DateTime<Utc>) -> Result<(), StorageError> {
        self.plans
            .discard(&record_key(RecordKind::Plan, &id.to_string()));
        self.delete::<Plan>(&id.to_string(), now)
    }

    /// Deletes a stored inspection and then its runs' answers records (the
    /// caller keeps it in memory for undo).
    pub fn delete_inspection(
        &mut self,
        id: InspectionId,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        self.inspections
            .discard(&record_key(RecordKind::Inspection, &id.to_string()));
        self.delete::<Inspection>(&id.to_string(), now)?;
        self.embedding.remove(&id);
        let mut runs: Vec<ChecklistRunId> = self
            .owner
            .iter()
            .filter(|(_, o)| **o == id)
            .map(|(r, _)| *r)
            .collect();
        runs.extend(self.removed_runs.remove(&id).unwrap_or_default());
        let mut first_error = None;
        for run in runs {
            self.owner.remove(&run);
            self.known.remove(&run);
            self.apart.remove(&run);
            self.answers.discard(&answers_key(id, run));
            if let Err(e) = self.delete::<RunAnswers>(&answers_id(id, run), now) {
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    }

    /// Deletes a stored periodic report.
    pub fn delete_report(&mut self, id: ReportId, now: DateTime<Utc>) -> Result<(), StorageError> {
        self.reports
            .discard(&record_key(RecordKind::Report, &id.to_string()));
        self.delete::<ReportRecord>(&id.to_string(), now)
    }

    /// Deletes a stored reporting round.
    pub fn delete_round(&mut self, id: RoundId, now: DateTime<Utc>) -> Result<(), StorageError> {
        self.rounds
            .discard(&record_key(RecordKind::Round, &id.to_string()));
        self.delete::<RoundRecord>(&id.to_string(), now)
    }

    /// Deletes a stored yearly THPL report.
    pub fn delete_thpl(&mut self, id: ReportId, now: DateTime<Utc>) -> Result<(), StorageError> {
        self.thpl
            .discard(&record_key(RecordKind::Thpl, &id.to_string()));
        self.delete::<ThplRecord>(&id.to_string(), now)
    }

    fn delete<T: StoredRecord>(
        &mut self,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        match self.repo.delete::<T>(id, now)? {
            DeleteOutcome::Deleted | DeleteOutcome::Absent => Ok(()),
            // Another tab changed it since we read it: delete what we saw is
            // not what is stored; keep it and let the user look again.
            DeleteOutcome::Conflict { ours, theirs } => Err(StorageError::Conflict {
                key: record_key(T::KIND, id),
                ours,
                theirs,
            }),
        }
    }

    /// Applies another tab's change of `key` to `ws`. Periodic reports live
    /// outside the workspace: their keys go to
    /// [`WorkspaceStore::on_external_report_change`] (here they are ignored).
    pub fn on_external_change(
        &mut self,
        key: &str,
        new_value: Option<&str>,
        ws: &mut Workspace,
        now: DateTime<Utc>,
    ) -> ExternalOutcome {
        let ParsedKey::Record { kind, id } = parse_key(key) else {
            return ExternalOutcome::Ignored;
        };
        let (repo, conflicts) = (&mut self.repo, &mut self.conflicts);
        let ext = External {
            key,
            id: &id,
            new_value,
            now,
        };
        match kind {
            RecordKind::Plan => ext.apply(repo, &mut self.plans, conflicts, ws),
            RecordKind::Inspection => ext.apply(repo, &mut self.inspections, conflicts, ws),
            RecordKind::Answers => {
                let out = ext.apply(repo, &mut self.answers, conflicts, ws);
                if out == ExternalOutcome::Applied {
                    if let Some((iid, run)) = ids_of_answers_key(key) {
                        if let Some(r) = ws.inspection(iid).and_then(|i| i.checklist(run)) {
                            self.apart.insert(run);
                            self.owner.insert(run, iid);
                            self.known.insert(run, r.answers.clone());
                        }
                    }
                }
                out
            }
            RecordKind::Template => ext.apply(repo, &mut self.templates, conflicts, ws),
            RecordKind::Settings => {
                let out = ext.apply(repo, &mut self.settings, conflicts, ws);
                if out == ExternalOutcome::Applied {
                    self.settings_rev = self.repo.base_rev(key).unwrap_or(self.settings_rev);
                }
                out
            }
            RecordKind::Report | RecordKind::Round | RecordKind::Thpl => ExternalOutcome::Ignored,
        }
    }

    /// Applies another tab's change of a periodic report's `key` to `reports`.
    pub fn on_external_report_change(
        &mut self,
        key: &str,
        new_value: Option<&str>,
        reports: &mut BTreeMap<ReportId, ReportRecord>,
        now: DateTime<Utc>,
    ) -> ExternalOutcome {
        apply_external(
            key,
            new_value,
            now,
            &mut self.repo,
            &mut self.reports,
            &mut self.conflicts,
            reports,
        )
    }

    /// Applies another tab's change of a reporting round's `key` to `rounds`.
    pub fn on_external_round_change(
        &mut self,
        key: &str,
        new_value: Option<&str>,
        rounds: &mut BTreeMap<RoundId, RoundRecord>,
        now: DateTime<Utc>,
    ) -> ExternalOutcome {
        apply_external(
            key,
            new_value,
            now,
            &mut self.repo,
            &mut self.rounds,
            &mut self.conflicts,
            rounds,
        )
    }

    /// Applies another tab's change of a yearly THPL report's `key`.
    pub fn on_external_thpl_change(
        &mut self,
        key: &str,
        new_value: Option<&str>,
        reports: &mut BTreeMap<ReportId, ThplRecord>,
        now: DateTime<Utc>,
    ) -> ExternalOutcome {
        apply_external(
            key,
            new_value,
            now,
            &mut self.repo,
            &mut self.thpl,
            &mut self.conflicts,
            reports,
        )
    }

    /// Resolves a conflict by writing this tab's version over the other's.
    pub fn keep_mine(&mut self, key: &str, now: DateTime<Utc>) -> Result<(), StorageError> {
        let result = match parse_key(key) {
            ParsedKey::Record {
                kind: RecordKind::Plan,
                ..
            } => self.plans.keep_mine(key, &mut self.repo, now),
            ParsedKey::Record {
                kind: RecordKind::Inspection,
                ..
            } => self.inspections.keep_mine(key, &mut self.repo, now),
            ParsedKey::Record {
                kind: RecordKind::Answers,
                ..
            } => self.answers.keep_mine(key, &mut self.repo, now),
            ParsedKey::Record {
                kind: RecordKind::Template,
                ..
            } => self.templates.keep_mine(key, &mut self.repo, now),
            ParsedKey::Record {
                kind: RecordKind::Settings,
                ..
            } => self.settings.keep_mine(key, &mut self.repo, now),
            ParsedKey::Record {
                kind: RecordKind::Report,
                ..
            } => self.reports.keep_mine(key, &mut self.repo, now),
            ParsedKey::Record {
                kind: RecordKind::Round,
                ..
            } => self.rounds.keep_mine(key, &mut self.repo, now),
            ParsedKey::Record {
                kind: RecordKind::Thpl,
                ..
            } => self.thpl.keep_mine(key, &mut self.repo, now),
            _ => None,
        };
        if let Some(Err(e)) = result {
            return Err(e);
        }
        self.conflicts.retain(|k| k != key);
        Ok(())
    }

    /// Resolves a conflict by taking the stored (other tab's) version.
    pub fn take_theirs(
        &mut self,
        key: &str,
        ws: &mut Workspace,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let stored = self.forget_local(key)?;
        // With nothing pending and no base, the stored value applies cleanly.
        let _ = self.on_external_change(key, stored.as_deref(), ws, now);
        self.conflicts.retain(|k| k != key);
        Ok(())
    }

    /// Resolves a conflict on a periodic report by taking the stored version.
    pub fn take_theirs_report(
        &mut self,
        key: &str,
        reports: &mut BTreeMap<ReportId, ReportRecord>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let stored = self.forget_local(key)?;
        let _ = self.on_external_report_change(key, stored.as_deref(), reports, now);
        self.conflicts.retain(|k| k != key);
        Ok(())
    }

    /// Resolves a conflict on a reporting round by taking the stored version.
    pub fn take_theirs_round(
        &mut self,
        key: &str,
        rounds: &mut BTreeMap<RoundId, RoundRecord>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let stored = self.forget_local(key)?;
        let _ = self.on_external_round_change(key, stored.as_deref(), rounds, now);
        self.conflicts.retain(|k| k != key);
        Ok(())
    }

    /// Resolves a conflict on a yearly THPL report by taking the stored version.
    pub fn take_theirs_thpl(
        &mut self,
        key: &str,
        reports: &mut BTreeMap<ReportId, ThplRecord>,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        let stored = self.forget_local(key)?;
        let _ = self.on_external_thpl_change(key, stored.as_deref(), reports, now);
        self.conflicts.retain(|k| k != key);
        Ok(())
    }

    /// Drops this tab's pending copy and base of `key`; returns the stored text.
    fn forget_local(&mut self, key: &str) -> Result<Option<String>, StorageError> {
        let stored = self
            .repo
            .kv()
            .get(key)
            .map_err(|e| StorageError::from_kv(key, e))?;
        self.plans.discard(key);
        self.inspections.discard(key);
        self.answers.discard(key);
        self.templates.discard(key);
        self.settings.discard(key);
        self.reports.discard(key);
        self.rounds.discard(key);
        self.thpl.discard(key);
        self.repo.clear_base(key);
        Ok(stored)
    }

    /// A backup file of everything this tab holds: every stored value, with
    /// the changes the browser has not stored yet (storage full, a failed
    /// write, a conflict) put over them. It is an ordinary backup file of
    /// every record kind, periodic reports included, so the app's own
    /// restore accepts it. Nothing is written to the real store.
    pub fn export_with_unsaved(&self, now: DateTime<Utc>) -> Result<String, StorageError> {
        let mut repo = self.copy_of_store()?;
        put_unsaved(&mut repo, &self.plans, now)?;
        put_unsaved(&mut repo, &self.answers, now)?;
        put_unsaved(&mut repo, &self.inspections, now)?;
        put_unsaved(&mut repo, &self.templates, now)?;
        put_unsaved(&mut repo, &self.settings, now)?;
        put_unsaved(&mut repo, &self.reports, now)?;
        put_unsaved(&mut repo, &self.rounds, now)?;
        put_unsaved(&mut repo, &self.thpl, now)?;
        join_for_file(&mut repo, now)?;
        repo.export_all(now)
    }

    /// A backup file of every stored record. Each inspection is written
    /// whole, its answers inside it (as version 2 kept them), and no answers
    /// record: a file restores, or is kept as a copy, one record per
    /// inspection. Nothing is written to the real store.
    pub fn backup_file(&self, now: DateTime<Utc>) -> Result<String, StorageError> {
        let mut repo = self.copy_of_store()?;
        join_for_file(&mut repo, now)?;
        repo.export_all(now)
    }

    /// Every stored key and value, in memory.
    fn copy_of_store(&self) -> Result<Repository<MemoryKv>, StorageError> {
        let kv = self.repo.kv();
        let mut copy = MemoryKv::new();
        for key in kv.keys().map_err(|e| StorageError::from_kv("", e))? {
            if let Some(value) = kv.get(&key).map_err(|e| StorageError::from_kv(&key, e))? {
                copy.insert_raw(&key, &value);
            }
        }
        Ok(Repository::new(copy, self.repo.app_version.clone()))
    }

    /// After a restore: an inspection taken from the file holds its answers
    /// inside it, and the user chose the file's version, so the stored
    /// answers records of its runs (which would otherwise win over them) are
    /// deleted, except those the restore itself wrote. Call before reloading.
    pub fn after_restore(&mut self, report: &RestoreReport, now: DateTime<Utc>) {
        let written: Vec<(String, String)> = report
            .written
            .iter()
            .chain(report.kept_both.iter().map(|(_, new)| new))
            .filter_map(|k| Some((k.clone(), self.repo.kv().get(k).ok()??)))
            .collect();
        for (iid, run, _, _) in self.answers_replaced(&written) {
            let _ = self
                .repo
                .delete_forced::<RunAnswers>(&answers_id(iid, run), now);
        }
    }

    /// The stored answers records `after_restore` deletes when the restore
    /// writes `written` (key and envelope), each with the value it holds
    /// now: those of the runs whose answers a written inspection holds
    /// inside, unless the restore writes them too. The restore journals
    /// these removals with its writes (issue #19).
    pub fn answers_replaced_by(&self, written: &[(String, String)]) -> Vec<(String, String)> {
        self.answers_replaced(written)
            .into_iter()
            .map(|(_, _, key, held)| (key, held))
            .collect()
    }

    fn answers_replaced(
        &self,
        written: &[(String, String)],
    ) -> Vec<(InspectionId, ChecklistRunId, String, String)> {
        let keys: BTreeSet<&String> = written.iter().map(|(k, _)| k).collect();
        let mut out = Vec::new();
        for (key, raw) in written {
            let ParsedKey::Record {
                kind: RecordKind::Inspection,
                id,
            } = parse_key(key)
            else {
                continue;
            };
            let Ok(u) = id.parse() else { continue };
            let iid = InspectionId(u);
            for run in runs_with_answers_inside(raw) {
                let akey = answers_key(iid, run);
                if keys.contains(&akey) {
                    continue;
                }
                if let Ok(Some(held)) = self.repo.kv().get(&akey) {
                    out.push((iid, run, akey, held));
                }
            }
        }
        out
    }

    /// The journal entries of a planned restore (issue #19): its writes and
    /// the answers records `after_restore` will delete.
    pub fn restore_journal(&self, plan: &RestorePlan) -> Vec<JournalEntry> {
        let written: Vec<(String, String)> = plan
            .writes
            .iter()
            .map(|w| (w.key.clone(), w.text.clone()))
            .collect();
        restore_entries(&plan.writes, &self.answers_replaced_by(&written))
    }

    /// The restore limits with every kind's supported version.
    pub fn restore_options() -> RestoreOptions {
        RestoreOptions {
            versions: SchemaVersions::default()
                .with::<Plan>()
                .with::<Inspection>()
                .with::<RunAnswers>()
                .with::<TemplateFamily>()
                .with::<StoredSettings>()
                .with::<ReportRecord>()
                .with::<RoundRecord>()
                .with::<ThplRecord>(),
            ..RestoreOptions::default()
        }
    }

    /// Checks a backup file against what is stored: each record must load
    /// with the decoder a start uses, or the whole file is refused before
    /// anything is counted or written.
    pub fn preview_restore(&self, json: &str) -> Result<RestorePreview, StorageError> {
        self.repo
            .preview_restore_checked(json, &Self::restore_options(), &decodes_as_stored)
    }

    /// The repository, for the storage health, backup and recovery screens.
    pub fn repo(&self) -> &Repository<K> {
        &self.repo
    }

    /// The repository, mutable (restore, quarantine resolution).
    pub fn repo_mut(&mut self) -> &mut Repository<K> {
        &mut self.repo
    }
}

/// Writes this tab's unsaved copies of one kind into `repo` (a copy of the
/// store). A key holding an unreadable value is set aside by the first
/// attempt (the value goes to the file's quarantined part), so the second
/// writes the copy.
fn put_unsaved<T: StoredRecord>(
    repo: &mut Repository<MemoryKv>,
    queue: &SaveQueue<T>,
    now: DateTime<Utc>,
) -> Result<(), StorageError> {
    for record in queue.pending_records() {
        let mut r = record.clone();
        if repo.save_forced(&mut r, now).is_err() {
            repo.save_forced(&mut r, now)?;
        }
    }
    Ok(())
}

/// The id of the answers record of `run` of inspection `insp`
/// (`<inspection id>:<run id>`, so runs of different inspections never share
/// a key, even when a restored copy of an inspection keeps its runs' ids).
pub(crate) fn answers_id(insp: InspectionId, run: ChecklistRunId) -> String {
    format!("{insp}:{run}")
}

fn answers_key(insp: InspectionId, run: ChecklistRunId) -> String {
    record_key(RecordKind::Answers, &answers_id(insp, run))
}

/// The inspection and run of an answers record key.
fn ids_of_answers_key(key: &str) -> Option<(InspectionId, ChecklistRunId)> {
    let ParsedKey::Record {
        kind: RecordKind::Answers,
        id,
    } = parse_key(key)
    else {
        return None;
    };
    let (i, r) = id.split_once(':')?;
    Some((
        InspectionId(i.parse().ok()?),
        ChecklistRunId(r.parse().ok()?),
    ))
}

/// The runs whose answers an inspection record's stored text holds inside
/// it (a version-1 or 2 record, or one written whole into a backup file).
fn runs_with_answers_inside(raw: &str) -> Vec<ChecklistRunId> {
    let Ok(json) = crate::storage::decode_stored(raw) else {
        return Vec::new();
    };
    let Ok(env) = serde_json::from_str::<serde_json::Value>(&json) else {
        return Vec::new();
    };
    env["data"]["checklists"]
        .as_array()
        .map(|runs| {
            runs.iter()
                .filter(|r| r.get("answers").is_some())
                .filter_map(|r| r["id"].as_str()?.parse().ok().map(ChecklistRunId))
                .collect()
        })
        .unwrap_or_default()
}

/// Rewrites a copy of the store for a file: each inspection whole, with its
/// runs' answers inside, and the answers records removed. An inspection
/// that does not load is left as it is (the file keeps what the store
/// holds), and so are the answers records that belong to none.
fn join_for_file(repo: &mut Repository<MemoryKv>, now: DateTime<Utc>) -> Result<(), StorageError> {
    let inspections = repo.load_all::<Inspection>(now)?.records;
    let answers = repo.load_all::<RunAnswers>(now)?.records;
    let mut by_run: BTreeMap<(InspectionId, ChecklistRunId), RunAnswers> = answers
        .into_iter()
        .map(|r| ((r.inspection, r.run), r))
        .collect();
    for mut insp in inspections {
        let id = insp.id();
        let runs: Vec<ChecklistRunId> = insp.checklists().iter().map(|r| r.id).collect();
        let mut used = Vec::new();
        for run in runs {
            if let Some(rec) = by_run.remove(&(id, run)) {
                insp.put_run_answers(run, rec.answers, rec.updated_at);
                used.push(run);
            }
        }
        if used.is_empty() {
            continue;
        }
        repo.save_forced(&mut insp, now)?;
        for run in used {
            repo.delete_forced::<RunAnswers>(&answers_id(id, run), now)?;
        }
    }
    Ok(())
}

/// Whether `raw` loads as the record kind `kind` stored under id `id`, with
/// the decoder a start uses. Every kind is listed, so a new kind cannot be
/// restored unchecked.
pub fn decodes_as_stored(kind: RecordKind, raw: &str, id: &str) -> Result<(), CorruptReason> {
    match kind {
        RecordKind::Plan => check_decodes::<Plan>(raw, id),
        RecordKind::Inspection => check_decodes::<Inspection>(raw, id),
        RecordKind::Answers => check_decodes::<RunAnswers>(raw, id),
        RecordKind::Template => check_decodes::<TemplateFamily>(raw, id),
        RecordKind::Report => check_decodes::<ReportRecord>(raw, id),
        RecordKind::Settings => check_decodes::<StoredSettings>(raw, id),
        RecordKind::Round => check_decodes::<RoundRecord>(raw, id),
        RecordKind::Thpl => check_decodes::<ThplRecord>(raw, id),
    }
}

/// Where records of one kind live in this tab's memory, so that another
/// tab's change can be put in, taken out, or (after two saves raced) this
/// tab's version found again.
pub(crate) trait Homed: StoredRecord {
    /// The in-memory collection holding records of this kind.
    type Home;
    /// This tab's copy of the record stored under `id`.
    fn current(home: &Self::Home, id: &str) -> Option<Self>;
    /// Takes another tab's version in.
    fn put(self, home: &mut Self::Home);
    /// The record was deleted in another tab.
    fn remove(home: &mut Self::Home, id: &str);
}

impl Homed for Plan {
    type Home = Workspace;
    fn current(ws: &Workspace, id: &str) -> Option<Self> {
        let id = PlanId(id.parse().ok()?);
        ws.plan(id).cloned()
    }
    fn put(self, ws: &mut Workspace) {
        ws.put_plan(self);
    }
    fn remove(ws: &mut Workspace, id: &str) {
        if let Ok(u) = id.parse() {
            ws.take_plan(PlanId(u));
        }
    }
}

impl Homed for Inspection {
    type Home = Workspace;
    fn current(ws: &Workspace, id: &str) -> Option<Self> {
        let id = InspectionId(id.parse().ok()?);
        ws.inspection(id).cloned()
    }
    // Another tab's inspection record leaves out the answers of runs stored
    // apart: this tab's answers of those runs are kept.
    fn put(mut self, ws: &mut Workspace) {
        if let Some(cur) = ws.inspection(self.id()) {
            let at = self.updated_at();
            for run in cur.checklists() {
                let outside = self.checklist(run.id).is_some_and(|r| r.answers.is_empty());
                if outside {
                    self.put_run_answers(run.id, run.answers.clone(), at);
                }
            }
        }
        ws.put_inspection(self);
    }
    fn remove(ws: &mut Workspace, id: &str) {
        if let Ok(u) = id.parse() {
            ws.take_inspection(InspectionId(u));
        }
    }
}

impl Homed for RunAnswers {
    type Home = Workspace;
    fn current(ws: &Workspace, id: &str) -> Option<Self> {
        let (i, r) = id.split_once(':')?;
        let (iid, run) = (
            InspectionId(i.parse().ok()?),
            ChecklistRunId(r.parse().ok()?),
        );
        let insp = ws.inspection(iid)?;
        Some(RunAnswers {
            run,
            inspection: iid,
            updated_at: insp.updated_at(),
            answers: insp.checklist(run)?.answers.clone(),
            rev: 0,
        })
    }
    fn put(self, ws: &mut Workspace) {
        // An inspection not (yet) in this tab: the record stays stored and
        // joins it at the next start.
        if let Some(i) = ws.inspection_mut(self.inspection) {
            i.put_run_answers(self.run, self.answers, self.updated_at);
        }
    }
    // Removed with its inspection or its run, whose own change follows;
    // the answers in memory are left for it.
    fn remove(_: &mut Workspace, _: &str) {}
}

impl Homed for TemplateFamily {
    type Home = Workspace;
    fn current(ws: &Workspace, id: &str) -> Option<Self> {
        let id = TemplateId::new(id).ok()?;
        let versions = ws.templates().versions(&id).to_vec();
        (!versions.is_empty()).then_some(TemplateFamily {
            id,
            versions,
            rev: 0,
        })
    }
    fn put(self, ws: &mut Workspace) {
        ws.templates_mut()
            .put_stored_versions(self.id, self.versions);
    }
    // Versions in use by inspections must stay readable: a family removed
    // elsewhere stays in this tab's library.
    fn remove(_: &mut Workspace, _: &str) {}
}

impl Homed for StoredSettings {
    type Home = Workspace;
    fn current(ws: &Workspace, _: &str) -> Option<Self> {
        Some(StoredSettings {
            settings: ws.settings().clone(),
            rev: 0,
        })
    }
    fn put(self, ws: &mut Workspace) {
        ws.set_settings(self.settings);
    }
    // The settings record has defaults; a removed one changes nothing here.
    fn remove(_: &mut Workspace, _: &str) {}
}

impl Homed for ReportRecord {
    type Home = BTreeMap<ReportId, ReportRecord>;
    fn current(reports: &Self::Home, id: &str) -> Option<Self> {
        reports.get(&ReportId(id.parse().ok()?)).cloned()
    }
    fn put(self, reports: &mut Self::Home) {
        reports.insert(self.id, self);
    }
    fn remove(reports: &mut Self::Home, id: &str) {
        if let Ok(u) = id.parse() {
            reports.remove(&ReportId(u));
        }
    }
}

impl Homed for RoundRecord {
    type Home = BTreeMap<RoundId, RoundRecord>;
    fn current(rounds: &Self::Home, id: &str) -> Option<Self> {
        rounds.get(&RoundId(id.parse().ok()?)).cloned()
    }
    fn put(self, rounds: &mut Self::Home) {
        rounds.insert(self.id, self);
    }
    fn remove(rounds: &mut Self::Home, id: &str) {
        if let Ok(u) = id.parse() {
            rounds.remove(&RoundId(u));
        }
    }
}

impl Homed for ThplRecord {
    type Home = BTreeMap<ReportId, ThplRecord>;
    fn current(reports: &Self::Home, id: &str) -> Option<Self> {
        reports.get(&ReportId(id.parse().ok()?)).cloned()
    }
    fn put(self, reports: &mut Self::Home) {
        reports.insert(self.id, self);
    }
    fn remove(reports: &mut Self::Home, id: &str) {
        if let Ok(u) = id.parse() {
            reports.remove(&ReportId(u));
        }
    }
}

/// One storage event from another tab.
/// Applies another tab's change of `key` when it names a record of kind
/// `T` (anything else is ignored): the one path of every record kind whose
/// in-memory copy lives outside the workspace.
fn apply_external<K: KvStore, T: Homed>(
    key: &str,
    new_value: Option<&str>,
    now: DateTime<Utc>,
    repo: &mut Repository<K>,
    queue: &mut SaveQueue<T>,
    conflicts: &mut Vec<String>,
    home: &mut T::Home,
) -> ExternalOutcome {
    let ParsedKey::Record { kind, id } = parse_key(key) else {
        return ExternalOutcome::Ignored;
    };
    if kind != T::KIND {
        return ExternalOutcome::Ignored;
    }
    External {
        key,
        id: &id,
        new_value,
        now,
    }
    .apply(repo, queue, conflicts, home)
}

struct External<'a> {
    key: &'a str,
    /// The record id part of `key`.
    id: &'a str,
    new_value: Option<&'a str>,
    now: DateTime<Utc>,
}

impl External<'_> {
    /// Interprets the event for a record of kind `T` and applies it to
    /// `home`; conflicts are held in `queue` until the user decides.
    fn apply<K: KvStore, T: Homed>(
        &self,
        repo: &mut Repository<K>,
        queue: &mut SaveQueue<T>,
        conflicts: &mut Vec<String>,
        home: &mut T::Home,
    ) -> ExternalOutcome {
        let (key, id) = (self.key, self.id);
        let change = repo.on_external_change::<T>(key, self.new_value, queue.pending(key));
        let (mine, theirs) = match change {
            ExternalChange::Updated(rec) => {
                rec.put(home);
                return ExternalOutcome::Applied;
            }
            ExternalChange::Removed => {
                T::remove(home, id);
                return ExternalOutcome::Applied;
            }
            ExternalChange::Ignored => return ExternalOutcome::Ignored,
            ExternalChange::Unreadable { .. } => {
                return ExternalOutcome::Unreadable {
                    key: key.to_string(),
                }
            }
            // The dirty copy is already in the queue.
            ExternalChange::Conflict { remote, .. } => (None, remote),
            // This tab's version now lives only in memory: queue it, held.
            ExternalChange::Overwritten { remote } => (T::current(home, id), remote),
        };
        queue.hold_conflict(
            key,
            mine.as_ref(),
            repo.base_rev(key),
            Some(theirs.rev()),
            self.now,
        );
        if !conflicts.iter().any(|k| k == key) {
            conflicts.push(key.to_string());
        }
        ExternalOutcome::Conflict {
            key: key.to_string(),
        }
    }
}
