//! The answers of one checklist run as a stored record of their own
//! (`kiemtra:answers:<inspection id>:<run id>`, schema version 1), apart from the inspection
//! (issue #14). Answering an item rewrites this record only: before, it
//! rewrote the whole inspection with every answer of every run (about 60 KB
//! for a 500-item checklist) and the index.
//!
//! Rules that keep every answer in at least one stored record while the
//! inspection (schema version 3) and its runs' records are written apart
//! (see `WorkspaceStore`):
//! - a run whose answers record is stored is "apart": the inspection record
//!   leaves its answers out; any other run keeps its answers inside the
//!   inspection record (an inspection migrated from version 1 or 2, a run
//!   whose record was never written), so writing the inspection can never
//!   drop an answer that is not stored elsewhere;
//! - the answers record of a run is written before the inspection record
//!   that leaves them out;
//! - when both hold answers for a run, the answers record wins (it is the
//!   one every answer since the split was written to);
//! - an answers record whose inspection is not loaded is left stored as it
//!   is, never deleted.
//!
//! Version 2 (the dense form, issue #14) stores the same answers grouped by
//! group instance with short values, because the answers are most of what a
//! workspace stores (71 % of the benchmark's M at version 1, 51 UTF-16 units
//! an answer, and localStorage counts two bytes a unit):
//! `{"A#0":{"A.1":"d","A.12":["k","Còn thiếu…"],"A.7":{…}}}`. A status-only
//! answer is its status as one letter (`d` đạt, `k` không đạt, `n` không áp
//! dụng, `c` chưa kiểm tra); a status with a note is `[letter, note]`; any
//! other answer (a value, evidence) is the whole answer object, as the
//! domain type writes it, so a field added to `Answer` later is kept, never
//! dropped by the short forms (they are taken only when the answer equals
//! exactly what they rebuild). Attachment references (issue #16, added in
//! the same release as the dense form, so within version 2) are such a field:
//! an answer with attachments is stored whole.

use crate::domain::answer::ItemStatus;
use crate::domain::answer::{Answer, AnswerKey};
use crate::domain::ids::{ChecklistRunId, InspectionId};
use crate::storage::{MigrateError, RecordKind, StoredRecord};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The answers of one checklist run, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunAnswers {
    /// The run (the record's id).
    pub run: ChecklistRunId,
    /// The inspection the run belongs to.
    pub inspection: InspectionId,
    /// The inspection's last change when these answers were written (an
    /// answer does not rewrite the inspection record, so its time of change
    /// is kept here; loading takes the later of the two).
    pub updated_at: DateTime<Utc>,
    /// Answers by key, stored in the dense form (see the module doc).
    #[serde(default, with = "dense")]
    pub answers: BTreeMap<AnswerKey, Answer>,
    /// Storage revision.
    #[serde(default)]
    pub rev: u64,
}

impl StoredRecord for RunAnswers {
    const KIND: RecordKind = RecordKind::Answers;
    const VERSION: u32 = 2;
    fn record_id(&self) -> String {
        super::store::answers_id(self.inspection, self.run)
    }
    fn migrate(from_version: u32, data: Value) -> Result<Value, MigrateError> {
        match from_version {
            1 => answers_v1_to_v2(data),
            from => Err(MigrateError::NoPath { from }),
        }
    }
    fn rev(&self) -> u64 {
        self.rev
    }
    fn set_rev(&mut self, rev: u64) {
        self.rev = rev;
    }
}

/// Version 1 → 2 of a run's answers record (released step, never edit): the
/// answers map keyed `group#instance/item` with each answer an object
/// becomes the dense form (see the module doc). Every answer is read as
/// version 1 wrote it and written back whole; an answer that does not read
/// refuses the step, so the record is quarantined with its raw text rather
/// than stored without it.
pub fn answers_v1_to_v2(mut data: Value) -> Result<Value, MigrateError> {
    let bad = |message: String| MigrateError::Invalid { from: 1, message };
    let obj = data
        .as_object_mut()
        .ok_or_else(|| bad("not an object".to_string()))?;
    let Some(old) = obj.remove("answers") else {
        return Ok(data);
    };
    let answers: BTreeMap<AnswerKey, Answer> =
        serde_json::from_value(old).map_err(|e| bad(e.to_string()))?;
    let dense = dense::serialize(&answers, serde_json::value::Serializer)
        .map_err(|e| bad(e.to_string()))?;
    obj.insert("answers".to_string(), dense);
    Ok(data)
}

