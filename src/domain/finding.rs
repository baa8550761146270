//! Findings (phát hiện): what the inspection found, classified with the
//! catalog vocabularies, optionally tied to the checklist answer it came from.

use crate::domain::answer::{Answer, AnswerKey, ItemStatus};
use crate::domain::catalog::{
    violation_behaviour, Addressee, DisciplineForm, FindingKind, VIOLATION_BEHAVIOURS_VERSION,
};
use crate::domain::error::DomainError;
use crate::domain::followup::{
    check_behaviour_in_force, check_form_in_force, AmendmentProposal, DisciplineCase,
    FollowUpError, Tracking,
};
use crate::domain::ids::{ChecklistRunId, FindingId, IdGen};
use crate::domain::template::Item;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The checklist answer a finding came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingSource {
    /// Checklist run.
    pub run: ChecklistRunId,
    /// Answer key in that run.
    pub key: AnswerKey,
}

/// A violation behaviour tag with the text version it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViolationRef {
    /// Code in [`crate::domain::catalog::VIOLATION_BEHAVIOURS`].
    pub code: String,
    /// Version of the list, e.g. [`VIOLATION_BEHAVIOURS_VERSION`].
    pub version: String,
}

impl ViolationRef {
    /// Tags with the current list; fails on an unknown code.
    pub fn current(code: &str) -> Result<Self, DomainError> {
        if violation_behaviour(code).is_none() {
            return Err(DomainError::UnknownViolationCode {
                code: code.to_string(),
            });
        }
        Ok(Self {
            code: code.to_string(),
            version: VIOLATION_BEHAVIOURS_VERSION.to_string(),
        })
    }
}

impl ViolationRef {
    /// Tags with the list in force on a violation date
    /// ([`crate::domain::legal_texts::violation_behaviours_on`]); fails on a
    /// code that list does not have.
    pub fn in_force_on(code: &str, violation_date: chrono::NaiveDate) -> Result<Self, DomainError> {
        let list = crate::domain::legal_texts::violation_behaviours_on(violation_date);
        if !list.entries.iter().any(|e| e.code == code) {
            return Err(DomainError::UnknownViolationCode {
                code: code.to_string(),
            });
        }
        Ok(Self {
            code: code.to_string(),
            version: list.version.to_string(),
        })
    }
}

/// A proposed recommendation attached to a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingRecommendation {
    /// Text.
    pub text: String,
    /// To whom.
    pub addressee: Addressee,
    /// Deadline for implementation (schema version 2).
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
    /// Follow-up state (schema version 2; required so that a version-1
    /// record cannot load without its migration step).
    pub tracking: Tracking,
}

impl FindingRecommendation {
    /// A new recommendation, not yet implemented, without a deadline.
    pub fn new(text: impl Into<String>, addressee: Addressee) -> Self {
        Self {
            text: text.into(),
            addressee,
            deadline: None,
            tracking: Tracking::default(),
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Id.
    pub id: FindingId,
    /// Kind (hạn chế, vướng mắc, …).
    pub kind: FindingKind,
    /// The answer it came from, if any.
    #[serde(default)]
    pub source: Option<FindingSource>,
    /// What was found.
    pub description: String,
    /// Evidence references.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// Attached photos and scanned documents (references; see
    /// [`crate::domain::evidence`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<crate::domain::evidence::Attachment>,
    /// Responsible unit or official.
    #[serde(default)]
    pub responsible: String,
    /// Violation behaviour (NĐ 19/2020 Điều 22), if any.
    #[serde(default)]
    pub violation: Option<ViolationRef>,
    /// Proposed discipline form, if any.
    #[serde(default)]
    pub proposed_discipline: Option<DisciplineForm>,
    /// Proposed recommendation, if any.
    #[serde(default)]
    pub recommendation: Option<FindingRecommendation>,
    /// The official a discipline proposal is about, and its outcome.
    #[serde(default)]
    pub discipline: Option<DisciplineCase>,
    /// Proposal to amend a legal text (findings about the law only).
    #[serde(default)]
    pub amendment: Option<AmendmentProposal>,
    /// When recorded.
    pub created_at: DateTime<Utc>,
}

impl Finding {
    /// A blank finding of a kind.
    pub fn new(
        ids: &mut dyn IdGen,
        kind: FindingKind,
        description: impl Into<String>,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            id: FindingId::generate(ids),
            kind,
            source: None,
            description: description.into(),
            evidence: Vec::new(),
            attachments: Vec::new(),
            responsible: String::new(),
            violation: None,
            proposed_discipline: None,
            recommendation: None,
            discipline: None,
            amendment: None,
            created_at: now,
        }
    }

    /// Turns a "không đạt" answer into a finding in one step: description from
    /// the item's Vietnamese label and the note ("label: note"), evidence
    /// copied. Refuses answers whose status is not không đạt.
    pub fn from_answer(
        ids: &mut dyn IdGen,
        run: ChecklistRunId,
        key: &AnswerKey,
        item: &Item,
        answer: &Answer,
        kind: FindingKind,
        now: DateTime<Utc>,
    ) -> Result<Self, DomainError> {
        if answer.status != ItemStatus::KhongDat {
            return Err(DomainError::AnswerNotKhongDat { key: key.clone() });
        }
        let label = item.label.vi.trim();
        let note = answer.note.trim();
        let description = if note.is_empty() {
            label.to_string()
        } else {
            format!("{label}: {note}")
        };
        let mut f = Self::new(ids, kind, description, now);
        f.source = Some(FindingSource {
            run,
            key: key.clone(),
        });
        f.evidence = answer.evidence.clone();
        f.attachments = answer.attachments.clone();
        Ok(f)
    }

    /// Checks what serde cannot: the violation code must be in the list of the
    /// version it claims (2020 text or as amended by NĐ 93/2025); with a
    /// violation date, the behaviour and the proposed form must be those of
    /// the text in force on that date; an amendment proposal only on a
    /// finding about the law.
    pub fn validate(&self) -> Result<(), DomainError> {
        if let Some(v) = &self.violation {
            let claims_known = v.version == VIOLATION_BEHAVIOURS_VERSION
                || v.version == crate::domain::legal_texts::VIOLATION_BEHAVIOURS_2020_VERSION;
            if claims_known && !crate::domain::legal_texts::is_known_violation(&v.version, &v.code)
            {
                return Err(DomainError::UnknownViolationCode {
                    code: v.code.clone(),
                });
            }
        }
        let date = self.discipline.as_ref().and_then(|d| d.violation_date);
        if let Some(v) = &self.violation {
            check_behaviour_in_force(&v.code, date)?;
        }
        if let Some(form) = self.proposed_discipline {
            check_form_in_force(form, date)?;
        }
        if self.amendment.is_some() && !self.kind.is_law_problem() {
            return Err(FollowUpError::AmendmentNotLawProblem.into());
        }
        Ok(())
    }
}
