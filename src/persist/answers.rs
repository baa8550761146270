//! The answers of one checklist run as a stored record of their own
//! (`kiemtra:answers:<inspection id>:<run id>`, schema version 1), apart from the inspection
//! (issue #14). Answering an item rewrites this record only: before, it
//! rewrote the whole inspection with every answer of every run (about 60 KB
//! for a 500-item checklist) and the index.
//!
//! Rules that keep every answer in at least one stored record while the
//! inspection (schema version 3) and its runs' records are written apart
//! (see `WorkspaceStore`):
//! - a run whose answers record is stored is "apart": the inspection record
//!   leaves its answers out; any other run keeps its answers inside the
//!   inspection record (an inspection migrated from version 1 or 2, a run
//!   whose record was never written), so writing the inspection can never
//!   drop an answer that is not stored elsewhere;
//! - the answers record of a run is written before the inspection record
//!   that leaves them out;
//! - when both hold answers for a run, the answers record wins (it is the
//!   one every answer since the split was written to);
//! - an answers record whose inspection is not loaded is left stored as it
//!   is, never deleted.

use crate::domain::answer::{Answer, AnswerKey};
use crate::domain::ids::{ChecklistRunId, InspectionId};
use crate::storage::{MigrateError, RecordKind, StoredRecord};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The answers of one checklist run, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunAnswers {
    /// The run (the record's id).
    pub run: ChecklistRunId,
    /// The inspection the run belongs to.
    pub inspection: InspectionId,
    /// The inspection's last change when these answers were written (an
    /// answer does not rewrite the inspection record, so its time of change
    /// is kept here; loading takes the later of the two).
    pub updated_at: DateTime<Utc>,
    /// Answers by key (each without its default fields).
    #[serde(default)]
    pub answers: BTreeMap<AnswerKey, Answer>,
    /// Storage revision.
    #[serde(default)]
    pub rev: u64,
}

/// Version 1 → 2 of a run's answers (issue #16, released step, never
/// edit): version 2 adds `attachments` to an answer; version-1 answers have
/// none, so the data is unchanged. The version is raised so that an older
/// app quarantines a version-2 record instead of dropping the references.
pub fn answers_v1_to_v2(data: Value) -> Result<Value, MigrateError> {
    if !data.is_object() {
        return Err(MigrateError::Invalid {
            from: 1,
            message: "not an object".to_string(),
        });
    }
    Ok(data)
}

impl StoredRecord for RunAnswers {
    const KIND: RecordKind = RecordKind::Answers;
    const VERSION: u32 = 2;
    fn record_id(&self) -> String {
        super::store::answers_id(self.inspection, self.run)
    }
    fn migrate(from_version: u32, data: Value) -> Result<Value, MigrateError> {
        match from_version {
            1 => answers_v1_to_v2(data),
            from => Err(MigrateError::NoPath { from }),
        }
    }
    fn rev(&self) -> u64 {
        self.rev
    }
    fn set_rev(&mut self, rev: u64) {
        self.rev = rev;
    }
}
