//! The follow-up of a completed inspection's conclusion, on its page: each
//! recommendation with its state, lateness and dated updates, a form for the
//! next update; each discipline proposal with its decision and execution.
//! Shown only once the inspection is locked: these are the changes a locked
//! inspection still accepts, through the domain's `record_*` methods.

use super::shared::{error_text, fill, locked_memo};
use crate::domain::catalog::{violation_behaviour, DisciplineForm};
use crate::domain::clock::Clock;
use crate::domain::finding::Finding;
use crate::domain::followup::{
    discipline_forms_in_force, DecisionInput, DisciplineOutcome, FollowUpStatus, RecTarget,
    Tracking, UpdateInput,
};
use crate::domain::ids::{FindingId, InspectionId};
use crate::domain::inspection::Inspection;
use crate::i18n::{format_date, parse_date, Lang};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use crate::ui::pages::followup::labels::status_text;
use crate::ui::pages::followup::SummaryCounts;
use chrono::NaiveDate;
use leptos::prelude::*;

/// One recommendation as shown.
#[derive(Clone, PartialEq)]
struct ItemView {
    target: RecTarget,
    /// "Recommendation of finding 2" / "Conclusion recommendation 1" number.
    n: usize,
    text: String,
    addressee: crate::domain::catalog::Addressee,
    deadline: Option<NaiveDate>,
    tracking: Tracking,
}

fn item_views(i: &Inspection) -> Vec<ItemView> {
    i.tracked_items()
        .into_iter()
        .map(|x| {
            let n = match x.target {
                RecTarget::Finding { finding } => i
                    .findings()
                    .iter()
                    .position(|f| f.id == finding)
                    .map_or(0, |p| p + 1),
                RecTarget::Conclusion { index } => index + 1,
            };
            ItemView {
                target: x.target,
                n,
                text: x.text.to_string(),
                addressee: x.addressee,
                deadline: x.deadline,
                tracking: x.tracking.clone(),
            }
        })
        .collect()
}

/// A typed dd/mm/yyyy date: `Ok(None)` when empty, `Err` when unreadable.
fn typed_date(s: &str) -> Result<Option<NaiveDate>, ()> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    parse_date(s).map(Some).ok_or(())
}

/// The follow-up section of a locked inspection.
#[component]
pub fn FollowUpSection(insp: InspectionId, message: RwSignal<Option<String>>) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let today = state.clock().today();
    let locked = locked_memo(state, insp);
    let items = Memo::new(move |_| {
        state
            .ws
            .with(|ws| ws.inspection(insp).map(item_views).unwrap_or_default())
    });
    let proposals = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.inspection(insp)
                .map(|i| {
                    i.findings()
                        .iter()
                        .filter(|f| f.proposed_discipline.is_some())
                        .map(|f| f.id)
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let summary = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.inspection(insp)
                .map(|i| i.follow_up_summary(today))
                .unwrap_or_default()
        })
    });
    view! {
        <Show when=move || locked.get()>
            <section class="card followup-section" id="theo-doi" data-testid="followup-section" aria-labelledby="fu-title">
                <h2 id="fu-title">{t!(i18n, followup.section_title)}</h2>
                <p class="muted">{t!(i18n, followup.section_lead)}</p>
                <SummaryCounts summary=summary/>
                <Show when=move || items.with(Vec::is_empty)>
                    <p class="empty-state">{t!(i18n, followup.section_empty)}</p>
                </Show>
                <ol class="tracked-list">
                    <For each=move || items.get() key=|x| x.target let:x>
                        <TrackedCard insp=insp target=x.target items=items message=message/>
                    </For>
                </ol>
                <Show when=move || !proposals.with(Vec::is_empty)>
                    <h3>{t!(i18n, followup.discipline_title)}</h3>
                    <ol class="discipline-list">
                        <For each=move || proposals.get() key=|f| *f let:fid>
                            <DisciplineCard insp=insp fid=fid message=message/>
                        </For>
                    </ol>
                </Show>
            </section>
        </Show>
    }
}

