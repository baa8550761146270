//! Durable storage of records in a key-value store (localStorage in the
//! browser), with versioned envelopes, migrations and quarantine. Pure Rust:
//! generic over record types through `StoredRecord`, it never names a domain
//! type, and the browser layer only implements `KvStore`.
//!
//! Layout: `keys` (every key name), `kv` (the store trait, `MemoryKv`),
//! `codec` (plain or compressed stored text), `envelope` (on-disk format), `record` (`StoredRecord`, load outcomes),
//! `migrate` (upgrade chain), `repo` (save/delete with revision checks),
//! `load` (`load_all`), `index`, `quarantine` (quarantine and migration
//! backups), `external` (other tabs), `queue` (autosave), `backup` and
//! `restore` (workspace file), `usage` (health screen), `journal` (the
//! write-ahead copy of unsaved edits).

pub mod backup;
pub mod codec;
pub mod envelope;
pub mod error;
pub mod external;
pub mod index;
pub mod journal;
pub mod keys;
pub mod kv;
pub mod load;
pub mod migrate;
pub mod quarantine;
pub mod queue;
pub mod record;
pub mod repo;
pub mod restore;
pub mod usage;

pub use backup::{RestoreConflict, RestoreError, RestoreOptions, RestorePreview, RevInfo};
pub use codec::{decode_stored, encode_stored};
pub use envelope::EnvelopeHeader;
pub use error::{MigrateError, StorageError};
pub use external::ExternalChange;
pub use index::{IndexData, IndexProblem, IndexStatus};
pub use journal::{JournalEntry, Replayed};
pub use keys::{ParsedKey, RecordKind};
pub use kv::{KvError, KvStore, MemoryKv};
pub use load::{LoadNote, LoadReport, MigratedNote, QuarantineNote};
pub use migrate::SchemaVersions;
pub use quarantine::{MigrationBackup, QuarantinedEntry};
pub use queue::{FlushReport, SaveQueue, SaveStatus};
pub use record::{CorruptReason, LoadOutcome, QuarantineReason, StoredRecord};
pub use repo::{DeleteOutcome, Repository, SaveOutcome};
pub use restore::{RestoreChoice, RestorePlan, RestoreReport, RestoreWrite};
pub use usage::{Usage, UsageReport};
