//! The migration chain: an old record's `data` is upgraded one version at a
//! time through `StoredRecord::migrate` until it reaches the type's current
//! version. Steps are immutable once released; a shape change adds a step.
//! Also the table of supported versions used where no record type is at
//! hand (restore preview).

use std::collections::BTreeMap;

use serde_json::Value;

use super::error::MigrateError;
use super::keys::RecordKind;
use super::record::StoredRecord;

/// Schema version of every kind in this release (nothing released yet).
pub const CURRENT_VERSION: u32 = 1;
/// Version of the index envelope format (2: keys only, see `index`).
pub const INDEX_VERSION: u32 = 2;
/// Version of the workspace backup file format.
pub const BACKUP_FILE_VERSION: u32 = 1;

/// Upgrade `data` stored at `from` to `T::VERSION`, step by step.
pub fn upgrade<T: StoredRecord>(from: u32, data: Value) -> Result<Value, MigrateError> {
    let mut version = from;
    let mut data = data;
    while version < T::VERSION {
        data = T::migrate(version, data)?;
        version += 1;
    }
    Ok(data)
}

/// Current schema version per kind, for code that handles raw envelopes of
/// any kind. Build it from the record types so the numbers are not copied:
/// `SchemaVersions::default().with::<Plan>().with::<Inspection>()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaVersions {
    versions: BTreeMap<RecordKind, u32>,
}

impl Default for SchemaVersions {
    /// Every kind at `CURRENT_VERSION`.
    fn default() -> Self {
        Self {
            versions: RecordKind::ALL
                .iter()
                .map(|k| (*k, CURRENT_VERSION))
                .collect(),
        }
    }
}

impl SchemaVersions {
    /// Take `T::VERSION` as the supported version of `T::KIND`.
    pub fn with<T: StoredRecord>(mut self) -> Self {
        self.versions.insert(T::KIND, T::VERSION);
        self
    }

    /// Supported version of `kind`.
    pub fn of(&self, kind: RecordKind) -> u32 {
        self.versions.get(&kind).copied().unwrap_or(CURRENT_VERSION)
    }
}
