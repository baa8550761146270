//! Differences between two template versions, and which stored answers a
//! move from the old version to the new one would lose. Items are matched by
//! code (codes are unique across a template).

use super::{AnswerType, Item, Repeat, ShowIf, Template, TemplateId};
use crate::domain::answer::{Answer, AnswerKey};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where an item sits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ItemLoc {
    /// Group code.
    pub group: String,
    /// Item code.
    pub item: String,
}

/// One kind of change to an item kept across versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ItemChangeKind {
    /// Label text changed.
    Label,
    /// Help text changed.
    Help,
    /// Answer type changed (answers are dropped).
    AnswerType {
        /// Before.
        from: AnswerType,
        /// After.
        to: AnswerType,
    },
    /// `required` flipped.
    Required {
        /// Before.
        from: bool,
        /// After.
        to: bool,
    },
    /// Condition changed.
    ShowIf {
        /// Before.
        from: Option<ShowIf>,
        /// After.
        to: Option<ShowIf>,
    },
    /// Legal basis text changed.
    LegalBasis,
    /// Source tags changed.
    Sources,
    /// Moved to another group (answers are dropped).
    Group {
        /// Before.
        from: String,
        /// After.
        to: String,
    },
}

/// An item present in both versions, with what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemChange {
    /// Item code.
    pub item: String,
    /// Its group in the new version.
    pub group: String,
    /// Changes, never empty.
    pub changes: Vec<ItemChangeKind>,
}

/// A group present in both versions whose own fields changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupChange {
    /// Group code.
    pub group: String,
    /// Title changed.
    pub title_changed: bool,
    /// Repetition before and after, when it changed.
    pub repeat: Option<(Option<Repeat>, Option<Repeat>)>,
}

/// All differences from `from_version` to `to_version` of one template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateDiff {
    /// Template id (of the new version).
    pub id: TemplateId,
    /// Old version.
    pub from_version: u32,
    /// New version.
    pub to_version: u32,
    /// Groups only in the new version.
    pub groups_added: Vec<String>,
    /// Groups only in the old version.
    pub groups_removed: Vec<String>,
    /// Groups in both whose title or repetition changed.
    pub groups_changed: Vec<GroupChange>,
    /// Items only in the new version.
    pub items_added: Vec<ItemLoc>,
    /// Items only in the old version (with their old group).
    pub items_removed: Vec<ItemLoc>,
    /// Items in both that changed.
    pub items_changed: Vec<ItemChange>,
    /// Template-level title, description, kind or legal basis changed.
    pub header_changed: bool,
}

impl TemplateDiff {
    /// True when nothing at all differs.
    pub fn is_empty(&self) -> bool {
        !self.header_changed
            && self.groups_added.is_empty()
            && self.groups_removed.is_empty()
            && self.groups_changed.is_empty()
            && self.items_added.is_empty()
            && self.items_removed.is_empty()
            && self.items_changed.is_empty()
    }
}

fn item_index(t: &Template) -> BTreeMap<&str, (&str, &Item)> {
    let mut m = BTreeMap::new();
    for g in &t.groups {
        for it in &g.items {
            m.entry(it.code.as_str()).or_insert((g.code.as_str(), it));
        }
    }
    m
}

