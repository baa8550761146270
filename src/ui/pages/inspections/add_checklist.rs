//! Adding a checklist to an inspection: the plan's templates first, then any
//! other template of the library, always at its latest version.

use super::shared::error_text;
use crate::domain::ids::{InspectionId, TemplateId};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use leptos::prelude::*;

/// One choice: id, title, latest version, whether the plan names it.
type Choice = (TemplateId, String, u32, bool);

/// A select of templates not yet used by the inspection and an "add" button.
#[component]
pub fn AddChecklist(insp: InspectionId) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let message = RwSignal::new(None::<String>);
    let choices = Memo::new(move |_| {
        let vi = lang.get() == Lang::Vi;
        state.ws.with(|ws| {
            let Some(i) = ws.inspection(insp) else {
                return Vec::<Choice>::new();
            };
            let used: Vec<&TemplateId> = i.checklists().iter().map(|r| &r.template.id).collect();
            let plan_ids: Vec<TemplateId> = ws
                .plan(i.plan_id())
                .map(|p| p.template_ids.clone())
                .unwrap_or_default();
            let mut out: Vec<Choice> = ws
                .templates()
                .ids()
                .filter(|id| !used.contains(id))
                .filter_map(|id| ws.templates().latest(id))
                .map(|t| {
                    (
                        t.id.clone(),
                        t.title.get(vi).to_string(),
                        t.version,
                        plan_ids.contains(&t.id),
                    )
                })
                .collect();
            out.sort_by_key(|c| !c.3);
            out
        })
    });
    let selected = RwSignal::new(String::new());
    let locked = Memo::new(move |_| {
        state
            .ws
            .with(|ws| ws.inspection(insp).is_some_and(|i| i.is_locked()))
    });
    let add = move |_| {
        let chosen = selected.get_untracked();
        let id = if chosen.is_empty() {
            choices.with_untracked(|c| c.first().map(|c| c.0.clone()))
        } else {
            TemplateId::new(chosen).ok()
        };
        let Some(id) = id else { return };
        let r = state.edit_inspection(insp, move |i, lib, c, ids| {
            let t = lib.latest(&id).ok_or_else(|| {
                crate::domain::error::DomainError::TemplateNotFound {
                    id: id.clone(),
                    version: 0,
                }
            })?;
            i.add_checklist(t, ids, c)
        });
        match r {
            Ok(_) => {
                message.set(None);
                selected.set(String::new());
            }
            Err(e) => message.set(Some(error_text(i18n, &e))),
        }
    };
    view! {
        <Show when=move || !locked.get() && !choices.with(Vec::is_empty)>
            <div class="add-checklist no-print" data-testid="add-checklist">
                <label class="field field--inline">
                    <span>{t!(i18n, inspection.add_checklist_label)}</span>
                    <select data-testid="add-checklist-select"
                        on:change=move |ev| selected.set(event_target_value(&ev))>
                        {move || choices.get().into_iter().map(|(id, title, v, in_plan)| {
                            let value = id.as_str().to_string();
                            let text = format!("{title} — {} {v}{}", t_string!(i18n, inspection.version),
                                if in_plan { format!(" ({})", t_string!(i18n, inspection.in_plan)) } else { String::new() });
                            view! { <option value=value>{text}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <button type="button" class="btn btn--primary" data-testid="add-checklist-button" on:click=add>
                    {t!(i18n, inspection.add_checklist_button)}
                </button>
                {move || message.get().map(|m| view! { <p class="error-text" role="alert">{m}</p> })}
            </div>
        </Show>
    }
}
