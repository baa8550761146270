//! The answer control of one checklist item, by answer type: status radios
//! (đạt / không đạt / không áp dụng), yes/no radios, count, money, date,
//! text and a documents list; plus the note and the evidence references.
//! Every control reads the row's own answer memo and saves through
//! [`RowCtx::save`]; free text is stored as typed, never reformatted.

use super::shared::I18n;
use crate::domain::answer::{Answer, AnswerKey, AnswerValue, DocumentEntry, ItemStatus};
use crate::domain::error::DomainError;
use crate::domain::ids::{ChecklistRunId, InspectionId};
use crate::domain::template::AnswerType;
use crate::i18n::{format_date, format_money, format_number, parse_date, parse_money};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use leptos::prelude::*;

/// Everything a control needs to save its row's answer.
#[derive(Clone)]
pub struct RowCtx {
    /// App state.
    pub state: AppState,
    /// Inspection.
    pub insp: InspectionId,
    /// Checklist run.
    pub run: ChecklistRunId,
    /// Answer key.
    pub key: AnswerKey,
    /// Element id of the row (controls derive theirs from it).
    pub row_id: String,
    /// The row's answer.
    pub answer: Signal<Option<Answer>>,
    /// Locked inspection.
    pub locked: Memo<bool>,
    /// Where the page shows a refused change.
    pub message: RwSignal<Option<String>>,
    /// Translations (captured: event handlers run outside the component).
    pub i18n: I18n,
}

impl RowCtx {
    /// A finished answer (a click, a key, a field left): changes it like
    /// [`RowCtx::save`] and writes it at once, in the event's own task,
    /// rather than after the typing pause, so it is stored before the user
    /// moves on (and before the frame showing it: `AppState::commit_now`).
    pub fn commit(&self, f: impl FnOnce(&mut Answer)) {
        self.save(f);
        self.state.commit_now();
    }

    /// Changes a copy of the current answer (or a blank one) and saves it
    /// after the typing pause (notes and text, keystroke by keystroke).
    pub fn save(&self, f: impl FnOnce(&mut Answer)) {
        let result = self
            .state
            .edit_answer(self.insp, self.run, self.key.clone(), f);
        self.report(result);
    }

    /// Shows a refused change.
    pub fn report<R>(&self, result: Result<R, DomainError>) {
        match result {
            Ok(_) => {
                if self.message.with_untracked(Option::is_some) {
                    self.message.set(None);
                }
            }
            Err(e) => self
                .message
                .set(Some(super::shared::error_text(self.i18n, &e))),
        }
    }

    /// Sets the status (keeping value, note and evidence).
    pub fn set_status(&self, s: ItemStatus) {
        self.commit(|a| a.status = s);
    }

    /// The current status.
    pub fn status(&self) -> ItemStatus {
        self.answer
            .with(|a| a.as_ref().map(|a| a.status).unwrap_or_default())
    }
}

fn status_label(i18n: I18n, s: ItemStatus) -> &'static str {
    match s {
        ItemStatus::Dat => t_string!(i18n, inspection.answer_dat),
        ItemStatus::KhongDat => t_string!(i18n, inspection.answer_khong_dat),
        ItemStatus::KhongApDung => t_string!(i18n, inspection.answer_kad),
        ItemStatus::ChuaKiemTra => t_string!(i18n, inspection.answer_chua),
    }
}

/// Code used in CSS classes and test ids.
pub fn status_code(s: ItemStatus) -> &'static str {
    match s {
        ItemStatus::Dat => "dat",
        ItemStatus::KhongDat => "khong_dat",
        ItemStatus::KhongApDung => "khong_ap_dung",
        ItemStatus::ChuaKiemTra => "chua_kiem_tra",
    }
}

