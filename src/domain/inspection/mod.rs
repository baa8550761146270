//! An inspection (cuộc kiểm tra) of one unit under a plan, by one team:
//! decision, schedule, pauses and extension, checklist runs, findings,
//! conclusion, and the lifecycle Draft → InProgress → Finalized → Exported.
//!
//! Invariants kept here:
//! - Every mutating method checks first and mutates last, so an `Err` leaves
//!   the inspection unchanged; every successful mutation bumps `rev` and
//!   `updated_at`.
//! - A finalized (or exported) inspection is locked: mutations return
//!   [`DomainError::Locked`]; later information goes into dated addenda.

mod checklist;
mod edit;
mod migration;

pub use checklist::{ChecklistRun, GroupProgress, Progress};
pub use migration::{preview_migration, MigrationPreview};

use crate::domain::answer::AnswerKey;
use crate::domain::catalog::Addressee;
use crate::domain::clock::Clock;
use crate::domain::error::DomainError;
use crate::domain::finding::Finding;
use crate::domain::ids::TemplateId;
use crate::domain::ids::{
    AddendumId, ChecklistRunId, FindingId, IdGen, InspectionId, PlanId, TeamId, UnitId,
};
use crate::domain::template::TemplateLibrary;
use crate::domain::text::DocNumber;
use crate::domain::workdays::{working_days_inclusive, DateRange, Holidays};
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

/// Lifecycle state. Serialises as `draft`, `in_progress`, `finalized`, `exported`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InspectionStatus {
    /// Being prepared.
    #[default]
    Draft,
    /// Fieldwork under way.
    InProgress,
    /// Complete and locked.
    Finalized,
    /// Locked and exported at least once.
    Exported,
}

impl InspectionStatus {
    /// Finalized or exported.
    pub fn is_locked(self) -> bool {
        matches!(self, Self::Finalized | Self::Exported)
    }
}

/// The inspection decision (quyết định kiểm tra).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Number and code.
    pub number: Option<DocNumber>,
    /// Date of issue.
    pub date: Option<NaiveDate>,
    /// Date it reached the inspected unit (defaults to the issue date for the
    /// 30-day notice check).
    pub sent_date: Option<NaiveDate>,
}

/// A pause (tạm dừng), decided by a công văn; paused days do not count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    /// Days paused.
    pub period: DateRange,
    /// Number of the công văn.
    pub letter_number: String,
    /// Reason.
    pub reason: String,
}

/// A recommendation of the conclusion (kiến nghị).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    /// Text.
    pub text: String,
    /// To whom.
    pub addressee: Addressee,
    /// Deadline for implementation.
    pub deadline: Option<NaiveDate>,
}

/// The inspection conclusion (kết luận kiểm tra).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conclusion {
    /// Body text (the required section list of the conclusion was not found
    /// in the reference, so it is free text).
    pub text: String,
    /// Date the draft was sent to the inspected unit.
    pub draft_date: Option<NaiveDate>,
    /// Date of issue.
    pub issue_date: Option<NaiveDate>,
    /// Recommendations.
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
}

/// A dated addition to a finalized inspection (bổ sung).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Addendum {
    /// Id.
    pub id: AddendumId,
    /// When recorded.
    pub at: DateTime<Utc>,
    /// Vietnam date of recording.
    pub date: NaiveDate,
    /// Text.
    pub text: String,
}

/// Something that stops finalization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Missing {
    /// No checklist was filled.
    NoChecklist,
    /// A visible required item has no answer.
    RequiredItemUnanswered {
        /// Run.
        run: ChecklistRunId,
        /// Its template.
        template: TemplateId,
        /// The item and instance.
        key: AnswerKey,
    },
    /// Fieldwork end date not recorded.
    FieldworkEndMissing,
    /// Conclusion text empty.
    ConclusionMissing,
    /// A finding without description.
    FindingDescriptionMissing {
        /// Finding.
        finding: FindingId,
    },
}

/// A timing concern. Never blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InspectionWarning {
    /// Duration (minus paused days) above 7 working days plus any extension.
    DurationOverLimit {
        /// Working days counted.
        working_days: i64,
        /// 7 + extension.
        limit: i64,
    },
    /// Extension above 7 working days.
    ExtensionTooLong {
        /// Requested.
        days: u32,
        /// Maximum.
        max: u32,
    },
    /// Decision reached the unit less than 30 days before a scheduled start.
    DecisionNoticeShort {
        /// Days between notice and start.
        days_before: i64,
        /// Minimum.
        min: i64,
    },
    /// Conclusion drafted more than 15 days after fieldwork ended.
    ConclusionDraftLate {
        /// Days after fieldwork.
        days_after_fieldwork: i64,
        /// Maximum.
        max: i64,
    },
}

