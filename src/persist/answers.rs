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
use crate::domain::answers::{AnswerMap, Answers};
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
    /// Answers by key, stored in the dense form (see the module doc). Read
    /// from a stored record, they are decoded on first read
    /// ([`crate::domain::answers`]): a start checks the record's envelope,
    /// ids and JSON, and leaves the answers themselves for when a page,
    /// a report or a save first needs them.
    #[serde(default, with = "dense")]
    pub answers: Answers,
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
    fn check_deferred(&self) -> Result<(), String> {
        self.answers
            .failure()
            .map_or(Ok(()), |why| Err(why.to_string()))
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
    let dense = dense::serialize(&Answers::new(answers), serde_json::value::Serializer)
        .map_err(|e| bad(e.to_string()))?;
    obj.insert("answers".to_string(), dense);
    Ok(data)
}

/// The dense stored form of a run's answers (version 2).
mod dense {
    use super::*;
    use serde::de::value::MapAccessDeserializer;
    use serde::de::{DeserializeSeed, Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use serde::ser::SerializeMap;
    use serde::{Deserializer, Serializer};
    use std::borrow::Cow;
    use std::fmt;

    /// One stored answer: the short forms, or the whole answer.
    #[derive(Serialize)]
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
    #[derive(Clone, Copy, Serialize)]
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

    pub fn serialize<S: Serializer>(answers: &Answers, s: S) -> Result<S::Ok, S::Error> {
        // Keys are ordered by (group, instance, item), so each group
        // instance's answers are consecutive.
        let mut groups: Vec<(String, BTreeMap<&str, Dense>)> = Vec::new();
        let mut last: Option<(&str, u32)> = None;
        for (k, a) in answers.iter() {
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

    /// Keeps the answers' text (checked as JSON by the capture) for
    /// [`decode`] on first read.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Answers, D::Error> {
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        Ok(Answers::lazy(raw.get(), decode))
    }

    /// Decodes the dense form's text.
    pub fn decode(text: &str) -> Result<AnswerMap, String> {
        let mut de = serde_json::Deserializer::from_str(text);
        let map = de.deserialize_map(Groups).map_err(|e| e.to_string())?;
        de.end().map_err(|e| e.to_string())?;
        Ok(map)
    }

    // The decoder is written by hand rather than derived (an untagged enum
    // inside two nested maps): serde's untagged enums buffer every value
    // and try each shape in turn, and the keys went through a `format!`
    // and a parse each. The answers records are most of what a start reads
    // (issue #14: this decoder was 41 % of `WorkspaceStore::open` natively).
    // It accepts exactly what the derived one did: a group instance key
    // `group#instance`, item keys, and for each answer a letter, a
    // `[letter, note]` pair or a whole answer object.

    /// The outer map: group instance → its items.
    struct Groups;

    impl<'de> Visitor<'de> for Groups {
        type Value = BTreeMap<AnswerKey, Answer>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("answers grouped by group instance")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some(g) = map.next_key::<Text<'de>>()? {
                let (group, instance) =
                    AnswerKey::parse_group_instance(&g.0).map_err(A::Error::custom)?;
                map.next_value_seed(Items {
                    group,
                    instance,
                    out: &mut out,
                })?;
            }
            Ok(out)
        }
    }

    /// The items of one group instance, put straight into the answers.
    struct Items<'a> {
        group: &'a str,
        instance: u32,
        out: &'a mut BTreeMap<AnswerKey, Answer>,
    }

    impl<'de> DeserializeSeed<'de> for Items<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_map(self)
        }
    }

    impl<'de> Visitor<'de> for Items<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("the answers of one group instance")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(item) = map.next_key::<Text<'de>>()? {
                AnswerKey::check_item(&item.0).map_err(A::Error::custom)?;
                let answer = map.next_value_seed(OneAnswer)?;
                self.out.insert(
                    AnswerKey::new(self.group, self.instance, item.0.into_owned()),
                    answer,
                );
            }
            Ok(())
        }
    }

    /// One stored answer: a letter, `[letter, note]`, or a whole answer.
    struct OneAnswer;

    impl<'de> DeserializeSeed<'de> for OneAnswer {
        type Value = Answer;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Answer, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for OneAnswer {
        type Value = Answer;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a status letter, [letter, note] or an answer")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Answer, E> {
            Ok(Answer::status(letter(v)?.into()))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Answer, A::Error> {
            let l: Text<'de> = seq
                .next_element()?
                .ok_or_else(|| A::Error::invalid_length(0, &self))?;
            let note: String = seq
                .next_element()?
                .ok_or_else(|| A::Error::invalid_length(1, &self))?;
            if seq.next_element::<IgnoredAny>()?.is_some() {
                return Err(A::Error::invalid_length(3, &self));
            }
            Ok(Answer::status(letter(&l.0)?.into()).with_note(note))
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Answer, A::Error> {
            Answer::deserialize(MapAccessDeserializer::new(map))
        }
    }

    /// A string borrowed from the input when it has no escapes (serde's
    /// own `Cow<str>` always copies).
    struct Text<'de>(Cow<'de, str>);

    impl<'de> Deserialize<'de> for Text<'de> {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_str(TextVisitor)
        }
    }

    struct TextVisitor;

    impl<'de> Visitor<'de> for TextVisitor {
        type Value = Text<'de>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
            Ok(Text(Cow::Borrowed(v)))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text<'de>, E> {
            Ok(Text(Cow::Owned(v.to_string())))
        }
    }

    fn letter<E: serde::de::Error>(v: &str) -> Result<Letter, E> {
        Ok(match v {
            "d" => Letter::Dat,
            "k" => Letter::KhongDat,
            "n" => Letter::KhongApDung,
            "c" => Letter::ChuaKiemTra,
            other => return Err(E::unknown_variant(other, &["d", "k", "n", "c"])),
        })
    }
}
