//! The contract a record type must meet to be stored (`StoredRecord`), and
//! what loading one record can yield (`LoadOutcome`). Storage never names a
//! domain type: the domain implements `StoredRecord` for its own types.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::MigrateError;
use super::keys::RecordKind;

/// A record type that lives under its own key inside a versioned envelope.
///
/// The envelope revision is owned by storage: on load the record gets the
/// stored `rev` through `set_rev`, on save it gets the new one.
pub trait StoredRecord: Serialize + DeserializeOwned + Clone {
    /// Which kind (and therefore key prefix and schema id) this type is.
    const KIND: RecordKind;
    /// Current schema version of `data` for this type (1 for every kind
    /// until a release changes a shape).
    const VERSION: u32;
    /// Stable id used in the key (ignored for the settings singleton).
    fn record_id(&self) -> String;
    /// Storage revision this copy is based on.
    fn rev(&self) -> u64;
    /// Set the storage revision.
    fn set_rev(&mut self, rev: u64);
    /// One migration step: turn `data` at `from_version` into data at
    /// `from_version + 1`. The default has no path, so old data is reported
    /// corrupt (and quarantined) instead of guessed at.
    fn migrate(
        from_version: u32,
        data: serde_json::Value,
    ) -> Result<serde_json::Value, MigrateError> {
        let _ = data;
        Err(MigrateError::NoPath { from: from_version })
    }
    /// Reads what the record's deserializer left for later, if anything
    /// (a run's answers are decoded on first read: `domain::answers`), and
    /// says why it does not read. A start leaves it for later; every other
    /// read of a stored value (another tab's change, a value about to be
    /// overwritten, a restore's or an archive's checks, the recovery page)
    /// reads the record whole through it.
    fn check_deferred(&self) -> Result<(), String> {
        Ok(())
    }
}

/// Why a stored value could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorruptReason {
    /// Not JSON, or JSON without the envelope fields.
    Envelope {
        /// Parser message.
        message: String,
    },
    /// The envelope's schema id does not match the key's kind.
    WrongSchema {
        /// Schema id found.
        found: String,
    },
    /// `data` does not deserialise into the record type.
    Data {
        /// Parser message.
        message: String,
    },
    /// `data` holds a record whose id differs from the key's id.
    IdMismatch {
        /// Id found in the data.
        found: String,
    },
    /// An older version that cannot be migrated.
    Migration(MigrateError),
}

/// Result of loading one record key.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadOutcome<T> {
    /// Nothing stored under the key.
    New,
    /// Current version, loaded as is.
    Loaded(T),
    /// An older version upgraded in memory (and written back when possible);
    /// the raw old value waits under the backup key until
    /// `confirm_migration`.
    Migrated {
        /// Upgraded record.
        record: T,
        /// Version it was stored at.
        from: u32,
    },
    /// Unusable value; quarantined and excluded from the working set.
    Corrupt {
        /// The exact stored text, for download.
        raw: String,
        /// Why it is unusable.
        reason: CorruptReason,
    },
    /// Written by a newer app version; quarantined, never overwritten.
    FromNewer {
        /// The exact stored text, for download.
        raw: String,
        /// Version found.
        version: u32,
    },
    /// Quarantined in an earlier session and not yet resolved by the user
    /// (`discard_quarantined` or `restore_quarantined`).
    Quarantined {
        /// The quarantined text, for download.
        raw: String,
        /// Why it is (still) quarantined.
        reason: QuarantineReason,
    },
}

/// Why a record is quarantined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuarantineReason {
    /// The value is unusable.
    Corrupt(CorruptReason),
    /// Written by a newer schema version.
    FromNewer {
        /// Version found.
        version: u32,
    },
    /// Quarantined earlier but loadable by this version now (e.g. after an
    /// app update): `restore_quarantined` will bring it back.
    Restorable,
}

impl<T> LoadOutcome<T> {
    /// The usable record, if any.
    pub fn record(&self) -> Option<&T> {
        match self {
            LoadOutcome::Loaded(r) | LoadOutcome::Migrated { record: r, .. } => Some(r),
            _ => None,
        }
    }

    /// Consume into the usable record, if any.
    pub fn into_record(self) -> Option<T> {
        match self {
            LoadOutcome::Loaded(r) | LoadOutcome::Migrated { record: r, .. } => Some(r),
            _ => None,
        }
    }
}
