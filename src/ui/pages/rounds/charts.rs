//! Charts of a round: units by status, and the main figures by unit. Each
//! chart is an inline SVG (role="img" with a title and description) drawn
//! from the layout of [`crate::report::round::charts`], with its table
//! beside it, so a screen-reader user and a printed page get the same
//! figures. Labels are user text rendered as SVG text nodes, never markup.

use super::page::RoundCtx;
use crate::i18n::{format_money, format_number};
use crate::report::round::charts::{bar_chart, status_bars, unit_values, StatusBar, MAIN_FIGURES};
use crate::report::round::status::counts;
use crate::report::round::totals;
use crate::report::round::totals::MONEY_FIELD;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use crate::ui::pages::reports::common::{fill, I18n};
use crate::ui::pages::reports::fields::label;
use leptos::prelude::*;

fn status_label(i18n: I18n, s: StatusBar) -> &'static str {
    match s {
        StatusBar::DungHan => t_string!(i18n, reports.on_time),
        StatusBar::Cham => t_string!(i18n, rounds.chart_late),
        StatusBar::ChuaNop => t_string!(i18n, rounds.not_received),
        StatusBar::ChuaDayDu => t_string!(i18n, rounds.chart_incomplete),
    }
}

fn status_class(s: StatusBar) -> &'static str {
    match s {
        StatusBar::DungHan => "bar bar--ok",
        StatusBar::Cham => "bar bar--late",
        StatusBar::ChuaNop => "bar bar--missing",
        StatusBar::ChuaDayDu => "bar bar--incomplete",
    }
}

fn value_text(v: u64, money: bool) -> String {
    let n = i64::try_from(v).unwrap_or(i64::MAX);
    if money {
        format_money(n)
    } else {
        format_number(n)
    }
}

/// One horizontal bar chart: `rows` are (label, value text, value, class).
#[component]
fn BarChartSvg(
    id: String,
    title: String,
    desc: String,
    rows: Vec<(String, String, Option<u64>, &'static str)>,
) -> impl IntoView {
    let layout = bar_chart(&rows.iter().map(|r| r.2).collect::<Vec<_>>());
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let bars = layout
        .rows
        .iter()
        .zip(rows)
        .map(|(geo, (name, text, _, class))| {
            view! {
                <g data-testid="chart-bar">
                    <text x=geo.x - 6 y=geo.text_y text-anchor="end" class="chart-label">{name}</text>
                    <rect x=geo.x y=geo.y width=geo.width height=crate::report::round::charts::BAR_HEIGHT class=class/>
                    <text x=geo.value_x y=geo.text_y class="chart-value">{text}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" role="img" data-testid=id.clone()
            viewBox=format!("0 0 {} {}", layout.width, layout.height)
            aria-labelledby=labelled_by>
            <title id=title_id>{title}</title>
            <desc id=desc_id>{desc}</desc>
            {bars}
        </svg>
    }
}

/// The charts section: units by status, then each main figure by unit.
#[component]
pub fn ChartsSection() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let ctx = expect_context::<RoundCtx>();
    let status_chart = move || {
        let c = ctx.round.with(|r| r.as_ref().map(counts))?;
        let bars = status_bars(&c);
        let rows: Vec<_> = bars
            .iter()
            .map(|(s, n)| {
                (
                    status_label(i18n, *s).to_string(),
                    value_text(*n, false),
                    Some(*n),
                    status_class(*s),
                )
            })
            .collect();
        let table = bars
            .iter()
            .map(|(s, n)| {
                view! { <tr><th scope="row">{status_label(i18n, *s)}</th><td class="num">{value_text(*n, false)}</td></tr> }
            })
            .collect_view();
        let title = t_string!(i18n, rounds.chart_status).to_string();
        Some(view! {
            <figure class="chart-figure" data-testid="chart-status-figure">
                <BarChartSvg id="chart-status".to_string() title=title.clone()
                    desc=t_string!(i18n, rounds.chart_status_desc).to_string() rows=rows/>
                <table class="data chart-table" data-testid="chart-status-table">
                    <caption>{title}</caption>
                    <thead><tr>
                        <th scope="col">{t!(i18n, rounds.col_status)}</th>
                        <th scope="col">{t!(i18n, rounds.chart_units)}</th>
                    </tr></thead>
                    <tbody>{table}</tbody>
                </table>
            </figure>
        })
    };
    let figure_charts = move || {
        let vi = lang.get() == crate::i18n::Lang::Vi;
        let all = ctx.round.with(|r| r.as_ref().map(|r| totals(r, None)))?;
        let views = MAIN_FIGURES
            .iter()
            .filter_map(|code| all.iter().find(|t| t.code == *code))
            .map(|t| {
                let money = t.code == MONEY_FIELD;
                let name = label(t.code, vi);
                let values = unit_values(t);
                let missing = t_string!(i18n, rounds.not_entered_or_received).to_string();
                let rows: Vec<_> = values
                    .iter()
                    .map(|(u, v)| {
                        let text = v.map_or_else(|| missing.clone(), |n| value_text(n, money));
                        (u.clone(), text, *v, "bar bar--figure")
                    })
                    .collect();
                let table = t
                    .theo_don_vi
                    .iter()
                    .map(|(u, v)| {
                        let text = match v {
                            totals::UnitValue::SoLieu(n) => value_text(*n, money),
                            totals::UnitValue::ChuaNhap => t_string!(i18n, rounds.not_entered).to_string(),
                            totals::UnitValue::ChuaNop => t_string!(i18n, rounds.not_received).to_string(),
                        };
                        view! { <tr><th scope="row">{u.clone()}</th><td class="num">{text}</td></tr> }
                    })
                    .collect_view();
                let title = fill(t_string!(i18n, rounds.chart_figure), &[("figure", name)]);
                let testid = format!("chart-{}", t.code.replace('.', "-"));
                let figure_id = format!("{testid}-figure");
                view! {
                    <figure class="chart-figure" data-testid=figure_id>
                        <BarChartSvg id=testid title=title.clone()
                            desc=t_string!(i18n, rounds.chart_figure_desc).to_string() rows=rows/>
                        <table class="data chart-table">
                            <caption>{title}</caption>
                            <thead><tr>
                                <th scope="col">{t!(i18n, reports.col_unit)}</th>
                                <th scope="col">{t!(i18n, rounds.col_value)}</th>
                            </tr></thead>
                            <tbody>{table}</tbody>
                        </table>
                    </figure>
                }
            })
            .collect_view();
        Some(views)
    };
    view! {
        <section class="round-section card" aria-labelledby="round-charts-h" data-testid="round-charts">
            <h2 id="round-charts-h">{t!(i18n, rounds.charts)}</h2>
            {status_chart}
            {figure_charts}
        </section>
    }
}
