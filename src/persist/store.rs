//! [`WorkspaceStore`]: loads the whole workspace from a `KvStore`, keeps one
//! autosave queue per record kind so that only changed records are written,
//! applies other tabs' changes, and never overwrites what it could not read.

use super::records::{StoredSettings, TemplateFamily};
use super::reports::ReportRecord;
use super::rounds::RoundRecord;
use super::thpl::ThplRecord;
use crate::domain::ids::{InspectionId, PlanId, ReportId, RoundId, TemplateId};
use crate::domain::inspection::Inspection;
use crate::domain::plan::Plan;
use crate::domain::template::{content_hash, parse_template_json, ImportLimits, TemplateLibrary};
use crate::domain::workspace::Workspace;
use crate::storage::envelope::check_decodes;
use crate::storage::keys::{parse_key, record_key};
use crate::storage::{
    CorruptReason, DeleteOutcome, ExternalChange, FlushReport, KvStore, LoadReport, MemoryKv,
    MigratedNote, ParsedKey, QuarantineNote, RecordKind, Repository, RestoreOptions,
    RestorePreview, SaveQueue, SaveStatus, SchemaVersions, StorageError, StoredRecord,
};
use chrono::{DateTime, Duration, Utc};
use std::collections::BTreeMap;

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
    /// An inspection.
    Inspection(InspectionId),
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
        }
        (store, ws, summary)
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
        match what {
            ChangeKey::Plan(id) => {
                if let Some(p) = ws.plan(*id) {
                    self.plans.mark_dirty(p, now);
                }
            }
            ChangeKey::Inspection(id) => {
                if let Some(i) = ws.inspection(*id) {
                    self.inspections.mark_dirty(i, now);
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
        let repo = &mut self.repo;
        let reports = if all {
            vec![
                self.plans.flush_now(repo, now),
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
                self.inspections.flush(repo, now),
                self.templates.flush(repo, now),
                self.settings.flush(repo, now),
                self.reports.flush(repo, now),
                self.rounds.flush(repo, now),
                self.thpl.flush(repo, now),
            ]
        };
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

    /// Deletes a stored inspection (the caller keeps it in memory for undo).
    pub fn delete_inspection(
        &mut self,
        id: InspectionId,
        now: DateTime<Utc>,
    ) -> Result<(), StorageError> {
        self.inspections
            .discard(&record_key(RecordKind::Inspection, &id.to_string()));
        self.delete::<Inspection>(&id.to_string(), now)
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
        let ParsedKey::Record {
            kind: RecordKind::Report,
            id,
        } = parse_key(key)
        else {
            return ExternalOutcome::Ignored;
        };
        let ext = External {
            key,
            id: &id,
            new_value,
            now,
        };
        ext.apply(
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
        let ParsedKey::Record {
            kind: RecordKind::Round,
            id,
        } = parse_key(key)
        else {
            return ExternalOutcome::Ignored;
        };
        let ext = External {
            key,
            id: &id,
            new_value,
            now,
        };
        ext.apply(
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
        let ParsedKey::Record {
            kind: RecordKind::Thpl,
            id,
        } = parse_key(key)
        else {
            return ExternalOutcome::Ignored;
        };
        let ext = External {
            key,
            id: &id,
            new_value,
            now,
        };
        ext.apply(&mut self.repo, &mut self.thpl, &mut self.conflicts, reports)
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
        let kv = self.repo.kv();
        let mut copy = MemoryKv::new();
        for key in kv.keys().map_err(|e| StorageError::from_kv("", e))? {
            if let Some(value) = kv.get(&key).map_err(|e| StorageError::from_kv(&key, e))? {
                copy.insert_raw(&key, &value);
            }
        }
        let mut repo = Repository::new(copy, self.repo.app_version.clone());
        put_unsaved(&mut repo, &self.plans, now)?;
        put_unsaved(&mut repo, &self.inspections, now)?;
        put_unsaved(&mut repo, &self.templates, now)?;
        put_unsaved(&mut repo, &self.settings, now)?;
        put_unsaved(&mut repo, &self.reports, now)?;
        put_unsaved(&mut repo, &self.rounds, now)?;
        put_unsaved(&mut repo, &self.thpl, now)?;
        repo.export_all(now)
    }

    /// The restore limits with every kind's supported version.
    pub fn restore_options() -> RestoreOptions {
        RestoreOptions {
            versions: SchemaVersions::default()
                .with::<Plan>()
                .with::<Inspection>()
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

/// Whether `raw` loads as the record kind `kind` stored under id `id`, with
/// the decoder a start uses. Every kind is listed, so a new kind cannot be
/// restored unchecked.
pub fn decodes_as_stored(kind: RecordKind, raw: &str, id: &str) -> Result<(), CorruptReason> {
    match kind {
        RecordKind::Plan => check_decodes::<Plan>(raw, id),
        RecordKind::Inspection => check_decodes::<Inspection>(raw, id),
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
    fn put(self, ws: &mut Workspace) {
        ws.put_inspection(self);
    }
    fn remove(ws: &mut Workspace, id: &str) {
        if let Ok(u) = id.parse() {
            ws.take_inspection(InspectionId(u));
        }
    }
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
