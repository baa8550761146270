//! An inspection (cuộc kiểm tra) of one unit under a plan, by one team:
//! decision, schedule, pauses and extension, checklist runs, findings,
//! conclusion, and the lifecycle Draft → InProgress → Finalized → Exported.
//!
//! Invariants kept here:
//! - Every mutating method checks first and mutates last, so an `Err` leaves
//!   the inspection unchanged; every successful mutation bumps `rev` and
//!   `updated_at`.
//! - A finalized (or exported) inspection is locked: mutations return
//!   [`DomainError::Locked`]; later information goes into dated addenda,
//!   and the follow-up of the conclusion into dated updates (see `follow`).

mod checklist;
mod edit;
mod follow;
mod lifecycle;
mod migration;
mod types;

pub use checklist::{ChecklistRun, GroupProgress, Progress};
pub use follow::TrackedItem;
pub use migration::{preview_migration, MigrationPreview};
pub use types::{
    Addendum, Conclusion, Decision, InspectionStatus, InspectionWarning, Missing, Pause,
    Recommendation,
};

use crate::domain::clock::Clock;
use crate::domain::error::DomainError;
use crate::domain::finding::Finding;
use crate::domain::ids::{ChecklistRunId, IdGen, InspectionId, PlanId, TeamId, UnitId};
use crate::domain::workdays::DateRange;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Longest duration of an inspection, in working days (NĐ 19/2020 Điều 13).
pub const MAX_DURATION_WORKING_DAYS: u32 = 7;
/// Longest extension, in working days (NĐ 19/2020 Điều 13).
pub const MAX_EXTENSION_WORKING_DAYS: u32 = 7;
/// Minimum notice of the decision before a scheduled inspection, in days.
pub const MIN_DECISION_NOTICE_DAYS: i64 = 30;
/// The conclusion is drafted within this many days after fieldwork (Điều 15).
pub const CONCLUSION_DRAFT_DAYS: i64 = 15;

/// One inspection. Fields are private so that every change goes through the
/// lock-checking methods; read them with the getters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inspection {
    // Fields at their default (empty lists, no date, zero) are left out of
    // the stored JSON since schema version 3 (issue #14) and read back as
    // their default.
    id: InspectionId,
    plan_id: PlanId,
    unit_id: UnitId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    team_id: Option<TeamId>,
    scheduled: bool,
    #[serde(default, skip_serializing_if = "is_default")]
    decision: Decision,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    planned: Option<DateRange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    actual_start: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    actual_end: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "is_default")]
    extension_working_days: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pauses: Vec<Pause>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    checklists: Vec<ChecklistRun>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    findings: Vec<Finding>,
    #[serde(default, skip_serializing_if = "is_default")]
    conclusion: Conclusion,
    status: InspectionStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    addenda: Vec<Addendum>,
    rev: u64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// Whether a value is its type's default (left out of stored JSON).
fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

impl Inspection {
    /// A draft inspection. `scheduled` is false for đột xuất inspections (the
    /// 30-day notice rule does not apply to them).
    pub fn new(
        ids: &mut dyn IdGen,
        plan_id: PlanId,
        unit_id: UnitId,
        team_id: Option<TeamId>,
        scheduled: bool,
        clock: &dyn Clock,
    ) -> Self {
        let now = clock.now();
        Self {
            id: InspectionId::generate(ids),
            plan_id,
            unit_id,
            team_id,
            scheduled,
            decision: Decision::default(),
            planned: None,
            actual_start: None,
            actual_end: None,
            extension_working_days: 0,
            pauses: Vec::new(),
            checklists: Vec::new(),
            findings: Vec::new(),
            conclusion: Conclusion::default(),
            status: InspectionStatus::Draft,
            addenda: Vec::new(),
            rev: 0,
            created_at: now,
            updated_at: now,
        }
    }

    // ---- getters -------------------------------------------------------