/// The control for the item's answer type.
#[component]
pub fn AnswerControl(ctx: RowCtx, answer_type: AnswerType) -> impl IntoView {
    match answer_type {
        AnswerType::Status => view! { <StatusRadios ctx=ctx/> }.into_any(),
        AnswerType::YesNo => {
            view! { <YesNoRadios ctx=ctx.clone()/><NotApplicable ctx=ctx/> }.into_any()
        }
        AnswerType::Count => {
            view! { <CountInput ctx=ctx.clone()/><NotApplicable ctx=ctx/> }.into_any()
        }
        AnswerType::Money => {
            view! { <MoneyInput ctx=ctx.clone()/><NotApplicable ctx=ctx/> }.into_any()
        }
        AnswerType::Date => {
            view! { <DateInput ctx=ctx.clone()/><NotApplicable ctx=ctx/> }.into_any()
        }
        AnswerType::Text => {
            view! { <TextInput ctx=ctx.clone()/><NotApplicable ctx=ctx/> }.into_any()
        }
        AnswerType::Documents => {
            view! { <DocumentsInput ctx=ctx.clone()/><NotApplicable ctx=ctx/> }.into_any()
        }
    }
}

/// Đạt / không đạt / không áp dụng as three radio buttons.
#[component]
fn StatusRadios(ctx: RowCtx) -> impl IntoView {
    let i18n = use_i18n();
    let name = format!("{}-status", ctx.row_id);
    let options = [
        (ItemStatus::Dat, "1"),
        (ItemStatus::KhongDat, "2"),
        (ItemStatus::KhongApDung, "3"),
    ];
    let radios = options
        .into_iter()
        .map(|(s, hint)| {
            let c = ctx.clone();
            let c2 = ctx.clone();
            let locked = ctx.locked;
            view! {
                <label class=format!("status-choice status-choice--{}", status_code(s))>
                    <input type="radio" name=name.clone() value=status_code(s)
                        data-testid=format!("status-{}", status_code(s))
                        prop:checked=move || c.status() == s
                        disabled=move || locked.get()
                        on:change=move |_| c2.set_status(s)/>
                    <span>{move || status_label(i18n, s)}</span>
                    <kbd aria-hidden="true">{hint}</kbd>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="status-radios">
            <legend class="sr-only">{t!(i18n, inspection.answer_legend)}</legend>
            {radios}
        </fieldset>
    }
}

/// Có / không.
#[component]
fn YesNoRadios(ctx: RowCtx) -> impl IntoView {
    let i18n = use_i18n();
    let name = format!("{}-yn", ctx.row_id);
    let radios = [(true, "yes", "1"), (false, "no", "2")]
        .into_iter()
        .map(|(v, code, hint)| {
            let c = ctx.clone();
            let c2 = ctx.clone();
            let locked = ctx.locked;
            view! {
                <label class="status-choice">
                    <input type="radio" name=name.clone() value=code data-testid=format!("yesno-{code}")
                        prop:checked=move || c.answer.with(|a| {
                            a.as_ref().and_then(|a| a.value.as_ref()) == Some(&AnswerValue::YesNo(v))
                        })
                        disabled=move || locked.get()
                        on:change=move |_| c2.commit(|a| {
                            a.value = Some(AnswerValue::YesNo(v));
                            if a.status == ItemStatus::KhongApDung { a.status = ItemStatus::ChuaKiemTra; }
                        })/>
                    <span>{move || if v { t_string!(i18n, inspection.answer_yes) } else { t_string!(i18n, inspection.answer_no) }}</span>
                    <kbd aria-hidden="true">{hint}</kbd>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="status-radios">
            <legend class="sr-only">{t!(i18n, inspection.answer_legend)}</legend>
            {radios}
        </fieldset>
    }
}

/// The "không áp dụng" tick of items that are not status items.
#[component]
fn NotApplicable(ctx: RowCtx) -> impl IntoView {
    let i18n = use_i18n();
    let c = ctx.clone();
    let locked = ctx.locked;
    view! {
        <label class="na-toggle">
            <input type="checkbox" data-testid="status-khong_ap_dung"
                prop:checked=move || ctx.status() == ItemStatus::KhongApDung
                disabled=move || locked.get()
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    c.set_status(if on { ItemStatus::KhongApDung } else { ItemStatus::ChuaKiemTra });
                }/>
            <span>{t!(i18n, inspection.answer_kad)}</span>
            <kbd aria-hidden="true">"3"</kbd>
        </label>
    }
}

fn value_of(ctx: &RowCtx) -> Option<AnswerValue> {
    ctx.answer
        .with_untracked(|a| a.as_ref().and_then(|a| a.value.clone()))
}

/// Non-negative whole number.
#[component]
fn CountInput(ctx: RowCtx) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(false);
    let initial = match value_of(&ctx) {
        Some(AnswerValue::Count(n)) => n.to_string(),
        _ => String::new(),
    };
    let c = ctx.clone();
    let locked = ctx.locked;
    view! {
        <label class="field field--inline">
            <span>{t!(i18n, inspection.answer_count)}</span>
            <input type="number" min="0" step="1" inputmode="numeric" data-testid="answer-count"
                id=format!("{}-value", ctx.row_id)
                value=initial disabled=move || locked.get()
                on:change=move |ev| {
                    let s = event_target_value(&ev);
                    let s = s.trim();
                    if s.is_empty() {
                        error.set(false);
                        c.commit(|a| a.value = None);
                    } else if let Ok(n) = s.parse::<u64>() {
                        error.set(false);
                        c.commit(|a| a.value = Some(AnswerValue::Count(n)));
                    } else {
                        error.set(true);
                    }
                }/>
            <Show when=move || error.get()>
                <span class="error-text" role="alert">{t!(i18n, inspection.count_invalid)}</span>
            </Show>
        </label>
    }
}

/// Amount in whole đồng: typed freely, read on leaving the field.
#[component]
fn MoneyInput(ctx: RowCtx) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(false);
    let initial = match value_of(&ctx) {
        Some(AnswerValue::Money(n)) => format_number(n),
        _ => String::new(),
    };
    let c = ctx.clone();
    let locked = ctx.locked;
    let shown = move || {
        ctx.answer
            .with(|a| match a.as_ref().and_then(|a| a.value.as_ref()) {
                Some(AnswerValue::Money(n)) => format_money(*n),
                _ => String::new(),
            })
    };
    view! {
        <label class="field field--inline">
            <span>{t!(i18n, inspection.answer_money)}</span>
            <input type="text" inputmode="numeric" data-testid="answer-money"
                id=format!("{}-value", c.row_id)
                value=initial disabled=move || locked.get()
                on:change=move |ev| {
                    let s = event_target_value(&ev);
                    if s.trim().is_empty() {
                        error.set(false);
                        c.commit(|a| a.value = None);
                        return;
                    }
                    match parse_money(&s) {
                        Some(n) if n >= 0 => {
                            error.set(false);
                            c.commit(|a| a.value = Some(AnswerValue::Money(n)));
                        }
                        _ => error.set(true),
                    }
                }/>
            <span class="money-shown" data-testid="money-shown">{shown}</span>
            <Show when=move || error.get()>
                <span class="error-text" role="alert">{t!(i18n, inspection.money_invalid)}</span>
            </Show>
        </label>
    }
}

/// A date as dd/mm/yyyy.
#[component]
fn DateInput(ctx: RowCtx) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(false);
    let c = ctx.clone();
    let locked = ctx.locked;
    let shown = move || {
        ctx.answer
            .with(|a| match a.as_ref().and_then(|a| a.value.as_ref()) {
                Some(AnswerValue::Date(d)) => format_date(*d),
                _ => String::new(),
            })
    };
    view! {
        <label class="field field--inline">
            <span>{t!(i18n, inspection.answer_date)}</span>
            <input type="text" inputmode="numeric" placeholder=move || t_string!(i18n, plans.date_placeholder) data-testid="answer-date"
                id=format!("{}-value", c.row_id)
                prop:value=shown disabled=move || locked.get()
                on:change=move |ev| {
                    let s = event_target_value(&ev);
                    if s.trim().is_empty() {
                        error.set(false);
                        c.commit(|a| a.value = None);
                        return;
                    }
                    match parse_date(&s) {
                        Some(d) => {
                            error.set(false);
                            c.commit(|a| a.value = Some(AnswerValue::Date(d)));
                        }
                        None => error.set(true),
                    }
                }/>
            <Show when=move || error.get()>
                <span class="error-text" role="alert">{t!(i18n, inspection.date_invalid)}</span>
            </Show>
        </label>
    }
}

