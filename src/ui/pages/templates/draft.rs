//! The editor's working copy of a template: one signal per field, so typing
//! in one input re-renders nothing else, and lists of groups and items with
//! stable ids for keyed rendering. Nothing here is saved until the user asks
//! for a new version; [`Draft::build`] turns it back into a domain template.

use crate::domain::ids::TemplateId;
use crate::domain::template::{
    AnswerType, Group, Item, Repeat, ShowIf, ShowIfValue, Template, TemplateKind,
};
use crate::domain::text::Text;
use leptos::prelude::*;
use std::cell::Cell;

thread_local! {
    static NEXT_UID: Cell<u64> = const { Cell::new(1) };
}

fn uid() -> u64 {
    NEXT_UID.with(|c| {
        let v = c.get();
        c.set(v + 1);
        v
    })
}

/// One item being edited.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ItemDraft {
    /// Stable id for keyed lists.
    pub uid: u64,
    /// Code.
    pub code: RwSignal<String>,
    /// Question, Vietnamese.
    pub label_vi: RwSignal<String>,
    /// Question, English.
    pub label_en: RwSignal<String>,
    /// Guidance, Vietnamese.
    pub help_vi: RwSignal<String>,
    /// Guidance, English.
    pub help_en: RwSignal<String>,
    /// Answer type.
    pub answer: RwSignal<AnswerType>,
    /// Required.
    pub required: RwSignal<bool>,
    /// Legal basis.
    pub legal_basis: RwSignal<String>,
    /// Non-binding origin (kept as it is).
    pub origin: StoredValue<Option<String>>,
    /// Source tags (kept as they are).
    pub sources: StoredValue<Vec<String>>,
    /// Controlling item code, empty for "always shown".
    pub show_if_item: RwSignal<String>,
    /// The answer that shows this item.
    pub show_if_value: RwSignal<ShowIfValue>,
}

impl ItemDraft {
    /// From a stored item.
    pub fn from_item(it: &Item) -> Self {
        let help = it.help.clone().unwrap_or_default();
        Self {
            uid: uid(),
            code: RwSignal::new(it.code.clone()),
            label_vi: RwSignal::new(it.label.vi.clone()),
            label_en: RwSignal::new(it.label.en.clone()),
            help_vi: RwSignal::new(help.vi),
            help_en: RwSignal::new(help.en),
            answer: RwSignal::new(it.answer),
            required: RwSignal::new(it.required),
            legal_basis: RwSignal::new(it.legal_basis.clone()),
            origin: StoredValue::new(it.origin.clone()),
            sources: StoredValue::new(it.sources.clone()),
            show_if_item: RwSignal::new(
                it.show_if
                    .as_ref()
                    .map(|s| s.item.clone())
                    .unwrap_or_default(),
            ),
            show_if_value: RwSignal::new(
                it.show_if
                    .as_ref()
                    .map(|s| s.equals)
                    .unwrap_or(ShowIfValue::KhongDat),
            ),
        }
    }

    /// A new, empty item with this code.
    pub fn blank(code: String) -> Self {
        Self::from_item(&Item {
            code,
            label: Text::default(),
            help: None,
            answer: AnswerType::Status,
            required: true,
            legal_basis: String::new(),
            origin: None,
            sources: Vec::new(),
            show_if: None,
        })
    }

    fn build(&self) -> Item {
        let (hv, he) = (self.help_vi.get(), self.help_en.get());
        let help = if hv.trim().is_empty() && he.trim().is_empty() {
            None
        } else {
            Some(Text { vi: hv, en: he })
        };
        let target = self.show_if_item.get();
        Item {
            code: self.code.get(),
            label: Text {
                vi: self.label_vi.get(),
                en: self.label_en.get(),
            },
            help,
            answer: self.answer.get(),
            required: self.required.get(),
            legal_basis: self.legal_basis.get(),
            origin: self.origin.get_value(),
            sources: self.sources.get_value(),
            show_if: (!target.is_empty()).then(|| ShowIf {
                item: target,
                equals: self.show_if_value.get(),
            }),
        }
    }
}

/// One group being edited.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct GroupDraft {
    /// Stable id for keyed lists.
    pub uid: u64,
    /// Code.
    pub code: RwSignal<String>,
    /// Title, Vietnamese.
    pub title_vi: RwSignal<String>,
    /// Title, English.
    pub title_en: RwSignal<String>,
    /// Filled once per sampled record.
    pub repeat_on: RwSignal<bool>,
    /// What one instance is, Vietnamese.
    pub repeat_vi: RwSignal<String>,
    /// What one instance is, English.
    pub repeat_en: RwSignal<String>,
    /// Most instances.
    pub repeat_max: RwSignal<u32>,
    /// Items in order.
    pub items: RwSignal<Vec<ItemDraft>>,
}