/// The dense stored form of a run's answers (version 2).
mod dense {
    use super::*;
    use serde::de::Error as _;
    use serde::ser::SerializeMap;
    use serde::{Deserializer, Serializer};

    /// One stored answer: the short forms, or the whole answer.
    #[derive(Serialize, Deserialize)]
    #[serde(untagged)]
    enum Dense {
        /// Status only.
        Status(Letter),
        /// Status and note only.
        Noted(Letter, String),
        /// Anything else, whole.
        Whole(Answer),
    }

    /// A status as one letter.
    #[derive(Clone, Copy, Serialize, Deserialize)]
    enum Letter {
        #[serde(rename = "d")]
        Dat,
        #[serde(rename = "k")]
        KhongDat,
        #[serde(rename = "n")]
        KhongApDung,
        #[serde(rename = "c")]
        ChuaKiemTra,
    }

    impl From<ItemStatus> for Letter {
        fn from(s: ItemStatus) -> Self {
            match s {
                ItemStatus::Dat => Letter::Dat,
                ItemStatus::KhongDat => Letter::KhongDat,
                ItemStatus::KhongApDung => Letter::KhongApDung,
                ItemStatus::ChuaKiemTra => Letter::ChuaKiemTra,
            }
        }
    }

    impl From<Letter> for ItemStatus {
        fn from(l: Letter) -> Self {
            match l {
                Letter::Dat => ItemStatus::Dat,
                Letter::KhongDat => ItemStatus::KhongDat,
                Letter::KhongApDung => ItemStatus::KhongApDung,
                Letter::ChuaKiemTra => ItemStatus::ChuaKiemTra,
            }
        }
    }

    fn to_dense(a: &Answer) -> Dense {
        let status_only = Answer::status(a.status);
        if *a == status_only {
            Dense::Status(a.status.into())
        } else if *a == status_only.with_note(a.note.clone()) {
            Dense::Noted(a.status.into(), a.note.clone())
        } else {
            Dense::Whole(a.clone())
        }
    }

    fn from_dense(d: Dense) -> Answer {
        match d {
            Dense::Status(l) => Answer::status(l.into()),
            Dense::Noted(l, note) => Answer::status(l.into()).with_note(note),
            Dense::Whole(a) => a,
        }
    }

    pub fn serialize<S: Serializer>(
        answers: &BTreeMap<AnswerKey, Answer>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        // Keys are ordered by (group, instance, item), so each group
        // instance's answers are consecutive.
        let mut groups: Vec<(String, BTreeMap<&str, Dense>)> = Vec::new();
        let mut last: Option<(&str, u32)> = None;
        for (k, a) in answers {
            if last != Some((k.group.as_str(), k.instance)) {
                groups.push((format!("{}#{}", k.group, k.instance), BTreeMap::new()));
                last = Some((k.group.as_str(), k.instance));
            }
            if let Some((_, items)) = groups.last_mut() {
                items.insert(k.item.as_str(), to_dense(a));
            }
        }
        let mut map = s.serialize_map(Some(groups.len()))?;
        for (g, items) in &groups {
            map.serialize_entry(g, items)?;
        }
        map.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<AnswerKey, Answer>, D::Error> {
        let groups = BTreeMap::<String, BTreeMap<String, Dense>>::deserialize(d)?;
        let mut out = BTreeMap::new();
        for (g, items) in groups {
            for (item, a) in items {
                let key = AnswerKey::parse(&format!("{g}/{item}")).map_err(D::Error::custom)?;
                out.insert(key, from_dense(a));
            }
        }
        Ok(out)
    }
}
