//! Schedule, timing warnings and the lifecycle of an inspection
//! (start, finalize, export, addenda).

use super::{
    Addendum, Decision, Inspection, InspectionStatus, InspectionWarning, Missing, Pause,
    CONCLUSION_DRAFT_DAYS, MAX_DURATION_WORKING_DAYS, MAX_EXTENSION_WORKING_DAYS,
    MIN_DECISION_NOTICE_DAYS,
};
use crate::domain::clock::Clock;
use crate::domain::error::{DomainError, Entity};
use crate::domain::ids::{AddendumId, IdGen, TeamId};
use crate::domain::template::TemplateLibrary;
use crate::domain::workdays::{working_days_inclusive, DateRange, Holidays};
use chrono::NaiveDate;

impl Inspection {
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
                what: Entity::Pause,
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
            attachments: Vec::new(),
        };
        let id = a.id;
        self.addenda.push(a);
        self.touch(clock);
        Ok(id)
    }

    /// Attaches a file to an addendum: the one way evidence is added to a
    /// finalized inspection. Only adding: an addendum's attachments, like
    /// the rest of a finalized inspection, are never removed or changed.
    pub fn attach_to_addendum(
        &mut self,
        addendum: AddendumId,
        a: crate::domain::evidence::Attachment,
        clock: &dyn Clock,
    ) -> Result<bool, crate::domain::evidence::EvidenceError> {
        use crate::domain::evidence::{attach, EvidenceError};
        let slot = self
            .addenda
            .iter_mut()
            .find(|x| x.id == addendum)
            .ok_or(EvidenceError::NoSuchAddendum)?;
        let added = attach(&mut slot.attachments, a)?;
        if added {
            self.touch(clock);
        }
        Ok(added)
    }
}
