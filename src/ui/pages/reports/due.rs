//! Period, regime, reporting level and due date of a periodic report: the
//! regime's default due date with its rule, legal basis and notes (e.g. the
//! NĐ 09/2019 windows known only indirectly), and the user's own date.

use super::common::{
    kind_code, kind_from_code, kind_name, level_code, level_from_code, level_name, regime_code,
    regime_from_code, regime_name, LEVELS, PERIOD_KINDS,
};
use crate::domain::ids::ReportId;
use crate::i18n::{format_date, parse_date};
use crate::report::period::{DueDateSource, LegalBasis, PeriodKind};
use crate::report::{PeriodicReport, Regime, ReportPeriod};
use crate::state::AppState;
use crate::ui::i18n::{t, use_i18n};
use leptos::prelude::*;

/// After the period, regime or level changed: a default due date follows
/// the new default; without a default the date becomes the user's.
pub fn refresh_due(r: &mut PeriodicReport) {
    if r.han_nop.nguon != DueDateSource::MacDinhCheDo {
        return;
    }
    match r
        .che_do_bao_cao
        .default_due(r.cap_bao_cao, &r.ky_bao_cao)
        .han_mac_dinh
    {
        Some(d) => r.han_nop.han_nop = d,
        None => r.han_nop.nguon = DueDateSource::NguoiDungDat,
    }
}

