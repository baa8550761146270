//! Periodic reports (báo cáo định kỳ) as stored records: the report itself,
//! when it was made and changed, and the stamp of its last export (who
//! exported it, when, the file name and the content hash written in the
//! file), so the list can say "exported at … (hash …)" or "changed since
//! the export". Schema version 1; see `records.rs` for the versioning rule.

use crate::domain::ids::ReportId;
use crate::report::PeriodicReport;
use crate::storage::{RecordKind, StoredRecord};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The stamp of an export: enough to recognise the file later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportStamp {
    /// When the file was generated (its `generated_at`).
    pub at: DateTime<Utc>,
    /// The exporter's name, as typed by the user.
    pub by: String,
    /// The `content_sha256` written in the file.
    pub content_sha256: String,
    /// The file name offered for download.
    pub file_name: String,
}

/// The content hash `report` would have in an export now (the same canonical
/// hash as the file's `content_sha256`); `None` when it has no canonical
/// form (e.g. a count beyond 2^53 − 1). For every kind of report record.
pub(super) fn sha256_now(report: &impl Serialize) -> Option<String> {
    let value = serde_json::to_value(report).ok()?;
    crate::report::content_sha256(&value).ok()
}

/// True when `report` was exported (`last`) and has changed since: its
/// content hash differs from the one written in the last file.
pub(super) fn changed_since(last: Option<&ExportStamp>, report: &impl Serialize) -> bool {
    last.is_some_and(|stamp| sha256_now(report).as_deref() != Some(stamp.content_sha256.as_str()))
}

/// One periodic report as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRecord {
    /// Id.
    pub id: ReportId,
    /// The report.
    pub report: PeriodicReport,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// The last export, if any.
    #[serde(default)]
    pub last_export: Option<ExportStamp>,
    /// Storage revision.
    #[serde(default)]
    pub rev: u64,
}

impl ReportRecord {
    /// A new record of `report`, never exported.
    pub fn new(id: ReportId, report: PeriodicReport, now: DateTime<Utc>) -> Self {
        Self {
            id,
            report,
            created_at: now,
            updated_at: now,
            last_export: None,
            rev: 0,
        }
    }

    /// The content hash the report would have in an export now (the same
    /// canonical hash as the file's `content_sha256`); `None` when the
    /// report has no canonical form (e.g. a count beyond 2^53 − 1).
    pub fn current_sha256(&self) -> Option<String> {
        sha256_now(&self.report)
    }

    /// True when the report was exported and has changed since: its content
    /// hash differs from the one written in the last file.
    pub fn changed_since_export(&self) -> bool {
        changed_since(self.last_export.as_ref(), &self.report)
    }
}

impl StoredRecord for ReportRecord {
    const KIND: RecordKind = RecordKind::Report;
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
