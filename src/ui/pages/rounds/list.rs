//! "/tong-hop": the reporting rounds with their period, due date and count
//! line; the form that creates a round; the demo round.

use super::demo::demo_round;
use crate::domain::ids::RoundId;
use crate::i18n::{format_date, parse_date};
use crate::report::period::PeriodKind;
use crate::report::round::thpl::counts_of;
use crate::report::round::{Issuer, Round, RoundKind};
use crate::report::{Regime, ReportPeriod};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::pages::reports::common::{
    fill, kind_code, kind_from_code, kind_name, period_line, regime_code, regime_from_code,
    regime_name, today, PERIOD_KINDS,
};
use chrono::Datelike;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// The rounds page.
#[component]
pub fn RoundList() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let ids = move || {
        let mut v: Vec<(chrono::NaiveDate, RoundId)> = state.rounds.with(|m| {
            m.values()
                .map(|r| (r.round.ky_bao_cao.den_ngay, r.id))
                .collect()
        });
        v.sort_by(|a, b| b.cmp(a));
        v.into_iter().map(|(_, id)| id).collect::<Vec<_>>()
    };
    view! {
        <section class="page rounds-page" data-testid="page-consolidation">
            <h1>{t!(i18n, consolidation_title)}</h1>
            <p class="lead">{t!(i18n, rounds.lead)}</p>
            <CreateRoundForm/>
            <Show
                when=move || !ids().is_empty()
                fallback=move || view! { <p class="empty-state" data-testid="no-rounds">{t!(i18n, rounds.none)}</p> }
            >
                <table class="data" data-testid="round-table">
                    <caption class="sr-only">{t!(i18n, consolidation_title)}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, rounds.col_title)}</th>
                        <th scope="col">{t!(i18n, reports.col_period)}</th>
                        <th scope="col">{t!(i18n, rounds.due)}</th>
                        <th scope="col">{t!(i18n, rounds.col_progress)}</th>
                        <th scope="col">{t!(i18n, reports.col_actions)}</th>
                    </tr></thead>
                    <tbody>
                        <For each=ids key=|id| *id let:id>
                            <RoundRow id=id/>
                        </For>
                    </tbody>
                </table>
            </Show>
        </section>
    }
}

/// One row of the rounds table, with a two-step delete.
#[component]
fn RoundRow(id: RoundId) -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let round = super::round_signal(id);
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let title = move || round.with(|r| r.as_ref().map(|r| r.ten.clone()).unwrap_or_default());
    let period = move || round.with(|r| r.as_ref().map(|r| period_line(i18n, &r.ky_bao_cao)));
    let due = move || round.with(|r| r.as_ref().map(|r| format_date(r.han_nop)));
    let progress = move || {
        round.with(|r| {
            r.as_ref()
                .map(|r| count_line_text(i18n, &counts_of(r)))
                .unwrap_or_default()
        })
    };
    let delete = move |_| {
        if let Err(e) = state.delete_round(id) {
            error.set(Some(e.to_string()));
        }
    };
    view! {
        <tr data-testid="round-row">
            <td><A href=format!("/tong-hop/{id}") attr:data-testid="round-open">{title}</A></td>
            <td>{period}</td>
            <td>{due}</td>
            <td>{progress}</td>
            <td class="row-actions">
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button type="button" class="btn btn--danger" on:click=move |_| confirming.set(true)>
                            {t!(i18n, reports.delete)}
                        </button>
                    }
                >
                    <span role="group" aria-label=move || t_string!(i18n, rounds.delete_q)>
                        <span class="confirm-q">{t!(i18n, rounds.delete_q)}</span>
                        <button type="button" class="btn btn--danger" on:click=delete data-testid="round-delete-confirm">
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

/// "24/31 đơn vị đã nộp, 5 chậm, 7 chưa nộp" in the UI language.
pub fn count_line_text(
    i18n: crate::ui::pages::reports::common::I18n,
    c: &crate::report::round::StatusCounts,
) -> String {
    fill(
        t_string!(i18n, rounds.count_line),
        &[
            ("submitted", c.da_nop.to_string()),
            ("expected", c.du_kien.to_string()),
            ("late", c.cham.to_string()),
            ("missing", c.chua_nop.to_string()),
        ],
    )
}

