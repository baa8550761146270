//! Template validation: every rule of `template-format.md` plus the rules the
//! app relies on (codes usable inside an [`AnswerKey`](crate::domain::answer::AnswerKey),
//! no `show_if` cycles, bounded repetition). Errors are data; the UI words them.

use super::{AnswerType, ShowIfValue, Template, Text};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Longest group or item code.
pub const CODE_MAX_LEN: usize = 32;
/// Largest `repeat.max` accepted.
pub const REPEAT_MAX_LIMIT: u32 = 1000;

/// One problem in a template. `at` names the place: `title`, `description`,
/// `group:<code>/title`, `group:<code>/repeat.label`, `item:<code>/label`,
/// `item:<code>/help`, `legal_basis`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TemplateError {
    /// `version` is 0.
    #[error("version must start at 1")]
    VersionZero,
    /// A text whose Vietnamese part is blank.
    #[error("empty text at {at}")]
    EmptyText {
        /// Where.
        at: String,
    },
    /// A control character (other than tab and newline) in a text.
    #[error("control character in text at {at}")]
    ControlCharacter {
        /// Where.
        at: String,
    },
    /// The template-level legal basis list is empty or has a blank entry.
    #[error("missing template legal basis")]
    MissingTemplateLegalBasis,
    /// An item with a blank legal basis.
    #[error("item {item} has no legal basis")]
    MissingItemLegalBasis {
        /// Item code.
        item: String,
    },
    /// No groups at all.
    #[error("template has no groups")]
    NoGroups,
    /// A group without items.
    #[error("group {group} has no items")]
    EmptyGroup {
        /// Group code.
        group: String,
    },
    /// A code that is empty, too long or has characters other than ASCII
    /// letters, digits, `.`, `-`, `_` (`#` and `/` are reserved by answer keys).
    #[error("invalid code {code:?}")]
    InvalidCode {
        /// The code.
        code: String,
    },
    /// Two groups with the same code.
    #[error("duplicate group code {code}")]
    DuplicateGroupCode {
        /// The code.
        code: String,
    },
    /// Two items with the same code (anywhere in the template).
    #[error("duplicate item code {code}")]
    DuplicateItemCode {
        /// The code.
        code: String,
    },
    /// `show_if` names an item that does not exist.
    #[error("item {item}: show_if names unknown item {target}")]
    ShowIfUnknownItem {
        /// Item with the condition.
        item: String,
        /// Named item.
        target: String,
    },
    /// `show_if` names an item of another group.
    #[error("item {item}: show_if names {target} of group {target_group}")]
    ShowIfOtherGroup {
        /// Item with the condition.
        item: String,
        /// Named item.
        target: String,
        /// Its group.
        target_group: String,
    },
    /// `show_if` names the item itself.
    #[error("item {item}: show_if names itself")]
    ShowIfSelf {
        /// Item.
        item: String,
    },
    /// `show_if` expects a value the named item's answer type cannot take.
    #[error("item {item}: {target} ({answer:?}) cannot equal {equals:?}")]
    ShowIfIncompatible {
        /// Item with the condition.
        item: String,
        /// Named item.
        target: String,
        /// Its answer type.
        answer: AnswerType,
        /// Expected value.
        equals: ShowIfValue,
    },
    /// A chain of `show_if` conditions loops back.
    #[error("show_if cycle through item {item}")]
    ShowIfCycle {
        /// An item on the cycle.
        item: String,
    },
    /// `repeat.max` is 0 or above [`REPEAT_MAX_LIMIT`].
    #[error("group {group}: repeat.max {max} out of range")]
    RepeatMaxOutOfRange {
        /// Group.
        group: String,
        /// Given max.
        max: u32,
    },
}

fn code_ok(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= CODE_MAX_LEN
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control() && c != '\n' && c != '\t')
}

fn check_text(t: &Text, at: &str, errs: &mut Vec<TemplateError>) {
    if t.vi_is_blank() {
        errs.push(TemplateError::EmptyText { at: at.to_string() });
    }
    if has_control(&t.vi) || has_control(&t.en) {
        errs.push(TemplateError::ControlCharacter { at: at.to_string() });
    }
}

