//! Follow-up on a locked inspection: dated updates of its recommendations,
//! discipline decisions and their execution, and the inspection's counts.
//! These are the only changes a finalized inspection still accepts besides
//! addenda; the findings and the conclusion themselves stay locked.

use super::Inspection;
use crate::domain::catalog::Addressee;
use crate::domain::clock::Clock;
use crate::domain::error::{DomainError, Entity};
use crate::domain::followup::{
    DecisionInput, DisciplineCase, FollowUpError, FollowUpSummary, RecTarget, Tracking, UpdateInput,
};
use crate::domain::ids::FindingId;
use chrono::NaiveDate;

/// One recommendation of an inspection, wherever it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackedItem<'a> {
    /// Where it lives.
    pub target: RecTarget,
    /// Text.
    pub text: &'a str,
    /// To whom.
    pub addressee: Addressee,
    /// Deadline.
    pub deadline: Option<NaiveDate>,
    /// Follow-up state.
    pub tracking: &'a Tracking,
}

impl TrackedItem<'_> {
    /// Days late on `today`, while open.
    pub fn days_overdue(&self, today: NaiveDate) -> Option<i64> {
        self.tracking.days_overdue(self.deadline, today)
    }
}

impl Inspection {
    /// Every recommendation: the findings' first (in finding order), then the
    /// conclusion's.
    pub fn tracked_items(&self) -> Vec<TrackedItem<'_>> {
        let from_findings = self.findings.iter().filter_map(|f| {
            f.recommendation.as_ref().map(|r| TrackedItem {
                target: RecTarget::Finding { finding: f.id },
                text: &r.text,
                addressee: r.addressee,
                deadline: r.deadline,
                tracking: &r.tracking,
            })
        });
        let from_conclusion =
            self.conclusion
                .recommendations
                .iter()
                .enumerate()
                .map(|(index, r)| TrackedItem {
                    target: RecTarget::Conclusion { index },
                    text: &r.text,
                    addressee: r.addressee,
                    deadline: r.deadline,
                    tracking: &r.tracking,
                });
        from_findings.chain(from_conclusion).collect()
    }

    fn tracking_mut(&mut self, target: RecTarget) -> Option<&mut Tracking> {
        match target {
            RecTarget::Finding { finding } => self
                .findings
                .iter_mut()
                .find(|f| f.id == finding)
                .and_then(|f| f.recommendation.as_mut())
                .map(|r| &mut r.tracking),
            RecTarget::Conclusion { index } => self
                .conclusion
                .recommendations
                .get_mut(index)
                .map(|r| &mut r.tracking),
        }
    }

    fn ensure_locked(&self) -> Result<(), DomainError> {
        if self.is_locked() {
            Ok(())
        } else {
            Err(DomainError::NotFinalized {
                inspection: self.id,
            })
        }
    }

    /// Records a dated update of one recommendation. Only once the
    /// inspection is finalized (the conclusion is what is followed up).
    pub fn record_follow_up(
        &mut self,
        target: RecTarget,
        input: UpdateInput,
        clock: &dyn Clock,
    ) -> Result<(), DomainError> {
        self.ensure_locked()?;
        let (now, today) = (clock.now(), clock.today());
        let t = self
            .tracking_mut(target)
            .ok_or(FollowUpError::NoSuchRecommendation)?;
        t.apply(input, now, today)?;
        self.touch(clock);
        Ok(())
    }

    /// A copy of a finding's discipline case to work on (checks first,
    /// mutates last: the caller writes it back only on success).
    fn discipline_case(&self, finding: FindingId) -> Result<DisciplineCase, DomainError> {
        let f = self
            .findings
            .iter()
            .find(|f| f.id == finding)
            .ok_or_else(|| DomainError::NotFound {
                what: Entity::Finding,
                id: finding.to_string(),
            })?;
        if f.proposed_discipline.is_none() {
            return Err(FollowUpError::NoDisciplineProposal.into());
        }
        Ok(f.discipline.clone().unwrap_or_default())
    }

    fn put_discipline_case(&mut self, finding: FindingId, case: DisciplineCase) {
        if let Some(f) = self.findings.iter_mut().find(|f| f.id == finding) {
            f.discipline = Some(case);
        }
    }

    /// Records the decision on a finding's discipline proposal.
    pub fn record_discipline_decision(
        &mut self,
        finding: FindingId,
        input: DecisionInput,
        clock: &dyn Clock,
    ) -> Result<(), DomainError> {
        self.ensure_locked()?;
        let (now, today) = (clock.now(), clock.today());
        let mut case = self.discipline_case(finding)?;
        case.decide(input, now, today)?;
        self.put_discipline_case(finding, case);
        self.touch(clock);
        Ok(())
    }

    /// Records the execution of a discipline decision.
    pub fn record_discipline_execution(
        &mut self,
        finding: FindingId,
        date: NaiveDate,
        note: &str,
        clock: &dyn Clock,
    ) -> Result<(), DomainError> {
        self.ensure_locked()?;
        let (now, today) = (clock.now(), clock.today());
        let mut case = self.discipline_case(finding)?;
        case.execute(date, note, now, today)?;
        self.put_discipline_case(finding, case);
        self.touch(clock);
        Ok(())
    }

    /// The inspection's follow-up counts on `today`.
    pub fn follow_up_summary(&self, today: NaiveDate) -> FollowUpSummary {
        let mut s = FollowUpSummary::default();
        for item in self.tracked_items() {
            s.count_recommendation(item.tracking, item.deadline, today);
        }
        for f in &self.findings {
            if f.proposed_discipline.is_some() {
                s.discipline_proposed += 1;
                let case = f.discipline.as_ref();
                if case.is_some_and(|c| c.decision.is_some()) {
                    s.discipline_decided += 1;
                }
                if case.is_some_and(|c| c.execution.is_some()) {
                    s.discipline_executed += 1;
                }
            }
            if f.amendment.is_some() {
                s.amendments += 1;
            }
        }
        s
    }
}