/// A rule or note the app writes, in the interface language (legal texts'
/// names stay Vietnamese).
pub fn said(lang: crate::i18n::Lang, vi: &'static str) -> &'static str {
    match lang {
        crate::i18n::Lang::Vi => vi,
        crate::i18n::Lang::En => crate::report::period::english(vi),
    }
}

/// A legal basis as shown: text, sources, and its note when there is one.
#[component]
fn Basis(basis: LegalBasis) -> impl IntoView {
    let i18n = use_i18n();
    let lang = crate::ui::lang::use_lang();
    view! {
        <p class="legal-basis">
            <span class="muted">{t!(i18n, reports.legal_basis)}": "</span>
            {basis.can_cu_vi}
            {(!basis.nguon.is_empty()).then(|| format!(" {}", basis.nguon))}
        </p>
        {basis.ghi_chu_vi.map(|n| view! { <p class="warning" data-testid="basis-note">{move || said(lang.get(), n)}</p> })}
    }
}

/// The period and due date section.
#[component]
pub fn DuePanel(id: ReportId) -> impl IntoView {
    let i18n = use_i18n();
    let lang = crate::ui::lang::use_lang();
    let state = AppState::expect();
    let report = Memo::new(move |_| state.reports.with(|m| m.get(&id).map(|r| r.report.clone())));
    let edit = move |f: Box<dyn FnOnce(&mut PeriodicReport)>| {
        state.edit_report(id, |r| {
            f(&mut r.report);
            refresh_due(&mut r.report);
        });
    };
    let regime = move || report.with(|r| r.as_ref().map(|r| r.che_do_bao_cao));
    let kind = move || report.with(|r| r.as_ref().map(|r| r.ky_bao_cao.loai));
    let explicit = move || kind().is_some_and(PeriodKind::has_explicit_dates);

    let set_kind = move |k: PeriodKind| {
        edit(Box::new(move |r| {
            let p = r.ky_bao_cao;
            let next = if k.has_explicit_dates() {
                ReportPeriod::explicit(k, p.tu_ngay, p.den_ngay)
            } else {
                ReportPeriod::standard(k, p.year())
            };
            if let Ok(n) = next {
                r.ky_bao_cao = n;
            }
        }));
    };
    let period_inputs = move || {
        let p = report.with_untracked(|r| r.as_ref().map(|r| r.ky_bao_cao))?;
        Some(if explicit() {
            view! {
                <label class="field">
                    <span>{t!(i18n, reports.from_date)}</span>
                    <input type="date" data-testid="period-from" value=p.tu_ngay.to_string()
                        on:input=move |ev| {
                            if let Some(d) = parse_date(&event_target_value(&ev)) {
                                edit(Box::new(move |r| {
                                    if let Ok(n) = ReportPeriod::explicit(r.ky_bao_cao.loai, d, r.ky_bao_cao.den_ngay) { r.ky_bao_cao = n; }
                                }));
                            }
                        }/>
                </label>
                <label class="field">
                    <span>{t!(i18n, reports.to_date)}</span>
                    <input type="date" data-testid="period-to" value=p.den_ngay.to_string()
                        on:input=move |ev| {
                            if let Some(d) = parse_date(&event_target_value(&ev)) {
                                edit(Box::new(move |r| {
                                    if let Ok(n) = ReportPeriod::explicit(r.ky_bao_cao.loai, r.ky_bao_cao.tu_ngay, d) { r.ky_bao_cao = n; }
                                }));
                            }
                        }/>
                </label>
            }
            .into_any()
        } else {
            view! {
                <label class="field">
                    <span>{t!(i18n, reports.year)}</span>
                    <input type="text" inputmode="numeric" data-testid="period-year" value=p.year().to_string()
                        on:input=move |ev| {
                            if let Ok(y) = event_target_value(&ev).trim().parse::<i32>() {
                                if (1990..=2200).contains(&y) {
                                    edit(Box::new(move |r| {
                                        if let Ok(n) = ReportPeriod::standard(r.ky_bao_cao.loai, y) { r.ky_bao_cao = n; }
                                    }));
                                }
                            }
                        }/>
                </label>
            }
            .into_any()
        })
    };
    let default_due = move || {
        report.with(|r| {
            r.as_ref()
                .map(|r| r.che_do_bao_cao.default_due(r.cap_bao_cao, &r.ky_bao_cao))
        })
    };
    let window_basis = move || {
        report.with(|r| {
            r.as_ref()
                .map(|r| r.che_do_bao_cao.window_basis(r.ky_bao_cao.loai))
        })
    };
    let user_set = move || {
        report.with(|r| {
            r.as_ref()
                .is_some_and(|r| r.han_nop.nguon == DueDateSource::NguoiDungDat)
        })
    };
    let has_default = move || default_due().is_some_and(|d| d.han_mac_dinh.is_some());
    let due_value = move || {
        report.with(|r| {
            r.as_ref()
                .map(|r| r.han_nop.han_nop.to_string())
                .unwrap_or_default()
        })
    };
    let toggle_user = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        state.edit_report(id, |r| {
            r.report.han_nop.nguon = if on {
                DueDateSource::NguoiDungDat
            } else {
                DueDateSource::MacDinhCheDo
            };
            refresh_due(&mut r.report);
        });
    };

    view! {
        <fieldset class="card" data-testid="section-due">
            <legend>{t!(i18n, reports.section_period)}</legend>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, reports.regime)}</span>
                    <select data-testid="regime" prop:value=move || regime().map(regime_code).unwrap_or_default()
                        on:change=move |ev| {
                            let r = regime_from_code(&event_target_value(&ev));
                            edit(Box::new(move |x| x.che_do_bao_cao = r));
                        }>
                        {Regime::ALL.into_iter().map(|r| view! {
                            <option value=regime_code(r)>{move || regime_name(i18n, r)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, reports.period_kind)}</span>
                    <select data-testid="period-kind" prop:value=move || kind().map(kind_code).unwrap_or_default()
                        on:change=move |ev| set_kind(kind_from_code(&event_target_value(&ev)))>
                        {PERIOD_KINDS.into_iter().map(|k| view! {
                            <option value=kind_code(k)>{move || kind_name(i18n, k)}</option>
                        }).collect_view()}
                    </select>
                </label>
                {period_inputs}
                <label class="field">
                    <span>{t!(i18n, reports.level)}</span>
                    <select data-testid="level" prop:value=move || report.with(|r| r.as_ref().map(|r| level_code(r.cap_bao_cao)).unwrap_or_default())
                        on:change=move |ev| {
                            let l = level_from_code(&event_target_value(&ev));
                            edit(Box::new(move |x| x.cap_bao_cao = l));
                        }>
                        {LEVELS.into_iter().map(|l| view! {
                            <option value=level_code(l)>{move || level_name(i18n, l)}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            {move || regime().map(|r| view! { <p class="muted">{r.legal_text_vi()}</p> })}
            <h3>{t!(i18n, reports.data_window)}</h3>
            {move || window_basis().map(|b| view! { <Basis basis=b/> })}
            <h3>{t!(i18n, reports.due_rule)}</h3>
            {move || default_due().map(|d| view! {
                <p data-testid="due-rule">{move || said(lang.get(), d.quy_tac_vi)}</p>
                <Basis basis=d.can_cu/>
                {d.han_mac_dinh.map(|h| view! {
                    <p>{t!(i18n, reports.default_due)}": "<strong data-testid="default-due">{format_date(h)}</strong></p>
                })}
            })}
            <label class="checkbox">
                <input type="checkbox" data-testid="due-user-toggle"
                    prop:checked=user_set prop:disabled=move || !has_default()
                    on:change=toggle_user/>
                " "{t!(i18n, reports.due_user_toggle)}
            </label>
            <Show when=user_set>
                <label class="field">
                    <span>{t!(i18n, reports.due_date_user)}</span>
                    <input type="date" data-testid="due-date" prop:value=due_value
                        on:change=move |ev| {
                            if let Some(d) = parse_date(&event_target_value(&ev)) {
                                state.edit_report(id, |r| {
                                    r.report.han_nop.han_nop = d;
                                    r.report.han_nop.nguon = DueDateSource::NguoiDungDat;
                                });
                            }
                        }/>
                </label>
            </Show>
            <p>{t!(i18n, reports.due_in_use)}": "<strong data-testid="due-in-use">{move || report.with(|r| r.as_ref().map(|r| format_date(r.han_nop.han_nop)))}</strong></p>
        </fieldset>
    }
}