/// One inspection. Fields are private so that every change goes through the
/// lock-checking methods; read them with the getters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inspection {
    id: InspectionId,
    plan_id: PlanId,
    unit_id: UnitId,
    team_id: Option<TeamId>,
    scheduled: bool,
    #[serde(default)]
    decision: Decision,
    planned: Option<DateRange>,
    actual_start: Option<NaiveDate>,
    actual_end: Option<NaiveDate>,
    #[serde(default)]
    extension_working_days: u32,
    #[serde(default)]
    pauses: Vec<Pause>,
    #[serde(default)]
    checklists: Vec<ChecklistRun>,
    #[serde(default)]
    findings: Vec<Finding>,
    #[serde(default)]
    conclusion: Conclusion,
    status: InspectionStatus,
    #[serde(default)]
    addenda: Vec<Addendum>,
    rev: u64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
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

    /// First day of fieldwork: actual, else planned.
    pub fn start_date(&self) -> Option<NaiveDate> {
        self.actual_start.or(self.planned.map(|p| p.from))
    }

    /// Last day of fieldwork: actual, else planned.
    pub fn end_date(&self) -> Option<NaiveDate> {
        self.actual_end.or(self.planned.map(|p| p.to))
    }

    // ---- schedule and lifecycle -----------------------------------------

    /// Sets the decision.
    pub fn set_decision(&mut self, d: Decision, clock: &dyn Clock) -> Result<(), DomainError> {
        self.ensure_editable()?;
        if let (Some(date), Some(sent)) = (d.date, d.sent_date) {
            if sent < date {
                return Err(DomainError::InvalidRange {
                    from: date,
                    to: sent,
                });
            }
        }
        self.decision = d;
        self.touch(clock);
        Ok(())
    }

    /// Sets the team.
    pub fn set_team(&mut self, team: Option<TeamId>, clock: &dyn Clock) -> Result<(), DomainError> {
        self.ensure_editable()?;
        self.team_id = team;
        self.touch(clock);
        Ok(())
    }

    /// Sets the planned fieldwork dates.
    pub fn set_planned(
        &mut self,
        p: Option<DateRange>,
        clock: &dyn Clock,
    ) -> Result<(), DomainError> {
        self.ensure_editable()?;
        if let Some(r) = p {
            if r.to < r.from {
                return Err(DomainError::InvalidRange {
                    from: r.from,
                    to: r.to,
                });
            }
        }
        self.planned = p;
        self.touch(clock);
        Ok(())
    }

    /// Starts fieldwork: Draft → InProgress, records the actual start.
    pub fn start(&mut self, date: NaiveDate, clock: &dyn Clock) -> Result<(), DomainError> {
        self.ensure_editable()?;
        if self.status != InspectionStatus::Draft {
            return Err(DomainError::InvalidTransition {
                from: self.status,
                to: InspectionStatus::InProgress,
            });
        }
        self.status = InspectionStatus::InProgress;
        self.actual_start = Some(date);
        self.touch(clock);
        Ok(())
    }

    /// Records (or clears) the end of fieldwork.
    pub fn set_actual_end(
        &mut self,
        date: Option<NaiveDate>,
        clock: &dyn Clock,
    ) -> Result<(), DomainError> {
        self.ensure_editable()?;
        if let (Some(s), Some(e)) = (self.actual_start, date) {
            if e < s {
                return Err(DomainError::InvalidRange { from: s, to: e });
            }
        }
        self.actual_end = date;
        self.touch(clock);
        Ok(())
    }

    /// Sets the extension (gia hạn) in working days. Above 7 is allowed but
    /// warned about.
    pub fn set_extension(&mut self, days: u32, clock: &dyn Clock) -> Result<(), DomainError> {
        self.ensure_editable()?;
        self.extension_working_days = days;
        self.touch(clock);
        Ok(())
    }

    /// Adds a pause.
    pub fn add_pause(&mut self, p: Pause, clock: &dyn Clock) -> Result<(), DomainError> {
        self.ensure_editable()?;
        if p.period.to < p.period.from {
            return Err(DomainError::InvalidRange {
                from: p.period.from,
                to: p.period.to,
            });
        }
        self.pauses.push(p);
        self.touch(clock);
        Ok(())
    }

    /// Removes the pause at `index`.
    pub fn remove_pause(&mut self, index: usize, clock: &dyn Clock) -> Result<Pause, DomainError> {
        self.ensure_editable()?;
        if index >= self.pauses.len() {
            return Err(DomainError::NotFound {
                what: crate::domain::error::Entity::Pause,
                id: index.to_string(),
            });
        }
        let p = self.pauses.remove(index);
        self.touch(clock);
        Ok(p)
    }

    /// Working days of fieldwork (start to end, inclusive) minus working days
    /// paused inside that span. `None` without both dates.
    pub fn duration_working_days(&self, holidays: &Holidays) -> Option<i64> {
        let (s, e) = (self.start_date()?, self.end_date()?);
        let total = working_days_inclusive(s, e, holidays);
        let paused: i64 = self
            .pauses
            .iter()
            .map(|p| working_days_inclusive(p.period.from.max(s), p.period.to.min(e), holidays))
            .sum();
        Some((total - paused).max(0))
    }

    /// Every warning that applies now. Never blocks anything.
    pub fn warnings(&self, holidays: &Holidays) -> Vec<InspectionWarning> {
        let mut w = Vec::new();
        if let Some(d) = self.duration_working_days(holidays) {
            let limit =
                i64::from(MAX_DURATION_WORKING_DAYS) + i64::from(self.extension_working_days);
            if d > limit {
                w.push(InspectionWarning::DurationOverLimit {
                    working_days: d,
                    limit,
                });
            }
        }
        if self.extension_working_days > MAX_EXTENSION_WORKING_DAYS {
            w.push(InspectionWarning::ExtensionTooLong {
                days: self.extension_working_days,
                max: MAX_EXTENSION_WORKING_DAYS,
            });
        }
        if self.scheduled {
            let notice = self.decision.sent_date.or(self.decision.date);
            if let (Some(n), Some(s)) = (notice, self.start_date()) {
                let days = (s - n).num_days();
                if days < MIN_DECISION_NOTICE_DAYS {
                    w.push(InspectionWarning::DecisionNoticeShort {
                        days_before: days,
                        min: MIN_DECISION_NOTICE_DAYS,
                    });
                }
            }
        }
        if let (Some(end), Some(draft)) = (self.actual_end, self.conclusion.draft_date) {
            let days = (draft - end).num_days();
            if days > CONCLUSION_DRAFT_DAYS {
                w.push(InspectionWarning::ConclusionDraftLate {
                    days_after_fieldwork: days,
                    max: CONCLUSION_DRAFT_DAYS,
                });
            }
        }
        w
    }

    /// What still stops finalization (empty when it can be finalized).
    pub fn missing(&self, lib: &TemplateLibrary) -> Result<Vec<Missing>, DomainError> {
        let mut m = Vec::new();
        if self.checklists.is_empty() {
            m.push(Missing::NoChecklist);
        }
        for run in &self.checklists {
            let t = lib.resolve(&run.template)?;
            for key in run.missing_required(t) {
                m.push(Missing::RequiredItemUnanswered {
                    run: run.id,
                    template: run.template.id.clone(),
                    key,
                });
            }
        }
        for f in &self.findings {
            if f.description.trim().is_empty() {
                m.push(Missing::FindingDescriptionMissing { finding: f.id });
            }
        }
        if self.actual_end.is_none() {
            m.push(Missing::FieldworkEndMissing);
        }
        if self.conclusion.text.trim().is_empty() {
            m.push(Missing::ConclusionMissing);
        }
        Ok(m)
    }

    /// Locks the inspection (InProgress → Finalized) when nothing is missing;
    /// otherwise returns [`DomainError::Incomplete`] with the full list.
    pub fn finalize(
        &mut self,
        lib: &TemplateLibrary,
        clock: &dyn Clock,
    ) -> Result<(), DomainError> {
        self.ensure_editable()?;
        if self.status != InspectionStatus::InProgress {
            return Err(DomainError::InvalidTransition {
                from: self.status,
                to: InspectionStatus::Finalized,
            });
        }
        let missing = self.missing(lib)?;
        if !missing.is_empty() {
            return Err(DomainError::Incomplete { missing });
        }
        self.status = InspectionStatus::Finalized;
        self.touch(clock);
        Ok(())
    }

    /// Records an export (Finalized/Exported → Exported).
    pub fn mark_exported(&mut self, clock: &dyn Clock) -> Result<(), DomainError> {
        if !self.is_locked() {
            return Err(DomainError::InvalidTransition {
                from: self.status,
                to: InspectionStatus::Exported,
            });
        }
        self.status = InspectionStatus::Exported;
        self.touch(clock);
        Ok(())
    }

    /// Adds a dated addendum; only for a locked inspection (before that, the
    /// record itself is edited).
    pub fn add_addendum(
        &mut self,
        text: &str,
        ids: &mut dyn IdGen,
        clock: &dyn Clock,
    ) -> Result<AddendumId, DomainError> {
        if !self.is_locked() {
            return Err(DomainError::NotFinalized {
                inspection: self.id,
            });
        }
        if text.trim().is_empty() {
            return Err(DomainError::EmptyText {
                field: "addendum".into(),
            });
        }
        let a = Addendum {
            id: AddendumId::generate(ids),
            at: clock.now(),
            date: clock.today(),
            text: text.to_string(),
        };
        let id = a.id;
        self.addenda.push(a);
        self.touch(clock);
        Ok(id)
    }
}
