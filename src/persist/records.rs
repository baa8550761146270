//! `StoredRecord` for the domain types and their migration steps. Every
//! kind is at schema version 1 except the inspection, at version 2 since its
//! recommendations became tracked items (see [`inspection_v1_to_v2`]) and at
//! version 3 since its answers are stored apart and its default fields left
//! out (see [`inspection_v2_to_v3`]); the version-1 and version-2 fixtures
//! stay under `tests/fixtures/persist/`. A later change
//! of a stored shape adds the next version and a step here, never edits a
//! released step.

use crate::domain::ids::TemplateId;
use crate::domain::inspection::Inspection;
use crate::domain::plan::Plan;
use crate::domain::template::Template;
use crate::domain::workspace::Settings;
use crate::storage::{MigrateError, RecordKind, StoredRecord};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

impl StoredRecord for Plan {
    const KIND: RecordKind = RecordKind::Plan;
    const VERSION: u32 = 1;
    fn record_id(&self) -> String {
        self.id.to_string()
    }
    fn rev(&self) -> u64 {
        self.rev
    }
    fn set_rev(&mut self, rev: u64) {
        self.rev = rev;
    }
}

impl StoredRecord for Inspection {
    const KIND: RecordKind = RecordKind::Inspection;
    const VERSION: u32 = 4;
    fn record_id(&self) -> String {
        self.id().to_string()
    }
    fn rev(&self) -> u64 {
        Inspection::rev(self)
    }
    fn set_rev(&mut self, rev: u64) {
        Inspection::set_rev(self, rev);
    }
    fn migrate(from_version: u32, data: Value) -> Result<Value, MigrateError> {
        match from_version {
            1 => inspection_v1_to_v2(data),
            2 => inspection_v2_to_v3(data),
            3 => inspection_v3_to_v4(data),
            from => Err(MigrateError::NoPath { from }),
        }
    }
}

/// Version 1 → 2 of an inspection (released step, never edit): every
/// recommendation (the findings' and the conclusion's) becomes a tracked
/// item "chưa thực hiện" with no updates; a finding's recommendation gains
/// an empty deadline (version 1 had none); findings gain no discipline case
/// and no amendment proposal. Anything not shaped like a version-1
/// inspection is refused (and so quarantined), never guessed at.
pub fn inspection_v1_to_v2(mut data: Value) -> Result<Value, MigrateError> {
    let bad = |message: &str| MigrateError::Invalid {
        from: 1,
        message: message.to_string(),
    };
    let tracking = || {
        json!({
            "status": "chua_thuc_hien",
            "reason": "",
            "closed_on": null,
            "updates": []
        })
    };
    let obj = data.as_object_mut().ok_or_else(|| bad("not an object"))?;
    if let Some(findings) = obj.get_mut("findings") {
        let list = findings
            .as_array_mut()
            .ok_or_else(|| bad("findings is not a list"))?;
        for f in list {
            let f = f
                .as_object_mut()
                .ok_or_else(|| bad("finding is not an object"))?;
            if let Some(r) = f.get_mut("recommendation").filter(|r| !r.is_null()) {
                let r = r
                    .as_object_mut()
                    .ok_or_else(|| bad("recommendation is not an object"))?;
                r.entry("deadline").or_insert(Value::Null);
                r.insert("tracking".into(), tracking());
            }
            f.entry("discipline").or_insert(Value::Null);
            f.entry("amendment").or_insert(Value::Null);
        }
    }
    if let Some(c) = obj.get_mut("conclusion") {
        let c = c
            .as_object_mut()
            .ok_or_else(|| bad("conclusion is not an object"))?;
        if let Some(recs) = c.get_mut("recommendations") {
            let recs = recs
                .as_array_mut()
                .ok_or_else(|| bad("recommendations is not a list"))?;
            for r in recs {
                r.as_object_mut()
                    .ok_or_else(|| bad("recommendation is not an object"))?
                    .insert("tracking".into(), tracking());
            }
        }
    }
    Ok(data)
}

/// Version 2 → 3 of an inspection (released step, never edit). Version 3
/// is the compact format (issue #14): fields at their default are left out,
/// and the answers of a run live in the run's own record
/// ([`super::RunAnswers`]) once that record is written. A version-2
/// inspection keeps its answers inside its runs, which version 3 still
/// reads (a run not yet stored apart), so the data is unchanged here: the
/// answers move to their own records at the first save after the start,
/// answers record first, and the raw version-2 text stays under its backup
/// key until the user confirms the migration. Anything that is not an
/// object is refused.
pub fn inspection_v2_to_v3(data: Value) -> Result<Value, MigrateError> {
    if !data.is_object() {
        return Err(MigrateError::Invalid {
            from: 2,
            message: "not an object".to_string(),
        });
    }
    Ok(data)
}

/// Version 3 → 4 of an inspection (issue #16, released step, never edit).
/// Version 4 adds `attachments` (references to photos and scanned
/// documents, [`crate::domain::evidence::Attachment`]) to findings; a
/// version-3 inspection has none, so its data is unchanged. The version is
/// raised so that an older app, which would drop the unknown field at its
/// next save, quarantines a version-4 record instead of losing references.
pub fn inspection_v3_to_v4(data: Value) -> Result<Value, MigrateError> {
    if !data.is_object() {
        return Err(MigrateError::Invalid {
            from: 3,
            message: "not an object".to_string(),
        });
    }
    Ok(data)
}

/// Every version of one checklist template, stored under one key: versions
/// are never edited, only added, so one record per template keeps the key
/// count small while each version stays intact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateFamily {
    /// The template's id.
    pub id: TemplateId,
    /// All its versions, oldest first.
    pub versions: Vec<Template>,
    /// Storage revision.
    #[serde(default)]
    pub rev: u64,
}

impl StoredRecord for TemplateFamily {
    const KIND: RecordKind = RecordKind::Template;
    const VERSION: u32 = 1;
    fn record_id(&self) -> String {
        self.id.as_str().to_string()
    }
    fn rev(&self) -> u64 {
        self.rev
    }
    fn set_rev(&mut self, rev: u64) {
        self.rev = rev;
    }
}

/// The settings singleton with its storage revision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredSettings {
    /// The user's settings.
    pub settings: Settings,
    /// Storage revision.
    #[serde(default)]
    pub rev: u64,
}

impl StoredRecord for StoredSettings {
    const KIND: RecordKind = RecordKind::Settings;
    const VERSION: u32 = 1;
    fn record_id(&self) -> String {
        "settings".to_string()
    }
    fn rev(&self) -> u64 {
        self.rev
    }
    fn set_rev(&mut self, rev: u64) {
        self.rev = rev;
    }
}
