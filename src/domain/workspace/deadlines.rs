//! Deadlines overview across plans and inspections (hạn sắp đến / quá hạn),
//! with days left computed from a given "today".

use super::Workspace;
use crate::domain::followup::RecTarget;
use crate::domain::ids::{InspectionId, PlanId, TaskId};
use crate::domain::inspection::{Inspection, CONCLUSION_DRAFT_DAYS};
use crate::domain::plan::TaskStatus;
use crate::domain::workdays::{sub_working_days, Holidays};
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// What a deadline is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DeadlineKind {
    /// A plan task's deadline (task not done).
    PlanTask {
        /// Task.
        task: TaskId,
    },
    /// The plan's inspection window opens.
    InspectionWindowStart,
    /// The plan's inspection window closes while some unit is not finished.
    InspectionWindowEnd,
    /// The inspected unit's own report is due (N working days before start).
    UnitReportDue,
    /// Planned start of fieldwork (draft inspection).
    FieldworkStart,
    /// The conclusion draft is due (15 days after fieldwork).
    ConclusionDraftDue,
    /// A recommendation's implementation deadline (while it is open; an
    /// overdue one stays until it is closed).
    RecommendationDue {
        /// Which recommendation.
        target: RecTarget,
    },
}

/// Whether a deadline is ahead, today, or past.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineState {
    /// In the future.
    Upcoming,
    /// Today.
    DueToday,
    /// Past.
    Overdue,
}

/// One entry of the deadlines overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    /// Date.
    pub date: NaiveDate,
    /// Days from today (negative = days late).
    pub days_left: i64,
    /// Derived from `days_left`.
    pub state: DeadlineState,
    /// What.
    pub kind: DeadlineKind,
    /// Plan.
    pub plan: PlanId,
    /// Inspection, when it is about one.
    pub inspection: Option<InspectionId>,
}

impl Deadline {
    fn new(
        date: NaiveDate,
        today: NaiveDate,
        kind: DeadlineKind,
        plan: PlanId,
        inspection: Option<InspectionId>,
    ) -> Self {
        let days_left = (date - today).num_days();
        let state = match days_left {
            d if d < 0 => DeadlineState::Overdue,
            0 => DeadlineState::DueToday,
            _ => DeadlineState::Upcoming,
        };
        Self {
            date,
            days_left,
            state,
            kind,
            plan,
            inspection,
        }
    }
}

impl Workspace {
    // ---- deadlines -----------------------------------------------------

    /// Upcoming and overdue dates across plans and inspections, sorted by
    /// date: open plan tasks; plan inspection windows (start while ahead, end
    /// while some unit is not finalized); for draft inspections the unit's
    /// report date and the planned start; conclusion drafts due 15 days after
    /// fieldwork; and the deadlines of the open recommendations of locked
    /// inspections, past ones included (they stay until closed).
    pub fn deadlines(&self, today: NaiveDate) -> Vec<Deadline> {
        let h = &self.settings.holidays;
        let mut out = Vec::new();
        for p in self.plans.values() {
            for t in &p.tasks {
                if let (Some(d), false) = (t.deadline, t.status(today) == TaskStatus::HoanThanh) {
                    out.push(Deadline::new(
                        d,
                        today,
                        DeadlineKind::PlanTask { task: t.id },
                        p.id,
                        None,
                    ));
                }
            }
            if let Some(w) = p.inspection_window {
                if w.from >= today {
                    out.push(Deadline::new(
                        w.from,
                        today,
                        DeadlineKind::InspectionWindowStart,
                        p.id,
                        None,
                    ));
                }
                let insps = self.inspections_of_plan(p.id);
                let all_done = !p.inspected_units.is_empty()
                    && p.inspected_units
                        .iter()
                        .all(|u| insps.iter().any(|i| i.unit_id() == u.id && i.is_locked()));
                if !all_done {
                    out.push(Deadline::new(
                        w.to,
                        today,
                        DeadlineKind::InspectionWindowEnd,
                        p.id,
                        None,
                    ));
                }
            }
        }
        for i in self.inspections.values() {
            self.inspection_deadlines(i, today, h, &mut out);
        }
        out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.kind.cmp(&b.kind)));
        out
    }

    fn inspection_deadlines(
        &self,
        i: &Inspection,
        today: NaiveDate,
        h: &Holidays,
        out: &mut Vec<Deadline>,
    ) {
        use crate::domain::inspection::InspectionStatus as S;
        let (pid, iid) = (i.plan_id(), Some(i.id()));
        if i.status() == S::Draft {
            if let Some(start) = i.start_date() {
                let before = self
                    .plans
                    .get(&pid)
                    .map_or(0, |p| p.unit_report_days_before);
                let due = sub_working_days(start, before, h);
                out.push(Deadline::new(
                    due,
                    today,
                    DeadlineKind::UnitReportDue,
                    pid,
                    iid,
                ));
                out.push(Deadline::new(
                    start,
                    today,
                    DeadlineKind::FieldworkStart,
                    pid,
                    iid,
                ));
            }
        }
        if let (Some(end), None, false) = (i.actual_end(), i.conclusion().draft_date, i.is_locked())
        {
            if let Some(due) = end.checked_add_signed(Duration::days(CONCLUSION_DRAFT_DAYS)) {
                out.push(Deadline::new(
                    due,
                    today,
                    DeadlineKind::ConclusionDraftDue,
                    pid,
                    iid,
                ));
            }
        }
        if i.is_locked() {
            for item in i.tracked_items() {
                if let (Some(d), false) = (item.deadline, item.tracking.is_closed()) {
                    out.push(Deadline::new(
                        d,
                        today,
                        DeadlineKind::RecommendationDue {
                            target: item.target,
                        },
                        pid,
                        iid,
                    ));
                }
            }
        }
    }
}
