//! The follow-up view ("/theo-doi-kien-nghi"): every recommendation of the
//! completed inspections with its status, age and lateness, the counts, and
//! filters by addressee, status, overdue, plan and unit. Also the overview's
//! card of overdue recommendations. The rules (lateness, order, counts,
//! filters) are the domain's; this page only shows them.

use super::labels::{status_text, I18n};
use crate::domain::catalog::Addressee;
use crate::domain::clock::Clock;
use crate::domain::followup::{FollowUpStatus, FollowUpSummary};
use crate::domain::ids::{InspectionId, PlanId, UnitId};
use crate::domain::workspace::{FollowUpFilter, FollowUpRow, Workspace};
use crate::i18n::{fill, format_date, Lang};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

/// Most overdue items on the overview card.
const OVERVIEW_MAX: usize = 12;

/// One row, ready to show.
#[derive(Clone, PartialEq)]
struct ViewRow {
    row: FollowUpRow,
    plan: String,
    unit: String,
}

fn view_rows(ws: &Workspace, rows: Vec<FollowUpRow>) -> Vec<ViewRow> {
    rows.into_iter()
        .map(|row| {
            let plan = ws.plan(row.plan);
            ViewRow {
                plan: plan.map(|p| p.title.trim().to_string()).unwrap_or_default(),
                unit: plan
                    .and_then(|p| p.unit(row.unit))
                    .map(|u| u.name.clone())
                    .unwrap_or_default(),
                row,
            }
        })
        .collect()
}

fn addressee_text(lang: Lang, a: Addressee) -> &'static str {
    if lang == Lang::Vi {
        a.entry().vi
    } else {
        a.entry().en
    }
}

fn overdue_text(i18n: I18n, days: Option<i64>) -> String {
    match days {
        Some(d) => fill(
            t_string!(i18n, followup.overdue_days),
            &[("days", d.to_string())],
        ),
        None => t_string!(i18n, followup.not_overdue).to_string(),
    }
}

fn href(insp: InspectionId) -> String {
    format!("/kiem-tra/{}#theo-doi", insp.0)
}

