//! Follow-up across plans and inspections (theo dõi kiến nghị): every
//! recommendation with its age and lateness, the filters of the follow-up
//! view, the workspace counts and the list of amendment proposals that an
//! agency copies into its annual report.

use super::Workspace;
use crate::domain::catalog::{Addressee, FindingKind};
use crate::domain::followup::{AmendmentProposal, FollowUpStatus, FollowUpSummary, RecTarget};
use crate::domain::ids::{FindingId, InspectionId, PlanId, UnitId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One recommendation in the follow-up view.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FollowUpRow {
    /// Plan.
    pub plan: PlanId,
    /// Inspection.
    pub inspection: InspectionId,
    /// Inspected unit.
    pub unit: UnitId,
    /// Where the recommendation is written.
    pub target: RecTarget,
    /// Text.
    pub text: String,
    /// To whom.
    pub addressee: Addressee,
    /// Deadline.
    pub deadline: Option<NaiveDate>,
    /// Status.
    pub status: FollowUpStatus,
    /// Date closed.
    pub closed_on: Option<NaiveDate>,
    /// Days since the conclusion was issued (its age), when it was.
    pub age_days: Option<i64>,
    /// Days late, while open and past the deadline.
    pub days_overdue: Option<i64>,
}

/// Filters of the follow-up view. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpFilter {
    /// Addressee.
    pub addressee: Option<Addressee>,
    /// Status.
    pub status: Option<FollowUpStatus>,
    /// Only overdue items.
    pub overdue_only: bool,
    /// Only items not closed.
    pub open_only: bool,
    /// Plan.
    pub plan: Option<PlanId>,
    /// Unit.
    pub unit: Option<UnitId>,
}

impl FollowUpFilter {
    /// Whether a row passes.
    pub fn accepts(&self, r: &FollowUpRow) -> bool {
        self.addressee.is_none_or(|a| a == r.addressee)
            && self.status.is_none_or(|s| s == r.status)
            && (!self.overdue_only || r.days_overdue.is_some())
            && (!self.open_only || r.closed_on.is_none())
            && self.plan.is_none_or(|p| p == r.plan)
            && self.unit.is_none_or(|u| u == r.unit)
    }
}

/// One amendment proposal with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendmentRow {
    /// Plan.
    pub plan: PlanId,
    /// Inspection.
    pub inspection: InspectionId,
    /// Inspected unit.
    pub unit: UnitId,
    /// Finding.
    pub finding: FindingId,
    /// Its kind.
    pub kind: FindingKind,
    /// What was found.
    pub finding_text: String,
    /// The proposal.
    pub proposal: AmendmentProposal,
}

impl Workspace {
    /// Every recommendation of finalized (or exported) inspections, most
    /// overdue first, then by deadline (none last), then by plan.
    pub fn follow_up_rows(&self, today: NaiveDate) -> Vec<FollowUpRow> {
        let mut out = Vec::new();
        for i in self.inspections.values().filter(|i| i.is_locked()) {
            let issued = i.conclusion().issue_date;
            for item in i.tracked_items() {
                out.push(FollowUpRow {
                    plan: i.plan_id(),
                    inspection: i.id(),
                    unit: i.unit_id(),
                    target: item.target,
                    text: item.text.to_string(),
                    addressee: item.addressee,
                    deadline: item.deadline,
                    status: item.tracking.status,
                    closed_on: item.tracking.closed_on,
                    age_days: issued.map(|d| (today - d).num_days()),
                    days_overdue: item.days_overdue(today),
                });
            }
        }
        out.sort_by(|a, b| {
            b.days_overdue
                .cmp(&a.days_overdue)
                .then_with(|| match (a.deadline, b.deadline) {
                    (Some(x), Some(y)) => x.cmp(&y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                })
                .then_with(|| a.plan.cmp(&b.plan))
                .then_with(|| a.inspection.cmp(&b.inspection))
        });
        out
    }

    /// Counts of finalized inspections, optionally of one plan.
    pub fn follow_up_summary(&self, plan: Option<PlanId>, today: NaiveDate) -> FollowUpSummary {
        let mut s = FollowUpSummary::default();
        for i in self
            .inspections
            .values()
            .filter(|i| i.is_locked() && plan.is_none_or(|p| p == i.plan_id()))
        {
            s.add(&i.follow_up_summary(today));
        }
        s
    }

    /// Every amendment proposal of every inspection, by plan and inspection.
    pub fn amendment_rows(&self) -> Vec<AmendmentRow> {
        let mut out = Vec::new();
        for i in self.inspections.values() {
            for f in i.findings() {
                if let Some(a) = &f.amendment {
                    out.push(AmendmentRow {
                        plan: i.plan_id(),
                        inspection: i.id(),
                        unit: i.unit_id(),
                        finding: f.id,
                        kind: f.kind,
                        finding_text: f.description.clone(),
                        proposal: a.clone(),
                    });
                }
            }
        }
        out
    }
}
