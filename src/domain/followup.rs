//! Follow-up of an inspection's conclusion until every item is closed
//! (NĐ 19/2020/NĐ-CP Điều 17–21): the state of a recommendation (kiến nghị)
//! and its dated updates, the decision on a proposed discipline and its
//! execution, the proposals to amend a legal text, the behaviours and forms
//! in force on a date, and the summary counts.
//!
//! Rules kept here (the pages only show them):
//! - No closing without a date: "đã thực hiện" and "không thực hiện" need the
//!   date closed; "không thực hiện" also needs the reason.
//! - No reopening without a note: an update that takes a closed item back to
//!   an open state must say why.
//! - An item is overdue while it is not closed and its deadline is before
//!   today (the injected clock's date in Vietnam); it says by how many days.
//! - Updates are appended, never edited: they are the dated addenda of the
//!   follow-up, accepted while the inspection itself stays locked.

use crate::domain::catalog::{
    CatalogEntry, DisciplineForm, VIOLATION_BEHAVIOURS, VIOLATION_BEHAVIOURS_VERSION,
};
use crate::domain::team::nd93_2025_effective;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// State of a recommendation. Serialises as `chua_thuc_hien`, …
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum FollowUpStatus {
    /// Chưa thực hiện.
    #[default]
    ChuaThucHien,
    /// Đang thực hiện.
    DangThucHien,
    /// Đã thực hiện.
    DaThucHien,
    /// Thực hiện một phần.
    ThucHienMotPhan,
    /// Không thực hiện (with the reason).
    KhongThucHien,
}

impl FollowUpStatus {
    /// Every status, in display order.
    pub const ALL: [FollowUpStatus; 5] = [
        FollowUpStatus::ChuaThucHien,
        FollowUpStatus::DangThucHien,
        FollowUpStatus::DaThucHien,
        FollowUpStatus::ThucHienMotPhan,
        FollowUpStatus::KhongThucHien,
    ];

    /// Stable ASCII code (same as the serde form).
    pub fn code(self) -> &'static str {
        match self {
            FollowUpStatus::ChuaThucHien => "chua_thuc_hien",
            FollowUpStatus::DangThucHien => "dang_thuc_hien",
            FollowUpStatus::DaThucHien => "da_thuc_hien",
            FollowUpStatus::ThucHienMotPhan => "thuc_hien_mot_phan",
            FollowUpStatus::KhongThucHien => "khong_thuc_hien",
        }
    }

    /// Looks a status up by code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|s| s.code() == code)
    }

    /// Statuses that end the follow-up and so need the date closed.
    pub fn needs_close_date(self) -> bool {
        matches!(
            self,
            FollowUpStatus::DaThucHien | FollowUpStatus::KhongThucHien
        )
    }

    /// Statuses under which the item is still being worked on (no date
    /// closed allowed). "Thực hiện một phần" may be either: closed when the
    /// update gives a date closed, open otherwise.
    pub fn is_open_only(self) -> bool {
        matches!(
            self,
            FollowUpStatus::ChuaThucHien | FollowUpStatus::DangThucHien
        )
    }
}

/// Why a follow-up change was refused. Carries data, not sentences.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FollowUpError {
    /// Closing status without the date closed.
    #[error("closing needs the date closed")]
    CloseWithoutDate,
    /// An open status given a date closed.
    #[error("an open status cannot have a date closed")]
    OpenWithCloseDate,
    /// The date closed (or a decision date) is after today.
    #[error("date {date} is in the future")]
    DateInFuture {
        /// The date.
        date: NaiveDate,
    },
    /// Reopening a closed item without a note.
    #[error("reopening needs a note")]
    ReopenWithoutNote,
    /// "Không thực hiện" or "not disciplined" without the reason.
    #[error("the reason is required")]
    ReasonRequired,
    /// The update says nothing: same status, no text.
    #[error("empty update")]
    EmptyUpdate,
    /// No recommendation at this place.
    #[error("no such recommendation")]
    NoSuchRecommendation,
    /// The finding has no discipline proposal.
    #[error("no discipline proposal")]
    NoDisciplineProposal,
    /// The decision is already recorded.
    #[error("decision already recorded")]
    DecisionAlreadyRecorded,
    /// Execution recorded without a decision to discipline.
    #[error("no decision to execute")]
    NoDecisionToExecute,
    /// A required field is empty (decision number, issuer, …).
    #[error("field {field} is empty")]
    FieldEmpty {
        /// Which field.
        field: String,
    },
    /// A date before the one it follows (execution before decision, …).
    #[error("date {date} is before {before}")]
    DateBefore {
        /// The date.
        date: NaiveDate,
        /// What it must not precede.
        before: NaiveDate,
    },
    /// The discipline form was not in force on the violation date.
    #[error("form {form:?} not in force on {date}")]
    FormNotInForce {
        /// Form.
        form: DisciplineForm,
        /// Violation date.
        date: NaiveDate,
    },
    /// The violation behaviour is not in the list in force on its date.
    #[error("behaviour {code} not in the list in force on {date}")]
    BehaviourNotInForce {
        /// Code.
        code: String,
        /// Violation date.
        date: NaiveDate,
    },
    /// An amendment proposal on a finding that is not about the law itself.
    #[error("amendment proposals belong to findings about the law")]
    AmendmentNotLawProblem,
}

