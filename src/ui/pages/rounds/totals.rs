//! The totals of every count of the periodic report in a round, with the
//! unit-by-unit figures behind each total ("chưa nhập" and "chưa nộp" never
//! shown as 0) and the change against the previous round of the same
//! regime.

use super::page::RoundCtx;
use crate::i18n::{format_money, format_number};
use crate::report::round::totals::{FieldTotal, UnitValue};
use crate::report::round::{previous_round, totals};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use crate::ui::pages::reports::common::{fill, period_line, I18n};
use crate::ui::pages::reports::fields::label;
use leptos::prelude::*;

fn amount(v: u64, money: bool) -> String {
    let n = i64::try_from(v).unwrap_or(i64::MAX);
    if money {
        format_money(n)
    } else {
        format_number(n)
    }
}

fn unit_value(i18n: I18n, v: UnitValue, money: bool) -> String {
    match v {
        UnitValue::SoLieu(n) => amount(n, money),
        UnitValue::ChuaNhap => t_string!(i18n, rounds.not_entered).to_string(),
        UnitValue::ChuaNop => t_string!(i18n, rounds.not_received).to_string(),
    }
}

fn total_text(i18n: I18n, v: Option<u64>, money: bool) -> String {
    v.map(|n| amount(n, money))
        .unwrap_or_else(|| t_string!(i18n, rounds.not_entered).to_string())
}

fn change_text(t: &FieldTotal) -> String {
    match t.chenh_lech() {
        Some(d) if d > 0 => format!(
            "+{}",
            amount(u64::try_from(d).unwrap_or(u64::MAX), t.is_money())
        ),
        Some(d) if d < 0 => format!(
            "−{}",
            amount(u64::try_from(-d).unwrap_or(u64::MAX), t.is_money())
        ),
        Some(_) => "0".to_owned(),
        None => String::new(),
    }
}

/// The unit-by-unit figures behind one total, in a `<details>` whose table
/// is drawn only once it is opened: a round of 1,000 units has 35,000 of
/// them, which made drawing the totals take longer than receiving the files.
#[component]
fn ByUnit(name: String, units: Vec<(String, UnitValue)>, money: bool) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let units = StoredValue::new(units);
    view! {
        <details on:toggle=move |ev| {
            open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"));
        }>
            <summary>{t!(i18n, rounds.show_units)}<span class="sr-only">{format!(": {name}")}</span></summary>
            <Show when=move || open.get()>
                <table class="data data--inner">
                    <thead><tr>
                        <th scope="col">{t!(i18n, reports.col_unit)}</th>
                        <th scope="col">{t!(i18n, rounds.col_value)}</th>
                    </tr></thead>
                    <tbody>{units.with_value(|u| u.iter().map(|(u, v)| view! {
                        <tr><th scope="row">{u.clone()}</th><td class="num">{unit_value(i18n, *v, money)}</td></tr>
                    }).collect_view())}</tbody>
                </table>
            </Show>
        </details>
    }
}

/// The totals section.
#[component]
pub fn TotalsSection() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let state = AppState::expect();
    let ctx = expect_context::<RoundCtx>();
    let data = Memo::new(move |_| {
        ctx.round.with(|round| {
            let Some(round) = round else {
                return (Vec::new(), None);
            };
            state.rounds.with(|m| {
                let prev = previous_round(m.values().map(|r| &r.round), round);
                let prev_name = prev.map(|p| p.ten.clone());
                (totals(round, prev), prev_name)
            })
        })
    });
    let expected = move || ctx.round.with(|r| r.as_ref().map_or(0, |r| r.don_vi.len()));
    view! {
        <section class="round-section card" aria-labelledby="round-totals-h" data-testid="round-totals">
            <h2 id="round-totals-h">{t!(i18n, rounds.totals)}</h2>
            <p class="muted">{t!(i18n, rounds.totals_note)}</p>
            {move || data.with(|(_, p)| p.clone()).map(|p| view! {
                <p data-testid="previous-round">{fill(t_string!(i18n, rounds.previous), &[("round", p)])}</p>
            })}
            <p class="muted">{move || ctx.round.with(|r| r.as_ref().map(|r| period_line(i18n, &r.ky_bao_cao)))}</p>
            <div class="table-scroll">
            <table class="data totals-table" data-testid="totals-table">
                <caption class="sr-only">{t!(i18n, rounds.totals)}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, reports.cons_figure)}</th>
                    <th scope="col">{t!(i18n, reports.cons_total)}</th>
                    <th scope="col">{t!(i18n, rounds.col_entered)}</th>
                    <th scope="col">{t!(i18n, rounds.col_previous)}</th>
                    <th scope="col">{t!(i18n, rounds.col_change)}</th>
                    <th scope="col">{t!(i18n, rounds.col_by_unit)}</th>
                </tr></thead>
                <tbody>
                    {move || {
                        let vi = lang.get() == crate::i18n::Lang::Vi;
                        let n_units = expected();
                        data.get().0.into_iter().map(|t| {
                            let money = t.is_money();
                            let name = label(t.code, vi);
                            let prev = t.ky_truoc.map(|p| total_text(i18n, p, money));
                            let change = change_text(&t);
                            let total = total_text(i18n, t.tong, money);
                            let testid = format!("total-{}", t.code);
                            let entered = fill(
                                t_string!(i18n, rounds.entered_of),
                                &[("n", t.so_don_vi_da_nhap.to_string()), ("m", n_units.to_string())],
                            );

                            view! {
                                <tr data-testid="total-row">
                                    <th scope="row">{name.clone()}</th>
                                    <td class="num" data-testid=testid>{total}</td>
                                    <td>{entered}</td>
                                    <td class="num">{prev}</td>
                                    <td class="num">{change}</td>
                                    <td>
                                        <ByUnit name=name.clone() units=t.theo_don_vi money=money/>
                                    </td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
            </div>
        </section>
    }
}
