//! Typed storage errors. No user-facing text here: `i18n` maps each variant
//! to Vietnamese/English messages.

use super::kv::KvError;

/// Why a migration step could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MigrateError {
    /// No migration step exists from this version.
    #[error("no migration path from version {from}")]
    NoPath {
        /// Version the data is at.
        from: u32,
    },
    /// The step ran but the data did not have the expected shape.
    #[error("migration from version {from} failed: {message}")]
    Invalid {
        /// Version the step started from.
        from: u32,
        /// Parser or step message.
        message: String,
    },
}

/// Every way a storage operation can fail.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StorageError {
    /// The browser quota is full; nothing was written for this operation.
    #[error("storage quota exceeded while writing {key}")]
    QuotaExceeded {
        /// Key whose write failed.
        key: String,
    },
    /// Storage cannot be used (disabled, private mode, security error).
    #[error("storage unavailable")]
    Unavailable,
    /// Another backend failure.
    #[error("storage backend error on {key}: {message}")]
    Backend {
        /// Key involved.
        key: String,
        /// Backend message.
        message: String,
    },
    /// The key holds (or held) a quarantined value; writes are refused until
    /// the user discards or restores it.
    #[error("{key} is quarantined")]
    Quarantined {
        /// Original record key.
        key: String,
    },
    /// The stored value was written by a newer app version; it is never
    /// overwritten by this version.
    #[error("{key} was written by a newer schema version {version} (supported {supported})")]
    NewerVersion {
        /// Record key.
        key: String,
        /// Version found.
        version: u32,
        /// Version this app writes.
        supported: u32,
    },
    /// The stored revision differs from the one this tab based its edit on.
    #[error("revision conflict on {key}: ours {ours:?}, theirs {theirs:?}")]
    Conflict {
        /// Record key.
        key: String,
        /// Base revision of this tab (`None`: never loaded/saved here).
        ours: Option<u64>,
        /// Revision in storage (`None`: absent).
        theirs: Option<u64>,
    },
    /// Serialising a record failed (a bug in the record type).
    #[error("could not serialise {key}: {message}")]
    Serialize {
        /// Record key.
        key: String,
        /// serde_json message.
        message: String,
    },
    /// Reading back a just-written value gave different bytes.
    #[error("write of {key} could not be verified")]
    VerifyFailed {
        /// Record key.
        key: String,
    },
    /// `confirm_migration` was called while the original key still holds the
    /// old version (the migrated record was never written back).
    #[error("migration of {key} is not persisted yet")]
    MigrationNotPersisted {
        /// Record key.
        key: String,
    },
    /// `restore_quarantined`/`discard_quarantined` on a key that is not quarantined.
    #[error("{key} is not quarantined")]
    NotQuarantined {
        /// Record key.
        key: String,
    },
    /// A quarantined value still cannot be loaded by this version.
    #[error("{key} still cannot be loaded")]
    StillUnloadable {
        /// Record key.
        key: String,
    },
    /// Restoring a quarantined value would overwrite an existing record.
    #[error("{key} already holds another value")]
    TargetOccupied {
        /// Record key.
        key: String,
    },
    /// `apply_restore` was given a preview with errors; nothing was written.
    #[error("restore file rejected with {errors} error(s)")]
    RestoreRejected {
        /// Number of errors in the preview.
        errors: usize,
    },
}

impl StorageError {
    /// Attach the key to a backend error.
    pub fn from_kv(key: &str, err: KvError) -> Self {
        match err {
            KvError::QuotaExceeded => StorageError::QuotaExceeded {
                key: key.to_string(),
            },
            KvError::Unavailable => StorageError::Unavailable,
            KvError::Other(message) => StorageError::Backend {
                key: key.to_string(),
                message,
            },
        }
    }

    /// True for errors worth retrying later without user action
    /// (quota may be freed, storage may come back).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            StorageError::QuotaExceeded { .. }
                | StorageError::Unavailable
                | StorageError::Backend { .. }
                | StorageError::VerifyFailed { .. }
        )
    }
}