/// Free text, saved as typed.
#[component]
fn TextInput(ctx: RowCtx) -> impl IntoView {
    let i18n = use_i18n();
    let c = ctx.clone();
    let locked = ctx.locked;
    let text = move || {
        ctx.answer
            .with(|a| match a.as_ref().and_then(|a| a.value.as_ref()) {
                Some(AnswerValue::Text(s)) => s.clone(),
                _ => String::new(),
            })
    };
    view! {
        <label class="field">
            <span>{t!(i18n, inspection.answer_text)}</span>
            <textarea data-testid="answer-text" rows="2" id=format!("{}-value", c.row_id)
                prop:value=text disabled=move || locked.get()
                on:input=move |ev| {
                    let s = event_target_value(&ev);
                    c.save(|a| {
                        a.value = if s.trim().is_empty() { None } else { Some(AnswerValue::Text(s)) };
                    });
                }></textarea>
        </label>
    }
}

fn docs_of(ctx: &RowCtx) -> Vec<DocumentEntry> {
    ctx.answer
        .with_untracked(|a| match a.as_ref().and_then(|a| a.value.as_ref()) {
            Some(AnswerValue::Documents(d)) => d.clone(),
            _ => Vec::new(),
        })
}

fn save_docs(ctx: &RowCtx, f: impl FnOnce(&mut Vec<DocumentEntry>)) {
    let mut docs = docs_of(ctx);
    f(&mut docs);
    ctx.save(|a| {
        a.value = if docs.is_empty() {
            None
        } else {
            Some(AnswerValue::Documents(docs))
        };
    });
}

