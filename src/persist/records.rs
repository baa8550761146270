//! `StoredRecord` for the domain types. Every kind is at schema version 1:
//! nothing older has been released, so there is no migration step yet; the
//! first change of a stored shape must add version 2 and a step here, with a
//! fixture of version 1 under `tests/fixtures/persist/`.

use crate::domain::ids::TemplateId;
use crate::domain::inspection::Inspection;
use crate::domain::plan::Plan;
use crate::domain::template::Template;
use crate::domain::workspace::Settings;
use crate::storage::{RecordKind, StoredRecord};
use serde::{Deserialize, Serialize};

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
    const VERSION: u32 = 1;
    fn record_id(&self) -> String {
        self.id().to_string()
    }
    fn rev(&self) -> u64 {
        Inspection::rev(self)
    }
    fn set_rev(&mut self, rev: u64) {
        Inspection::set_rev(self, rev);
    }
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
