//! The plan list ("/ke-hoach"): search, filters by year and kind, creating
//! a plan, deleting one (confirmed, undoable) and an empty state.

use super::demo_controls::DemoControls;
use super::fields::ConfirmDelete;
use super::labels::{self, entry};
use super::search;
use crate::domain::clock::Clock;
use crate::domain::plan::{Plan, PlanKind};
use crate::state::{AppState, Undo};
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use chrono::Datelike;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// One row of the list, computed from the workspace.
#[derive(Clone, PartialEq)]
struct Row {
    plan: Plan,
    inspections: usize,
}

/// The plan list page.
#[component]
pub fn PlanList() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let query = RwSignal::new(String::new());
    let year = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let navigate = use_navigate();

    let all = Memo::new(move |_| {
        state.ws.with(|ws| {
            let mut rows: Vec<Row> = ws
                .plans()
                .map(|p| Row {
                    plan: p.clone(),
                    inspections: ws.inspections_of_plan(p.id).len(),
                })
                .collect();
            rows.sort_by(|a, b| {
                b.plan
                    .year
                    .cmp(&a.plan.year)
                    .then_with(|| b.plan.created_at.cmp(&a.plan.created_at))
            });
            rows
        })
    });
    let years = Memo::new(move |_| {
        let mut ys: Vec<i32> = all.with(|r| r.iter().map(|r| r.plan.year).collect());
        ys.sort_unstable_by(|a, b| b.cmp(a));
        ys.dedup();
        ys
    });
    let shown = Memo::new(move |_| {
        let q = query.get();
        let y = year.get().parse::<i32>().ok();
        let k = labels::kind_from_code(&kind.get());
        all.with(|rows| {
            rows.iter()
                .filter(|r| y.is_none_or(|y| r.plan.year == y))
                .filter(|r| k.is_none_or(|k| r.plan.kind == k))
                .filter(|r| {
                    let num = r
                        .plan
                        .number
                        .as_ref()
                        .map(|n| n.to_string())
                        .unwrap_or_default();
                    search::matches(&q, &[&r.plan.title, &num])
                })
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    let create = move |_| {
        let today = state.clock().today();
        let y = year.get_untracked().parse::<i32>().unwrap_or(today.year());
        let k = labels::kind_from_code(&kind.get_untracked()).unwrap_or(PlanKind::Xlvphc);
        let place = state
            .ws
            .with_untracked(|ws| ws.settings().place_name.clone());
        if let Ok(id) = state.add_plan(|ids, clock| {
            let mut p = Plan::new(ids, k, y, clock);
            p.place_name = place;
            p
        }) {
            navigate(&format!("/ke-hoach/{id}"), Default::default());
        }
    };

    view! {
        <section class="page plans-page" data-testid="page-plans">
            <div class="page-head">
                <h1>{t!(i18n, plans_title)}</h1>
                <button type="button" class="btn btn--primary" data-testid="plan-create" on:click=create>
                    {t!(i18n, plans.create)}
                </button>
            </div>
            <p class="lead">{t!(i18n, plans.list_lead)}</p>
            <UndoNotice/>
            <div class="plans-filters" role="search">
                <label class="field">
                    <span>{t!(i18n, plans.search_label)}</span>
                    <input type="search" data-testid="plan-search"
                        placeholder=move || t_string!(i18n, plans.search_placeholder)
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{t!(i18n, plans.filter_year)}</span>
                    <select data-testid="plan-filter-year" prop:value=move || year.get()
                        on:change=move |ev| year.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, plans.filter_all)}</option>
                        <For each=move || years.get() key=|y| *y let:y>
                            <option value=y.to_string()>{y}</option>
                        </For>
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, plans.filter_kind)}</span>
                    <select data-testid="plan-filter-kind" prop:value=move || kind.get()
                        on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="">{t!(i18n, plans.filter_all)}</option>
                        <option value="xlvphc">{t!(i18n, plans.kind_xlvphc)}</option>
                        <option value="theo_doi_thpl">{t!(i18n, plans.kind_thpl)}</option>
                        <option value="khac">{t!(i18n, plans.kind_other)}</option>
                    </select>
                </label>
            </div>
            <Show when=move || !all.with(Vec::is_empty) fallback=|| view! { <EmptyPlans/> }>
                <Show when=move || !shown.with(Vec::is_empty) fallback=move || view! {
                    <p class="muted" data-testid="plan-no-match">{t!(i18n, plans.no_match)}</p>
                }>
                    <PlanTable rows=shown/>
                </Show>
            </Show>
        </section>
    }
}

