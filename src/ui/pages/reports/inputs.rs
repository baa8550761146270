//! Inputs of the periodic report editor. Each shows the field's legal label,
//! starts from the stored value and reports changes through `on_set`; none
//! rewrites the text while the user types (IME-safe). Counts keep "not
//! entered" (empty) apart from 0; money is whole đồng (`1.234.567`).
//! Fields named by a consistency error are marked `aria-invalid`, fields not
//! entered yet carry the `field--missing` class.
//!
//! Each input is generic in its `on_set` closure, and the editors pass a
//! different closure at each of their call sites (58, most through the
//! report editor's `count!` and `text!` macros): the component only boxes
//! it and calls a plain function with the view, so the view code (the label,
//! the input and its attributes, the error line) is compiled once per kind
//! of input instead of once per call site (issue #17, size work).

use super::fields;
use crate::i18n::{format_money, format_number, parse_money, Lang};
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use leptos::html;
use leptos::prelude::*;

/// What the checks say about the fields, provided by the editor.
#[derive(Clone, Copy)]
pub struct FieldMarks {
    /// Codes named by a consistency error.
    pub errors: Memo<Vec<&'static str>>,
    /// Codes (and list positions) not entered yet.
    pub missing: Memo<Vec<(&'static str, Option<usize>)>>,
}

impl FieldMarks {
    fn is_error(&self, code: &'static str) -> Signal<bool> {
        let errors = self.errors;
        Signal::derive(move || errors.with(|e| e.contains(&code)))
    }
    fn is_missing(&self, code: &'static str, index: Option<usize>) -> Signal<bool> {
        let missing = self.missing;
        Signal::derive(move || missing.with(|m| m.contains(&(code, index))))
    }
}

fn marks() -> Option<FieldMarks> {
    use_context::<FieldMarks>()
}

fn label_signal(code: &'static str, index: Option<usize>) -> Signal<String> {
    let lang = use_lang();
    Signal::derive(move || fields::label_at(code, index, lang.get() == Lang::Vi))
}

fn test_id(code: &str, index: Option<usize>) -> String {
    match index {
        Some(i) => format!("f-{code}-{i}"),
        None => format!("f-{code}"),
    }
}

/// Reads a typed count: digits, optionally grouped with `.` or spaces.
pub fn parse_count(s: &str) -> Option<u64> {
    let cleaned: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, '.' | ' ' | '\u{a0}'))
        .collect();
    if cleaned.is_empty() || !cleaned.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    cleaned.parse().ok()
}

/// A count (số lượng): empty means "not entered", 0 is a real zero.
#[component]
pub fn CountInput<F>(
    code: &'static str,
    initial: Option<u64>,
    on_set: F,
    #[prop(optional)] index: Option<usize>,
) -> impl IntoView
where
    F: Fn(Option<u64>) + 'static,
{
    count_input(code, initial, Box::new(on_set), index)
}

/// [`CountInput`]'s view, compiled once (see the module comment).
fn count_input(
    code: &'static str,
    initial: Option<u64>,
    on_set: Box<dyn Fn(Option<u64>)>,
    index: Option<usize>,
) -> AnyView {
    let i18n = use_i18n();
    let bad = RwSignal::new(false);
    let m = marks();
    let error = m.map(|m| m.is_error(code));
    let missing = m.map(|m| m.is_missing(code, index));
    let on_input = move |ev: leptos::ev::Event| {
        let raw = event_target_value(&ev);
        if raw.trim().is_empty() {
            bad.set(false);
            on_set(None);
        } else if let Some(n) = parse_count(&raw) {
            bad.set(false);
            on_set(Some(n));
        } else {
            bad.set(true);
        }
    };
    view! {
        <label class="field field--count" class:field--missing=move || missing.is_some_and(|s| s.get())>
            <span>{label_signal(code, index)}</span>
            <input type="text" inputmode="numeric" autocomplete="off"
                data-testid=test_id(code, index)
                value=initial.map(|v| v.to_string()).unwrap_or_default()
                placeholder=move || t_string!(i18n, reports.not_entered)
                aria-invalid=move || (bad.get() || error.is_some_and(|s| s.get())).to_string()
                on:input=on_input/>
            <Show when=move || bad.get()>
                <span class="error-text">{t!(i18n, reports.count_invalid)}</span>
            </Show>
        </label>
    }
    .into_any()
}