/// "Tạo đợt báo cáo": title, regime, period, due date; or the demo round.
#[component]
fn CreateRoundForm() -> impl IntoView {
    let i18n = use_i18n();
    let lang = crate::ui::lang::use_lang();
    let state = AppState::expect();
    let navigate = StoredValue::new_local(use_navigate());
    let title = RwSignal::new(String::new());
    let round_kind = RwSignal::new(RoundKind::Xlvphc);
    let thpl = move || round_kind.get() == RoundKind::TheoDoiThpl;
    let regime = RwSignal::new(Regime::Tt01_2023SuaDoiTt19_2025);
    let kind = RwSignal::new(PeriodKind::DinhKyNam);
    let year = RwSignal::new(today().year().to_string());
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
    // The issuer of the letters: the unit and place of the settings.
    let issuer = move || {
        let unit = state
            .ws
            .with_untracked(|ws| ws.settings().unit_name.clone());
        let place = state
            .ws
            .with_untracked(|ws| ws.settings().place_name.clone());
        Issuer {
            co_quan: crate::report::ReportingUnit {
                ten: unit,
                co_quan_chu_quan: String::new(),
            },
            dia_danh: place,
            luu: "VT".into(),
            ..Issuer::default()
        }
    };
    let open = move |id: RoundId| {
        navigate.with_value(|nav| nav(&format!("/tong-hop/{id}"), Default::default()));
    };
    let create_thpl = move || {
        let name = title.get_untracked();
        let Ok(y) = year.get_untracked().trim().parse::<i32>() else {
            error.set(Some(t_string!(i18n, thpl.year_invalid).to_string()));
            return None;
        };
        let due_text = due.get_untracked();
        let han = if due_text.trim().is_empty() {
            None
        } else {
            let Some(d) = parse_date(&due_text) else {
                error.set(Some(t_string!(i18n, rounds.err_due).to_string()));
                return None;
            };
            Some(d)
        };
        match Round::new_thpl(name.trim(), y, regime.get_untracked(), han) {
            Ok(mut r) => {
                if r.ten.is_empty() {
                    r.ten = fill(
                        t_string!(i18n, rounds.thpl_default_title),
                        &[("year", y.to_string())],
                    );
                }
                Some(r)
            }
            Err(e) => {
                error.set(Some(crate::ui::pages::thpl::error_text(
                    i18n,
                    &e,
                    lang.get_untracked(),
                )));
                None
            }
        }
    };
    let create = move |_| {
        error.set(None);
        if thpl() {
            if let Some(mut round) = create_thpl() {
                round.co_quan_ban_hanh = issuer();
                open(state.add_round(round));
            }
            return;
        }
        let Some(p) = period() else {
            error.set(Some(t_string!(i18n, reports.err_period).to_string()));
            return;
        };
        let Some(han) = parse_date(&due.get_untracked()) else {
            error.set(Some(t_string!(i18n, rounds.err_due).to_string()));
            return;
        };
        let name = title.get_untracked();
        let name = if name.trim().is_empty() {
            period_line(i18n, &p)
        } else {
            name.trim().to_owned()
        };
        let mut round = Round::new(name, p, regime.get_untracked(), han);
        round.co_quan_ban_hanh = issuer();
        open(state.add_round(round));
    };
    let create_demo = move |_| {
        if let Some(round) = demo_round() {
            open(state.add_round(round));
        }
    };
    view! {
        <fieldset class="card create-round" data-testid="round-create-form">
            <legend>{t!(i18n, rounds.create)}</legend>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, rounds.col_title)}</span>
                    <input type="text" data-testid="round-title" prop:value=move || title.get()
                        on:input=move |ev| title.set(event_target_value(&ev))/>
                </label>
                <label class="field">
                    <span>{t!(i18n, rounds.round_kind)}</span>
                    <select data-testid="round-collects"
                        prop:value=move || if thpl() { "thpl" } else { "xlvphc" }
                        on:change=move |ev| round_kind.set(if event_target_value(&ev) == "thpl" { RoundKind::TheoDoiThpl } else { RoundKind::Xlvphc })>
                        <option value="xlvphc">{t!(i18n, rounds.kind_xlvphc)}</option>
                        <option value="thpl">{t!(i18n, rounds.kind_thpl)}</option>
                    </select>
                </label>
                <Show when=move || !thpl()>
                <label class="field">
                    <span>{t!(i18n, reports.regime)}</span>
                    <select data-testid="round-regime"
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
                    <select data-testid="round-kind"
                        prop:value=move || kind_code(kind.get())
                        on:change=move |ev| kind.set(kind_from_code(&event_target_value(&ev)))>
                        {move || PERIOD_KINDS.into_iter().filter(|k| regime.get().supports(*k)).map(|k| view! {
                            <option value=kind_code(k) selected=move || kind.get() == k>{kind_name(i18n, k)}</option>
                        }).collect_view()}
                    </select>
                </label>
                </Show>
                <Show when=move || thpl() || !kind.get().has_explicit_dates()>
                    <label class="field">
                        <span>{t!(i18n, reports.year)}</span>
                        <input type="text" inputmode="numeric" data-testid="round-year"
                            prop:value=move || year.get()
                            on:input=move |ev| year.set(event_target_value(&ev))/>
                    </label>
                </Show>
                <Show when=move || !thpl() && kind.get().has_explicit_dates()>
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
                    <span>{t!(i18n, rounds.due)}</span>
                    <input type="date" data-testid="round-due" prop:value=move || due.get()
                        on:input=move |ev| due.set(event_target_value(&ev))/>
                </label>
            </div>
            <Show when=thpl>
                <p class="muted" data-testid="round-thpl-note">{t!(i18n, rounds.thpl_due_note)}</p>
            </Show>
            {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
            <p>
                <button type="button" class="btn btn--primary" data-testid="round-create" on:click=create>
                    {t!(i18n, rounds.create)}
                </button>
                " "
                <button type="button" class="btn" data-testid="round-demo" on:click=create_demo>
                    {t!(i18n, rounds.create_demo)}
                </button>
            </p>
        </fieldset>
    }
}
