//! The reports page ("/bao-cao"): the periodic reports with their period,
//! unit, due date, timeliness, completeness and export status; the form that
//! creates one; the inspection report export of each plan; links to the file
//! check and the consolidation screens.

use super::common::fill;
use super::common::{
    kind_code, kind_from_code, kind_name, level_code, level_from_code, level_name, period_line,
    regime_code, regime_from_code, regime_name, today, ExportStatus, TimelinessBadge, LEVELS,
    PERIOD_KINDS,
};
use super::inspection_export::PlanExports;
use crate::domain::ids::ReportId;
use crate::i18n::{format_date, parse_date};
use crate::report::from_domain::regime_for_period;
use crate::report::period::{DueDate, PeriodKind};
use crate::report::periodic::{HandlingMeasureStats, SanctionStats};
use crate::report::{completeness, PeriodicReport, Regime, ReportPeriod, ReportingUnit};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use chrono::Datelike;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// The reports page.
#[component]
pub fn ReportList() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let ids = move || {
        let mut v: Vec<(i32, String, ReportId)> = state.reports.with(|m| {
            m.values()
                .map(|r| {
                    (
                        -r.report.ky_bao_cao.year(),
                        r.report.don_vi_bao_cao.ten.clone(),
                        r.id,
                    )
                })
                .collect()
        });
        v.sort();
        v.into_iter().map(|(_, _, id)| id).collect::<Vec<_>>()
    };
    view! {
        <section class="page reports-page report-page" data-testid="page-reports">
            <h1>{t!(i18n, reports_title)}</h1>
            <p class="lead">{t!(i18n, reports.list_lead)}</p>
            <p class="report-links">
                <A href="/bao-cao/kiem-tra-tep" attr:class="btn" attr:data-testid="link-verify">{t!(i18n, reports.link_verify)}</A>
                " "
                <A href="/tong-hop" attr:class="btn">{t!(i18n, reports.link_consolidation)}</A>
                " "
                <A href="/bao-cao/theo-doi-thpl" attr:class="btn" attr:data-testid="link-thpl">{t!(i18n, thpl.title)}</A>
            </p>
            <h2>{t!(i18n, reports.periodic_heading)}</h2>
            <CreateReportForm/>
            <Show
                when=move || !ids().is_empty()
                fallback=move || view! { <p class="empty-state" data-testid="no-reports">{t!(i18n, reports.no_reports)}</p> }
            >
                <table class="data" data-testid="report-table">
                    <caption class="sr-only">{t!(i18n, reports.periodic_heading)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, reports.col_unit)}</th>
                        <th scope="col">{t!(i18n, reports.col_period)}</th>
                        <th scope="col">{t!(i18n, reports.col_due)}</th>
                        <th scope="col">{t!(i18n, reports.col_timeliness)}</th>
                        <th scope="col">{t!(i18n, reports.col_completeness)}</th>
                        <th scope="col">{t!(i18n, reports.col_export)}</th>
                        <th scope="col">{t!(i18n, reports.col_actions)}</th>
                    </tr></thead>
                    <tbody>
                        <For each=ids key=|id| *id let:id>
                            <ReportRow id=id/>
                        </For>
                    </tbody>
                </table>
            </Show>
            <h2>{t!(i18n, reports.inspection_heading)}</h2>
            <PlanExports/>
        </section>
    }
}

