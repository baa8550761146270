//! The conclusion (kết luận kiểm tra): text, draft date, issue date and the
//! recommendations (text, addressee, deadline).

use super::shared::{error_text, locked_memo, DateField};
use crate::domain::catalog::Addressee;
use crate::domain::ids::InspectionId;
use crate::domain::inspection::{Conclusion, Recommendation};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use leptos::prelude::*;

/// Saves a changed copy of the conclusion; returns the refusal, if any.
fn edit(
    state: AppState,
    insp: InspectionId,
    f: impl FnOnce(&mut Conclusion),
) -> Result<(), crate::domain::error::DomainError> {
    state.edit_inspection(insp, move |i, _, c, _| {
        let mut copy = i.conclusion().clone();
        f(&mut copy);
        i.set_conclusion(copy, c)
    })
}

/// The conclusion editor.
#[component]
pub fn ConclusionSection(insp: InspectionId, message: RwSignal<Option<String>>) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let locked = locked_memo(state, insp);
    let conclusion = Memo::new(move |_| {
        state
            .ws
            .with(|ws| ws.inspection(insp).map(|i| i.conclusion().clone()))
            .unwrap_or_default()
    });
    let report = move |r: Result<(), crate::domain::error::DomainError>| match r {
        Ok(()) => {
            if message.with_untracked(Option::is_some) {
                message.set(None);
            }
            None
        }
        Err(e) => Some(error_text(i18n, &e)),
    };
    let rec_count = Memo::new(move |_| conclusion.with(|c| c.recommendations.len()));
    view! {
        <section class="card conclusion" data-testid="conclusion" id="conclusion">
            <h2>{t!(i18n, inspection.conclusion_title)}</h2>
            <label class="field">
                <span>{t!(i18n, inspection.conclusion_text)}</span>
                <textarea id="conclusion-text" data-testid="conclusion-text" rows="5"
                    disabled=move || locked.get()
                    prop:value=move || conclusion.with(|c| c.text.clone())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(e) = report(edit(state, insp, |c| c.text = v)) { message.set(Some(e)); }
                    }></textarea>
            </label>
            <div class="field-row">
                <ConclusionText id="conclusion-number" label=Signal::derive(move || t_string!(i18n, inspection.conclusion_number).to_string())
                    value=Signal::derive(move || conclusion.with(|c| c.number.clone()))
                    locked=locked on_input=Callback::new(move |v: String| {
                        if let Some(e) = report(edit(state, insp, |c| c.number = v)) { message.set(Some(e)); }
                    })/>
                <ConclusionText id="conclusion-signer-position" label=Signal::derive(move || t_string!(i18n, inspection.conclusion_signer_position).to_string())
                    value=Signal::derive(move || conclusion.with(|c| c.signer_position.clone()))
                    locked=locked on_input=Callback::new(move |v: String| {
                        if let Some(e) = report(edit(state, insp, |c| c.signer_position = v)) { message.set(Some(e)); }
                    })/>
                <ConclusionText id="conclusion-signer-name" label=Signal::derive(move || t_string!(i18n, inspection.conclusion_signer_name).to_string())
                    value=Signal::derive(move || conclusion.with(|c| c.signer_name.clone()))
                    locked=locked on_input=Callback::new(move |v: String| {
                        if let Some(e) = report(edit(state, insp, |c| c.signer_name = v)) { message.set(Some(e)); }
                    })/>
                <ConclusionText id="report-number" label=Signal::derive(move || t_string!(i18n, inspection.report_number).to_string())
                    value=Signal::derive(move || conclusion.with(|c| c.report_number.clone()))
                    locked=locked on_input=Callback::new(move |v: String| {
                        if let Some(e) = report(edit(state, insp, |c| c.report_number = v)) { message.set(Some(e)); }
                    })/>
            </div>
            <div class="field-row">
                <DateField id="conclusion-draft-date"
                    label=Signal::derive(move || t_string!(i18n, inspection.conclusion_draft_date).to_string())
                    value=Signal::derive(move || conclusion.with(|c| c.draft_date))
                    on_set=Callback::new(move |d| report(edit(state, insp, |c| c.draft_date = d)))
                    disabled=locked/>
                <DateField id="conclusion-issue-date"
                    label=Signal::derive(move || t_string!(i18n, inspection.conclusion_issue_date).to_string())
                    value=Signal::derive(move || conclusion.with(|c| c.issue_date))
                    on_set=Callback::new(move |d| report(edit(state, insp, |c| c.issue_date = d)))
                    disabled=locked/>
            </div>
            <h3>{t!(i18n, inspection.recommendations_title)}</h3>
            <ol class="recommendations">
                <For each=move || 0..rec_count.get() key=|i| *i let:idx>
                    <RecommendationRow insp=insp idx=idx conclusion=conclusion message=message/>
                </For>
            </ol>
            <button type="button" class="btn no-print" data-testid="recommendation-add"
                disabled=move || locked.get()
                on:click=move |_| {
                    let r = edit(state, insp, |c| c.recommendations.push(Recommendation::new(
                        String::new(),
                        Addressee::DonViDuocKiemTra,
                        None,
                    )));
                    if let Some(e) = report(r) { message.set(Some(e)); }
                }>
                {t!(i18n, inspection.recommendation_add)}
            </button>
        </section>
    }
}

