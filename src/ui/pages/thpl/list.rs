//! "/bao-cao/theo-doi-thpl": the agency's yearly THPL reports and the form
//! that starts one. The year and level give the data window and due date
//! (`report::thpl::rules`); a district or commune enters the date its level
//! above asks for. A new report is filled at once with the app's figures.

use super::labels;
use super::BASE;
use crate::i18n::{fill, format_date, parse_date, Lang};
use crate::report::periodic::ReportingUnit;
use crate::report::thpl::{prefill, rules, ThplLevel, ThplReport};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use crate::ui::pages::reports::common::today;
use chrono::Datelike;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// A rule or note of `report::thpl::rules` in the UI language.
pub fn rule_text(vi: &'static str, lang: Lang) -> &'static str {
    if lang == Lang::Vi {
        vi
    } else {
        rules::english(vi)
    }
}

/// Why a report cannot be started, in the UI language.
pub(crate) fn error_text(
    i18n: crate::ui::pages::reports::common::I18n,
    e: &rules::ThplError,
    lang: Lang,
) -> String {
    match e {
        rules::ThplError::BeforeNd32(y) => fill(
            t_string!(i18n, thpl.err_before_nd32),
            &[("year", y.to_string())],
        ),
        rules::ThplError::YearOutOfRange(_) => t_string!(i18n, thpl.year_invalid).to_string(),
        rules::ThplError::NoDueDate(rule) => fill(
            t_string!(i18n, thpl.err_no_due),
            &[("rule", rule_text(rule, lang).to_string())],
        ),
    }
}

/// The list page.
#[component]
pub fn ThplList() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let lang = use_lang();
    let rows = move || {
        state.thpl.with(|m| {
            let mut v: Vec<_> = m.values().cloned().collect();
            v.sort_by(|a, b| {
                (b.report.year(), &a.report.don_vi_bao_cao.ten)
                    .cmp(&(a.report.year(), &b.report.don_vi_bao_cao.ten))
            });
            v
        })
    };
    view! {
        <section class="page thpl-list" data-testid="page-thpl-list">
            <p><A href="/bao-cao">{t!(i18n, thpl.back_to_reports)}</A></p>
            <h1>{t!(i18n, thpl.title)}</h1>
            <p class="muted" data-testid="thpl-outline-note">
                {move || rule_text(rules::OUTLINE_NOT_FOUND_VI, lang.get())}
            </p>
            <CreateForm/>
            <h2>{t!(i18n, thpl.list_heading)}</h2>
            <Show when=move || state.thpl.with(|m| !m.is_empty())
                fallback=move || view! { <p class="muted" data-testid="thpl-empty">{t!(i18n, thpl.list_empty)}</p> }>
                <table class="table" data-testid="thpl-table">
                    <thead><tr>
                        <th scope="col">{t!(i18n, thpl.col_unit)}</th>
                        <th scope="col">{t!(i18n, thpl.col_year)}</th>
                        <th scope="col">{t!(i18n, thpl.col_window)}</th>
                        <th scope="col">{t!(i18n, thpl.col_due)}</th>
                    </tr></thead>
                    <tbody>
                        <For each=rows key=|r| (r.id, r.updated_at) let:r>
                            {
                                let href = format!("{BASE}/{}", r.id);
                                let name = r.report.don_vi_bao_cao.ten.clone();
                                let year = r.report.year();
                                let window = format!("{} – {}", format_date(r.report.ky_bao_cao.tu_ngay), format_date(r.report.ky_bao_cao.den_ngay));
                                let due = format_date(r.report.han_nop.han_nop);
                                view! {
                                    <tr>
                                        <td><A href=href>{name}</A></td>
                                        <td>{year}</td>
                                        <td>{window}</td>
                                        <td>{due}</td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </Show>
        </section>
    }
}

/// The form that starts a report.
#[component]
fn CreateForm() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let lang = use_lang();
    let navigate = use_navigate();
    let settings_unit = state
        .ws
        .with_untracked(|ws| ws.settings().unit_name.clone());
    let unit = RwSignal::new(settings_unit);
    let upper = RwSignal::new(String::new());
    // The report of a year is made in its December: before then, last year's.
    let t = today();
    let default_year = if t.month() == 12 {
        t.year()
    } else {
        t.year() - 1
    };
    let year = RwSignal::new(default_year.to_string());
    let level = RwSignal::new(ThplLevel::TinhBo);
    let due = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let parsed_year = move || year.get().trim().parse::<i32>().ok();
    let rule = move || {
        let l = lang.get();
        match parsed_year().map(|y| (rules::window(y), rules::default_due(y, level.get()))) {
            Some((Ok(w), Ok((d, rule)))) => {
                let mut s = fill(
                    t_string!(i18n, thpl.window_line),
                    &[
                        ("from", format_date(w.tu_ngay)),
                        ("to", format_date(w.den_ngay)),
                    ],
                );
                if let Some(d) = d {
                    s.push(' ');
                    s.push_str(&fill(
                        t_string!(i18n, thpl.default_due_line),
                        &[("date", format_date(d))],
                    ));
                }
                s.push(' ');
                s.push_str(rule_text(rule, l));
                s
            }
            Some((Err(e), _)) | Some((_, Err(e))) => error_text(i18n, &e, l),
            None => t_string!(i18n, thpl.year_invalid).to_string(),
        }
    };
    let create = move |_| {
        let Some(y) = parsed_year() else {
            error.set(Some(t_string!(i18n, thpl.year_invalid).to_string()));
            return;
        };
        let raw_due = due.get_untracked();
        let user_due = if raw_due.trim().is_empty() {
            None
        } else {
            match parse_date(&raw_due) {
                Some(d) => Some(d),
                None => {
                    error.set(Some(t_string!(i18n, thpl.due_invalid).to_string()));
                    return;
                }
            }
        };
        let name = unit.get_untracked().trim().to_string();
        if name.is_empty() {
            error.set(Some(t_string!(i18n, thpl.unit_required).to_string()));
            return;
        }
        let u = ReportingUnit {
            ten: name,
            co_quan_chu_quan: upper.get_untracked().trim().to_string(),
        };
        match ThplReport::new(u, y, level.get_untracked(), user_due) {
            Ok(mut r) => {
                state.ws.with_untracked(|ws| prefill::prefill(&mut r, ws));
                let id = state.add_thpl(r);
                error.set(None);
                navigate(&format!("{BASE}/{id}"), Default::default());
            }
            Err(e) => error.set(Some(error_text(i18n, &e, lang.get_untracked()))),
        }
    };
    view! {
        <section class="card" data-testid="thpl-create">
            <h2>{t!(i18n, thpl.create_heading)}</h2>
            <label class="field"><span>{t!(i18n, thpl.f_unit)}</span>
                <input type="text" data-testid="thpl-new-unit" prop:value=move || unit.get()
                    on:input=move |ev| unit.set(event_target_value(&ev))/></label>
            <label class="field"><span>{t!(i18n, thpl.f_upper)}</span>
                <input type="text" data-testid="thpl-new-upper" prop:value=move || upper.get()
                    on:input=move |ev| upper.set(event_target_value(&ev))/></label>
            <label class="field"><span>{t!(i18n, thpl.f_year)}</span>
                <input type="text" inputmode="numeric" data-testid="thpl-new-year" prop:value=move || year.get()
                    on:input=move |ev| year.set(event_target_value(&ev))/></label>
            <label class="field"><span>{t!(i18n, thpl.f_level)}</span>
                <select data-testid="thpl-new-level" on:change=move |ev| {
                    level.set(if event_target_value(&ev) == "huyen_xa" { ThplLevel::HuyenXa } else { ThplLevel::TinhBo });
                }>
                    {[ThplLevel::TinhBo, ThplLevel::HuyenXa].into_iter().map(|l| {
                        let code = if l == ThplLevel::TinhBo { "tinh_bo" } else { "huyen_xa" };
                        view! { <option value=code selected=move || level.get() == l>{move || labels::level(i18n, l)}</option> }
                    }).collect_view()}
                </select></label>
            <label class="field"><span>{t!(i18n, thpl.f_due)}</span>
                <input type="text" placeholder="dd/mm/yyyy" data-testid="thpl-new-due" prop:value=move || due.get()
                    on:input=move |ev| due.set(event_target_value(&ev))/></label>
            <p class="muted small" data-testid="thpl-new-rule">{rule}</p>
            <button type="button" class="btn btn--primary" data-testid="thpl-create-btn" on:click=create>
                {t!(i18n, thpl.create_btn)}
            </button>
            {move || error.get().map(|e| view! { <p class="error-text" role="alert" data-testid="thpl-create-error">{e}</p> })}
        </section>
    }
}