/// An amount in đồng: typed as `1.234.567` (or `1234567 đ`), regrouped when
/// the field is left, shown as `1.234.567 đ` beside it.
#[component]
pub fn MoneyInput<F>(code: &'static str, initial: Option<u64>, on_set: F) -> impl IntoView
where
    F: Fn(Option<u64>) + 'static,
{
    money_input(code, initial, Box::new(on_set))
}

/// [`MoneyInput`]'s view, compiled once (see the module comment).
fn money_input(
    code: &'static str,
    initial: Option<u64>,
    on_set: Box<dyn Fn(Option<u64>)>,
) -> AnyView {
    let i18n = use_i18n();
    let bad = RwSignal::new(false);
    let value = RwSignal::new(initial);
    let m = marks();
    let error = m.map(|m| m.is_error(code));
    let missing = m.map(|m| m.is_missing(code, None));
    let input = NodeRef::<html::Input>::new();
    let on_input = move |ev: leptos::ev::Event| {
        let raw = event_target_value(&ev);
        if raw.trim().is_empty() {
            bad.set(false);
            value.set(None);
            on_set(None);
            return;
        }
        match parse_money(&raw).and_then(|v| u64::try_from(v).ok()) {
            Some(v) => {
                bad.set(false);
                value.set(Some(v));
                on_set(Some(v));
            }
            None => bad.set(true),
        }
    };
    // Leaving the field regroups the digits (never while typing).
    let on_change = move |_| {
        if let (Some(el), Some(v), false) =
            (input.get(), value.get_untracked(), bad.get_untracked())
        {
            el.set_value(&format_number(i64::try_from(v).unwrap_or(i64::MAX)));
        }
    };
    let shown = move || {
        value
            .get()
            .map(|v| format_money(i64::try_from(v).unwrap_or(i64::MAX)))
    };
    view! {
        <label class="field field--money" class:field--missing=move || missing.is_some_and(|s| s.get())>
            <span>{label_signal(code, None)}</span>
            <input type="text" inputmode="numeric" autocomplete="off" node_ref=input
                data-testid=test_id(code, None)
                value=initial.map(|v| format_number(i64::try_from(v).unwrap_or(i64::MAX))).unwrap_or_default()
                placeholder=move || t_string!(i18n, reports.not_entered)
                aria-invalid=move || (bad.get() || error.is_some_and(|s| s.get())).to_string()
                on:input=on_input on:change=on_change/>
            <span class="money-echo muted" aria-live="polite">{shown}</span>
            <Show when=move || bad.get()>
                <span class="error-text">{t!(i18n, reports.money_invalid)}</span>
            </Show>
        </label>
    }
    .into_any()
}

/// Free text; `multiline` gives a text area.
#[component]
pub fn TextInput<F>(
    code: &'static str,
    initial: String,
    on_set: F,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] index: Option<usize>,
) -> impl IntoView
where
    F: Fn(String) + 'static,
{
    text_input(code, initial, Box::new(on_set), multiline, index)
}

/// [`TextInput`]'s view, compiled once (see the module comment).
fn text_input(
    code: &'static str,
    initial: String,
    on_set: Box<dyn Fn(String)>,
    multiline: bool,
    index: Option<usize>,
) -> AnyView {
    let m = marks();
    let missing = m.map(|m| m.is_missing(code, index));
    let on_input = move |ev: leptos::ev::Event| on_set(event_target_value(&ev));
    let tid = test_id(code, index);
    let control = if multiline {
        view! { <textarea data-testid=tid on:input=on_input prop:value=initial></textarea> }
            .into_any()
    } else {
        view! { <input type="text" data-testid=tid value=initial on:input=on_input/> }.into_any()
    };
    view! {
        <label class="field" class:field--missing=move || missing.is_some_and(|s| s.get())>
            <span>{label_signal(code, index)}</span>
            {control}
        </label>
    }
    .into_any()
}
