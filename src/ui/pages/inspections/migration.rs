//! Moving a checklist to the newest version of its template: the preview
//! lists added, changed and removed items and every answer that would be
//! dropped; applying drops answers only after the user ticked the
//! confirmation.

use super::shared::{answer_summary, error_text, fill, inspection_param, run_param};
use crate::domain::answer::AnswerKey;
use crate::domain::ids::{ChecklistRunId, InspectionId};
use crate::domain::inspection::MigrationPreview;
use crate::domain::template::{ItemChangeKind, Template};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// Everything the page shows, computed once per workspace change.
#[derive(Clone, PartialEq)]
struct Prepared {
    old: Template,
    new: Template,
    preview: MigrationPreview,
}

/// The migration page.
#[component]
pub fn MigrationPage() -> impl IntoView {
    let i18n = use_i18n();
    let insp = inspection_param();
    let run = run_param();
    view! {
        <section class="page" data-testid="page-migration">
            <h1>{t!(i18n, inspection.migration_title)}</h1>
            {move || match (insp.get(), run.get()) {
                (Some(i), Some(r)) => view! { <MigrationBody insp=i run=r/> }.into_any(),
                _ => view! { <p>{t!(i18n, inspection.not_found_body)}</p> }.into_any(),
            }}
        </section>
    }
}

fn change_text(i18n: crate::ui::pages::inspections::shared::I18n, c: &ItemChangeKind) -> String {
    match c {
        ItemChangeKind::Label => t_string!(i18n, inspection.change_label).to_string(),
        ItemChangeKind::Help => t_string!(i18n, inspection.change_help).to_string(),
        ItemChangeKind::AnswerType { .. } => t_string!(i18n, inspection.change_type).to_string(),
        ItemChangeKind::Required { to, .. } => {
            if *to {
                t_string!(i18n, inspection.change_required_on).to_string()
            } else {
                t_string!(i18n, inspection.change_required_off).to_string()
            }
        }
        ItemChangeKind::ShowIf { .. } => t_string!(i18n, inspection.change_show_if).to_string(),
        ItemChangeKind::LegalBasis => t_string!(i18n, inspection.change_basis).to_string(),
        ItemChangeKind::Sources => t_string!(i18n, inspection.change_sources).to_string(),
        ItemChangeKind::Group { from, to } => fill(
            t_string!(i18n, inspection.change_group),
            &[
                ("from", (from.clone()).to_string()),
                ("to", (to.clone()).to_string()),
            ],
        ),
    }
}

fn item_label(t: &Template, code: &str, vi: bool) -> String {
    t.find_item(code)
        .map(|(_, it)| it.label.get(vi).to_string())
        .unwrap_or_default()
}

