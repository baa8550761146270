//! Reporting rounds (đợt báo cáo) of the Department of Justice as stored
//! records: the round (period, regime, due date, expected units, the files
//! received with their canonical content, the urging letters) with its
//! creation and change times. Schema version 4; see `records.rs` for the
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
    /// 3: signed files (issue #15): each received file names the key that
    /// signed it (`khoa_ky`), the round keeps the keys it accepted per unit
    /// (`khoa`), the files held because their key changed (`cho_quyet_dinh`)
    /// and the choices made on them (`quyet_dinh_khoa`).
    /// 4: the THPL files of a THPL round name the key that signed them too
    /// (`tep_thpl[].khoa_ky`): the key rules apply to THPL rounds.
    const VERSION: u32 = 4;
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
            2 => round_v2_to_v3(data),
            3 => round_v3_to_v4(data),
            from => Err(crate::storage::MigrateError::NoPath { from }),
        }
    }
}

/// Version 2 → 3 of a round (released step, never edit): every file
/// received before was unsigned (`khoa_ky: null`); no key accepted, no file
/// held, no choice made. Anything not shaped like a round is refused (and so
/// quarantined), never guessed at.
pub fn round_v2_to_v3(
    mut data: serde_json::Value,
) -> Result<serde_json::Value, crate::storage::MigrateError> {
    use serde_json::Value;
    let bad = |message: &str| crate::storage::MigrateError::Invalid {
        from: 2,
        message: message.to_string(),
    };
    let round = data
        .get_mut("round")
        .and_then(Value::as_object_mut)
        .ok_or_else(|| bad("no round object"))?;
    let files = round
        .get_mut("tep")
        .and_then(Value::as_array_mut)
        .ok_or_else(|| bad("no file list"))?;
    for f in files.iter_mut() {
        f.as_object_mut()
            .ok_or_else(|| bad("a file is not an object"))?
            .insert("khoa_ky".to_owned(), Value::Null);
    }
    for list in ["khoa", "cho_quyet_dinh", "quyet_dinh_khoa"] {
        round.insert(list.to_owned(), Value::Array(Vec::new()));
    }
    Ok(data)
}

/// Version 3 → 4 of a round (released step, never edit): every THPL file
/// received before was unsigned as far as the round knew (`khoa_ky: null`);
/// a round without THPL files (every XLVPHC round) is unchanged. Anything
/// not shaped like a round is refused (and so quarantined), never guessed at.
pub fn round_v3_to_v4(
    mut data: serde_json::Value,
) -> Result<serde_json::Value, crate::storage::MigrateError> {
    use serde_json::Value;
    let bad = |message: &str| crate::storage::MigrateError::Invalid {
        from: 3,
        message: message.to_string(),
    };
    let round = data
        .get_mut("round")
        .and_then(Value::as_object_mut)
        .ok_or_else(|| bad("no round object"))?;
    if !round.get("tep").is_some_and(Value::is_array) {
        return Err(bad("no file list"));
    }
    match round.get_mut("tep_thpl") {
        None => {}
        Some(Value::Array(files)) => {
            for f in files.iter_mut() {
                f.as_object_mut()
                    .ok_or_else(|| bad("a THPL file is not an object"))?
                    .insert("khoa_ky".to_owned(), Value::Null);
            }
        }
        Some(_) => return Err(bad("the THPL file list is not a list")),
    }
    Ok(data)
}