/// One dated update of a recommendation (what was done, the document that
/// proves it). Appended, never edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpUpdate {
    /// When recorded.
    pub at: DateTime<Utc>,
    /// Vietnam date of recording.
    pub date: NaiveDate,
    /// Status after this update.
    pub status: FollowUpStatus,
    /// What was done.
    #[serde(default)]
    pub action: String,
    /// The document that proves it (number, date).
    #[serde(default)]
    pub document: String,
    /// Note (required when reopening).
    #[serde(default)]
    pub note: String,
    /// Date closed given by this update.
    #[serde(default)]
    pub closed_on: Option<NaiveDate>,
    /// Reason (for "không thực hiện").
    #[serde(default)]
    pub reason: String,
}

/// What the user enters for one update.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateInput {
    /// New status.
    pub status: FollowUpStatus,
    /// What was done.
    pub action: String,
    /// The proving document.
    pub document: String,
    /// Note.
    pub note: String,
    /// Date closed.
    pub closed_on: Option<NaiveDate>,
    /// Reason for "không thực hiện".
    pub reason: String,
}

/// The follow-up state of one recommendation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tracking {
    /// Current status.
    pub status: FollowUpStatus,
    /// Reason, for "không thực hiện".
    #[serde(default)]
    pub reason: String,
    /// Date closed; `None` while open.
    #[serde(default)]
    pub closed_on: Option<NaiveDate>,
    /// Updates, oldest first.
    #[serde(default)]
    pub updates: Vec<FollowUpUpdate>,
}

impl Tracking {
    /// Whether the item is closed.
    pub fn is_closed(&self) -> bool {
        self.closed_on.is_some()
    }

    /// Days past `deadline` on `today` while open; `None` when closed, with
    /// no deadline, or not yet late.
    pub fn days_overdue(&self, deadline: Option<NaiveDate>, today: NaiveDate) -> Option<i64> {
        let d = deadline?;
        if self.is_closed() || d >= today {
            return None;
        }
        Some((today - d).num_days())
    }

    /// Checks an update against the rules; changes nothing.
    pub fn check(&self, input: &UpdateInput, today: NaiveDate) -> Result<(), FollowUpError> {
        let s = input.status;
        if s.needs_close_date() && input.closed_on.is_none() {
            return Err(FollowUpError::CloseWithoutDate);
        }
        if s.is_open_only() && input.closed_on.is_some() {
            return Err(FollowUpError::OpenWithCloseDate);
        }
        if let Some(c) = input.closed_on {
            if c > today {
                return Err(FollowUpError::DateInFuture { date: c });
            }
        }
        if s == FollowUpStatus::KhongThucHien && input.reason.trim().is_empty() {
            return Err(FollowUpError::ReasonRequired);
        }
        if self.is_closed() && input.closed_on.is_none() && input.note.trim().is_empty() {
            return Err(FollowUpError::ReopenWithoutNote);
        }
        let says_nothing = input.action.trim().is_empty()
            && input.document.trim().is_empty()
            && input.note.trim().is_empty();
        if s == self.status && input.closed_on == self.closed_on && says_nothing {
            return Err(FollowUpError::EmptyUpdate);
        }
        Ok(())
    }

    /// Checks and appends one update; on error nothing changes.
    pub fn apply(
        &mut self,
        input: UpdateInput,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<(), FollowUpError> {
        self.check(&input, today)?;
        self.status = input.status;
        self.closed_on = input.closed_on;
        self.reason = if input.status == FollowUpStatus::KhongThucHien {
            input.reason.trim().to_string()
        } else {
            String::new()
        };
        self.updates.push(FollowUpUpdate {
            at: now,
            date: today,
            status: input.status,
            action: input.action.trim().to_string(),
            document: input.document.trim().to_string(),
            note: input.note.trim().to_string(),
            closed_on: input.closed_on,
            reason: input.reason.trim().to_string(),
        });
        Ok(())
    }
}

/// Which recommendation of an inspection: the one on a finding, or the
/// conclusion's n-th.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum RecTarget {
    /// A finding's recommendation.
    Finding {
        /// The finding.
        finding: crate::domain::ids::FindingId,
    },
    /// The conclusion's recommendation at this index.
    Conclusion {
        /// Index in the conclusion's list.
        index: usize,
    },
}