/// What to do when there is no plan yet.
#[component]
fn EmptyPlans() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="empty-state" data-testid="plans-empty">
            <h2>{t!(i18n, plans.empty_title)}</h2>
            <p>{t!(i18n, plans.empty_body)}</p>
            <DemoControls/>
        </div>
    }
}

/// The table of plans.
#[component]
fn PlanTable(rows: Memo<Vec<Row>>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = AppState::expect();
    view! {
        <table class="data plans-table" data-testid="plan-table">
            <caption class="sr-only">{t!(i18n, plans.table_caption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, plans.col_title)}</th>
                    <th scope="col">{t!(i18n, plans.col_number)}</th>
                    <th scope="col">{t!(i18n, plans.col_year)}</th>
                    <th scope="col">{t!(i18n, plans.col_method)}</th>
                    <th scope="col" class="num">{t!(i18n, plans.col_units)}</th>
                    <th scope="col" class="num">{t!(i18n, plans.col_inspections)}</th>
                    <th scope="col">{t!(i18n, plans.col_actions)}</th>
                </tr>
            </thead>
            <tbody>
                <For each=move || rows.get() key=|r| (r.plan.id, r.plan.rev, r.inspections) let:r>
                    {
                        let id = r.plan.id;
                        let title = labels::plan_title(i18n, &r.plan);
                        let title2 = title.clone();
                        let number = r.plan.number.as_ref().map(|n| n.to_string()).unwrap_or_default();
                        let method = r.plan.method;
                        let kind = r.plan.kind;
                        view! {
                            <tr data-testid="plan-row">
                                <td>
                                    <A href=format!("/ke-hoach/{id}")>{title}</A>
                                    <div class="muted small">{move || labels::kind(i18n, kind)}</div>
                                </td>
                                <td>{number}</td>
                                <td>{r.plan.year}</td>
                                <td>{move || method.map(|m| entry(m.entry(), lang.get())).unwrap_or("—")}</td>
                                <td class="num">{r.plan.inspected_units.len()}</td>
                                <td class="num">{r.inspections}</td>
                                <td class="actions">
                                    <A href=format!("/ke-hoach/{id}/in")>{t!(i18n, plans.print_link)}</A>
                                    <ConfirmDelete
                                        label=move || t_string!(i18n, plans.delete).to_string()
                                        question=move || labels::fill(t_string!(i18n, plans.delete_question), &[("title", &title2.clone() as &dyn std::fmt::Display)])
                                        testid="plan-delete"
                                        on_confirm=move |_| { let _ = state.delete_plan(id); }/>
                                </td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
}

/// "Đã xóa kế hoạch … — Hoàn tác", while the last deletion was a plan.
#[component]
pub fn UndoNotice() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let deleted = Memo::new(move |_| {
        state.undo.with(|u| match u {
            Some(Undo::Plan(p, _)) => Some(labels::plan_title(i18n, p)),
            _ => None,
        })
    });
    view! {
        <Show when=move || deleted.with(Option::is_some)>
            <div class="banner banner--info" role="status" data-testid="plan-undo-notice">
                <span>{move || labels::fill(t_string!(i18n, plans.deleted_notice), &[("title", &deleted.get().unwrap_or_default() as &dyn std::fmt::Display)])}</span>
                <button type="button" class="btn" data-testid="plan-undo" on:click=move |_| state.undo_delete()>
                    {t!(i18n, plans.undo)}
                </button>
            </div>
        </Show>
    }
}