/// A list of documents (type, number, date, summary).
#[component]
fn DocumentsInput(ctx: RowCtx) -> impl IntoView {
    let i18n = use_i18n();
    let count = {
        let ctx = ctx.clone();
        Memo::new(move |_| {
            ctx.answer
                .with(|a| match a.as_ref().and_then(|a| a.value.as_ref()) {
                    Some(AnswerValue::Documents(d)) => d.len(),
                    _ => 0,
                })
        })
    };
    let locked = ctx.locked;
    let add = ctx.clone();
    let rows = ctx.clone();
    view! {
        <div class="docs" data-testid="answer-documents">
            <span class="docs-title">{t!(i18n, inspection.docs_title)}</span>
            <ol class="docs-list">
                <For each=move || 0..count.get() key=|i| *i let:idx>
                    <DocumentRow ctx=rows.clone() idx=idx/>
                </For>
            </ol>
            <button type="button" class="btn" data-testid="doc-add" disabled=move || locked.get()
                on:click=move |_| save_docs(&add, |d| d.push(DocumentEntry::default()))>
                {t!(i18n, inspection.docs_add)}
            </button>
        </div>
    }
}

#[component]
fn DocumentRow(ctx: RowCtx, idx: usize) -> impl IntoView {
    let i18n = use_i18n();
    let entry = {
        let ctx = ctx.clone();
        Memo::new(move |_| {
            ctx.answer
                .with(|a| match a.as_ref().and_then(|a| a.value.as_ref()) {
                    Some(AnswerValue::Documents(d)) => d.get(idx).cloned().unwrap_or_default(),
                    _ => DocumentEntry::default(),
                })
        })
    };
    let locked = ctx.locked;
    let c_date = ctx.clone();
    let c_rm = ctx.clone();
    let field = move |label: &'static str,
                      get: fn(&DocumentEntry) -> String,
                      set: fn(&mut DocumentEntry, String)| {
        let c = ctx.clone();
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="text" prop:value=move || entry.with(get) disabled=move || locked.get()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        save_docs(&c, |d| if let Some(e) = d.get_mut(idx) { set(e, v) });
                    }/>
            </label>
        }
    };
    let date_error = RwSignal::new(false);
    view! {
        <li class="doc-entry">
            {field(t_string!(i18n, inspection.doc_type), |e| e.doc_type.clone(), |e, v| e.doc_type = v)}
            {field(t_string!(i18n, inspection.doc_number), |e| e.number.clone(), |e, v| e.number = v)}
            <label class="field">
                <span>{t!(i18n, inspection.doc_date)}</span>
                <input type="text" placeholder=move || t_string!(i18n, plans.date_placeholder) disabled=move || locked.get()
                    prop:value=move || entry.with(|e| e.date.map(format_date).unwrap_or_default())
                    on:change=move |ev| {
                        let s = event_target_value(&ev);
                        let d = if s.trim().is_empty() { Some(None) } else { parse_date(&s).map(Some) };
                        match d {
                            Some(d) => {
                                date_error.set(false);
                                save_docs(&c_date, |docs| if let Some(e) = docs.get_mut(idx) { e.date = d });
                            }
                            None => date_error.set(true),
                        }
                    }/>
                <Show when=move || date_error.get()>
                    <span class="error-text" role="alert">{t!(i18n, inspection.date_invalid)}</span>
                </Show>
            </label>
            {field(t_string!(i18n, inspection.doc_summary), |e| e.summary.clone(), |e, v| e.summary = v)}
            <button type="button" class="btn btn--danger" disabled=move || locked.get()
                on:click=move |_| save_docs(&c_rm, |d| { if idx < d.len() { d.remove(idx); } })>
                {t!(i18n, inspection.doc_remove)}
            </button>
        </li>
    }
}