/// One row of the periodic reports table, with a two-step delete.
#[component]
fn ReportRow(id: ReportId) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let rec = Signal::derive(move || state.reports.with(|m| m.get(&id).cloned()));
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let unit = move || rec.with(|r| r.as_ref().map(|r| r.report.don_vi_bao_cao.ten.clone()));
    let period = move || rec.with(|r| r.as_ref().map(|r| period_line(i18n, &r.report.ky_bao_cao)));
    let due = move || rec.with(|r| r.as_ref().map(|r| format_date(r.report.han_nop.han_nop)));
    let missing = move || rec.with(|r| r.as_ref().map(|r| completeness(&r.report).len()));
    let complete_text = move || match missing() {
        Some(0) => t_string!(i18n, reports.complete).to_string(),
        Some(n) => fill(
            t_string!(i18n, reports.missing_n),
            &[("n", (n).to_string())],
        )
        .to_string(),
        None => String::new(),
    };
    let href = format!("/bao-cao/{id}");
    let delete = move |_| {
        if let Err(e) = state.delete_report(id) {
            error.set(Some(
                crate::ui::pages::settings::restore::storage_error_text(i18n, &e),
            ));
        }
    };
    view! {
        <tr data-testid="report-row">
            <td>
                <A href=href.clone() attr:data-testid="report-open">
                    {move || unit().filter(|u| !u.trim().is_empty()).unwrap_or_else(|| t_string!(i18n, reports.unnamed_unit).to_string())}
                </A>
            </td>
            <td>{period}</td>
            <td>{due}</td>
            <td><TimelinessBadge rec=rec/></td>
            <td data-testid="row-completeness">{complete_text}</td>
            <td><ExportStatus rec=rec/></td>
            <td class="row-actions">
                <A href=format!("{href}/in") attr:class="btn">{t!(i18n, reports.print)}</A>
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button type="button" class="btn btn--danger" on:click=move |_| confirming.set(true)>
                            {t!(i18n, reports.delete)}
                        </button>
                    }
                >
                    <span role="group" aria-label=move || t_string!(i18n, reports.delete_confirm_q)>
                        <span class="confirm-q">{t!(i18n, reports.delete_confirm_q)}</span>
                        <button type="button" class="btn btn--danger" on:click=delete data-testid="delete-confirm">
                            {t!(i18n, reports.delete_yes)}
                        </button>
                        <button type="button" class="btn" on:click=move |_| confirming.set(false)>
                            {t!(i18n, reports.cancel)}
                        </button>
                    </span>
                </Show>
                {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
            </td>
        </tr>
    }
}

/// A blank periodic report for the chosen regime, kind, year and level.
pub fn blank_report(
    unit: ReportingUnit,
    regime: Regime,
    period: ReportPeriod,
    level: crate::report::ReporterLevel,
    han_nop: DueDate,
) -> PeriodicReport {
    PeriodicReport {
        don_vi_bao_cao: unit,
        so_ky_hieu: String::new(),
        ky_bao_cao: period,
        che_do_bao_cao: regime,
        cap_bao_cao: level,
        han_nop,
        xu_phat: SanctionStats::default(),
        bien_phap_xlhc: HandlingMeasureStats::default(),
        nguoi_ky: Default::default(),
        noi_nhan: Vec::new(),
    }
}

/// Sets the regime to the one in force for `period` (the data cutoff
/// decides), keeping the kind when the regime lists it.
fn follow_period_regime(
    period: Option<ReportPeriod>,
    regime: RwSignal<Regime>,
    kind: RwSignal<PeriodKind>,
) {
    let Some(r) = period.as_ref().and_then(regime_for_period) else {
        return;
    };
    if r != regime.get_untracked() {
        regime.set(r);
        if !r.supports(kind.get_untracked()) {
            kind.set(PeriodKind::DinhKyNam);
        }
    }
}

