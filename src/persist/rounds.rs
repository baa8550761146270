//! Reporting rounds (đợt báo cáo) of the Department of Justice as stored
//! records: the round (period, regime, due date, expected units, the files
//! received with their canonical content, the urging letters) with its
//! creation and change times. Schema version 2; see `records.rs` for the
//! versioning rule. A round lives outside the workspace, like periodic
//! reports.

use crate::domain::ids::RoundId;
use crate::report::round::Round;
use crate::storage::{RecordKind, StoredRecord};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One reporting round as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundRecord {
    /// Id.
    pub id: RoundId,
    /// The round.
    pub round: Round,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
    /// Storage revision.
    #[serde(default)]
    pub rev: u64,
}

impl RoundRecord {
    /// A new record of `round`.
    pub fn new(id: RoundId, round: Round, now: DateTime<Utc>) -> Self {
        Self {
            id,
            round,
            created_at: now,
            updated_at: now,
            rev: 0,
        }
    }
}

impl StoredRecord for RoundRecord {
    const KIND: RecordKind = RecordKind::Round;
    /// 2: the received reports carry the signer and Nơi nhận (`nguoi_ky`,
    /// `noi_nhan`, added to the report family in 1.1, issue #13).
    const VERSION: u32 = 2;
    fn record_id(&self) -> String {
        self.id.to_string()
    }
    fn rev(&self) -> u64 {
        self.rev
    }
    fn set_rev(&mut self, rev: u64) {
        self.rev = rev;
    }
    /// 1 → 2: nothing to rewrite. A version 1 report has no signer and no
    /// Nơi nhận, which read as blank and empty, as they do in a 1.0 report
    /// file; its content hash stays the one it was received with.
    fn migrate(
        from_version: u32,
        data: serde_json::Value,
    ) -> Result<serde_json::Value, crate::storage::MigrateError> {
        match from_version {
            1 => Ok(data),
            from => Err(crate::storage::MigrateError::NoPath { from }),
        }
    }
}
