//! Small labelled form controls used by the plan editor. Each shows a value
//! read from the workspace and reports edits through a callback; text is
//! never reformatted while the user types (IME-safe: `input` events only).

use crate::i18n::{format_date, parse_date};
use crate::ui::i18n::{t, t_string, use_i18n};
use chrono::NaiveDate;
use leptos::prelude::*;

/// A labelled one-line or multi-line text field.
#[component]
pub fn TextField(
    #[prop(into)] label: TextProp,
    testid: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_set: Callback<String>,
    #[prop(optional)] multiline: bool,
    #[prop(optional, into)] placeholder: Option<TextProp>,
) -> impl IntoView {
    let ph = move || {
        placeholder
            .as_ref()
            .map(|p| p.get().to_string())
            .unwrap_or_default()
    };
    let input = move |ev: leptos::ev::Event| on_set.run(event_target_value(&ev));
    view! {
        <label class="field">
            <span>{move || label.get().to_string()}</span>
            {if multiline {
                view! {
                    <textarea data-testid=testid prop:value=move || value.get()
                        placeholder=ph on:input=input></textarea>
                }.into_any()
            } else {
                view! {
                    <input type="text" data-testid=testid prop:value=move || value.get()
                        placeholder=ph on:input=input/>
                }.into_any()
            }}
        </label>
    }
}

/// A labelled whole-number field; other input is ignored until it is a number.
#[component]
pub fn NumberField(
    #[prop(into)] label: TextProp,
    testid: &'static str,
    #[prop(into)] value: Signal<u32>,
    #[prop(into)] on_set: Callback<u32>,
    #[prop(optional)] max: Option<u32>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{move || label.get().to_string()}</span>
            <input type="number" min="0" max=max.map(|m| m.to_string()) inputmode="numeric"
                data-testid=testid prop:value=move || value.get().to_string()
                on:input=move |ev| {
                    if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                        on_set.run(n);
                    }
                }/>
        </label>
    }
}

/// A labelled check box.
#[component]
pub fn CheckField(
    #[prop(into)] label: TextProp,
    testid: &'static str,
    #[prop(into)] value: Signal<bool>,
    #[prop(into)] on_set: Callback<bool>,
) -> impl IntoView {
    view! {
        <label class="check">
            <input type="checkbox" data-testid=testid prop:checked=move || value.get()
                on:change=move |ev| on_set.run(event_target_checked(&ev))/>
            <span>{move || label.get().to_string()}</span>
        </label>
    }
}

/// A labelled date typed as dd/mm/yyyy. The typed text is kept while it is
/// not a date (with a message); an empty field clears the date.
#[component]
pub fn DateField(
    #[prop(into)] label: TextProp,
    testid: &'static str,
    #[prop(into)] value: Signal<Option<NaiveDate>>,
    #[prop(into)] on_set: Callback<Option<NaiveDate>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let raw = RwSignal::new(value.get_untracked().map(format_date).unwrap_or_default());
    let bad = RwSignal::new(false);
    // Another change of the stored date (undo, another tab) replaces the text
    // unless the user is in the middle of typing something else.
    Effect::new(move |_| {
        let v = value.get();
        let typed = parse_date(&raw.get_untracked());
        if typed != v && !bad.get_untracked() {
            raw.set(v.map(format_date).unwrap_or_default());
        }
    });
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        raw.set(text.clone());
        if text.trim().is_empty() {
            bad.set(false);
            on_set.run(None);
        } else if let Some(d) = parse_date(&text) {
            bad.set(false);
            on_set.run(Some(d));
        } else {
            bad.set(true);
        }
    };
    let on_blur = move |_| {
        if let Some(d) = parse_date(&raw.get_untracked()) {
            raw.set(format_date(d));
        }
    };
    let err_id = format!("{testid}-error");
    let err_id2 = err_id.clone();
    view! {
        <label class="field">
            <span>{move || label.get().to_string()}</span>
            <input type="text" inputmode="numeric" data-testid=testid
                placeholder=move || t_string!(i18n, plans.date_placeholder)
                aria-invalid=move || bad.get().to_string()
                aria-describedby=move || bad.get().then(|| err_id.clone())
                prop:value=move || raw.get() on:input=on_input on:blur=on_blur/>
            <Show when=move || bad.get()>
                <span class="error-text" id=err_id2.clone()>{t!(i18n, plans.date_invalid)}</span>
            </Show>
        </label>
    }
}

/// A delete button with an inline, keyboard-reachable confirmation step.
#[component]
pub fn ConfirmDelete(
    #[prop(into)] label: TextProp,
    #[prop(into)] question: TextProp,
    testid: &'static str,
    #[prop(into)] on_confirm: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    let yes_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if asking.get() {
            if let Some(b) = yes_ref.get() {
                let _ = b.focus();
            }
        }
    });
    let label = Signal::derive(move || label.get().to_string());
    let question = Signal::derive(move || question.get().to_string());
    view! {
        <span class="confirm-delete">
            <Show when=move || asking.get() fallback=move || view! {
                <button type="button" class="btn btn--danger" data-testid=testid
                    on:click=move |_| asking.set(true)>{move || label.get()}</button>
            }>
                <span role="alertdialog" aria-label=move || question.get() class="confirm-box">
                    <span>{move || question.get()}</span>
                    <button type="button" class="btn btn--danger" node_ref=yes_ref
                        data-testid=format!("{testid}-confirm")
                        on:click=move |_| { asking.set(false); on_confirm.run(()); }>
                        {t!(i18n, plans.confirm_yes)}
                    </button>
                    <button type="button" class="btn" data-testid=format!("{testid}-cancel")
                        on:click=move |_| asking.set(false)>{t!(i18n, plans.confirm_no)}</button>
                </span>
            </Show>
        </span>
    }
}
