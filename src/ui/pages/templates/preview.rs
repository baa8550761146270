//! The checklist as an inspector will see it: groups, items with their
//! answer type, required mark, guidance, legal basis and display condition.
//! Read only; controls are shown disabled.

use super::messages::{answer_text, show_if_text};
use crate::domain::template::{AnswerType, Item, Template};
use crate::i18n::Lang;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use crate::ui::pages::settings::fill;
use leptos::prelude::*;

/// Preview of one template version.
#[component]
pub fn ChecklistPreview(template: Template) -> impl IntoView {
    let i18n = use_i18n();
    let vi = use_lang().get_untracked() == Lang::Vi;
    let title = template.title.get(vi).to_string();
    let groups = template
        .groups
        .into_iter()
        .map(|g| {
            let repeat = g.repeat.as_ref().map(|r| {
                fill(
                    t_string!(i18n, templates.preview_repeat),
                    &[
                        ("what", (r.label.get(vi).to_string()).to_string()),
                        ("max", (r.max).to_string()),
                    ],
                )
                .to_string()
            });
            let items = g
                .items
                .iter()
                .map(|it| view! { <PreviewItem item=it.clone() vi=vi/> })
                .collect_view();
            view! {
                <section class="preview-group">
                    <h4>{g.code.clone()} ". " {g.title.get(vi).to_string()}</h4>
                    {repeat.map(|r| view! { <p class="muted">{r}</p> })}
                    <ul class="preview-items">{items}</ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <h3>{title}</h3>
        <p class="muted">{t!(i18n, templates.preview_note)}</p>
        {groups}
    }
}

#[component]
fn PreviewItem(item: Item, vi: bool) -> impl IntoView {
    let i18n = use_i18n();
    let control = match item.answer {
        AnswerType::Status => view! {
            <span class="preview-choices">
                <span>{t!(i18n, templates.value_dat)}</span>" · "
                <span>{t!(i18n, templates.value_khong_dat)}</span>" · "
                <span>{t!(i18n, templates.value_khong_ap_dung)}</span>
            </span>
        }
        .into_any(),
        AnswerType::YesNo => view! {
            <span class="preview-choices">
                <span>{t!(i18n, templates.value_yes)}</span>" · "
                <span>{t!(i18n, templates.value_no)}</span>
            </span>
        }
        .into_any(),
        other => {
            view! { <span class="preview-choices">{answer_text(i18n, other)}</span> }.into_any()
        }
    };
    let condition = item.show_if.as_ref().map(|s| {
        fill(
            t_string!(i18n, templates.preview_show_if),
            &[
                ("code", (s.item.clone()).to_string()),
                ("value", (show_if_text(i18n, s.equals)).to_string()),
            ],
        )
        .to_string()
    });
    let help = item
        .help
        .as_ref()
        .map(|h| h.get(vi).to_string())
        .filter(|h| !h.is_empty());
    view! {
        <li class="preview-item">
            <p>
                <strong>{item.code.clone()}</strong> " " {item.label.get(vi).to_string()}
                {item.required.then(|| view! { " " <abbr class="required" title=t_string!(i18n, templates.required_title)>"*"</abbr> })}
            </p>
            <p>{control}</p>
            {help.map(|h| view! { <p class="muted">{h}</p> })}
            {condition.map(|c| view! { <p class="muted">{c}</p> })}
            <p class="legal-basis">{t!(i18n, templates.preview_basis)} " " {item.legal_basis.clone()}</p>
            {item.origin.clone().map(|o| view! { <p class="muted">{t!(i18n, inspection.origin_nonbinding)} " " {o}</p> })}
        </li>
    }
}
