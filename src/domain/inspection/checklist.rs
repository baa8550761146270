//! A checklist run: one template version being filled in for one inspection.
//! Owns the rules for which items are visible (`show_if`), what counts as
//! answered, and progress per group.

use crate::domain::answer::{Answer, AnswerKey, AnswerValue};
use crate::domain::answers::Answers;
use crate::domain::error::DomainError;
use crate::domain::ids::ChecklistRunId;
use crate::domain::template::{Group, Item, ShowIfValue, Template, TemplateRef};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One template version being filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistRun {
    /// Id.
    pub id: ChecklistRunId,
    /// The pinned template version.
    pub template: TemplateRef,
    /// Answers by key. Stored apart from the inspection, one record per run
    /// (`persist::RunAnswers`); left out of the inspection's stored JSON
    /// when empty.
    /// Records read at a start decode them on first read (see
    /// [`crate::domain::answers`]).
    #[serde(default, skip_serializing_if = "Answers::is_empty")]
    pub answers: Answers,
    /// Labels of the instances of each repeating group (e.g. "Biên bản số
    /// 12/BB-VPHC"); instance `n` is `labels[n]`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub instances: BTreeMap<String, Vec<String>>,
}

/// Answered/total counts of one group (all instances together).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupProgress {
    /// Group code.
    pub group: String,
    /// Visible items answered.
    pub answered: u32,
    /// Visible items.
    pub total: u32,
    /// Visible required items not answered.
    pub required_missing: u32,
}

/// Progress of a run: per group and overall, counting only visible items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Per group, template order.
    pub groups: Vec<GroupProgress>,
    /// Sum of answered.
    pub answered: u32,
    /// Sum of totals.
    pub total: u32,
}

impl ChecklistRun {
    /// A fresh run of `template`.
    pub fn new(id: ChecklistRunId, template: &Template) -> Self {
        Self {
            id,
            template: template.to_ref(),
            answers: Answers::default(),
            instances: BTreeMap::new(),
        }
    }

    /// How many instances a group has in this run: 1 for a non-repeating
    /// group, the number of labelled instances for a repeating one.
    pub fn instance_count(&self, group: &Group) -> u32 {
        if group.is_repeating() {
            self.instances
                .get(&group.code)
                .map_or(0, |v| u32::try_from(v.len()).unwrap_or(u32::MAX))
        } else {
            1
        }
    }

    /// Whether an item is shown in an instance: no condition, or the
    /// controlling item is itself shown and has the expected answer.
    pub fn is_visible(&self, group: &Group, instance: u32, item: &Item) -> bool {
        // Validation forbids cycles; the step bound keeps hostile data safe.
        let mut cur = item;
        for _ in 0..=group.items.len() {
            let Some(cond) = &cur.show_if else {
                return true;
            };
            let Some(target) = group.item(&cond.item) else {
                return false;
            };
            let key = AnswerKey::new(&group.code, instance, &target.code);
            if !matches_value(self.answers.get(&key), cond.equals) {
                return false;
            }
            cur = target;
        }
        false
    }

    /// Checks that a key addresses an existing item and instance of the
    /// template; returns the item.
    pub fn check_key<'t>(&self, t: &'t Template, key: &AnswerKey) -> Result<&'t Item, DomainError> {
        let group = t
            .group(&key.group)
            .ok_or_else(|| DomainError::UnknownGroup {
                group: key.group.clone(),
            })?;
        let item = group
            .item(&key.item)
            .ok_or_else(|| DomainError::UnknownItem { key: key.clone() })?;
        if key.instance >= self.instance_count(group) {
            return Err(DomainError::InstanceOutOfRange { key: key.clone() });
        }
        Ok(item)
    }

    /// Progress over visible items.
    pub fn progress(&self, t: &Template) -> Progress {
        let mut groups = Vec::new();
        let (mut answered, mut total) = (0, 0);
        for g in &t.groups {
            let mut gp = GroupProgress {
                group: g.code.clone(),
                answered: 0,
                total: 0,
                required_missing: 0,
            };
            for inst in 0..self.instance_count(g) {
                for it in &g.items {
                    if !self.is_visible(g, inst, it) {
                        continue;
                    }
                    gp.total += 1;
                    let key = AnswerKey::new(&g.code, inst, &it.code);
                    let done = self
                        .answers
                        .get(&key)
                        .is_some_and(|a| a.is_answered(it.answer));
                    if done {
                        gp.answered += 1;
                    } else if it.required {
                        gp.required_missing += 1;
                    }
                }
            }
            answered += gp.answered;
            total += gp.total;
            groups.push(gp);
        }
        Progress {
            groups,
            answered,
            total,
        }
    }

    /// Keys of visible required items that are not answered, template order.
    pub fn missing_required(&self, t: &Template) -> Vec<AnswerKey> {
        let mut out = Vec::new();
        for g in &t.groups {
            for inst in 0..self.instance_count(g) {
                for it in g.items.iter().filter(|i| i.required) {
                    if !self.is_visible(g, inst, it) {
                        continue;
                    }
                    let key = AnswerKey::new(&g.code, inst, &it.code);
                    if !self
                        .answers
                        .get(&key)
                        .is_some_and(|a| a.is_answered(it.answer))
                    {
                        out.push(key);
                    }
                }
            }
        }
        out
    }
}

fn matches_value(answer: Option<&Answer>, equals: ShowIfValue) -> bool {
    let Some(a) = answer else { return false };
    match equals {
        ShowIfValue::Yes => a.value == Some(AnswerValue::YesNo(true)),
        ShowIfValue::No => a.value == Some(AnswerValue::YesNo(false)),
        other => other.as_status() == Some(a.status),
    }
}
