//! Domain errors. They carry data, not sentences: the UI turns each variant
//! into Vietnamese or English text. `Display` is a developer-facing English
//! summary for logs.

use crate::domain::answer::{AnswerError, AnswerKey};
use crate::domain::followup::FollowUpError;
use crate::domain::ids::{ChecklistRunId, InspectionId, TemplateId};
use crate::domain::inspection::{InspectionStatus, Missing};
use crate::domain::template::{TemplateError, TemplateRef};
use crate::domain::text::DocNumberError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Kinds of records, for not-found and duplicate errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    /// Plan.
    Plan,
    /// Inspection.
    Inspection,
    /// Checklist run.
    ChecklistRun,
    /// Finding.
    Finding,
    /// Plan task.
    Task,
    /// Team.
    Team,
    /// Inspected unit.
    Unit,
    /// Pause.
    Pause,
}

/// Every way a domain operation can refuse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DomainError {
    /// The inspection is finalized; use an addendum.
    #[error("inspection {inspection} is locked")]
    Locked {
        /// Inspection.
        inspection: InspectionId,
    },
    /// Addenda are only for finalized inspections.
    #[error("inspection {inspection} is not finalized")]
    NotFinalized {
        /// Inspection.
        inspection: InspectionId,
    },
    /// Lifecycle step not allowed from the current state.
    #[error("cannot go from {from:?} to {to:?}")]
    InvalidTransition {
        /// Current.
        from: InspectionStatus,
        /// Requested.
        to: InspectionStatus,
    },
    /// Finalization refused; everything missing is listed.
    #[error("{} things missing", missing.len())]
    Incomplete {
        /// What is missing.
        missing: Vec<Missing>,
    },
    /// No record with this id.
    #[error("{what:?} {id} not found")]
    NotFound {
        /// Kind.
        what: Entity,
        /// Id.
        id: String,
    },
    /// A record with this id already exists.
    #[error("{what:?} {id} already exists")]
    Duplicate {
        /// Kind.
        what: Entity,
        /// Id.
        id: String,
    },
    /// The record changed since it was read (optimistic concurrency).
    #[error("revision conflict: expected {expected}, found {actual}")]
    RevConflict {
        /// Revision the caller edited.
        expected: u64,
        /// Stored revision.
        actual: u64,
    },
    /// End before start.
    #[error("range ends {to} before it starts {from}")]
    InvalidRange {
        /// Start.
        from: NaiveDate,
        /// End.
        to: NaiveDate,
    },
    /// A required text is empty.
    #[error("empty {field}")]
    EmptyText {
        /// Field name.
        field: String,
    },
    /// Bad document number.
    #[error("document number: {error}")]
    DocNumber {
        /// Why.
        error: DocNumberError,
    },
    /// Template breaks the format's rules.
    #[error("invalid template ({} problems)", errors.len())]
    InvalidTemplate {
        /// All problems.
        errors: Vec<TemplateError>,
    },
    /// Template version not in the library.
    #[error("template {id} v{version} not found")]
    TemplateNotFound {
        /// Id.
        id: TemplateId,
        /// Version.
        version: u32,
    },
    /// Stored template content differs from the pinned hash.
    #[error("template {id} v{version} content does not match its pinned hash")]
    TemplateHashMismatch {
        /// Id.
        id: TemplateId,
        /// Version.
        version: u32,
    },
    /// Same id and version already stored with other content.
    #[error("template {id} v{version} already exists with other content")]
    TemplateVersionClash {
        /// Id.
        id: TemplateId,
        /// Version.
        version: u32,
    },
    /// The version is used by an inspection and cannot be deleted.
    #[error("template {id} v{version} is in use")]
    TemplateVersionInUse {
        /// Id.
        id: TemplateId,
        /// Version.
        version: u32,
    },
    /// The given template is not the one the run is pinned to.
    #[error("template does not match the run's pinned version")]
    TemplateMismatch {
        /// The run's pin.
        expected: TemplateRef,
    },
    /// Version numbers exhausted.
    #[error("version overflow")]
    VersionOverflow,
    /// The inspection already has a run of this template.
    #[error("a checklist of template {template} already exists")]
    DuplicateChecklist {
        /// Template.
        template: TemplateId,
    },
    /// Findings still point at this run.
    #[error("findings refer to checklist run {run}")]
    RunHasFindings {
        /// Run.
        run: ChecklistRunId,
    },
    /// No such group in the template.
    #[error("unknown group {group}")]
    UnknownGroup {
        /// Group code.
        group: String,
    },
    /// No such item in that group.
    #[error("unknown item {key}")]
    UnknownItem {
        /// Key.
        key: AnswerKey,
    },
    /// Instance number beyond the group's instances.
    #[error("instance out of range: {key}")]
    InstanceOutOfRange {
        /// Key (item may be empty for instance-level operations).
        key: AnswerKey,
    },
    /// The group does not repeat.
    #[error("group {group} does not repeat")]
    NotRepeating {
        /// Group.
        group: String,
    },
    /// The group already has `max` instances.
    #[error("group {group} already has {max} instances")]
    RepeatLimitReached {
        /// Group.
        group: String,
        /// Limit.
        max: u32,
    },
    /// Answer does not fit its item.
    #[error("answer: {error}")]
    Answer {
        /// Why.
        error: AnswerError,
    },
    /// Migration would drop answers and was not confirmed.
    #[error("migration would drop {} answers", keys.len())]
    MigrationWouldDropAnswers {
        /// The answers.
        keys: Vec<AnswerKey>,
    },
    /// Migration target is not a newer version of the same template.
    #[error("{id}: cannot migrate from v{from} to v{to}")]
    MigrationNotNewer {
        /// Target id.
        id: TemplateId,
        /// Current version.
        from: u32,
        /// Target version.
        to: u32,
    },
    /// Only "không đạt" answers become findings this way.
    #[error("answer {key} is not không đạt")]
    AnswerNotKhongDat {
        /// Key.
        key: AnswerKey,
    },
    /// Violation code not in the catalog.
    #[error("unknown violation code {code}")]
    UnknownViolationCode {
        /// Code.
        code: String,
    },
    /// The plan still has inspections.
    #[error("plan has {count} inspections")]
    PlanHasInspections {
        /// How many.
        count: usize,
    },
    /// The unit is not one of the plan's inspected units.
    #[error("unit not in plan")]
    UnitNotInPlan,
    /// The team is not one of the plan's teams.
    #[error("team not in plan")]
    TeamNotInPlan,
    /// Only draft inspections can be deleted.
    #[error("only draft inspections can be deleted")]
    NotDraft,
    /// A follow-up rule refused the change.
    #[error("follow-up: {error}")]
    FollowUp {
        /// Which rule.
        error: FollowUpError,
    },
}

impl From<FollowUpError> for DomainError {
    fn from(error: FollowUpError) -> Self {
        DomainError::FollowUp { error }
    }
}

impl From<DocNumberError> for DomainError {
    fn from(error: DocNumberError) -> Self {
        DomainError::DocNumber { error }
    }
}

impl From<AnswerError> for DomainError {
    fn from(error: AnswerError) -> Self {
        DomainError::Answer { error }
    }
}
