//! The status table of a round: every expected unit with its status (not
//! received, on time, late by N days), its completeness, the file counted,
//! the superseded versions and the urging letters sent; filters, sorting and
//! the count line. Below it: files from units not on the list (with "add to
//! the list") and every file received (date received editable, removable).

use super::list::count_line_text;
use super::page::RoundCtx;
use crate::i18n::{format_date, parse_date};
use crate::report::round::thpl::{counts_of, ThplUnitStatus};
use crate::report::round::{statuses, thpl_statuses, unit_key, Submission, UnitStatus};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use crate::ui::pages::reports::common::{fill, I18n};
use crate::ui::pages::reports::fields::label;
use leptos::prelude::*;

/// "Đúng hạn", "Chậm 3 ngày", "Chưa nộp".
pub fn submission_text(i18n: I18n, s: Submission) -> String {
    match s {
        Submission::DungHan => t_string!(i18n, reports.on_time).to_string(),
        Submission::Cham { ngay } => fill(
            t_string!(i18n, rounds.late_by),
            &[("days", ngay.to_string())],
        ),
        Submission::ChuaNop => t_string!(i18n, rounds.not_received).to_string(),
    }
}

/// One row as shown (owned, so the table can be sorted and filtered).
#[derive(Clone, PartialEq)]
struct Row {
    order: usize,
    unit: String,
    nop: Submission,
    received: Option<chrono::NaiveDate>,
    file: Option<String>,
    missing: Vec<String>,
    superseded: Vec<String>,
    urged: Vec<chrono::NaiveDate>,
}

fn row_of(order: usize, s: &UnitStatus<'_>, vi: bool) -> Row {
    let mut missing: Vec<String> = s.thieu.iter().map(|m| label(m.code, vi)).collect();
    missing.dedup();
    Row {
        order,
        unit: s.don_vi.ten.clone(),
        nop: s.nop,
        received: s.hien_hanh.map(|f| f.ngay_nhan),
        file: s.hien_hanh.map(|f| f.ten_tep.clone()),
        missing,
        superseded: s.bi_thay_the.iter().map(|f| f.ten_tep.clone()).collect(),
        urged: s.don_doc.clone(),
    }
}

/// A row of a THPL round: what is missing is named by section.
fn row_of_thpl(i18n: I18n, order: usize, s: &ThplUnitStatus<'_>) -> Row {
    Row {
        order,
        unit: s.don_vi.ten.clone(),
        nop: s.nop,
        received: s.hien_hanh.map(|f| f.ngay_nhan),
        file: s.hien_hanh.map(|f| f.ten_tep.clone()),
        missing: s
            .sections_missing()
            .into_iter()
            .map(|sec| crate::ui::pages::thpl::labels::section(i18n, sec))
            .collect(),
        superseded: s.bi_thay_the.iter().map(|f| f.ten_tep.clone()).collect(),
        urged: s.don_doc.clone(),
    }
}

const FILTERS: [&str; 5] = ["all", "missing", "late", "incomplete", "on_time"];
const SORTS: [&str; 3] = ["list", "name", "status"];

