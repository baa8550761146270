//! The list of inspections (plan, unit, status, progress), filtered by
//! status, with deletion behind a confirmation step (undoable), a checklist
//! picker for inspections that have none yet, and a small form to start a
//! new inspection of one of a plan's units.

use super::add_checklist::AddChecklist;
use super::shared::{error_text, fill, status_code, status_text};
use crate::domain::ids::{InspectionId, PlanId, TeamId, UnitId};
use crate::domain::inspection::InspectionStatus;
use crate::domain::workspace::Workspace;
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// One row of the list.
#[derive(Clone, PartialEq)]
struct Row {
    id: InspectionId,
    plan: String,
    unit: String,
    status: InspectionStatus,
    answered: u32,
    total: u32,
    checklists: usize,
}

fn rows(ws: &Workspace) -> Vec<Row> {
    let mut out: Vec<Row> = ws
        .inspections()
        .map(|i| {
            let plan = ws.plan(i.plan_id());
            let (mut answered, mut total) = (0, 0);
            for r in i.checklists() {
                if let Some(t) = ws.templates().get(&r.template.id, r.template.version) {
                    let p = r.progress(t);
                    answered += p.answered;
                    total += p.total;
                }
            }
            Row {
                id: i.id(),
                plan: plan.map(|p| p.title.clone()).unwrap_or_default(),
                unit: plan
                    .and_then(|p| p.unit(i.unit_id()))
                    .map(|u| u.name.clone())
                    .unwrap_or_default(),
                status: i.status(),
                answered,
                total,
                checklists: i.checklists().len(),
            }
        })
        .collect();
    out.sort_by(|a, b| (&a.plan, &a.unit).cmp(&(&b.plan, &b.unit)));
    out
}

/// The inspections list page.
#[component]
pub fn InspectionList() -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let status_filter = RwSignal::new(String::from("all"));
    let all = Memo::new(move |_| {
        state.track_all_answers();
        state.ws.with(rows)
    });
    let shown = Memo::new(move |_| {
        let f = status_filter.get();
        all.get()
            .into_iter()
            .filter(|r| f == "all" || status_code(r.status) == f)
            .collect::<Vec<_>>()
    });
    let confirming = RwSignal::new(None::<InspectionId>);
    let message = RwSignal::new(None::<String>);
    let statuses = [
        InspectionStatus::Draft,
        InspectionStatus::InProgress,
        InspectionStatus::Finalized,
        InspectionStatus::Exported,
    ];
    view! {
        <section class="page" data-testid="page-inspections">
            <h1>{t!(i18n, inspections_title)}</h1>
            <p class="lead">{t!(i18n, inspection.list_lead)}</p>
            {move || message.get().map(|m| view! { <p class="banner banner--bad" role="alert">{m}</p> })}
            <NewInspection/>
            <label class="field field--inline">
                <span>{t!(i18n, inspection.status_filter)}</span>
                <select data-testid="status-filter" on:change=move |ev| status_filter.set(event_target_value(&ev))>
                    <option value="all">{t!(i18n, inspection.filter_all)}</option>
                    {statuses.into_iter().map(|s| view! {
                        <option value=status_code(s)>{move || status_text(i18n, s)}</option>
                    }).collect_view()}
                </select>
            </label>
            <Show when=move || shown.with(Vec::is_empty)>
                <p class="empty-state" data-testid="inspections-empty">{t!(i18n, inspection.list_empty)}</p>
            </Show>
            <Show when=move || !shown.with(Vec::is_empty)>
                <table class="data" data-testid="inspection-table">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, inspection.col_unit)}</th>
                            <th scope="col">{t!(i18n, inspection.col_plan)}</th>
                            <th scope="col">{t!(i18n, inspection.col_status)}</th>
                            <th scope="col">{t!(i18n, inspection.col_progress)}</th>
                            <th scope="col">{t!(i18n, inspection.col_actions)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || shown.get() key=|r| (r.id, r.status, r.answered, r.total, r.checklists, r.plan.clone(), r.unit.clone()) let:row>
                            <tr data-testid="inspection-row">
                                <td>
                                    <A href=format!("/kiem-tra/{}", row.id.0) attr:data-testid="inspection-link">
                                        {if row.unit.is_empty() { t_string!(i18n, inspection.unknown_unit).to_string() } else { row.unit.clone() }}
                                    </A>
                                </td>
                                <td>{row.plan.clone()}</td>
                                <td><span class=format!("status-badge status-badge--{}", status_code(row.status))>{move || status_text(i18n, row.status)}</span></td>
                                <td>
                                    {if row.checklists == 0 {
                                        view! { <AddChecklist insp=row.id/> }.into_any()
                                    } else {
                                        view! {
                                            <progress max=row.total value=row.answered></progress>" "
                                            <span>{fill(t_string!(i18n, inspection.progress_of), &[("done", (row.answered).to_string()), ("total", (row.total).to_string())])}</span>
                                        }.into_any()
                                    }}
                                </td>
                                <td>
                                    {
                                        let id = row.id;
                                        view! {
                                            <Show when=move || confirming.get() != Some(id)>
                                                <button type="button" class="btn btn--danger" data-testid="inspection-delete"
                                                    on:click=move |_| confirming.set(Some(id))>
                                                    {t!(i18n, inspection.delete)}
                                                </button>
                                            </Show>
                                            <Show when=move || confirming.get() == Some(id)>
                                                <span class="confirm" role="group">
                                                    <span>{t!(i18n, inspection.delete_confirm)}</span>" "
                                                    <button type="button" class="btn btn--danger" data-testid="inspection-delete-confirm"
                                                        on:click=move |_| {
                                                            confirming.set(None);
                                                            if state.delete_inspection(id).is_err() {
                                                                message.set(Some(t_string!(i18n, inspection.delete_failed).to_string()));
                                                            }
                                                        }>
                                                        {t!(i18n, inspection.delete_yes)}
                                                    </button>" "
                                                    <button type="button" class="btn" on:click=move |_| confirming.set(None)>
                                                        {t!(i18n, inspection.cancel)}
                                                    </button>
                                                </span>
                                            </Show>
                                        }
                                    }
                                </td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </Show>
        </section>
    }
}