/// The note (ghi chú) of an answer; `n` on the row focuses it.
#[component]
pub fn NoteField(ctx: RowCtx) -> impl IntoView {
    let i18n = use_i18n();
    let c = ctx.clone();
    let locked = ctx.locked;
    let note = move || {
        ctx.answer
            .with(|a| a.as_ref().map(|a| a.note.clone()).unwrap_or_default())
    };
    view! {
        <label class="field note-field">
            <span>{t!(i18n, inspection.note)}</span>
            <textarea rows="2" data-testid="note" id=format!("{}-note", c.row_id)
                prop:value=note disabled=move || locked.get()
                on:input=move |ev| {
                    let s = event_target_value(&ev);
                    c.save(|a| a.note = s);
                }></textarea>
        </label>
    }
}

/// Evidence references, one per line.
#[component]
pub fn EvidenceField(ctx: RowCtx) -> impl IntoView {
    let i18n = use_i18n();
    let initial = ctx.answer.with_untracked(|a| {
        a.as_ref()
            .map(|a| a.evidence.join("\n"))
            .unwrap_or_default()
    });
    let c = ctx.clone();
    let locked = ctx.locked;
    view! {
        <label class="field evidence-field">
            <span>{t!(i18n, inspection.evidence)}</span>
            <textarea rows="1" data-testid="evidence" id=format!("{}-evidence", c.row_id)
                disabled=move || locked.get()
                on:input=move |ev| {
                    let s = event_target_value(&ev);
                    let list: Vec<String> = s.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
                    c.save(|a| a.evidence = list);
                }>{initial}</textarea>
        </label>
    }
}