#[component]
fn MigrationBody(insp: InspectionId, run: ChecklistRunId) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let navigate = use_navigate();
    let prepared = Memo::new(move |_| {
        state.ws.with(|ws| {
            let i = ws.inspection(insp)?;
            let r = i.checklist(run)?;
            let old = ws
                .templates()
                .get(&r.template.id, r.template.version)?
                .clone();
            let new = ws.templates().latest(&r.template.id)?.clone();
            if new.version <= old.version {
                return None;
            }
            let preview = i.preview_migration(run, new.version, ws.templates()).ok()?;
            Some(Prepared { old, new, preview })
        })
    });
    let answers = Memo::new(move |_| {
        state.track_run_answers(run);
        state.ws.with(|ws| {
            ws.inspection(insp)
                .and_then(|i| i.checklist(run))
                .map(|r| r.answers.clone())
                .unwrap_or_default()
        })
    });
    let confirmed = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let apply = move |_| {
        let Some(p) = prepared.get_untracked() else {
            return;
        };
        let confirm = confirmed.get_untracked();
        if !p.preview.dropped.is_empty() && !confirm {
            error.set(Some(
                t_string!(i18n, inspection.migration_need_confirm).to_string(),
            ));
            return;
        }
        let v = p.new.version;
        let r = state.edit_inspection(insp, move |i, lib, c, _| {
            i.apply_migration(run, v, confirm, lib, c)
        });
        match r {
            Ok(_) => navigate(&format!("/kiem-tra/{}", insp.0), Default::default()),
            Err(e) => error.set(Some(error_text(i18n, &e))),
        }
    };
    let back = format!("/kiem-tra/{}", insp.0);
    view! {
        <p><A href=back.clone()>{t!(i18n, inspection.back_to_inspection)}</A></p>
        {move || match prepared.get() {
            None => view! { <p class="empty-state" data-testid="migration-none">{t!(i18n, inspection.migration_none)}</p> }.into_any(),
            Some(p) => {
                let vi = lang.get() == Lang::Vi;
                let d = &p.preview.diff;
                let added = d.items_added.iter().map(|l| view! {
                    <li data-testid="mig-added"><code>{l.item.clone()}</code>" "{item_label(&p.new, &l.item, vi)}</li>
                }).collect_view();
                let removed = d.items_removed.iter().map(|l| view! {
                    <li data-testid="mig-removed"><code>{l.item.clone()}</code>" "{item_label(&p.old, &l.item, vi)}</li>
                }).collect_view();
                let changed = d.items_changed.iter().map(|c| {
                    let what = c.changes.iter().map(|k| change_text(i18n, k)).collect::<Vec<_>>().join("; ");
                    view! {
                        <li data-testid="mig-changed"><code>{c.item.clone()}</code>" "{item_label(&p.new, &c.item, vi)}
                            <span class="muted">" — "{what}</span></li>
                    }
                }).collect_view();
                let dropped_list = p.preview.dropped.clone();
                let dropped = dropped_list.iter().map(|k: &AnswerKey| {
                    let ans = answers.with_untracked(|a| a.get(k).cloned());
                    let ty = p.old.find_item(&k.item).map(|(_, it)| it.answer);
                    let summary = match (ans, ty) {
                        (Some(a), Some(ty)) => {
                            let mut s = answer_summary(i18n, &a, ty);
                            if !a.note.trim().is_empty() { s.push_str(&format!(" — {}", a.note)); }
                            s
                        }
                        _ => String::new(),
                    };
                    view! {
                        <li data-testid="mig-dropped"><code>{k.to_string()}</code>" "{item_label(&p.old, &k.item, vi)}
                            <span class="muted">" — "{summary}</span></li>
                    }
                }).collect_view();
                let n_dropped = p.preview.dropped.len();
                view! {
                    <p class="lead">{fill(t_string!(i18n, inspection.migration_lead), &[("title", (p.old.title.get(vi).to_string()).to_string()), ("from", (p.old.version).to_string()), ("to", (p.new.version).to_string())])}</p>
                    <p>{fill(t_string!(i18n, inspection.migration_kept), &[("n", (p.preview.kept).to_string())])}</p>
                    <h2>{t!(i18n, inspection.migration_added)}" ("{d.items_added.len()}")"</h2>
                    <ul>{added}</ul>
                    <h2>{t!(i18n, inspection.migration_changed)}" ("{d.items_changed.len()}")"</h2>
                    <ul>{changed}</ul>
                    <h2>{t!(i18n, inspection.migration_removed)}" ("{d.items_removed.len()}")"</h2>
                    <ul>{removed}</ul>
                    <h2>{t!(i18n, inspection.migration_dropped)}" ("{n_dropped}")"</h2>
                    {if n_dropped == 0 {
                        view! { <p data-testid="mig-no-drop">{t!(i18n, inspection.migration_no_drop)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="dropped">{dropped}</ul>
                            <label class="confirm-drop">
                                <input type="checkbox" data-testid="mig-confirm"
                                    prop:checked=move || confirmed.get()
                                    on:change=move |ev| confirmed.set(event_target_checked(&ev))/>
                                " "{fill(t_string!(i18n, inspection.migration_confirm), &[("n", (n_dropped).to_string())])}
                            </label>
                        }.into_any()
                    }}
                }.into_any()
            }
        }}
        {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
        <Show when=move || prepared.with(Option::is_some)>
            <p>
                <button type="button" class="btn btn--primary" data-testid="mig-apply"
                    disabled=move || prepared.with(|p| p.as_ref().is_some_and(|p| !p.preview.dropped.is_empty())) && !confirmed.get()
                    on:click=apply.clone()>
                    {t!(i18n, inspection.migration_apply)}
                </button>
            </p>
        </Show>
    }
}
