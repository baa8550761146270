//! The bridge between the domain and durable storage, pure Rust: which
//! domain values are stored records (one key per plan, inspection, template
//! family, the settings, each periodic report, each yearly THPL report and each reporting round), how a workspace is assembled from what loaded
//! (never dropping a record because a related one is missing), how the
//! built-in templates join the library without ever replacing a version an
//! inspection is pinned to, and the autosave of changed records only.
//!
//! The browser layer (`state`) drives [`WorkspaceStore`] over localStorage;
//! the native tests drive it over `MemoryKv`.

mod answers;
pub mod archive;
pub mod backup_package;
mod records;
mod reports;
mod rounds;
mod store;
mod thpl;

pub use answers::{answers_v1_to_v2, RunAnswers};
pub use records::{
    inspection_v1_to_v2, inspection_v2_to_v3, inspection_v3_to_v4, StoredSettings, TemplateFamily,
};
pub use reports::{ExportStamp, ReportRecord};
pub use rounds::{round_v2_to_v3, round_v3_to_v4, RoundRecord};
pub use store::{decodes_as_stored, ChangeKey, ExternalOutcome, LoadSummary, WorkspaceStore};
pub use thpl::ThplRecord;