    /// Id.
    pub fn id(&self) -> InspectionId {
        self.id
    }
    /// Plan.
    pub fn plan_id(&self) -> PlanId {
        self.plan_id
    }
    /// Inspected unit (one of the plan's units).
    pub fn unit_id(&self) -> UnitId {
        self.unit_id
    }
    /// Team (one of the plan's teams).
    pub fn team_id(&self) -> Option<TeamId> {
        self.team_id
    }
    /// Whether it runs on the yearly plan (not đột xuất).
    pub fn scheduled(&self) -> bool {
        self.scheduled
    }
    /// Decision.
    pub fn decision(&self) -> &Decision {
        &self.decision
    }
    /// Planned fieldwork dates.
    pub fn planned(&self) -> Option<DateRange> {
        self.planned
    }
    /// Actual start.
    pub fn actual_start(&self) -> Option<NaiveDate> {
        self.actual_start
    }
    /// Actual end of fieldwork.
    pub fn actual_end(&self) -> Option<NaiveDate> {
        self.actual_end
    }
    /// Extension in working days.
    pub fn extension_working_days(&self) -> u32 {
        self.extension_working_days
    }
    /// Pauses.
    pub fn pauses(&self) -> &[Pause] {
        &self.pauses
    }
    /// Checklist runs.
    pub fn checklists(&self) -> &[ChecklistRun] {
        &self.checklists
    }
    /// One run.
    pub fn checklist(&self, run: ChecklistRunId) -> Option<&ChecklistRun> {
        self.checklists.iter().find(|r| r.id == run)
    }
    /// Findings.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }
    /// Conclusion.
    pub fn conclusion(&self) -> &Conclusion {
        &self.conclusion
    }
    /// Status.
    pub fn status(&self) -> InspectionStatus {
        self.status
    }
    /// Whether locked.
    pub fn is_locked(&self) -> bool {
        self.status.is_locked()
    }
    /// Addenda, oldest first.
    pub fn addenda(&self) -> &[Addendum] {
        &self.addenda
    }
    /// Revision, bumped by every change.
    pub fn rev(&self) -> u64 {
        self.rev
    }
    /// Sets the revision from storage (the stored copy's revision replaces
    /// the in-memory edit counter when a record is loaded or saved).
    pub fn set_rev(&mut self, rev: u64) {
        self.rev = rev;
    }
    /// Creation time.
    pub fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }
    /// Last change.
    pub fn updated_at(&self) -> DateTime<Utc> {
        self.updated_at
    }

    // ---- internals -----------------------------------------------------

    fn ensure_editable(&self) -> Result<(), DomainError> {
        if self.is_locked() {
            return Err(DomainError::Locked {
                inspection: self.id,
            });
        }
        Ok(())
    }

    fn touch(&mut self, clock: &dyn Clock) {
        self.rev = self.rev.saturating_add(1);
        self.updated_at = clock.now();
    }

    // ---- storage support ----------------------------------------------
    // Answers are stored one record per checklist run, apart from the rest
    // of the inspection (issue #14): an answer rewrites only its run's
    // record. These two methods split and join without a user edit's rules.

    /// A copy of the inspection with the answers of the runs for which
    /// `apart(run)` is true left out (they are stored in their own record);
    /// every other field, the runs' instances included, as is.
    pub fn without_answers(&self, apart: impl Fn(ChecklistRunId) -> bool) -> Inspection {
        Inspection {
            id: self.id,
            plan_id: self.plan_id,
            unit_id: self.unit_id,
            team_id: self.team_id,
            scheduled: self.scheduled,
            decision: self.decision.clone(),
            planned: self.planned,
            actual_start: self.actual_start,
            actual_end: self.actual_end,
            extension_working_days: self.extension_working_days,
            pauses: self.pauses.clone(),
            checklists: self
                .checklists
                .iter()
                .map(|r| ChecklistRun {
                    id: r.id,
                    template: r.template.clone(),
                    answers: if apart(r.id) {
                        Default::default()
                    } else {
                        r.answers.clone()
                    },
                    instances: r.instances.clone(),
                })
                .collect(),
            findings: self.findings.clone(),
            conclusion: self.conclusion.clone(),
            status: self.status,
            addenda: self.addenda.clone(),
            rev: self.rev,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }

    /// Lets go of the stored text of the runs' decoded answers (see
    /// [`crate::domain::answers::Answers::release_text`]); changes nothing
    /// a reader sees.
    pub fn release_answers_text(&mut self) {
        for r in &mut self.checklists {
            r.answers.release_text();
        }
    }

    /// Puts the stored answers of run `run` in (loading, or another tab's
    /// write of them): not a user edit, so no lock check and no new
    /// revision; the last change becomes `updated_at` when that is later.
    /// False when the inspection has no such run.
    pub fn put_run_answers(
        &mut self,
        run: ChecklistRunId,
        answers: crate::domain::answers::Answers,
        updated_at: DateTime<Utc>,
    ) -> bool {
        let Some(r) = self.checklists.iter_mut().find(|r| r.id == run) else {
            return false;
        };
        r.answers = answers;
        self.updated_at = self.updated_at.max(updated_at);
        true
    }

    /// First day of fieldwork: actual, else planned.
    pub fn start_date(&self) -> Option<NaiveDate> {
        self.actual_start.or(self.planned.map(|p| p.from))
    }

    /// Last day of fieldwork: actual, else planned.
    pub fn end_date(&self) -> Option<NaiveDate> {
        self.actual_end.or(self.planned.map(|p| p.to))
    }
}
