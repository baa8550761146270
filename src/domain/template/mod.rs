//! Checklist templates (mẫu phiếu kiểm tra): the data model that matches
//! `template-format.md` exactly (serde round trip), validation, content hash,
//! version library, diff between versions and hardened JSON import.
//!
//! A template is a list of groups (nhóm), each a list of items (tiêu chí).
//! A group may repeat once per sampled record (e.g. per biên bản VPHC).

mod diff;
mod hash;
mod import;
mod library;
mod validate;

pub use diff::{
    answers_dropped, diff, GroupChange, ItemChange, ItemChangeKind, ItemLoc, TemplateDiff,
};
pub use hash::{canonical_json, content_hash};
pub use import::{parse_template_json, ImportError, ImportLimits};
pub use library::{ClashPolicy, SaveOutcome, TemplateLibrary};
pub use validate::{TemplateError, CODE_MAX_LEN, REPEAT_MAX_LIMIT};

use crate::domain::answer::ItemStatus;
use crate::domain::ids::TemplateId;
use crate::domain::text::Text;
use serde::{Deserialize, Serialize};

/// What a template is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateKind {
    /// Inspection of XLVPHC law enforcement (NĐ 19/2020).
    Xlvphc,
    /// Monitoring of law implementation (theo dõi THPL).
    TheoDoiThpl,
    /// A field-specific checklist (lĩnh vực).
    LinhVuc,
}

/// A checklist template, one version of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// Stable slug.
    pub id: TemplateId,
    /// Version, from 1.
    pub version: u32,
    /// Purpose.
    pub kind: TemplateKind,
    /// Title.
    pub title: Text,
    /// Sources used and what was not found.
    pub description: Text,
    /// Texts the whole template rests on.
    pub legal_basis: Vec<String>,
    /// Groups in display order.
    pub groups: Vec<Group>,
}

/// A group of items (nhóm tiêu chí).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Unique among groups.
    pub code: String,
    /// Title.
    pub title: Text,
    /// `Some` when filled once per sampled record.
    pub repeat: Option<Repeat>,
    /// Items in display order.
    pub items: Vec<Item>,
}

/// Repetition of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repeat {
    /// What one instance is (e.g. "Biên bản vi phạm hành chính").
    pub label: Text,
    /// Most instances allowed.
    pub max: u32,
}

/// One checklist item (tiêu chí).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Unique in the whole template.
    pub code: String,
    /// The question.
    pub label: Text,
    /// Optional guidance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// Expected answer type.
    pub answer: AnswerType,
    /// Must be answered (when shown) before finalizing.
    pub required: bool,
    /// Binding legal basis of the item (text, article, clause); never empty.
    /// Where nothing binding is known it says so (built-ins: the
    /// `none_known` text of `builtin/citations.json`).
    pub legal_basis: String,
    /// Where the item was taken from (a real plan, a report outline, a
    /// logbook): shown as a source that is not binding. Optional and left out
    /// of the JSON when absent, so templates stored before it keep their
    /// content hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// Source tags of the reference.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Conditional display.
    #[serde(default)]
    pub show_if: Option<ShowIf>,
}

/// Answer type of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerType {
    /// đạt / không đạt / không áp dụng.
    Status,
    /// có / không.
    YesNo,
    /// Non-negative integer.
    Count,
    /// Integer đồng, ≥ 0.
    Money,
    /// A date.
    Date,
    /// Free text.
    Text,
    /// List of documents.
    Documents,
}

/// Condition under which an item is shown: another item of the same group has
/// a given answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShowIf {
    /// Code of the controlling item (same group).
    pub item: String,
    /// The answer that shows this item.
    pub equals: ShowIfValue,
}

/// Answer values usable in `show_if`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShowIfValue {
    /// Status đạt.
    Dat,
    /// Status không đạt.
    KhongDat,
    /// Status không áp dụng.
    KhongApDung,
    /// Yes/no answer: yes.
    Yes,
    /// Yes/no answer: no.
    No,
}

impl ShowIfValue {
    /// Whether an item of this answer type can take this value.
    pub fn fits(self, answer: AnswerType) -> bool {
        match self {
            ShowIfValue::Dat | ShowIfValue::KhongDat | ShowIfValue::KhongApDung => {
                answer == AnswerType::Status
            }
            ShowIfValue::Yes | ShowIfValue::No => answer == AnswerType::YesNo,
        }
    }

    /// The status this value stands for, if it is a status value.
    pub fn as_status(self) -> Option<ItemStatus> {
        match self {
            ShowIfValue::Dat => Some(ItemStatus::Dat),
            ShowIfValue::KhongDat => Some(ItemStatus::KhongDat),
            ShowIfValue::KhongApDung => Some(ItemStatus::KhongApDung),
            _ => None,
        }
    }
}

/// Pins a checklist run to one exact template version.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TemplateRef {
    /// Template id.
    pub id: TemplateId,
    /// Version.
    pub version: u32,
    /// [`content_hash`] of that version.
    pub hash: String,
}

impl Template {
    /// The group with this code.
    pub fn group(&self, code: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.code == code)
    }

    /// The item with this code and the group holding it.
    pub fn find_item(&self, code: &str) -> Option<(&Group, &Item)> {
        self.groups
            .iter()
            .find_map(|g| g.items.iter().find(|i| i.code == code).map(|i| (g, i)))
    }

    /// Number of items over all groups.
    pub fn item_count(&self) -> usize {
        self.groups.iter().map(|g| g.items.len()).sum()
    }

    /// A reference pinning this exact version.
    pub fn to_ref(&self) -> TemplateRef {
        TemplateRef {
            id: self.id.clone(),
            version: self.version,
            hash: content_hash(self),
        }
    }

    /// Whether `r` pins this very template (id, version and content).
    pub fn matches_ref(&self, r: &TemplateRef) -> bool {
        self.id == r.id && self.version == r.version && content_hash(self) == r.hash
    }

    /// Checks every rule of the format; empty when valid.
    pub fn validate(&self) -> Vec<TemplateError> {
        validate::validate(self)
    }
}

impl Group {
    /// The item with this code, in this group.
    pub fn item(&self, code: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.code == code)
    }

    /// Whether the group is filled per sampled record.
    pub fn is_repeating(&self) -> bool {
        self.repeat.is_some()
    }
}