/// One labelled text field of the conclusion; `id` is also its test id.
#[component]
fn ConclusionText(
    id: &'static str,
    label: Signal<String>,
    value: Signal<String>,
    locked: Memo<bool>,
    on_input: Callback<String>,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input type="text" id=id data-testid=id disabled=move || locked.get()
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))/>
        </label>
    }
}

#[component]
fn RecommendationRow(
    insp: InspectionId,
    idx: usize,
    conclusion: Memo<Conclusion>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let locked = locked_memo(state, insp);
    let rec = Memo::new(move |_| conclusion.with(|c| c.recommendations.get(idx).cloned()));
    let confirming = RwSignal::new(false);
    let set = move |f: Box<dyn FnOnce(&mut Recommendation)>| {
        let r = edit(state, insp, move |c| {
            if let Some(r) = c.recommendations.get_mut(idx) {
                f(r);
            }
        });
        match r {
            Ok(()) => None,
            Err(e) => Some(error_text(i18n, &e)),
        }
    };
    let opts = move || {
        let vi = lang.get() == Lang::Vi;
        Addressee::ALL
            .iter()
            .map(|a| {
                let a = *a;
                view! {
                    <option value=a.code() selected=move || rec.with(|r| r.as_ref().is_some_and(|r| r.addressee == a))>
                        {if vi { a.entry().vi } else { a.entry().en }}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <li class="recommendation" data-testid="recommendation">
            <label class="field">
                <span>{t!(i18n, inspection.recommendation_text)}</span>
                <textarea rows="2" data-testid="recommendation-text" disabled=move || locked.get()
                    prop:value=move || rec.with(|r| r.as_ref().map(|r| r.text.clone()).unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(e) = set(Box::new(move |r| r.text = v)) { message.set(Some(e)); }
                    }></textarea>
            </label>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, inspection.finding_addressee)}</span>
                    <select data-testid="recommendation-addressee" disabled=move || locked.get()
                        on:change=move |ev| {
                            if let Some(a) = Addressee::from_code(&event_target_value(&ev)) {
                                if let Some(e) = set(Box::new(move |r| r.addressee = a)) { message.set(Some(e)); }
                            }
                        }>
                        {opts}
                    </select>
                </label>
                <DateField id=format!("recommendation-deadline-{idx}")
                    label=Signal::derive(move || t_string!(i18n, inspection.recommendation_deadline).to_string())
                    value=Signal::derive(move || rec.with(|r| r.as_ref().and_then(|r| r.deadline)))
                    on_set=Callback::new(move |d| set(Box::new(move |r| r.deadline = d)))
                    disabled=locked/>
            </div>
            <div class="no-print">
                <Show when=move || !confirming.get()>
                    <button type="button" class="btn btn--danger" data-testid="recommendation-remove"
                        disabled=move || locked.get() on:click=move |_| confirming.set(true)>
                        {t!(i18n, inspection.recommendation_remove)}
                    </button>
                </Show>
                <Show when=move || confirming.get()>
                    <span class="confirm" role="group">
                        <span>{t!(i18n, inspection.recommendation_remove_confirm)}</span>" "
                        <button type="button" class="btn btn--danger" data-testid="recommendation-remove-confirm"
                            on:click=move |_| {
                                confirming.set(false);
                                let r = edit(state, insp, |c| { if idx < c.recommendations.len() { c.recommendations.remove(idx); } });
                                if let Err(e) = r { message.set(Some(error_text(i18n, &e))); }
                            }>
                            {t!(i18n, inspection.delete_yes)}
                        </button>" "
                        <button type="button" class="btn" on:click=move |_| confirming.set(false)>{t!(i18n, inspection.cancel)}</button>
                    </span>
                </Show>
            </div>
        </li>
    }
}