/// Differences between two versions (normally of the same template).
pub fn diff(old: &Template, new: &Template) -> TemplateDiff {
    let header_changed = old.title != new.title
        || old.description != new.description
        || old.kind != new.kind
        || old.legal_basis != new.legal_basis;

    let groups_added = new
        .groups
        .iter()
        .filter(|g| old.group(&g.code).is_none())
        .map(|g| g.code.clone())
        .collect();
    let groups_removed = old
        .groups
        .iter()
        .filter(|g| new.group(&g.code).is_none())
        .map(|g| g.code.clone())
        .collect();
    let mut groups_changed = Vec::new();
    for ng in &new.groups {
        if let Some(og) = old.group(&ng.code) {
            let title_changed = og.title != ng.title;
            let repeat = (og.repeat != ng.repeat).then(|| (og.repeat.clone(), ng.repeat.clone()));
            if title_changed || repeat.is_some() {
                groups_changed.push(GroupChange {
                    group: ng.code.clone(),
                    title_changed,
                    repeat,
                });
            }
        }
    }

    let oi = item_index(old);
    let ni = item_index(new);
    let mut items_added = Vec::new();
    let mut items_changed = Vec::new();
    for g in &new.groups {
        for it in &g.items {
            match oi.get(it.code.as_str()) {
                None => items_added.push(ItemLoc {
                    group: g.code.clone(),
                    item: it.code.clone(),
                }),
                Some((og, o)) => {
                    let changes = item_changes(og, o, &g.code, it);
                    if !changes.is_empty() {
                        items_changed.push(ItemChange {
                            item: it.code.clone(),
                            group: g.code.clone(),
                            changes,
                        });
                    }
                }
            }
        }
    }
    let items_removed = old
        .groups
        .iter()
        .flat_map(|g| g.items.iter().map(move |it| (g, it)))
        .filter(|(_, it)| !ni.contains_key(it.code.as_str()))
        .map(|(g, it)| ItemLoc {
            group: g.code.clone(),
            item: it.code.clone(),
        })
        .collect();

    TemplateDiff {
        id: new.id.clone(),
        from_version: old.version,
        to_version: new.version,
        groups_added,
        groups_removed,
        groups_changed,
        items_added,
        items_removed,
        items_changed,
        header_changed,
    }
}

fn item_changes(old_group: &str, o: &Item, new_group: &str, n: &Item) -> Vec<ItemChangeKind> {
    let mut c = Vec::new();
    if old_group != new_group {
        c.push(ItemChangeKind::Group {
            from: old_group.to_string(),
            to: new_group.to_string(),
        });
    }
    if o.label != n.label {
        c.push(ItemChangeKind::Label);
    }
    if o.help != n.help {
        c.push(ItemChangeKind::Help);
    }
    if o.answer != n.answer {
        c.push(ItemChangeKind::AnswerType {
            from: o.answer,
            to: n.answer,
        });
    }
    if o.required != n.required {
        c.push(ItemChangeKind::Required {
            from: o.required,
            to: n.required,
        });
    }
    if o.show_if != n.show_if {
        c.push(ItemChangeKind::ShowIf {
            from: o.show_if.clone(),
            to: n.show_if.clone(),
        });
    }
    if o.legal_basis != n.legal_basis {
        c.push(ItemChangeKind::LegalBasis);
    }
    if o.sources != n.sources {
        c.push(ItemChangeKind::Sources);
    }
    c
}

/// Keys of `answers` that cannot be carried to the new version: the item was
/// removed, moved to another group or changed answer type; the group was
/// removed; or the instance no longer exists (group no longer repeats, or its
/// `max` shrank below the instance number).
pub fn answers_dropped(d: &TemplateDiff, answers: &BTreeMap<AnswerKey, Answer>) -> Vec<AnswerKey> {
    answers
        .keys()
        .filter(|k| key_dropped(d, k))
        .cloned()
        .collect()
}

pub(crate) fn key_dropped(d: &TemplateDiff, k: &AnswerKey) -> bool {
    if d.groups_removed.contains(&k.group) {
        return true;
    }
    if d.items_removed
        .iter()
        .any(|l| l.item == k.item && l.group == k.group)
    {
        return true;
    }
    if let Some(ch) = d.items_changed.iter().find(|c| c.item == k.item) {
        let breaking = ch.changes.iter().any(|x| {
            matches!(
                x,
                ItemChangeKind::AnswerType { .. } | ItemChangeKind::Group { .. }
            )
        });
        if breaking {
            return true;
        }
    }
    if let Some(gc) = d.groups_changed.iter().find(|g| g.group == k.group) {
        if let Some((_, new_repeat)) = &gc.repeat {
            return match new_repeat {
                None => k.instance > 0,
                Some(r) => k.instance >= r.max,
            };
        }
    }
    false
}
