//! Reports for the Department of Justice (Sở Tư pháp): reporting periods and
//! due dates, the periodic XLVPHC report and its checks, the inspection
//! report, the export envelope with its canonical JSON hash, file checking,
//! the JSON Schema and export file names. Pure Rust; the DTOs do not use
//! `crate::domain`: the integrator's mapping lives apart, in [`from_domain`].

pub mod amendments;
pub mod canonical;
pub mod document;
pub mod document_build;
pub mod envelope;
pub mod file_name;
pub mod from_domain;
pub mod inspection;
pub mod jcs;
pub mod key_trust;
pub mod one_walk;
pub mod package;
pub mod period;
pub mod periodic;
pub mod periodic_checks;
pub mod round;
pub mod schema;
pub mod signature;
pub mod thpl;
pub mod verify;
pub mod xlsx;

pub use canonical::{content_sha256, CanonicalError};
pub use envelope::{
    export, export_json, export_unhashed, prepare_signed, ExportError, ExportedFile, ReportContent,
    ReportEnvelope, ToSign, Unhashed, SCHEMA_ID, SCHEMA_VERSION,
};
pub use file_name::export_file_name;
pub use inspection::InspectionReport;
pub use period::{timeliness, Regime, ReportPeriod, ReporterLevel, Timeliness};
pub use periodic::{PeriodicReport, ReportingUnit};
pub use periodic_checks::{completeness, consistency, ConsistencyIssue, MissingField};
pub use verify::{verify, verify_checked, VerifyResult};
