//! Yearly THPL reports (báo cáo công tác theo dõi tình hình thi hành pháp
//! luật) as stored records, kind `thpl`: the report, when it was made and
//! changed, the date it was sent (for on time / late against its own due
//! date) and the stamp of its last export. Schema version 1; see
//! `records.rs` for the versioning rule. Like periodic reports, these live
//! outside the workspace.

use crate::domain::ids::ReportId;
use crate::report::thpl::ThplReport;
use crate::storage::{RecordKind, StoredRecord};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::ExportStamp;

/// One yearly THPL report as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThplRecord {
    /// Id.
    pub id: ReportId,
    /// The report.
    pub report: ThplReport,
    /// Date the written report was sent; `None` while unsent.
    #[serde(default)]
    pub sent_on: Option<NaiveDate>,
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

impl ThplRecord {
    /// A new record of `report`, unsent, never exported.
    pub fn new(id: ReportId, report: ThplReport, now: DateTime<Utc>) -> Self {
        Self {
            id,
            report,
            sent_on: None,
            created_at: now,
            updated_at: now,
            last_export: None,
            rev: 0,
        }
    }

    /// The content hash the report would have in an export now.
    pub fn current_sha256(&self) -> Option<String> {
        super::reports::sha256_now(&self.report)
    }

    /// True when exported and changed since.
    pub fn changed_since_export(&self) -> bool {
        super::reports::changed_since(self.last_export.as_ref(), &self.report)
    }
}

impl StoredRecord for ThplRecord {
    const KIND: RecordKind = RecordKind::Thpl;
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