/// "Tạo báo cáo định kỳ": regime, period kind, year (or dates), level, and
/// the due date when the regime has no default for the case.
#[component]
fn CreateReportForm() -> impl IntoView {
    let i18n = use_i18n();
    let lang = crate::ui::lang::use_lang();
    let state = AppState::expect();
    // Stored so the handler stays `Copy` inside `<Show>`'s children.
    let navigate = StoredValue::new_local(use_navigate());
    let open = RwSignal::new(false);
    // A new report defaults to the regime in force for its period (the
    // yearly period of this year), and follows the year as it is typed.
    let this_year = today().year();
    let regime = RwSignal::new(
        ReportPeriod::yearly(this_year)
            .ok()
            .as_ref()
            .and_then(regime_for_period)
            .unwrap_or(Regime::Tt01_2023SuaDoiTt19_2025),
    );
    let kind = RwSignal::new(PeriodKind::DinhKyNam);
    let year = RwSignal::new(this_year.to_string());
    let level = RwSignal::new(crate::report::ReporterLevel::GuiCapTrenTrucTiep);
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);

    let period = move || -> Option<ReportPeriod> {
        let k = kind.get();
        if k.has_explicit_dates() {
            ReportPeriod::explicit(k, parse_date(&from.get())?, parse_date(&to.get())?).ok()
        } else {
            ReportPeriod::standard(k, year.get().trim().parse().ok()?).ok()
        }
    };
    let default_due = move || period().map(|p| regime.get().default_due(level.get(), &p));
    let needs_due = move || default_due().is_some_and(|d| d.han_mac_dinh.is_none());

    let create = move |_| {
        let Some(p) = period() else {
            error.set(Some(t_string!(i18n, reports.err_period).to_string()));
            return;
        };
        let user_due = parse_date(&due.get_untracked());
        let Ok(han_nop) = regime
            .get_untracked()
            .resolve_due(level.get_untracked(), &p, user_due)
        else {
            error.set(Some(t_string!(i18n, reports.err_due_required).to_string()));
            return;
        };
        let unit_name = state
            .ws
            .with_untracked(|ws| ws.settings().unit_name.clone());
        let report = blank_report(
            ReportingUnit {
                ten: unit_name,
                co_quan_chu_quan: String::new(),
            },
            regime.get_untracked(),
            p,
            level.get_untracked(),
            han_nop,
        );
        let id = state.add_report(report);
        navigate.with_value(|nav| nav(&format!("/bao-cao/{id}"), Default::default()));
    };

    view! {
        <Show
            when=move || open.get()
            fallback=move || view! {
                <p><button type="button" class="btn btn--primary" data-testid="create-report" on:click=move |_| open.set(true)>
                    {t!(i18n, reports.create)}
                </button></p>
            }
        >
            <fieldset class="card create-report" data-testid="create-form">
                <legend>{t!(i18n, reports.create)}</legend>
                <div class="field-row">
                    <label class="field">
                        <span>{t!(i18n, reports.regime)}</span>
                        <select data-testid="create-regime"
                            prop:value=move || regime_code(regime.get())
                            on:change=move |ev| {
                                let r = regime_from_code(&event_target_value(&ev));
                                regime.set(r);
                                if !r.supports(kind.get_untracked()) {
                                    kind.set(PeriodKind::DinhKyNam);
                                }
                            }>
                            {Regime::ALL.into_iter().map(|r| view! {
                                <option value=regime_code(r)>{move || regime_name(i18n, r)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field">
                        <span>{t!(i18n, reports.period_kind)}</span>
                        <select data-testid="create-kind"
                            prop:value=move || kind_code(kind.get())
                            on:change=move |ev| kind.set(kind_from_code(&event_target_value(&ev)))>
                            {move || PERIOD_KINDS.into_iter().filter(|k| regime.get().supports(*k)).map(|k| view! {
                                <option value=kind_code(k) selected=move || kind.get() == k>{kind_name(i18n, k)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <Show when=move || !kind.get().has_explicit_dates()>
                        <label class="field">
                            <span>{t!(i18n, reports.year)}</span>
                            <input type="text" inputmode="numeric" data-testid="create-year"
                                prop:value=move || year.get()
                                on:input=move |ev| {
                                    year.set(event_target_value(&ev));
                                    follow_period_regime(period(), regime, kind);
                                }/>
                        </label>
                    </Show>
                    <Show when=move || kind.get().has_explicit_dates()>
                        <label class="field">
                            <span>{t!(i18n, reports.from_date)}</span>
                            <input type="date" on:input=move |ev| from.set(event_target_value(&ev))/>
                        </label>
                        <label class="field">
                            <span>{t!(i18n, reports.to_date)}</span>
                            <input type="date" on:input=move |ev| to.set(event_target_value(&ev))/>
                        </label>
                    </Show>
                    <label class="field">
                        <span>{t!(i18n, reports.level)}</span>
                        <select data-testid="create-level"
                            prop:value=move || level_code(level.get())
                            on:change=move |ev| level.set(level_from_code(&event_target_value(&ev)))>
                            {LEVELS.into_iter().map(|l| view! {
                                <option value=level_code(l)>{move || level_name(i18n, l)}</option>
                            }).collect_view()}
                        </select>
                    </label>
                </div>
                {move || default_due().map(|d| view! {
                    <p class="muted rule-text">
                        {super::due::said(lang.get(), d.quy_tac_vi)}
                        {d.han_mac_dinh.map(|h| format!(" → {}", format_date(h)))}
                    </p>
                })}
                <Show when=needs_due>
                    <label class="field">
                        <span>{t!(i18n, reports.due_date_user)}</span>
                        <input type="date" data-testid="create-due" on:input=move |ev| due.set(event_target_value(&ev))/>
                    </label>
                </Show>
                {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
                <p>
                    <button type="button" class="btn btn--primary" data-testid="create-confirm" on:click=create>
                        {t!(i18n, reports.create_confirm)}
                    </button>
                    " "
                    <button type="button" class="btn" on:click=move |_| open.set(false)>{t!(i18n, reports.cancel)}</button>
                </p>
            </fieldset>
        </Show>
    }
}
