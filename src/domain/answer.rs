//! Answers to checklist items (câu trả lời) and their keys. Every item carries
//! a status (đạt / không đạt / không áp dụng / chưa kiểm tra) plus, for items
//! that are not pure status items, a typed value; a note and evidence
//! references go with any answer.

use crate::domain::template::{AnswerType, Item};
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Assessment of one item. Serialises as `dat`, `khong_dat`, `khong_ap_dung`,
/// `chua_kiem_tra` (the default: not yet checked).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Đạt (meets the requirement).
    Dat,
    /// Không đạt (does not meet it).
    KhongDat,
    /// Không áp dụng (not applicable).
    KhongApDung,
    /// Chưa kiểm tra (not yet checked).
    #[default]
    ChuaKiemTra,
}

impl ItemStatus {
    /// Chưa kiểm tra (the default, left out of stored answers).
    pub fn is_unchecked(&self) -> bool {
        *self == ItemStatus::ChuaKiemTra
    }
}

/// A document listed in an answer (văn bản): type, number and code, date,
/// summary (trích yếu).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentEntry {
    /// Type, e.g. "Kế hoạch", "Quyết định", "Công văn".
    pub doc_type: String,
    /// Number and code as written on the document (not forced to NĐ 30 form,
    /// since older documents exist).
    pub number: String,
    /// Date of issue.
    pub date: Option<NaiveDate>,
    /// Summary line.
    pub summary: String,
}

/// Typed value of an answer. Serialises as `{"type": "count", "value": 3}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum AnswerValue {
    /// có / không.
    YesNo(bool),
    /// A count.
    Count(u64),
    /// An amount in đồng (≥ 0).
    Money(i64),
    /// A date.
    Date(NaiveDate),
    /// Free text.
    Text(String),
    /// Documents.
    Documents(Vec<DocumentEntry>),
}

impl AnswerValue {
    /// The answer type this value belongs to.
    pub fn answer_type(&self) -> AnswerType {
        match self {
            AnswerValue::YesNo(_) => AnswerType::YesNo,
            AnswerValue::Count(_) => AnswerType::Count,
            AnswerValue::Money(_) => AnswerType::Money,
            AnswerValue::Date(_) => AnswerType::Date,
            AnswerValue::Text(_) => AnswerType::Text,
            AnswerValue::Documents(_) => AnswerType::Documents,
        }
    }
}

/// The answer to one item (in one instance of its group).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    // Fields at their default are left out of the stored JSON (the compact
    // stored format, issue #14): a status-only answer is `{"status":"dat"}`.
    /// Assessment.
    #[serde(default, skip_serializing_if = "ItemStatus::is_unchecked")]
    pub status: ItemStatus,
    /// Typed value; always `None` for `status` items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<AnswerValue>,
    /// Inspector's note (ghi chú).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Evidence references (tài liệu, biên bản, ảnh…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// Attached photos and scanned documents (references; the bytes are in
    /// the browser's database, see [`crate::domain::evidence`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<crate::domain::evidence::Attachment>,
}

/// Why an answer does not fit its item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnswerError {
    /// The value's type is not the item's answer type.
    #[error("item {item} expects {expected:?}, got {got:?}")]
    TypeMismatch {
        /// Item code.
        item: String,
        /// Item's type.
        expected: AnswerType,
        /// Value's type.
        got: AnswerType,
    },
    /// A negative amount of money.
    #[error("item {item}: negative amount")]
    NegativeMoney {
        /// Item code.
        item: String,
    },
}

impl Answer {
    /// A status-only answer.
    pub fn status(status: ItemStatus) -> Self {
        Self {
            status,
            ..Self::default()
        }
    }

    /// An answer with a value (status left at chưa kiểm tra).
    pub fn value(value: AnswerValue) -> Self {
        Self {
            value: Some(value),
            ..Self::default()
        }
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = note.into();
        self
    }

    /// Sets the status.
    pub fn with_status(mut self, status: ItemStatus) -> Self {
        self.status = status;
        self
    }