/// Choices of the new-inspection form.
#[derive(Clone, PartialEq)]
struct PlanChoice {
    id: PlanId,
    title: String,
    units: Vec<(UnitId, String)>,
    teams: Vec<(TeamId, String)>,
}

/// Starts an inspection of one of a plan's units.
#[component]
fn NewInspection() -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let plans = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.plans()
                .filter(|p| !p.inspected_units.is_empty())
                .map(|p| PlanChoice {
                    id: p.id,
                    title: p.title.clone(),
                    units: p
                        .inspected_units
                        .iter()
                        .map(|u| (u.id, u.name.clone()))
                        .collect(),
                    teams: p.teams.iter().map(|t| (t.id, t.name.clone())).collect(),
                })
                .collect::<Vec<_>>()
        })
    });
    let plan_sel = RwSignal::new(String::new());
    let unit_sel = RwSignal::new(String::new());
    let team_sel = RwSignal::new(String::new());
    let current = Memo::new(move |_| {
        let sel = plan_sel.get();
        plans.with(|ps| {
            ps.iter()
                .find(|p| p.id.0.to_string() == sel)
                .or_else(|| ps.first())
                .cloned()
        })
    });
    let error = RwSignal::new(None::<String>);
    let create = move |_| {
        let Some(p) = current.get_untracked() else {
            return;
        };
        let unit = p
            .units
            .iter()
            .find(|u| u.0 .0.to_string() == unit_sel.get_untracked())
            .or_else(|| p.units.first())
            .map(|u| u.0);
        let Some(unit) = unit else { return };
        let team = p
            .teams
            .iter()
            .find(|t| t.0 .0.to_string() == team_sel.get_untracked())
            .map(|t| t.0);
        match state.create_inspection(p.id, unit, team) {
            Ok(id) => navigate(&format!("/kiem-tra/{}", id.0), Default::default()),
            Err(e) => error.set(Some(error_text(i18n, &e))),
        }
    };
    view! {
        <Show when=move || !plans.with(Vec::is_empty)
            fallback=move || view! { <p class="muted" data-testid="no-plans">{t!(i18n, inspection.no_plans)}" "<A href="/ke-hoach">{t!(i18n, inspection.go_plans)}</A></p> }>
            <details class="card new-inspection" data-testid="new-inspection">
                <summary>{t!(i18n, inspection.new_title)}</summary>
                <div class="field-row">
                    <label class="field">
                        <span>{t!(i18n, inspection.col_plan)}</span>
                        <select data-testid="new-plan" on:change=move |ev| { plan_sel.set(event_target_value(&ev)); unit_sel.set(String::new()); team_sel.set(String::new()); }>
                            {move || plans.get().into_iter().map(|p| view! {
                                <option value=p.id.0.to_string()>{if p.title.is_empty() { t_string!(i18n, inspection.untitled_plan).to_string() } else { p.title }}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>{t!(i18n, inspection.col_unit)}</span>
                        <select data-testid="new-unit" on:change=move |ev| unit_sel.set(event_target_value(&ev))>
                            {move || current.get().map(|p| p.units.into_iter().map(|(id, name)| view! {
                                <option value=id.0.to_string()>{name}</option>
                            }).collect_view())}
                        </select>
                    </label>
                    <label class="field">
                        <span>{t!(i18n, inspection.team)}</span>
                        <select data-testid="new-team" on:change=move |ev| team_sel.set(event_target_value(&ev))>
                            <option value="">{t!(i18n, inspection.no_team)}</option>
                            {move || current.get().map(|p| p.teams.into_iter().map(|(id, name)| view! {
                                <option value=id.0.to_string()>{name}</option>
                            }).collect_view())}
                        </select>
                    </label>
                </div>
                <button type="button" class="btn btn--primary" data-testid="new-create" on:click=create.clone()>
                    {t!(i18n, inspection.new_create)}
                </button>
                {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
            </details>
        </Show>
    }
}