/// All problems of `t`, in document order.
pub(super) fn validate(t: &Template) -> Vec<TemplateError> {
    let mut errs = Vec::new();
    if t.version == 0 {
        errs.push(TemplateError::VersionZero);
    }
    check_text(&t.title, "title", &mut errs);
    check_text(&t.description, "description", &mut errs);
    if t.legal_basis.is_empty() || t.legal_basis.iter().any(|b| b.trim().is_empty()) {
        errs.push(TemplateError::MissingTemplateLegalBasis);
    }
    if t.legal_basis.iter().any(|b| has_control(b)) {
        errs.push(TemplateError::ControlCharacter {
            at: "legal_basis".into(),
        });
    }
    if t.groups.is_empty() {
        errs.push(TemplateError::NoGroups);
    }

    // item code -> group code, first occurrence wins.
    let mut item_group: BTreeMap<&str, &str> = BTreeMap::new();
    let mut group_codes = BTreeSet::new();
    for g in &t.groups {
        if !code_ok(&g.code) {
            errs.push(TemplateError::InvalidCode {
                code: g.code.clone(),
            });
        }
        if !group_codes.insert(g.code.as_str()) {
            errs.push(TemplateError::DuplicateGroupCode {
                code: g.code.clone(),
            });
        }
        check_text(&g.title, &format!("group:{}/title", g.code), &mut errs);
        if let Some(r) = &g.repeat {
            check_text(
                &r.label,
                &format!("group:{}/repeat.label", g.code),
                &mut errs,
            );
            if r.max == 0 || r.max > REPEAT_MAX_LIMIT {
                errs.push(TemplateError::RepeatMaxOutOfRange {
                    group: g.code.clone(),
                    max: r.max,
                });
            }
        }
        if g.items.is_empty() {
            errs.push(TemplateError::EmptyGroup {
                group: g.code.clone(),
            });
        }
        for it in &g.items {
            if !code_ok(&it.code) {
                errs.push(TemplateError::InvalidCode {
                    code: it.code.clone(),
                });
            }
            if item_group.contains_key(it.code.as_str()) {
                errs.push(TemplateError::DuplicateItemCode {
                    code: it.code.clone(),
                });
            } else {
                item_group.insert(&it.code, &g.code);
            }
            check_text(&it.label, &format!("item:{}/label", it.code), &mut errs);
            if let Some(h) = &it.help {
                if has_control(&h.vi) || has_control(&h.en) {
                    errs.push(TemplateError::ControlCharacter {
                        at: format!("item:{}/help", it.code),
                    });
                }
            }
            if it.legal_basis.trim().is_empty() {
                errs.push(TemplateError::MissingItemLegalBasis {
                    item: it.code.clone(),
                });
            }
            if has_control(&it.legal_basis) || it.sources.iter().any(|s| has_control(s)) {
                errs.push(TemplateError::ControlCharacter {
                    at: format!("item:{}/legal_basis", it.code),
                });
            }
        }
    }

    check_show_if(t, &item_group, &mut errs);
    errs
}

fn check_show_if(t: &Template, item_group: &BTreeMap<&str, &str>, errs: &mut Vec<TemplateError>) {
    let mut edges: BTreeMap<&str, &str> = BTreeMap::new();
    for g in &t.groups {
        for it in &g.items {
            let Some(cond) = &it.show_if else { continue };
            if cond.item == it.code {
                errs.push(TemplateError::ShowIfSelf {
                    item: it.code.clone(),
                });
                continue;
            }
            let Some(target_group) = item_group.get(cond.item.as_str()) else {
                errs.push(TemplateError::ShowIfUnknownItem {
                    item: it.code.clone(),
                    target: cond.item.clone(),
                });
                continue;
            };
            if *target_group != g.code {
                errs.push(TemplateError::ShowIfOtherGroup {
                    item: it.code.clone(),
                    target: cond.item.clone(),
                    target_group: (*target_group).to_string(),
                });
                continue;
            }
            if let Some(target) = g.item(&cond.item) {
                if !cond.equals.fits(target.answer) {
                    errs.push(TemplateError::ShowIfIncompatible {
                        item: it.code.clone(),
                        target: cond.item.clone(),
                        answer: target.answer,
                        equals: cond.equals,
                    });
                }
            }
            edges.entry(it.code.as_str()).or_insert(cond.item.as_str());
        }
    }
    // Each item has at most one outgoing edge, so following the chain for at
    // most `edges.len()` steps either ends or proves a cycle.
    let mut reported = BTreeSet::new();
    for start in edges.keys() {
        let mut cur = *start;
        let mut steps = 0;
        while let Some(next) = edges.get(cur) {
            cur = next;
            steps += 1;
            if cur == *start || steps > edges.len() {
                if reported.insert(*start) && cur == *start {
                    errs.push(TemplateError::ShowIfCycle {
                        item: (*start).to_string(),
                    });
                }
                break;
            }
        }
    }
}