    /// Checks that the answer fits the item's answer type.
    pub fn check_against(&self, item: &Item) -> Result<(), AnswerError> {
        if let Some(v) = &self.value {
            if v.answer_type() != item.answer {
                return Err(AnswerError::TypeMismatch {
                    item: item.code.clone(),
                    expected: item.answer,
                    got: v.answer_type(),
                });
            }
            if let AnswerValue::Money(m) = v {
                if *m < 0 {
                    return Err(AnswerError::NegativeMoney {
                        item: item.code.clone(),
                    });
                }
            }
        }
        Ok(())
    }

    /// Whether the item counts as answered: a status item needs a status other
    /// than chưa kiểm tra; other items need a value (non-blank text) or the
    /// status không áp dụng.
    pub fn is_answered(&self, answer_type: AnswerType) -> bool {
        if self.status == ItemStatus::KhongApDung {
            return true;
        }
        match answer_type {
            AnswerType::Status => self.status != ItemStatus::ChuaKiemTra,
            _ => match &self.value {
                None => false,
                Some(AnswerValue::Text(s)) => !s.trim().is_empty(),
                Some(_) => true,
            },
        }
    }
}

/// Address of an answer: group code, instance of the group (0 for
/// non-repeating groups; 0, 1, 2 … for repeating ones) and item code.
/// Serialises as the string `"<group>#<instance>/<item>"`, e.g.
/// `"II.B#2/II.B.3"` or `"I#0/I.1"`, so it works as a JSON map key. Codes
/// cannot contain `#` or `/` (template validation forbids them).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AnswerKey {
    /// Group code.
    pub group: String,
    /// Instance number.
    pub instance: u32,
    /// Item code.
    pub item: String,
}

/// Why a string is not an answer key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AnswerKeyError {
    /// Not `group#instance/item`.
    #[error("answer key must look like group#instance/item")]
    WrongShape,
    /// Instance not a canonical decimal number.
    #[error("bad instance number")]
    BadInstance,
}

impl AnswerKey {
    /// Builds a key.
    pub fn new(group: impl Into<String>, instance: u32, item: impl Into<String>) -> Self {
        Self {
            group: group.into(),
            instance,
            item: item.into(),
        }
    }

    /// Parses `group#instance/item`.
    pub fn parse(s: &str) -> Result<Self, AnswerKeyError> {
        let (left, item) = s.split_once('/').ok_or(AnswerKeyError::WrongShape)?;
        let (group, instance) = Self::parse_group_instance(left)?;
        Self::check_item(item)?;
        Ok(Self::new(group, instance, item))
    }

    /// Parses the `group#instance` part of a key (the stored answers group
    /// their items under it).
    pub fn parse_group_instance(s: &str) -> Result<(&str, u32), AnswerKeyError> {
        let (group, inst) = s.split_once('#').ok_or(AnswerKeyError::WrongShape)?;
        if group.is_empty() || group.contains('/') {
            return Err(AnswerKeyError::WrongShape);
        }
        let canonical_digits = !inst.is_empty()
            && inst.bytes().all(|b| b.is_ascii_digit())
            && (inst == "0" || !inst.starts_with('0'));
        if !canonical_digits {
            return Err(AnswerKeyError::BadInstance);
        }
        let instance = inst.parse().map_err(|_| AnswerKeyError::BadInstance)?;
        Ok((group, instance))
    }

    /// Checks the item part of a key: not empty, no `/` or `#`.
    pub fn check_item(item: &str) -> Result<(), AnswerKeyError> {
        if item.is_empty() || item.contains(['/', '#']) {
            return Err(AnswerKeyError::WrongShape);
        }
        Ok(())
    }
}

impl fmt::Display for AnswerKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}/{}", self.group, self.instance, self.item)
    }
}

impl std::str::FromStr for AnswerKey {
    type Err = AnswerKeyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl Serialize for AnswerKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for AnswerKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        AnswerKey::parse(&s).map_err(serde::de::Error::custom)
    }
}