/// The status section.
#[component]
pub fn StatusSection() -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let ctx = expect_context::<RoundCtx>();
    let filter = RwSignal::new("all".to_owned());
    let sort = RwSignal::new("list".to_owned());
    let rows = Memo::new(move |_| {
        let vi = lang.get() == crate::i18n::Lang::Vi;
        ctx.round.with(|r| {
            r.as_ref()
                .map(|r| {
                    if r.is_thpl() {
                        thpl_statuses(r)
                            .iter()
                            .enumerate()
                            .map(|(i, s)| row_of_thpl(i18n, i, s))
                            .collect::<Vec<_>>()
                    } else {
                        statuses(r)
                            .iter()
                            .enumerate()
                            .map(|(i, s)| row_of(i, s, vi))
                            .collect::<Vec<_>>()
                    }
                })
                .unwrap_or_default()
        })
    });
    let shown = move || {
        let f = filter.get();
        let mut v: Vec<Row> = rows
            .get()
            .into_iter()
            .filter(|r| match f.as_str() {
                "missing" => r.nop == Submission::ChuaNop,
                "late" => matches!(r.nop, Submission::Cham { .. }),
                "incomplete" => r.file.is_some() && !r.missing.is_empty(),
                "on_time" => r.nop == Submission::DungHan,
                _ => true,
            })
            .collect();
        match sort.get().as_str() {
            "name" => v.sort_by_key(|r| unit_key(&r.unit)),
            "status" => v.sort_by_key(|r| (std::cmp::Reverse(r.nop), r.order)),
            _ => v.sort_by_key(|r| r.order),
        }
        v
    };
    let count_line = move || {
        ctx.round.with(|r| {
            r.as_ref()
                .map(|r| {
                    let c = counts_of(r);
                    let mut line = count_line_text(i18n, &c);
                    if c.chua_day_du > 0 {
                        line.push_str(&fill(
                            t_string!(i18n, rounds.count_incomplete),
                            &[("n", c.chua_day_du.to_string())],
                        ));
                    }
                    line
                })
                .unwrap_or_default()
        })
    };
    let filter_name = move |f: &str| match f {
        "missing" => t_string!(i18n, rounds.filter_missing),
        "late" => t_string!(i18n, rounds.filter_late),
        "incomplete" => t_string!(i18n, rounds.filter_incomplete),
        "on_time" => t_string!(i18n, rounds.filter_on_time),
        _ => t_string!(i18n, rounds.filter_all),
    };
    let sort_name = move |s: &str| match s {
        "name" => t_string!(i18n, rounds.sort_name),
        "status" => t_string!(i18n, rounds.sort_status),
        _ => t_string!(i18n, rounds.sort_list),
    };
    let toggle = move |unit: String| {
        ctx.chosen.update(|c| {
            if let Some(i) = c.iter().position(|u| *u == unit) {
                c.remove(i);
            } else {
                c.push(unit);
            }
        });
    };
    view! {
        <section class="round-section card" aria-labelledby="round-status-h" data-testid="round-status">
            <h2 id="round-status-h">{t!(i18n, rounds.status)}</h2>
            <p class="count-line" role="status" data-testid="count-line">{count_line}</p>
            <div class="field-row no-print">
                <label class="field">
                    <span>{t!(i18n, rounds.filter)}</span>
                    <select data-testid="status-filter" prop:value=move || filter.get()
                        on:change=move |ev| filter.set(event_target_value(&ev))>
                        {FILTERS.into_iter().map(|f| view! { <option value=f>{move || filter_name(f)}</option> }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, rounds.sort)}</span>
                    <select data-testid="status-sort" prop:value=move || sort.get()
                        on:change=move |ev| sort.set(event_target_value(&ev))>
                        {SORTS.into_iter().map(|s| view! { <option value=s>{move || sort_name(s)}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <div class="table-scroll">
            <table class="data" data-testid="status-table">
                <caption class="sr-only">{t!(i18n, rounds.status)}</caption>
                <thead><tr>
                    <th scope="col">{t!(i18n, rounds.col_choose)}</th>
                    <th scope="col">{t!(i18n, reports.col_unit)}</th>
                    <th scope="col">{t!(i18n, rounds.col_status)}</th>
                    <th scope="col">{t!(i18n, rounds.date_received)}</th>
                    <th scope="col">{t!(i18n, rounds.col_completeness)}</th>
                    <th scope="col">{t!(i18n, rounds.col_file)}</th>
                    <th scope="col">{t!(i18n, rounds.col_superseded)}</th>
                    <th scope="col">{t!(i18n, rounds.col_urged)}</th>
                </tr></thead>
                <tbody>
                    {move || shown().into_iter().map(|r| {
                        let unit = r.unit.clone();
                        let unit2 = r.unit.clone();
                        let choose_label = fill(t_string!(i18n, rounds.choose_unit), &[("unit", r.unit.clone())]);
                        let completeness = match (&r.file, r.missing.len()) {
                            (None, _) => String::new(),
                            (Some(_), 0) => t_string!(i18n, reports.complete).to_string(),
                            (Some(_), n) => format!("{}: {}", fill(t_string!(i18n, reports.missing_n), &[("n", n.to_string())]), r.missing.join("; ")),
                        };
                        let status_class = match r.nop {
                            Submission::DungHan => "badge badge--ok",
                            Submission::Cham { .. } => "badge badge--warn",
                            Submission::ChuaNop => "badge badge--bad",
                        };
                        view! {
                            <tr data-testid="status-row" data-unit=r.unit.clone()>
                                <td><input type="checkbox" aria-label=choose_label data-testid="status-choose"
                                    prop:checked=move || ctx.chosen.with(|c| c.contains(&unit))
                                    on:change=move |_| toggle(unit2.clone())/></td>
                                <th scope="row">{r.unit.clone()}</th>
                                <td><span class=status_class data-testid="status-text">{submission_text(i18n, r.nop)}</span></td>
                                <td>{r.received.map(format_date)}</td>
                                <td data-testid="status-completeness">{completeness}</td>
                                <td><code>{r.file.clone()}</code></td>
                                <td>{r.superseded.join(", ")}</td>
                                <td data-testid="status-urged">{r.urged.iter().map(|d| format_date(*d)).collect::<Vec<_>>().join(", ")}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            <UnknownUnitFiles/>
            <ReceivedFiles/>
        </section>
    }
}

/// Files from units not on the list, each with "add the unit to the list".
#[component]
fn UnknownUnitFiles() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let ctx = expect_context::<RoundCtx>();
    let files = move || {
        ctx.round.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.unknown_unit_files()
                        .into_iter()
                        .map(|f| (f.ten_tep.clone(), f.report.don_vi_bao_cao.clone()))
                        .chain(
                            r.unknown_unit_thpl_files()
                                .into_iter()
                                .map(|f| (f.ten_tep.clone(), f.report.don_vi_bao_cao.clone())),
                        )
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <Show when=move || !files().is_empty()>
            <h3>{t!(i18n, rounds.unknown_units)}</h3>
            <ul class="issues" data-testid="unknown-units">
                {move || files().into_iter().map(|(file, unit)| {
                    let name = unit.ten.clone();
                    view! {
                        <li class="issue issue--warning">
                            <code>{file}</code>": "{name.clone()}" "
                            <button type="button" class="btn btn--small" data-testid="unknown-add"
                                on:click=move |_| { state.edit_round(ctx.id, |r| r.add_unit(unit.clone())); }>
                                {t!(i18n, rounds.add_to_list)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Show>
    }
}

/// Every file received, in arrival order.
#[component]
fn ReceivedFiles() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let ctx = expect_context::<RoundCtx>();
    let files = move || {
        ctx.round.with(|r| {
            r.as_ref()
                .map(|r| {
                    let mut v = r
                        .tep
                        .iter()
                        .map(|f| {
                            (
                                f.seq,
                                f.ten_tep.clone(),
                                f.report.don_vi_bao_cao.ten.clone(),
                                f.ngay_nhan,
                                f.content_sha256.clone(),
                            )
                        })
                        .chain(r.tep_thpl.iter().map(|f| {
                            (
                                f.seq,
                                f.ten_tep.clone(),
                                f.report.don_vi_bao_cao.ten.clone(),
                                f.ngay_nhan,
                                f.content_sha256.clone(),
                            )
                        }))
                        .collect::<Vec<_>>();
                    v.sort_by_key(|f| f.0);
                    v
                })
                .unwrap_or_default()
        })
    };
    let count = move || ctx.round.with(|r| r.as_ref().map_or(0, |r| r.tep.len()));
    // The table (a date field and a button per file) is drawn only while the
    // list is open: a round of 1,000 files would otherwise draw 1,000 rows
    // nobody asked to see on every change.
    let open = RwSignal::new(false);
    view! {
        <Show when=move || { count() > 0 }>
            <details data-testid="received-files" on:toggle=move |ev| {
                open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"));
            }>
                <summary>{t!(i18n, rounds.received_files)}" ("{count}")"</summary>
                <Show when=move || open.get()>
                <div class="table-scroll">
                <table class="data">
                    <thead><tr>
                        <th scope="col">"#"</th>
                        <th scope="col">{t!(i18n, rounds.col_file)}</th>
                        <th scope="col">{t!(i18n, reports.col_unit)}</th>
                        <th scope="col">{t!(i18n, rounds.date_received)}</th>
                        <th scope="col">{t!(i18n, rounds.col_hash)}</th>
                        <th scope="col">{t!(i18n, reports.col_actions)}</th>
                    </tr></thead>
                    <tbody>
                        {move || files().into_iter().map(|(seq, name, unit, date, hash)| {
                            let date_label = fill(t_string!(i18n, rounds.date_received_of), &[("file", name.clone())]);
                            let remove_label = fill(t_string!(i18n, rounds.remove_file), &[("file", name.clone())]);
                            view! {
                                <tr>
                                    <td class="num">{seq}</td>
                                    <td><code>{name}</code></td>
                                    <td>{unit}</td>
                                    <td><input type="date" aria-label=date_label prop:value=date.to_string()
                                        on:change=move |ev| {
                                            if let Some(d) = parse_date(&event_target_value(&ev)) {
                                                state.edit_round(ctx.id, |r| r.set_date_received(seq, d));
                                            }
                                        }/></td>
                                    <td><code class="hash">{hash.chars().take(16).collect::<String>()}"…"</code></td>
                                    <td><button type="button" class="btn btn--small btn--danger" aria-label=remove_label
                                        on:click=move |_| { state.edit_round(ctx.id, |r| r.remove_file(seq)); }>
                                        {t!(i18n, rounds.remove)}
                                    </button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
                </Show>
            </details>
        </Show>
    }
}
