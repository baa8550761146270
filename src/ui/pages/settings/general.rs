//! General settings: the unit and place names used in documents, the public
//! holidays used for working-day deadlines, and the backup reminder interval.

use crate::i18n::{format_date, parse_date};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::pages::settings::fill;
use leptos::prelude::*;

/// Unit name, place name, holidays and the backup reminder.
#[component]
pub fn GeneralSettings() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let unit = move || state.ws.with(|ws| ws.settings().unit_name.clone());
    let place = move || state.ws.with(|ws| ws.settings().place_name.clone());
    let days = move || state.ws.with(|ws| ws.settings().backup_reminder_days);
    let on_days = move |ev: leptos::ev::Event| {
        if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
            if (1..=365).contains(&n) {
                state.edit_settings(|s| s.backup_reminder_days = n);
            }
        }
    };
    view! {
        <section class="card" aria-labelledby="settings-general-h">
            <h2 id="settings-general-h">{t!(i18n, storage.general_title)}</h2>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, storage.unit_name)}</span>
                    <input type="text" data-testid="settings-unit-name"
                        placeholder=move || t_string!(i18n, storage.unit_name_placeholder)
                        prop:value=unit
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            state.edit_settings(|s| s.unit_name = v);
                        }/>
                </label>
                <label class="field">
                    <span>{t!(i18n, storage.place_name)}</span>
                    <input type="text" data-testid="settings-place-name"
                        placeholder=move || t_string!(i18n, storage.place_name_placeholder)
                        prop:value=place
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            state.edit_settings(|s| s.place_name = v);
                        }/>
                </label>
                <label class="field">
                    <span>{t!(i18n, storage.backup_days)}</span>
                    <input type="number" min="1" max="365" data-testid="settings-backup-days"
                        prop:value=move || days().to_string() on:change=on_days/>
                </label>
            </div>
            <HolidayEditor/>
        </section>
    }
}

/// The public holidays list (no official list is built in).
#[component]
fn HolidayEditor() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let new_day = RwSignal::new(String::new());
    let error = RwSignal::new(false);
    let add = move || match parse_date(&new_day.get_untracked()) {
        Some(d) => {
            state.edit_settings(|s| {
                s.holidays.insert(d);
            });
            new_day.set(String::new());
            error.set(false);
        }
        None => error.set(true),
    };
    let days = move || {
        state
            .ws
            .with(|ws| ws.settings().holidays.iter().collect::<Vec<_>>())
    };
    view! {
        <h3>{t!(i18n, storage.holidays_title)}</h3>
        <p class="muted">{t!(i18n, storage.holidays_note)}</p>
        <div class="holiday-add">
            <label class="field">
                <span>{t!(i18n, storage.holiday_date)}</span>
                <input type="date" data-testid="holiday-date"
                    prop:value=move || new_day.get()
                    on:input=move |ev| new_day.set(event_target_value(&ev))
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Enter" { add(); }
                    }/>
            </label>
            <button type="button" class="btn" data-testid="holiday-add" on:click=move |_| add()>
                {t!(i18n, storage.holiday_add)}
            </button>
        </div>
        <Show when=move || error.get()>
            <p class="error-text" role="alert">{t!(i18n, storage.holiday_invalid)}</p>
        </Show>
        <Show when=move || !days().is_empty()
            fallback=move || view! { <p class="muted" data-testid="holiday-empty">{t!(i18n, storage.holidays_empty)}</p> }>
            <ul class="holiday-list" data-testid="holiday-list">
                {move || days().into_iter().map(|d| {
                    let label = format_date(d);
                    let aria = fill(t_string!(i18n, storage.holiday_remove_aria), &[("date", (label.clone()).to_string())]);
                    view! {
                        <li>
                            <span>{label}</span>
                            <button type="button" class="btn btn--small" aria-label=aria
                                on:click=move |_| state.edit_settings(|s| { s.holidays.remove(d); })>
                                {t!(i18n, storage.holiday_remove)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Show>
    }
}
