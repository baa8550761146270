//! The "Overview" page ("/"): overdue recommendations first (they stay until
//! closed), this year's plans, inspections by status,
//! upcoming and overdue deadlines, finalized inspections not yet exported,
//! and the sample data buttons. Strings live in the "plans" namespace.

use super::followup::OverdueRecommendations;
use super::plans::demo_controls::DemoControls;
use super::plans::labels;
use crate::domain::clock::Clock;
use crate::domain::inspection::InspectionStatus;
use crate::domain::workspace::DeadlineState;
use crate::i18n::format_date;
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use chrono::Datelike;
use leptos::prelude::*;
use leptos_router::components::A;

/// Most deadlines listed per group.
const MAX_DEADLINES: usize = 12;

/// One deadline line, ready to show.
#[derive(Clone, PartialEq)]
struct DeadlineRow {
    date: String,
    what: String,
    plan: String,
    unit: Option<String>,
    href: String,
    days: i64,
    overdue: bool,
}

/// The overview page.
#[component]
pub fn Overview() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let today = state.clock().today();
    let has_plans = Memo::new(move |_| state.ws.with(|ws| ws.plans().next().is_some()));
    view! {
        <section class="page overview" data-testid="page-overview">
            <h1>{t!(i18n, overview_title)}</h1>
            <p class="lead">{move || labels::fill(t_string!(i18n, plans.ov_today), &[("date", &format_date(today) as &dyn std::fmt::Display)])}</p>
            <Show when=move || has_plans.get() fallback=move || view! {
                <div class="empty-state" data-testid="overview-empty">
                    <h2>{t!(i18n, plans.ov_empty_title)}</h2>
                    <p>{t!(i18n, plans.ov_empty_body)}</p>
                    <p><A href="/ke-hoach">{t!(i18n, plans.ov_go_plans)}</A>
                        " · " <A href="/cai-dat">{t!(i18n, plans.ov_go_settings)}</A></p>
                </div>
            }>
                <NotExportedWarning/>
                <OverdueRecommendations/>
                <div class="overview-grid">
                    <ThisYearPlans/>
                    <InspectionCounts/>
                </div>
                <Deadlines/>
            </Show>
            <section class="card" aria-labelledby="ov-demo">
                <h2 id="ov-demo">{t!(i18n, plans.demo_title)}</h2>
                <DemoControls/>
            </section>
        </section>
    }
}