/// The follow-up page.
#[component]
pub fn FollowUpPage() -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let today = state.clock().today();
    let filter = RwSignal::new(FollowUpFilter::default());
    let all = Memo::new(move |_| state.ws.with(|ws| view_rows(ws, ws.follow_up_rows(today))));
    let shown = Memo::new(move |_| {
        filter.with(|f| {
            all.get()
                .into_iter()
                .filter(|r| f.accepts(&r.row))
                .collect::<Vec<_>>()
        })
    });
    let summary = Memo::new(move |_| state.ws.with(|ws| ws.follow_up_summary(None, today)));
    let plans = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.plans()
                .map(|p| (p.id, p.title.trim().to_string()))
                .collect::<Vec<_>>()
        })
    });
    let units = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.plans()
                .flat_map(|p| p.inspected_units.iter().map(|u| (u.id, u.name.clone())))
                .collect::<Vec<_>>()
        })
    });
    let parse_uuid = |s: &str| Uuid::parse_str(s).ok();
    view! {
        <section class="page followup" data-testid="page-followup">
            <h1>{t!(i18n, followup.title)}</h1>
            <p class="lead">{t!(i18n, followup.lead)}</p>
            <p class="no-print"><A href="/theo-doi-kien-nghi/sua-doi-van-ban" attr:data-testid="amendments-link">{t!(i18n, followup.amend_link)}</A></p>
            <SummaryCounts summary=summary/>
            <fieldset class="card filters no-print" data-testid="followup-filters">
                <legend>{t!(i18n, followup.filters_title)}</legend>
                <div class="field-row">
                    <label class="field">
                        <span>{t!(i18n, followup.filter_addressee)}</span>
                        <select data-testid="filter-addressee" on:change=move |ev| {
                            let a = Addressee::from_code(&event_target_value(&ev));
                            filter.update(|f| f.addressee = a);
                        }>
                            <option value="">{t!(i18n, followup.filter_all)}</option>
                            {Addressee::ALL.iter().map(|a| {
                                let a = *a;
                                view! { <option value=a.code()>{move || addressee_text(lang.get(), a)}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>{t!(i18n, followup.filter_status)}</span>
                        <select data-testid="filter-status" on:change=move |ev| {
                            let s = FollowUpStatus::from_code(&event_target_value(&ev));
                            filter.update(|f| f.status = s);
                        }>
                            <option value="">{t!(i18n, followup.filter_all)}</option>
                            {FollowUpStatus::ALL.iter().map(|s| {
                                let s = *s;
                                view! { <option value=s.code()>{move || status_text(i18n, s)}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>{t!(i18n, followup.filter_plan)}</span>
                        <select data-testid="filter-plan" on:change=move |ev| {
                            let p = parse_uuid(&event_target_value(&ev)).map(PlanId);
                            filter.update(|f| f.plan = p);
                        }>
                            <option value="">{t!(i18n, followup.filter_all)}</option>
                            {move || plans.get().into_iter().map(|(id, title)| view! {
                                <option value=id.0.to_string()>{title}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>{t!(i18n, followup.filter_unit)}</span>
                        <select data-testid="filter-unit" on:change=move |ev| {
                            let u = parse_uuid(&event_target_value(&ev)).map(UnitId);
                            filter.update(|f| f.unit = u);
                        }>
                            <option value="">{t!(i18n, followup.filter_all)}</option>
                            {move || units.get().into_iter().map(|(id, name)| view! {
                                <option value=id.0.to_string()>{name}</option>
                            }).collect_view()}
                        </select>
                    </label>
                </div>
                <label class="field field--check">
                    <input type="checkbox" data-testid="filter-overdue"
                        on:change=move |ev| { let on = event_target_checked(&ev); filter.update(|f| f.overdue_only = on); }/>
                    <span>{t!(i18n, followup.filter_overdue)}</span>
                </label>
                <label class="field field--check">
                    <input type="checkbox" data-testid="filter-open"
                        on:change=move |ev| { let on = event_target_checked(&ev); filter.update(|f| f.open_only = on); }/>
                    <span>{t!(i18n, followup.filter_open)}</span>
                </label>
            </fieldset>
            <p role="status" data-testid="followup-shown">{move || fill(t_string!(i18n, followup.shown_n), &[
                ("n", shown.with(Vec::len).to_string()), ("total", all.with(Vec::len).to_string())])}</p>
            <Show when=move || all.with(Vec::is_empty)>
                <p class="empty-state" data-testid="followup-empty">{t!(i18n, followup.empty)}</p>
            </Show>
            <Show when=move || !shown.with(Vec::is_empty)>
                <table class="data" data-testid="followup-table">
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, followup.col_text)}</th>
                            <th scope="col">{t!(i18n, followup.col_unit)}</th>
                            <th scope="col">{t!(i18n, followup.col_addressee)}</th>
                            <th scope="col">{t!(i18n, followup.col_deadline)}</th>
                            <th scope="col">{t!(i18n, followup.col_status)}</th>
                            <th scope="col">{t!(i18n, followup.col_age)}</th>
                            <th scope="col">{t!(i18n, followup.col_overdue)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || shown.get() key=|r| (r.row.clone(), r.plan.clone(), r.unit.clone()) let:r>
                            <tr data-testid="followup-row" class:overdue=r.row.days_overdue.is_some()>
                                <td><A href=href(r.row.inspection)>{r.row.text.clone()}</A></td>
                                <td>{r.unit.clone()}<br/><small class="muted">{r.plan.clone()}</small></td>
                                <td>{move || addressee_text(lang.get(), r.row.addressee)}</td>
                                <td>{match r.row.deadline {
                                    Some(d) => format_date(d),
                                    None => t_string!(i18n, followup.no_deadline).to_string(),
                                }}</td>
                                <td data-testid="followup-status">{move || status_text(i18n, r.row.status)}</td>
                                <td>{match r.row.age_days {
                                    Some(d) => fill(t_string!(i18n, followup.age_days), &[("days", d.to_string())]),
                                    None => t_string!(i18n, followup.no_issue_date).to_string(),
                                }}</td>
                                <td data-testid="followup-overdue">{overdue_text(i18n, r.row.days_overdue)}</td>
                            </tr>
                        </For>
                    </tbody>
                </table>
            </Show>
        </section>
    }
}

/// The follow-up counts as a definition list.
#[component]
pub fn SummaryCounts(summary: Memo<FollowUpSummary>) -> impl IntoView {
    let i18n = use_i18n();
    type Pick = fn(&FollowUpSummary) -> u32;
    let lines: [(&'static str, Pick); 10] = [
        ("made", |s| s.made),
        ("done", |s| s.done),
        ("partly", |s| s.partly),
        ("not_done", |s| s.not_done),
        ("open", |s| s.open),
        ("overdue", |s| s.overdue),
        ("discipline_proposed", |s| s.discipline_proposed),
        ("discipline_decided", |s| s.discipline_decided),
        ("discipline_executed", |s| s.discipline_executed),
        ("amendments", |s| s.amendments),
    ];
    let label = move |code: &str| -> String {
        match code {
            "made" => t_string!(i18n, followup.count_made),
            "done" => t_string!(i18n, followup.count_done),
            "partly" => t_string!(i18n, followup.count_partly),
            "not_done" => t_string!(i18n, followup.count_not_done),
            "open" => t_string!(i18n, followup.count_open),
            "overdue" => t_string!(i18n, followup.count_overdue),
            "discipline_proposed" => t_string!(i18n, followup.count_discipline_proposed),
            "discipline_decided" => t_string!(i18n, followup.count_discipline_decided),
            "discipline_executed" => t_string!(i18n, followup.count_discipline_executed),
            _ => t_string!(i18n, followup.count_amendments),
        }
        .to_string()
    };
    view! {
        <section class="card" aria-labelledby="fu-counts" data-testid="followup-counts">
            <h2 id="fu-counts">{t!(i18n, followup.counts_title)}</h2>
            <dl class="counts">
                {lines.into_iter().map(|(code, pick)| view! {
                    <div class="count" data-testid=format!("fu-count-{code}")>
                        <dt>{move || label(code)}</dt>
                        <dd>{move || summary.with(pick)}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
    }
}

/// The overview's card: overdue recommendations, most late first.
#[component]
pub fn OverdueRecommendations() -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let today = state.clock().today();
    let rows = Memo::new(move |_| {
        state.ws.with(|ws| {
            let late: Vec<_> = ws
                .follow_up_rows(today)
                .into_iter()
                .filter(|r| r.days_overdue.is_some())
                .take(OVERVIEW_MAX)
                .collect();
            view_rows(ws, late)
        })
    });
    view! {
        <section class="card card--alert" aria-labelledby="ov-fu" data-testid="ov-followup">
            <h2 id="ov-fu">{t!(i18n, followup.ov_title)}</h2>
            <Show when=move || !rows.with(Vec::is_empty) fallback=move || view! {
                <p class="muted">{t!(i18n, followup.ov_none)}</p>
            }>
                <ul class="deadlines">
                    <For each=move || rows.get() key=|r| (r.row.clone(), r.unit.clone()) let:r>
                        <li class="overdue" data-testid="ov-followup-item">
                            <A href=href(r.row.inspection)>{r.row.text.clone()}</A>
                            ": " {r.unit.clone()} " "
                            <strong class="dl-days">{format!("({})", overdue_text(i18n, r.row.days_overdue))}</strong>
                        </li>
                    </For>
                </ul>
            </Show>
            <p><A href="/theo-doi-kien-nghi">{t!(i18n, followup.ov_all)}</A></p>
        </section>
    }
}