/// One recommendation, its updates and the form for the next one.
#[component]
fn TrackedCard(
    insp: InspectionId,
    target: RecTarget,
    items: Memo<Vec<ItemView>>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let today = state.clock().today();
    let item = Memo::new(move |_| items.with(|v| v.iter().find(|x| x.target == target).cloned()));
    let status = RwSignal::new(String::new());
    let action = RwSignal::new(String::new());
    let document = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let closed_on = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let local = RwSignal::new(None::<String>);
    let dom = match target {
        RecTarget::Finding { finding } => format!("fu-f-{}", finding.0.simple()),
        RecTarget::Conclusion { index } => format!("fu-c-{index}"),
    };
    let save = move |_| {
        let Ok(closed) = typed_date(&closed_on.get_untracked()) else {
            local.set(Some(t_string!(i18n, followup.err_date_invalid).to_string()));
            return;
        };
        let current = item.with_untracked(|x| x.as_ref().map(|x| x.tracking.status));
        let s = FollowUpStatus::from_code(&status.get_untracked())
            .or(current)
            .unwrap_or_default();
        let input = UpdateInput {
            status: s,
            action: action.get_untracked(),
            document: document.get_untracked(),
            note: note.get_untracked(),
            closed_on: closed,
            reason: reason.get_untracked(),
        };
        match state.edit_inspection(insp, move |i, _, c, _| i.record_follow_up(target, input, c)) {
            Ok(()) => {
                for s in [action, document, note, closed_on, reason] {
                    s.set(String::new());
                }
                local.set(Some(t_string!(i18n, followup.upd_saved).to_string()));
                message.set(None);
            }
            Err(e) => local.set(Some(error_text(i18n, &e))),
        }
    };
    let heading = move || {
        item.with(|x| {
            x.as_ref().map(|x| match x.target {
                RecTarget::Finding { .. } => fill(
                    t_string!(i18n, followup.rec_from_finding),
                    &[("n", x.n.to_string())],
                ),
                RecTarget::Conclusion { .. } => fill(
                    t_string!(i18n, followup.rec_from_conclusion),
                    &[("n", x.n.to_string())],
                ),
            })
        })
    };
    let field = |key: &str| format!("{dom}-{key}");
    view! {
        <li class="tracked card" data-testid="tracked-item" id=dom.clone()>
            <h4>{heading}</h4>
            <p class="pre-wrap" data-testid="tracked-text">{move || item.with(|x| x.as_ref().map(|x| x.text.clone()))}</p>
            <p>
                {move || item.with(|x| x.as_ref().map(|x| if lang.get() == Lang::Vi { x.addressee.entry().vi } else { x.addressee.entry().en }))}
                " · " {t!(i18n, followup.col_deadline)} ": "
                {move || item.with(|x| match x.as_ref().and_then(|x| x.deadline) {
                    Some(d) => format_date(d),
                    None => t_string!(i18n, followup.no_deadline).to_string(),
                })}
            </p>
            <p>
                <strong data-testid="tracked-status">{move || item.with(|x| x.as_ref().map(|x| status_text(i18n, x.tracking.status)))}</strong>
                {move || item.with(|x| x.as_ref().and_then(|x| x.tracking.days_overdue(x.deadline, today)).map(|d| view! {
                    " " <strong class="overdue-text" data-testid="tracked-overdue">{fill(t_string!(i18n, followup.overdue_days), &[("days", d.to_string())])}</strong>
                }))}
                {move || item.with(|x| x.as_ref().and_then(|x| x.tracking.closed_on).map(|d| view! {
                    " · " <span data-testid="tracked-closed">{fill(t_string!(i18n, followup.closed_on_line), &[("date", format_date(d))])}</span>
                }))}
                {move || item.with(|x| x.as_ref().map(|x| x.tracking.reason.clone()).filter(|r| !r.is_empty()).map(|r| view! {
                    " · " <span>{fill(t_string!(i18n, followup.reason_line), &[("reason", r)])}</span>
                }))}
            </p>
            <Show when=move || item.with(|x| x.as_ref().is_some_and(|x| !x.tracking.updates.is_empty()))>
                <h5>{t!(i18n, followup.updates_title)}</h5>
                <ol class="updates">
                    {move || item.with(|x| x.as_ref().map(|x| x.tracking.updates.clone()).unwrap_or_default()).into_iter().map(|u| view! {
                        <li data-testid="tracked-update">
                            <span class="muted">{format_date(u.date)}</span>" — "
                            <strong>{status_text(i18n, u.status)}</strong>
                            {(!u.action.is_empty()).then(|| format!(". {}", u.action))}
                            {(!u.document.is_empty()).then(|| format!(" ({})", u.document))}
                            {(!u.note.is_empty()).then(|| format!(" — {}", u.note))}
                        </li>
                    }).collect_view()}
                </ol>
            </Show>
            <fieldset class="update-form no-print">
                <legend>{t!(i18n, followup.upd_legend)}</legend>
                <div class="field-row">
                    <label class="field" for=field("status")>
                        <span>{t!(i18n, followup.upd_status)}</span>
                        <select id=field("status") data-testid="upd-status" on:change=move |ev| status.set(event_target_value(&ev))>
                            {FollowUpStatus::ALL.iter().map(|s| {
                                let s = *s;
                                view! {
                                    <option value=s.code() selected=move || item.with(|x| x.as_ref().is_some_and(|x| x.tracking.status == s))>
                                        {move || status_text(i18n, s)}
                                    </option>
                                }
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field" for=field("closed")>
                        <span>{t!(i18n, followup.upd_closed_on)}</span>
                        <input type="text" id=field("closed") data-testid="upd-closed-on" inputmode="numeric" placeholder="dd/mm/yyyy"
                            prop:value=move || closed_on.get() on:input=move |ev| closed_on.set(event_target_value(&ev))/>
                    </label>
                </div>
                <label class="field" for=field("action")>
                    <span>{t!(i18n, followup.upd_action)}</span>
                    <textarea id=field("action") rows="2" data-testid="upd-action" prop:value=move || action.get()
                        on:input=move |ev| action.set(event_target_value(&ev))></textarea>
                </label>
                <div class="field-row">
                    <label class="field" for=field("document")>
                        <span>{t!(i18n, followup.upd_document)}</span>
                        <input type="text" id=field("document") data-testid="upd-document" prop:value=move || document.get()
                            on:input=move |ev| document.set(event_target_value(&ev))/>
                    </label>
                    <label class="field" for=field("reason")>
                        <span>{t!(i18n, followup.upd_reason)}</span>
                        <input type="text" id=field("reason") data-testid="upd-reason" prop:value=move || reason.get()
                            on:input=move |ev| reason.set(event_target_value(&ev))/>
                    </label>
                </div>
                <label class="field" for=field("note")>
                    <span>{t!(i18n, followup.upd_note)}</span>
                    <input type="text" id=field("note") data-testid="upd-note" prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))/>
                </label>
                <button type="button" class="btn btn--primary" data-testid="upd-save" on:click=save>
                    {t!(i18n, followup.upd_save)}
                </button>
                {move || local.get().map(|m| view! { <p role="status" data-testid="upd-message">{m}</p> })}
            </fieldset>
        </li>
    }
}

/// One discipline proposal: who, what, the decision and its execution.
#[component]
fn DisciplineCard(
    insp: InspectionId,
    fid: FindingId,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let finding = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.inspection(insp)
                .and_then(|i| i.findings().iter().find(|f| f.id == fid).cloned())
        })
    });
    let number = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let by = RwSignal::new(String::new());
    let outcome = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let exec_date = RwSignal::new(String::new());
    let exec_note = RwSignal::new(String::new());
    let local = RwSignal::new(None::<String>);
    let dom = format!("disc-{}", fid.0.simple());
    // Copy (captures only the id), so every form below can use it.
    let field = move |key: &str| format!("disc-{}-{key}", fid.0.simple());
    let pick =
        move |vi: &'static str, en: &'static str| if lang.get() == Lang::Vi { vi } else { en };
    let violation_date = move || {
        finding.with(|f| {
            f.as_ref()
                .and_then(|f| f.discipline.as_ref()?.violation_date)
        })
    };
    let form_label = move |d: DisciplineForm| pick(d.entry().vi, d.entry().en);
    let decide = move |_| {
        let Ok(Some(d)) = typed_date(&date.get_untracked()) else {
            local.set(Some(t_string!(i18n, followup.err_date_invalid).to_string()));
            return;
        };
        let code = outcome.get_untracked();
        let chosen = DisciplineForm::from_code(&code)
            .or_else(|| finding.with_untracked(|f| f.as_ref().and_then(|f| f.proposed_discipline)));
        let out = match (code.as_str(), chosen) {
            ("khong", _) | (_, None) => DisciplineOutcome::NotDisciplined {
                reason: reason.get_untracked(),
            },
            (_, Some(form)) => DisciplineOutcome::Disciplined { form },
        };
        let input = DecisionInput {
            number: number.get_untracked(),
            date: d,
            by: by.get_untracked(),
            outcome: out,
        };
        match state.edit_inspection(insp, move |i, _, c, _| {
            i.record_discipline_decision(fid, input, c)
        }) {
            Ok(()) => {
                local.set(Some(t_string!(i18n, followup.upd_saved).to_string()));
                message.set(None);
            }
            Err(e) => local.set(Some(error_text(i18n, &e))),
        }
    };
    let execute = move |_| {
        let Ok(Some(d)) = typed_date(&exec_date.get_untracked()) else {
            local.set(Some(t_string!(i18n, followup.err_date_invalid).to_string()));
            return;
        };
        let n = exec_note.get_untracked();
        match state.edit_inspection(insp, move |i, _, c, _| {
            i.record_discipline_execution(fid, d, &n, c)
        }) {
            Ok(()) => local.set(Some(t_string!(i18n, followup.upd_saved).to_string())),
            Err(e) => local.set(Some(error_text(i18n, &e))),
        }
    };
    let decided = move || {
        finding.with(|f| {
            f.as_ref()
                .and_then(|f| f.discipline.as_ref()?.decision.clone())
        })
    };
    let executed = move || {
        finding.with(|f| {
            f.as_ref()
                .and_then(|f| f.discipline.as_ref()?.execution.clone())
        })
    };
    let who = move |f: &Finding| {
        let c = f.discipline.clone().unwrap_or_default();
        let name = if c.official.trim().is_empty() {
            t_string!(i18n, followup.disc_no_official).to_string()
        } else {
            c.official.clone()
        };
        if c.position.trim().is_empty() {
            name
        } else {
            format!("{name}, {}", c.position)
        }
    };
    view! {
        <li class="discipline card" data-testid="discipline-item" id=dom.clone()>
            <p><strong data-testid="discipline-official">{move || finding.with(|f| f.as_ref().map(who))}</strong></p>
            <p>{t!(i18n, followup.disc_behaviour)}": "
                {move || finding.with(|f| f.as_ref().and_then(|f| f.violation.as_ref()).map(|v| {
                    violation_behaviour(&v.code).map(|e| pick(e.vi, e.en).to_string()).unwrap_or_else(|| v.code.clone())
                }))}
            </p>
            <p>{t!(i18n, followup.disc_proposed)}": "
                {move || finding.with(|f| f.as_ref().and_then(|f| f.proposed_discipline).map(form_label))}
                {move || violation_date().map(|d| format!(" · {} {}", t_string!(i18n, followup.disc_violation_date), format_date(d)))}
            </p>
            {move || decided().map(|d| {
                let outcome = match &d.outcome {
                    DisciplineOutcome::Disciplined { form } => form_label(*form).to_string(),
                    DisciplineOutcome::NotDisciplined { reason } => format!("{} ({reason})", t_string!(i18n, followup.disc_not_disciplined)),
                };
                view! { <p data-testid="discipline-decision">{fill(t_string!(i18n, followup.disc_decided_line), &[
                    ("number", d.number.clone()), ("date", format_date(d.date)), ("by", d.by.clone()), ("outcome", outcome)])}</p> }
            })}
            {move || executed().map(|e| view! {
                <p data-testid="discipline-executed">{fill(t_string!(i18n, followup.disc_executed_line), &[("date", format_date(e.date)), ("note", e.note.clone())])}</p>
            })}
            <Show when=move || decided().is_none()>
                <fieldset class="decision-form no-print">
                    <legend>{t!(i18n, followup.disc_decision_legend)}</legend>
                    <div class="field-row">
                        <label class="field" for=field("number")>
                            <span>{t!(i18n, followup.disc_number)}</span>
                            <input type="text" id=field("number") data-testid="disc-number" prop:value=move || number.get()
                                on:input=move |ev| number.set(event_target_value(&ev))/>
                        </label>
                        <label class="field" for=field("date")>
                            <span>{t!(i18n, followup.disc_date)}</span>
                            <input type="text" id=field("date") data-testid="disc-date" inputmode="numeric" placeholder="dd/mm/yyyy"
                                prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
                        </label>
                    </div>
                    <label class="field" for=field("by")>
                        <span>{t!(i18n, followup.disc_by)}</span>
                        <input type="text" id=field("by") data-testid="disc-by" prop:value=move || by.get()
                            on:input=move |ev| by.set(event_target_value(&ev))/>
                    </label>
                    <div class="field-row">
                        <label class="field" for=field("outcome")>
                            <span>{t!(i18n, followup.disc_outcome)}</span>
                            <select id=field("outcome") data-testid="disc-outcome" on:change=move |ev| outcome.set(event_target_value(&ev))>
                                {move || discipline_forms_in_force(violation_date()).into_iter().map(|d| view! {
                                    <option value=d.code() selected=finding.with_untracked(|f| f.as_ref().is_some_and(|f| f.proposed_discipline == Some(d)))>
                                        {form_label(d)}
                                    </option>
                                }).collect_view()}
                                <option value="khong">{t!(i18n, followup.disc_not_disciplined)}</option>
                            </select>
                        </label>
                        <label class="field" for=field("reason")>
                            <span>{t!(i18n, followup.disc_reason)}</span>
                            <input type="text" id=field("reason") data-testid="disc-reason" prop:value=move || reason.get()
                                on:input=move |ev| reason.set(event_target_value(&ev))/>
                        </label>
                    </div>
                    <button type="button" class="btn btn--primary" data-testid="disc-save" on:click=decide>
                        {t!(i18n, followup.disc_save)}
                    </button>
                </fieldset>
            </Show>
            <Show when=move || executed().is_none() && decided().is_some_and(|d| matches!(d.outcome, DisciplineOutcome::Disciplined { .. }))>
                <fieldset class="execution-form no-print">
                    <legend>{t!(i18n, followup.disc_exec_legend)}</legend>
                    <div class="field-row">
                        <label class="field" for=field("exec-date")>
                            <span>{t!(i18n, followup.disc_exec_date)}</span>
                            <input type="text" id=field("exec-date") data-testid="disc-exec-date" inputmode="numeric" placeholder="dd/mm/yyyy"
                                prop:value=move || exec_date.get() on:input=move |ev| exec_date.set(event_target_value(&ev))/>
                        </label>
                        <label class="field" for=field("exec-note")>
                            <span>{t!(i18n, followup.disc_exec_note)}</span>
                            <input type="text" id=field("exec-note") data-testid="disc-exec-note" prop:value=move || exec_note.get()
                                on:input=move |ev| exec_note.set(event_target_value(&ev))/>
                        </label>
                    </div>
                    <button type="button" class="btn btn--primary" data-testid="disc-exec-save" on:click=execute>
                        {t!(i18n, followup.disc_exec_save)}
                    </button>
                </fieldset>
            </Show>
            {move || local.get().map(|m| view! { <p role="status" data-testid="disc-message">{m}</p> })}
        </li>
    }
}