/// Plans of the current year, linked to their editors.
#[component]
fn ThisYearPlans() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let year = state.clock().today().year();
    let plans = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.plans()
                .filter(|p| p.year == year)
                .map(|p| {
                    (
                        p.id,
                        labels::plan_title(i18n, p),
                        p.number.as_ref().map(|n| n.to_string()),
                        ws.inspections_of_plan(p.id).len(),
                    )
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="card" aria-labelledby="ov-plans" data-testid="ov-plans">
            <h2 id="ov-plans">{move || labels::fill(t_string!(i18n, plans.ov_plans_year), &[("year", &year as &dyn std::fmt::Display)])}</h2>
            <Show when=move || !plans.with(Vec::is_empty) fallback=move || view! {
                <p class="muted">{t!(i18n, plans.ov_no_plans_year)} " " <A href="/ke-hoach">{t!(i18n, plans.ov_go_plans)}</A></p>
            }>
                <ul>
                    <For each=move || plans.get() key=|p| p.clone() let:p>
                        <li>
                            <A href=format!("/ke-hoach/{}", p.0)>{p.1.clone()}</A>
                            {p.2.clone().map(|n| format!(" — {n}"))}
                            <span class="muted">{move || format!(" ({})", labels::fill(t_string!(i18n, plans.ov_inspections_n), &[("count", &p.3 as &dyn std::fmt::Display)]))}</span>
                        </li>
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// Inspections counted by lifecycle state.
#[component]
fn InspectionCounts() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let counts = Memo::new(move |_| {
        state.ws.with(|ws| {
            let mut c = [0usize; 4];
            for i in ws.inspections() {
                let k = match i.status() {
                    InspectionStatus::Draft => 0,
                    InspectionStatus::InProgress => 1,
                    InspectionStatus::Finalized => 2,
                    InspectionStatus::Exported => 3,
                };
                c[k] += 1;
            }
            c
        })
    });
    let statuses = [
        (InspectionStatus::Draft, "draft"),
        (InspectionStatus::InProgress, "in_progress"),
        (InspectionStatus::Finalized, "finalized"),
        (InspectionStatus::Exported, "exported"),
    ];
    view! {
        <section class="card" aria-labelledby="ov-insp" data-testid="ov-inspections">
            <h2 id="ov-insp">{t!(i18n, plans.ov_inspections)}</h2>
            <dl class="counts">
                {statuses.into_iter().enumerate().map(|(n, (s, code))| view! {
                    <div class="count" data-testid=format!("ov-count-{code}")>
                        <dt>{move || labels::inspection_status(i18n, s)}</dt>
                        <dd>{move || counts.get()[n]}</dd>
                    </div>
                }).collect_view()}
            </dl>
            <p><A href="/kiem-tra">{t!(i18n, plans.ov_go_inspections)}</A></p>
        </section>
    }
}

/// Overdue and upcoming deadlines, each linking to its plan or inspection.
#[component]
fn Deadlines() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let today = state.clock().today();
    let rows = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.deadlines(today)
                .into_iter()
                .map(|d| {
                    let plan = ws.plan(d.plan);
                    let unit = d.inspection.and_then(|i| {
                        let insp = ws.inspection(i)?;
                        plan.and_then(|p| p.unit(insp.unit_id()))
                            .map(|u| u.name.clone())
                    });
                    DeadlineRow {
                        date: format_date(d.date),
                        what: labels::deadline_kind(i18n, &d.kind),
                        plan: plan
                            .map(|p| labels::plan_title(i18n, p))
                            .unwrap_or_default(),
                        unit,
                        href: match d.inspection {
                            Some(i) => format!("/kiem-tra/{i}"),
                            None => format!("/ke-hoach/{}", d.plan),
                        },
                        days: d.days_left,
                        overdue: d.state == DeadlineState::Overdue,
                    }
                })
                .collect::<Vec<_>>()
        })
    });
    let overdue = Memo::new(move |_| {
        rows.with(|r| {
            let mut v: Vec<_> = r.iter().filter(|d| d.overdue).cloned().collect();
            v.reverse(); // most recent first
            v.truncate(MAX_DEADLINES);
            v
        })
    });
    let upcoming = Memo::new(move |_| {
        rows.with(|r| {
            r.iter()
                .filter(|d| !d.overdue)
                .take(MAX_DEADLINES)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="overview-grid">
            <section class="card" aria-labelledby="ov-overdue" data-testid="ov-overdue">
                <h2 id="ov-overdue">{t!(i18n, plans.ov_overdue)}</h2>
                <DeadlineList rows=overdue empty=move || t_string!(i18n, plans.ov_none_overdue).to_string()/>
            </section>
            <section class="card" aria-labelledby="ov-upcoming" data-testid="ov-upcoming">
                <h2 id="ov-upcoming">{t!(i18n, plans.ov_upcoming)}</h2>
                <DeadlineList rows=upcoming empty=move || t_string!(i18n, plans.ov_none_upcoming).to_string()/>
            </section>
        </div>
    }
}

#[component]
fn DeadlineList(rows: Memo<Vec<DeadlineRow>>, #[prop(into)] empty: TextProp) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || !rows.with(Vec::is_empty) fallback=move || {
            let empty = empty.clone();
            view! { <p class="muted">{move || empty.get().to_string()}</p> }
        }>
            <ul class="deadlines">
                <For each=move || rows.get() key=|r| (r.href.clone(), r.what.clone(), r.date.clone()) let:r>
                    <li class:overdue=r.overdue data-testid="ov-deadline">
                        <span class="dl-date">{r.date.clone()}</span> " — "
                        <A href=r.href.clone()>{r.what.clone()}</A>
                        ": " {r.plan.clone()} {r.unit.clone().map(|u| format!(" — {u}"))}
                        " " <strong class="dl-days">{move || format!("({})", labels::days_left(i18n, r.days))}</strong>
                    </li>
                </For>
            </ul>
        </Show>
    }
}

/// Finalized inspections that have never been exported.
#[component]
fn NotExportedWarning() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let list = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.inspections()
                .filter(|i| i.status() == InspectionStatus::Finalized)
                .map(|i| {
                    let name = ws
                        .plan(i.plan_id())
                        .and_then(|p| p.unit(i.unit_id()))
                        .map(|u| u.name.clone())
                        .unwrap_or_default();
                    (i.id(), name)
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <Show when=move || !list.with(Vec::is_empty)>
            <div class="banner banner--warn" role="status" data-testid="ov-not-exported">
                <p>{t!(i18n, plans.ov_not_exported)}</p>
                <ul>
                    <For each=move || list.get() key=|x| x.clone() let:x>
                        <li><A href=format!("/kiem-tra/{}", x.0)>{
                            if x.1.trim().is_empty() { t_string!(i18n, plans.unnamed_unit).to_string() } else { x.1.clone() }
                        }</A></li>
                    </For>
                </ul>
            </div>
        </Show>
    }
}
