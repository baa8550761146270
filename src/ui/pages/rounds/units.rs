//! The expected units of a round: the list (each removable), lines typed or
//! pasted, and a CSV, JSON or text list file. A list that cannot be read
//! gives its Vietnamese reason and adds nothing.

use super::page::RoundCtx;
use crate::platform::download::chosen_files;
use crate::report::periodic::ReportingUnit;
use crate::report::round::units::{parse_file, parse_lines, UnitListError};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::pages::reports::common::fill;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The units section.
#[component]
pub fn UnitsSection() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let ctx = expect_context::<RoundCtx>();
    let pasted = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let add_all = move |parsed: Result<Vec<ReportingUnit>, UnitListError>| match parsed {
        Err(e) => message.set(Some((false, e.to_string()))),
        Ok(units) => {
            let total = units.len();
            let added = state
                .edit_round(ctx.id, |r| {
                    units.into_iter().filter(|u| r.add_unit(u.clone())).count()
                })
                .unwrap_or(0);
            message.set(Some((
                true,
                fill(
                    t_string!(i18n, rounds.units_added),
                    &[
                        ("added", added.to_string()),
                        ("skipped", (total - added).to_string()),
                    ],
                ),
            )));
        }
    };
    let add_pasted = move |_| {
        add_all(parse_lines(&pasted.get_untracked()));
        if matches!(message.get_untracked(), Some((true, _))) {
            pasted.set(String::new());
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let files = chosen_files(&ev);
        spawn_local(async move {
            for f in files {
                let name = f.name();
                match crate::platform::download::read_file_text(f).await {
                    Ok(text) => add_all(parse_file(&name, &text)),
                    Err(_) => message.set(Some((
                        false,
                        t_string!(i18n, rounds.units_unreadable).to_string(),
                    ))),
                }
            }
        });
    };
    let units = move || {
        ctx.round
            .with(|r| r.as_ref().map(|r| r.don_vi.clone()).unwrap_or_default())
    };
    view! {
        <section class="round-section card" aria-labelledby="round-units-h" data-testid="round-units">
            <h2 id="round-units-h">
                {t!(i18n, rounds.units)}" ("{move || units().len()}")"
            </h2>
            <details>
                <summary>{t!(i18n, rounds.units_show)}</summary>
                <ol class="unit-list" data-testid="unit-list">
                    {move || units().into_iter().map(|u| {
                        let name = u.ten.clone();
                        let label = fill(t_string!(i18n, rounds.unit_remove), &[("unit", name.clone())]);
                        view! {
                            <li>
                                {u.ten.clone()}
                                {(!u.co_quan_chu_quan.is_empty()).then(|| format!(" ({})", u.co_quan_chu_quan))}
                                " "
                                <button type="button" class="btn btn--small" aria-label=label
                                    on:click=move |_| {
                                        let key = crate::report::round::unit_key(&name);
                                        state.edit_round(ctx.id, |r| r.don_vi.retain(|x| crate::report::round::unit_key(&x.ten) != key));
                                    }>
                                    {t!(i18n, rounds.remove)}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </details>
            <div class="field-row">
                <label class="field field--wide">
                    <span>{t!(i18n, rounds.units_paste)}</span>
                    <textarea rows="4" data-testid="units-paste" prop:value=move || pasted.get()
                        on:input=move |ev| pasted.set(event_target_value(&ev))></textarea>
                </label>
            </div>
            <p>
                <button type="button" class="btn" data-testid="units-add" on:click=add_pasted>{t!(i18n, rounds.units_add)}</button>
            </p>
            <label class="field">
                <span>{t!(i18n, rounds.units_file)}</span>
                <input type="file" accept=".csv,.json,.txt,text/csv,application/json,text/plain" data-testid="units-file" on:change=on_file/>
            </label>
            {move || message.get().map(|(ok, m)| view! {
                <p class={if ok { "ok-text" } else { "error-text" }} role={if ok { "status" } else { "alert" }} data-testid="units-message">{m}</p>
            })}
        </section>
    }
}