// ---- discipline -----------------------------------------------------------

/// The decision on a proposed discipline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DisciplineOutcome {
    /// Disciplined with this form.
    Disciplined {
        /// Form decided.
        form: DisciplineForm,
    },
    /// Not disciplined, with the reason.
    NotDisciplined {
        /// Reason.
        reason: String,
    },
}

/// The discipline decision (quyết định kỷ luật) or the decision not to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisciplineDecision {
    /// Number and code of the decision.
    pub number: String,
    /// Date of the decision.
    pub date: NaiveDate,
    /// Who decided.
    pub by: String,
    /// What was decided.
    pub outcome: DisciplineOutcome,
    /// When recorded.
    pub recorded_at: DateTime<Utc>,
}

/// Execution of a discipline decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisciplineExecution {
    /// Date executed.
    pub date: NaiveDate,
    /// What was done (document, note).
    pub note: String,
    /// When recorded.
    pub recorded_at: DateTime<Utc>,
}

/// Who a discipline proposal is about and what became of it. The behaviour
/// and the proposed form are the finding's `violation` and
/// `proposed_discipline`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisciplineCase {
    /// The official.
    #[serde(default)]
    pub official: String,
    /// Their position.
    #[serde(default)]
    pub position: String,
    /// Date of the violation (decides which text applies).
    #[serde(default)]
    pub violation_date: Option<NaiveDate>,
    /// The decision, once taken.
    #[serde(default)]
    pub decision: Option<DisciplineDecision>,
    /// Its execution.
    #[serde(default)]
    pub execution: Option<DisciplineExecution>,
}

/// What the user enters for a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionInput {
    /// Number.
    pub number: String,
    /// Date.
    pub date: NaiveDate,
    /// Issuer.
    pub by: String,
    /// Outcome.
    pub outcome: DisciplineOutcome,
}

