//! Value types of an inspection: lifecycle status, decision, pauses,
//! conclusion, addenda, and the typed "missing" and warning lists.

use crate::domain::answer::AnswerKey;
use crate::domain::catalog::Addressee;
use crate::domain::followup::Tracking;
use crate::domain::ids::{AddendumId, ChecklistRunId, FindingId, TemplateId};
use crate::domain::text::DocNumber;
use crate::domain::workdays::DateRange;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

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
    /// Follow-up state (schema version 2; required so that a version-1
    /// record cannot load without its migration step).
    pub tracking: Tracking,
}

impl Recommendation {
    /// A new recommendation, not yet implemented.
    pub fn new(text: impl Into<String>, addressee: Addressee, deadline: Option<NaiveDate>) -> Self {
        Self {
            text: text.into(),
            addressee,
            deadline,
            tracking: Tracking::default(),
        }
    }
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
    // The four texts below were added within version 1 of the stored
    // inspection: absent in older records (read as blank) and left out of the
    // stored JSON while blank, so a record that does not use them is stored
    // byte for byte as before (tests/persist_format.rs).
    /// Số, ký hiệu of the conclusion.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub number: String,
    /// Position of the person who signs the conclusion (e.g. "Chủ tịch Ủy
    /// ban nhân dân thành phố").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub signer_position: String,
    /// Name of the person who signs the conclusion.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub signer_name: String,
    /// Số, ký hiệu of the team's report of the results (báo cáo kết quả
    /// kiểm tra), printed on it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub report_number: String,
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
    /// Photos and scanned documents found after finalizing (only added,
    /// never removed: see [`crate::domain::evidence`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<crate::domain::evidence::Attachment>,
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