impl GroupDraft {
    /// From a stored group.
    pub fn from_group(g: &Group) -> Self {
        let r = g.repeat.clone();
        Self {
            uid: uid(),
            code: RwSignal::new(g.code.clone()),
            title_vi: RwSignal::new(g.title.vi.clone()),
            title_en: RwSignal::new(g.title.en.clone()),
            repeat_on: RwSignal::new(r.is_some()),
            repeat_vi: RwSignal::new(r.as_ref().map(|r| r.label.vi.clone()).unwrap_or_default()),
            repeat_en: RwSignal::new(r.as_ref().map(|r| r.label.en.clone()).unwrap_or_default()),
            repeat_max: RwSignal::new(r.as_ref().map(|r| r.max).unwrap_or(20)),
            items: RwSignal::new(g.items.iter().map(ItemDraft::from_item).collect()),
        }
    }

    /// A new group with one empty item.
    pub fn blank(code: String) -> Self {
        let item_code = format!("{code}.1");
        let g = Self::from_group(&Group {
            code,
            title: Text::default(),
            repeat: None,
            items: Vec::new(),
        });
        g.items.set(vec![ItemDraft::blank(item_code)]);
        g
    }

    fn build(&self) -> Group {
        Group {
            code: self.code.get(),
            title: Text {
                vi: self.title_vi.get(),
                en: self.title_en.get(),
            },
            repeat: self.repeat_on.get().then(|| Repeat {
                label: Text {
                    vi: self.repeat_vi.get(),
                    en: self.repeat_en.get(),
                },
                max: self.repeat_max.get(),
            }),
            items: self.items.get().iter().map(ItemDraft::build).collect(),
        }
    }

    /// A code for a new item of this group not used anywhere in `all`.
    pub fn next_item_code(&self, all: &[GroupDraft]) -> String {
        let base = self.code.get_untracked();
        let used: Vec<String> = all
            .iter()
            .flat_map(|g| g.items.get_untracked())
            .map(|i| i.code.get_untracked())
            .collect();
        (1..10_000)
            .map(|n| format!("{base}.{n}"))
            .find(|c| !used.contains(c))
            .unwrap_or_default()
    }
}

/// The whole template being edited.
#[derive(Clone, Copy)]
pub struct Draft {
    /// The template id (fixed).
    pub id: StoredValue<TemplateId>,
    /// Purpose.
    pub kind: RwSignal<TemplateKind>,
    /// Title, Vietnamese.
    pub title_vi: RwSignal<String>,
    /// Title, English.
    pub title_en: RwSignal<String>,
    /// Description, Vietnamese.
    pub desc_vi: RwSignal<String>,
    /// Description, English.
    pub desc_en: RwSignal<String>,
    /// Legal bases, one per line.
    pub legal_basis: RwSignal<String>,
    /// Groups in order.
    pub groups: RwSignal<Vec<GroupDraft>>,
}

impl Draft {
    /// A draft copy of `t`.
    pub fn from_template(t: &Template) -> Self {
        Self {
            id: StoredValue::new(t.id.clone()),
            kind: RwSignal::new(t.kind),
            title_vi: RwSignal::new(t.title.vi.clone()),
            title_en: RwSignal::new(t.title.en.clone()),
            desc_vi: RwSignal::new(t.description.vi.clone()),
            desc_en: RwSignal::new(t.description.en.clone()),
            legal_basis: RwSignal::new(t.legal_basis.join("\n")),
            groups: RwSignal::new(t.groups.iter().map(GroupDraft::from_group).collect()),
        }
    }

    /// A new template with one group and one item, everything else empty
    /// (the user must enter the legal basis; nothing is invented).
    pub fn blank(id: TemplateId) -> Self {
        let d = Self::from_template(&Template {
            id,
            version: 1,
            kind: TemplateKind::LinhVuc,
            title: Text::default(),
            description: Text::default(),
            legal_basis: Vec::new(),
            groups: Vec::new(),
        });
        d.groups.set(vec![GroupDraft::blank(String::from("1"))]);
        d
    }

    /// The domain template this draft stands for (tracked reads).
    pub fn build(&self) -> Template {
        Template {
            id: self.id.get_value(),
            version: 1,
            kind: self.kind.get(),
            title: Text {
                vi: self.title_vi.get(),
                en: self.title_en.get(),
            },
            description: Text {
                vi: self.desc_vi.get(),
                en: self.desc_en.get(),
            },
            legal_basis: self
                .legal_basis
                .get()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            groups: self.groups.get().iter().map(GroupDraft::build).collect(),
        }
    }

    /// A group code not used yet.
    pub fn next_group_code(&self) -> String {
        let used: Vec<String> = self
            .groups
            .get_untracked()
            .iter()
            .map(|g| g.code.get_untracked())
            .collect();
        (1..10_000)
            .map(|n| n.to_string())
            .find(|c| !used.contains(c))
            .unwrap_or_default()
    }
}

/// Moves the element with `uid` one place up (`-1`) or down (`1`).
pub fn move_by<T: Copy>(list: &mut [T], pos: usize, delta: isize) {
    let target = pos as isize + delta;
    if target >= 0 && (target as usize) < list.len() {
        list.swap(pos, target as usize);
    }
}