impl DisciplineCase {
    /// Checks and records the decision; refuses a second one.
    pub fn decide(
        &mut self,
        input: DecisionInput,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<(), FollowUpError> {
        if self.decision.is_some() {
            return Err(FollowUpError::DecisionAlreadyRecorded);
        }
        if input.number.trim().is_empty() {
            return Err(FollowUpError::FieldEmpty {
                field: "number".into(),
            });
        }
        if input.by.trim().is_empty() {
            return Err(FollowUpError::FieldEmpty { field: "by".into() });
        }
        if input.date > today {
            return Err(FollowUpError::DateInFuture { date: input.date });
        }
        match &input.outcome {
            DisciplineOutcome::Disciplined { form } => {
                check_form_in_force(*form, self.violation_date)?;
            }
            DisciplineOutcome::NotDisciplined { reason } if reason.trim().is_empty() => {
                return Err(FollowUpError::ReasonRequired);
            }
            DisciplineOutcome::NotDisciplined { .. } => {}
        }
        self.decision = Some(DisciplineDecision {
            number: input.number.trim().to_string(),
            date: input.date,
            by: input.by.trim().to_string(),
            outcome: input.outcome,
            recorded_at: now,
        });
        Ok(())
    }

    /// Records the execution of a decision to discipline.
    pub fn execute(
        &mut self,
        date: NaiveDate,
        note: &str,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<(), FollowUpError> {
        let Some(d) = &self.decision else {
            return Err(FollowUpError::NoDecisionToExecute);
        };
        if !matches!(d.outcome, DisciplineOutcome::Disciplined { .. }) {
            return Err(FollowUpError::NoDecisionToExecute);
        }
        if date < d.date {
            return Err(FollowUpError::DateBefore {
                date,
                before: d.date,
            });
        }
        if date > today {
            return Err(FollowUpError::DateInFuture { date });
        }
        self.execution = Some(DisciplineExecution {
            date,
            note: note.trim().to_string(),
            recorded_at: now,
        });
        Ok(())
    }
}

// ---- which text is in force --------------------------------------------

/// Whether NĐ 93/2025/NĐ-CP applies on `date` (no date: the current text).
/// The one place this module asks "which text applies on this date".
pub fn nd93_applies(date: Option<NaiveDate>) -> bool {
    date.is_none_or(|d| d >= nd93_2025_effective())
}

pub use crate::domain::legal_texts::VIOLATION_BEHAVIOURS_2020_VERSION;

/// The violation behaviours of the text in force on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BehaviourList {
    /// Version tag stored with a behaviour picked from this list.
    pub version: &'static str,
    /// The behaviours whose wording the reference gives.
    pub entries: &'static [CatalogEntry],
    /// What the reference says is missing, if anything.
    pub note: Option<&'static str>,
}

/// The behaviours of the text in force on `date` (no date: the current
/// text), as [`crate::domain::legal_texts::violation_behaviours_on`] says:
/// before NĐ 93/2025 the 2020 list had 19 items of which the reference gives
/// only the first, so only that one is offered and the note says the rest
/// was not found.
pub fn behaviours_in_force(date: Option<NaiveDate>) -> BehaviourList {
    match date {
        None => BehaviourList {
            version: VIOLATION_BEHAVIOURS_VERSION,
            entries: &VIOLATION_BEHAVIOURS,
            note: None,
        },
        Some(d) => {
            let list = crate::domain::legal_texts::violation_behaviours_on(d);
            BehaviourList {
                version: list.version,
                entries: list.entries,
                note: (!list.complete)
                    .then_some(crate::domain::legal_texts::VIOLATION_BEHAVIOURS_2020_NOTE_VI),
            }
        }
    }
}

/// Discipline forms of the text in force on `date` (no date: the current
/// text), as [`crate::domain::legal_texts::discipline_forms_on`] says.
pub fn discipline_forms_in_force(date: Option<NaiveDate>) -> Vec<DisciplineForm> {
    match date {
        None => DisciplineForm::ALL.to_vec(),
        Some(d) => crate::domain::legal_texts::discipline_forms_on(d).to_vec(),
    }
}

/// Refuses a form not in force on the violation date.
pub fn check_form_in_force(
    form: DisciplineForm,
    violation_date: Option<NaiveDate>,
) -> Result<(), FollowUpError> {
    match violation_date {
        Some(date) if !discipline_forms_in_force(Some(date)).contains(&form) => {
            Err(FollowUpError::FormNotInForce { form, date })
        }
        _ => Ok(()),
    }
}

/// Refuses a behaviour code not in the list in force on the violation date.
pub fn check_behaviour_in_force(
    code: &str,
    violation_date: Option<NaiveDate>,
) -> Result<(), FollowUpError> {
    match violation_date {
        Some(date)
            if !behaviours_in_force(Some(date))
                .entries
                .iter()
                .any(|e| e.code == code) =>
        {
            Err(FollowUpError::BehaviourNotInForce {
                code: code.to_string(),
                date,
            })
        }
        _ => Ok(()),
    }
}

// ---- amendment proposals -------------------------------------------------

/// A proposal to amend a legal text (kiến nghị sửa đổi, bổ sung văn bản),
/// from a finding about the law itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendmentProposal {
    /// The text concerned (name, number).
    pub document: String,
    /// Article (Điều).
    #[serde(default)]
    pub article: String,
    /// Clause (khoản, điểm).
    #[serde(default)]
    pub clause: String,
    /// What is wrong.
    #[serde(default)]
    pub problem: String,
    /// The change proposed.
    #[serde(default)]
    pub proposal: String,
    /// The body addressed (the one competent to amend the text).
    #[serde(default)]
    pub addressed_to: String,
}

// ---- counts ----------------------------------------------------------------

/// Follow-up counts of one inspection or many.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpSummary {
    /// Recommendations made.
    pub made: u32,
    /// Đã thực hiện.
    pub done: u32,
    /// Thực hiện một phần.
    pub partly: u32,
    /// Không thực hiện.
    pub not_done: u32,
    /// Not closed.
    pub open: u32,
    /// Open and past their deadline.
    pub overdue: u32,
    /// Discipline proposals.
    pub discipline_proposed: u32,
    /// Discipline decisions taken (either outcome).
    pub discipline_decided: u32,
    /// Decisions to discipline executed.
    pub discipline_executed: u32,
    /// Amendment proposals.
    pub amendments: u32,
}

impl FollowUpSummary {
    /// Counts one recommendation.
    pub fn count_recommendation(
        &mut self,
        t: &Tracking,
        deadline: Option<NaiveDate>,
        today: NaiveDate,
    ) {
        self.made += 1;
        match t.status {
            FollowUpStatus::DaThucHien => self.done += 1,
            FollowUpStatus::ThucHienMotPhan => self.partly += 1,
            FollowUpStatus::KhongThucHien => self.not_done += 1,
            _ => {}
        }
        if !t.is_closed() {
            self.open += 1;
        }
        if t.days_overdue(deadline, today).is_some() {
            self.overdue += 1;
        }
    }

    /// Adds another summary.
    pub fn add(&mut self, o: &FollowUpSummary) {
        self.made += o.made;
        self.done += o.done;
        self.partly += o.partly;
        self.not_done += o.not_done;
        self.open += o.open;
        self.overdue += o.overdue;
        self.discipline_proposed += o.discipline_proposed;
        self.discipline_decided += o.discipline_decided;
        self.discipline_executed += o.discipline_executed;
        self.amendments += o.amendments;
    }
}
