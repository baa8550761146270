//! The inspection page: header (decision, unit, plan, team, dates,
//! extension, timing warnings), lifecycle (start, finalize with the exact
//! list of what is missing), the checklists with filters and keyboard
//! filling, findings, conclusion, and dated addenda once locked.

use super::add_checklist::AddChecklist;
use super::checklist::{ChecklistCtx, ChecklistView, Filter, FilterSelect, KeyHint};
use super::conclusion::ConclusionSection;
use super::findings::FindingsSection;
use super::follow_up::FollowUpSection;
use super::shared::{
    date_or_dash, error_text, fill, finding_dom_id, focus_id, inspection_param, locked_memo,
    row_dom_id, status_code, status_text, warning_text, DateField, I18n,
};
use crate::domain::clock::Clock;
use crate::domain::ids::InspectionId;
use crate::domain::inspection::{Decision, Missing};
use crate::domain::text::DocNumber;
use crate::domain::workdays::DateRange;
use crate::domain::workspace::Workspace;
use crate::i18n::{format_date, format_date_time, Lang};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use leptos::prelude::*;
use leptos_router::components::A;

/// The page of one inspection.
#[component]
pub fn InspectionPage() -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let id = inspection_param();
    let exists = Memo::new(move |_| {
        id.get()
            .is_some_and(|id| state.ws.with(|ws| ws.inspection(id).is_some()))
    });
    view! {
        <section class="page inspection-page" data-testid="page-inspection">
            {move || match (id.get(), exists.get()) {
                (Some(id), true) => view! { <InspectionBody insp=id/> }.into_any(),
                _ => view! {
                    <h1>{t!(i18n, inspection.not_found_title)}</h1>
                    <p>{t!(i18n, inspection.not_found_body)}</p>
                    <A href="/kiem-tra">{t!(i18n, inspection.back_to_list)}</A>
                }.into_any(),
            }}
        </section>
    }
}

/// Names shown in the header.
#[derive(Clone, PartialEq)]
struct Names {
    unit: String,
    unit_address: String,
    plan: String,
    plan_id: String,
    teams: Vec<(String, String, String)>,
}

fn names(ws: &Workspace, insp: InspectionId) -> Option<Names> {
    let i = ws.inspection(insp)?;
    let plan = ws.plan(i.plan_id());
    let unit = plan.and_then(|p| p.unit(i.unit_id()));
    Some(Names {
        unit: unit.map(|u| u.name.clone()).unwrap_or_default(),
        unit_address: unit.map(|u| u.address.clone()).unwrap_or_default(),
        plan: plan.map(|p| p.title.clone()).unwrap_or_default(),
        plan_id: i.plan_id().0.to_string(),
        teams: plan
            .map(|p| {
                p.teams
                    .iter()
                    .map(|t| {
                        (
                            t.id.0.to_string(),
                            t.name.clone(),
                            t.head.as_ref().map(|h| h.name.clone()).unwrap_or_default(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
    })
}

#[component]
fn InspectionBody(insp: InspectionId) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let message = RwSignal::new(None::<String>);
    provide_context(ChecklistCtx {
        filter: RwSignal::new(Filter::All),
        message,
    });
    let names = Memo::new(move |_| {
        state.ws.with(|ws| names(ws, insp)).unwrap_or(Names {
            unit: String::new(),
            unit_address: String::new(),
            plan: String::new(),
            plan_id: String::new(),
            teams: Vec::new(),
        })
    });
    let status = Memo::new(move |_| {
        state
            .ws
            .with(|ws| ws.inspection(insp).map(|i| i.status()).unwrap_or_default())
    });
    let runs = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.inspection(insp)
                .map(|i| i.checklists().iter().map(|r| r.id).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let locked = locked_memo(state, insp);
    view! {
        <header class="inspection-header">
            <p class="muted"><A href="/kiem-tra">{t!(i18n, inspection.back_to_list)}</A></p>
            <h1 data-testid="inspection-title">
                {t!(i18n, inspection.page_title)}": "{move || names.with(|n| n.unit.clone())}
            </h1>
            <p class="muted">
                {t!(i18n, inspection.plan)}": "
                <A href=move || format!("/ke-hoach/{}", names.with(|n| n.plan_id.clone()))>
                    {move || names.with(|n| if n.plan.is_empty() { t_string!(i18n, inspection.untitled_plan).to_string() } else { n.plan.clone() })}
                </A>
                {move || names.with(|n| (!n.unit_address.is_empty()).then(|| format!(" · {}", n.unit_address)))}
            </p>
            <p>
                <span class=move || format!("status-badge status-badge--{}", status_code(status.get())) data-testid="inspection-status">
                    {move || status_text(i18n, status.get())}
                </span>" "
                <A href=move || format!("/kiem-tra/{}/in", insp.0) attr:class="btn no-print" attr:data-testid="print-link">
                    {t!(i18n, inspection.print_link)}
                </A>" "
                <A href=move || format!("/kiem-tra/{}/quyet-dinh", insp.0) attr:class="btn no-print" attr:data-testid="decision-link">
                    {t!(i18n, inspection.decision_link)}
                </A>" "
                <A href=move || format!("/kiem-tra/{}/thong-bao", insp.0) attr:class="btn no-print" attr:data-testid="notice-link">
                    {t!(i18n, inspection.notice_link)}
                </A>
            </p>
        </header>
        {move || message.get().map(|m| view! {
            <p class="banner banner--bad" role="alert" data-testid="page-message">{m}</p>
        })}
        <Show when=move || locked.get()>
            <p class="banner banner--info" role="status" data-testid="locked-banner">{t!(i18n, inspection.locked_notice)}</p>
        </Show>
        <HeaderFields insp=insp names=names message=message/>
        <Warnings insp=insp/>
        <Lifecycle insp=insp message=message/>
        <section class="card" aria-labelledby="checklists-title">
            <h2 id="checklists-title">{t!(i18n, inspection.checklists_title)}</h2>
            <Show when=move || runs.with(Vec::is_empty)>
                <p class="empty-state" data-testid="no-checklist">{t!(i18n, inspection.no_checklist)}</p>
            </Show>
            <AddChecklist insp=insp/>
            <Show when=move || !runs.with(Vec::is_empty)>
                <div class="checklist-tools">
                    <FilterSelect/>
                    <KeyHint/>
                </div>
            </Show>
        </section>
        <For each=move || runs.get() key=|r| *r let:run>
            <ChecklistView insp=insp run=run/>
        </For>
        <FindingsSection insp=insp message=message/>
        <ConclusionSection insp=insp message=message/>
        <FollowUpSection insp=insp message=message/>
        <Addenda insp=insp message=message/>
    }
}

/// Decision, team, dates and extension.
#[component]
fn HeaderFields(
    insp: InspectionId,
    names: Memo<Names>,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let locked = locked_memo(state, insp);
    let decision = Memo::new(move |_| {
        state
            .ws
            .with(|ws| ws.inspection(insp).map(|i| i.decision().clone()))
            .unwrap_or_default()
    });
    let dates = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.inspection(insp).map(|i| {
                (
                    i.planned(),
                    i.actual_start(),
                    i.actual_end(),
                    i.extension_working_days(),
                    i.team_id(),
                )
            })
        })
    });
    let report = move |r: Result<(), crate::domain::error::DomainError>| match r {
        Ok(()) => None,
        Err(e) => Some(error_text(i18n, &e)),
    };
    let set_decision = move |f: Box<dyn FnOnce(&mut Decision) + Send>| {
        report(state.edit_inspection(insp, move |i, _, c, _| {
            let mut d = i.decision().clone();
            f(&mut d);
            i.set_decision(d, c)
        }))
    };
    let number_error = RwSignal::new(None::<String>);
    let planned_from = move || dates.with(|d| d.and_then(|d| d.0).map(|r| r.from));
    let planned_to = move || dates.with(|d| d.and_then(|d| d.0).map(|r| r.to));
    let set_planned = move |from: Option<chrono::NaiveDate>, to: Option<chrono::NaiveDate>| {
        let range = match (from, to) {
            (Some(f), Some(t)) => match DateRange::new(f, t) {
                Some(r) => Some(r),
                None => return Some(t_string!(i18n, inspection.err_range).to_string()),
            },
            (Some(f), None) => DateRange::new(f, f),
            (None, Some(t)) => DateRange::new(t, t),
            (None, None) => None,
        };
        report(state.edit_inspection(insp, move |i, _, c, _| i.set_planned(range, c)))
    };
    let _ = message;
    view! {
        <section class="card header-fields" data-testid="header-fields" aria-labelledby="general-title">
            <h2 id="general-title">{t!(i18n, inspection.general_title)}</h2>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, inspection.decision_number)}</span>
                    <input type="text" data-testid="decision-number" placeholder="12/QĐ-STP"
                        disabled=move || locked.get()
                        prop:value=move || decision.with(|d| d.number.as_ref().map(ToString::to_string).unwrap_or_default())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let parsed = if v.trim().is_empty() { Ok(None) } else { DocNumber::parse(&v).map(Some) };
                            match parsed {
                                Ok(n) => number_error.set(set_decision(Box::new(move |d| d.number = n))),
                                Err(_) => number_error.set(Some(t_string!(i18n, inspection.decision_number_invalid).to_string())),
                            }
                        }/>
                    {move || number_error.get().map(|e| view! { <span class="error-text" role="alert">{e}</span> })}
                </label>
                <DateField id="decision-date"
                    label=Signal::derive(move || t_string!(i18n, inspection.decision_date).to_string())
                    value=Signal::derive(move || decision.with(|d| d.date))
                    on_set=Callback::new(move |v| set_decision(Box::new(move |d| d.date = v)))
                    disabled=locked/>
                <DateField id="decision-sent-date"
                    label=Signal::derive(move || t_string!(i18n, inspection.decision_sent_date).to_string())
                    value=Signal::derive(move || decision.with(|d| d.sent_date))
                    on_set=Callback::new(move |v| set_decision(Box::new(move |d| d.sent_date = v)))
                    disabled=locked/>
                <label class="field">
                    <span>{t!(i18n, inspection.team)}</span>
                    <select data-testid="team-select" disabled=move || locked.get()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let team = uuid::Uuid::parse_str(&v).ok().map(crate::domain::ids::TeamId);
                            if let Some(e) = report(state.edit_inspection(insp, move |i, _, c, _| i.set_team(team, c))) {
                                message.set(Some(e));
                            }
                        }>
                        <option value="" selected=move || dates.with(|d| d.is_some_and(|d| d.4.is_none()))>{t!(i18n, inspection.no_team)}</option>
                        {move || names.with(|n| n.teams.clone()).into_iter().map(|(id, name, head)| {
                            let sel = id.clone();
                            let text = if head.is_empty() { name } else { format!("{name} — {} {head}", t_string!(i18n, inspection.team_head)) };
                            view! { <option value=id selected=move || dates.with(|d| d.and_then(|d| d.4).is_some_and(|t| t.0.to_string() == sel))>{text}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <div class="field-row">
                <DateField id="planned-from"
                    label=Signal::derive(move || t_string!(i18n, inspection.planned_from).to_string())
                    value=Signal::derive(planned_from)
                    on_set=Callback::new(move |v| set_planned(v, planned_to()))
                    disabled=locked/>
                <DateField id="planned-to"
                    label=Signal::derive(move || t_string!(i18n, inspection.planned_to).to_string())
                    value=Signal::derive(planned_to)
                    on_set=Callback::new(move |v| set_planned(planned_from(), v))
                    disabled=locked/>
                <div class="field">
                    <span>{t!(i18n, inspection.actual_start)}</span>
                    <output data-testid="actual-start">{move || date_or_dash(dates.with(|d| d.and_then(|d| d.1)))}</output>
                </div>
                <DateField id="actual-end"
                    label=Signal::derive(move || t_string!(i18n, inspection.actual_end).to_string())
                    value=Signal::derive(move || dates.with(|d| d.and_then(|d| d.2)))
                    on_set=Callback::new(move |v| report(state.edit_inspection(insp, move |i, _, c, _| i.set_actual_end(v, c))))
                    disabled=locked/>
                <label class="field">
                    <span>{t!(i18n, inspection.extension)}</span>
                    <input type="number" min="0" step="1" data-testid="extension" disabled=move || locked.get()
                        prop:value=move || dates.with(|d| d.map(|d| d.3).unwrap_or(0).to_string())
                        on:change=move |ev| {
                            if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                                if let Some(e) = report(state.edit_inspection(insp, move |i, _, c, _| i.set_extension(n, c))) {
                                    message.set(Some(e));
                                }
                            }
                        }/>
                </label>
            </div>
        </section>
    }
}

/// Timing warnings (never blocking).
#[component]
fn Warnings(insp: InspectionId) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let warnings = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.inspection(insp)
                .map(|i| i.warnings(&ws.settings().holidays))
                .unwrap_or_default()
        })
    });
    view! {
        <Show when=move || !warnings.with(Vec::is_empty)>
            <section class="warnings" data-testid="warnings" aria-label=move || t_string!(i18n, inspection.warnings_title)>
                <ul>
                    {move || warnings.get().iter().map(|w| view! { <li class="warning">{warning_text(i18n, w)}</li> }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

/// One missing thing in words, with the element to go to.
fn missing_line(
    ws: &Workspace,
    insp: InspectionId,
    m: &Missing,
    i18n: I18n,
    vi: bool,
) -> (String, Option<String>) {
    match m {
        Missing::NoChecklist => (
            t_string!(i18n, inspection.missing_checklist).to_string(),
            None,
        ),
        Missing::FieldworkEndMissing => (
            t_string!(i18n, inspection.missing_end).to_string(),
            Some("actual-end".to_string()),
        ),
        Missing::ConclusionMissing => (
            t_string!(i18n, inspection.missing_conclusion).to_string(),
            Some("conclusion-text".to_string()),
        ),
        Missing::FindingDescriptionMissing { finding } => (
            t_string!(i18n, inspection.missing_finding).to_string(),
            Some(format!("{}-kind", finding_dom_id(*finding))),
        ),
        Missing::RequiredItemUnanswered { run, key, .. } => {
            let r = ws.inspection(insp).and_then(|i| i.checklist(*run));
            let t = r.and_then(|r| ws.templates().get(&r.template.id, r.template.version));
            let label = t
                .and_then(|t| t.find_item(&key.item))
                .map(|(_, it)| it.label.get(vi).to_string())
                .unwrap_or_default();
            let instance = r
                .and_then(|r| r.instances.get(&key.group))
                .and_then(|l| l.get(key.instance as usize))
                .map(|l| format!(" ({l})"))
                .unwrap_or_default();
            (
                fill(
                    t_string!(i18n, inspection.missing_item),
                    &[
                        ("code", (key.item.clone()).to_string()),
                        ("label", (label).to_string()),
                        ("instance", (instance).to_string()),
                    ],
                ),
                Some(row_dom_id(*run, key)),
            )
        }
    }
}

/// Start and finalize; the finalize attempt lists exactly what is missing.
#[component]
fn Lifecycle(insp: InspectionId, message: RwSignal<Option<String>>) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let cctx = expect_context::<ChecklistCtx>();
    let status = Memo::new(move |_| {
        state
            .ws
            .with(|ws| ws.inspection(insp).map(|i| i.status()).unwrap_or_default())
    });
    let tried = RwSignal::new(false);
    let missing = Memo::new(move |_| {
        if !tried.get() {
            return Vec::new();
        }
        let vi = lang.get() == Lang::Vi;
        state.track_inspection_answers(insp);
        state.ws.with(|ws| {
            let Some(i) = ws.inspection(insp) else {
                return Vec::new();
            };
            match i.missing(ws.templates()) {
                Ok(list) => list
                    .iter()
                    .map(|m| missing_line(ws, insp, m, i18n, vi))
                    .collect(),
                Err(e) => vec![(error_text(i18n, &e), None)],
            }
        })
    });
    let start = move |_| {
        let r = state.edit_inspection(insp, |i, _, c, _| i.start(c.today(), c));
        if let Err(e) = r {
            message.set(Some(error_text(i18n, &e)));
        }
    };
    let finalize = move |_| {
        tried.set(true);
        let r = state.edit_inspection(insp, |i, lib, c, _| i.finalize(lib, c));
        match r {
            Ok(()) => {
                tried.set(false);
                message.set(None);
                state.flush_now();
            }
            Err(crate::domain::error::DomainError::Incomplete { .. }) => {
                request_animation_frame(|| {
                    focus_id("missing-list");
                });
            }
            Err(e) => message.set(Some(error_text(i18n, &e))),
        }
    };
    let go = move |target: String| {
        cctx.filter.set(Filter::All);
        request_animation_frame(move || {
            focus_id(&target);
        });
    };
    view! {
        <section class="card lifecycle no-print" data-testid="lifecycle">
            <h2>{t!(i18n, inspection.lifecycle_title)}</h2>
            {move || match status.get() {
                crate::domain::inspection::InspectionStatus::Draft => view! {
                    <p>{t!(i18n, inspection.start_help)}</p>
                    <button type="button" class="btn btn--primary" data-testid="start" on:click=start>
                        {t!(i18n, inspection.start)}
                    </button>
                }.into_any(),
                crate::domain::inspection::InspectionStatus::InProgress => view! {
                    <p>{t!(i18n, inspection.finalize_help)}</p>
                    <button type="button" class="btn btn--primary" data-testid="finalize" on:click=finalize>
                        {t!(i18n, inspection.finalize)}
                    </button>
                }.into_any(),
                _ => view! { <p data-testid="finalized-note">{t!(i18n, inspection.finalized_help)}</p> }.into_any(),
            }}
            <Show when=move || tried.get() && !missing.with(Vec::is_empty)>
                <div class="missing" id="missing-list" tabindex="-1" role="alert" data-testid="missing-list">
                    <p><strong>{move || fill(t_string!(i18n, inspection.missing_title), &[("n", (missing.with(Vec::len)).to_string())])}</strong></p>
                    <ul>
                        {move || missing.get().into_iter().map(|(text, target)| match target {
                            Some(tg) => view! {
                                <li><a href=format!("#{tg}") on:click=move |ev| { ev.prevent_default(); go(tg.clone()); }>{text}</a></li>
                            }.into_any(),
                            None => view! { <li>{text}</li> }.into_any(),
                        }).collect_view()}
                    </ul>
                </div>
            </Show>
            <Show when=move || tried.get() && missing.with(Vec::is_empty) && status.get() == crate::domain::inspection::InspectionStatus::InProgress>
                <p class="muted" data-testid="missing-none">{t!(i18n, inspection.missing_none)}</p>
            </Show>
        </section>
    }
}

/// The attached files of one addendum: files found after finalizing are
/// added here (`Inspection::attach_to_addendum`); what is attached stays as
/// it is (no removal, no caption change), like the finalized answers'.
#[component]
fn AddendumAttachments(
    insp: InspectionId,
    addendum: crate::domain::ids::AddendumId,
) -> impl IntoView {
    use super::attachments::{AttachmentsField, EditList};
    use crate::domain::evidence::EvidenceError;
    let state = AppState::expect();
    let i18n = use_i18n();
    let list = Signal::derive(move || {
        state.ws.with(|ws| {
            ws.inspection(insp)
                .and_then(|i| i.addenda().iter().find(|a| a.id == addendum))
                .map(|a| a.attachments.clone())
                .unwrap_or_default()
        })
    });
    // Only additions reach the rule: the field offers nothing else on a
    // locked list, and anything else the change made is dropped.
    let edit: EditList = std::rc::Rc::new(move |f| {
        let before = list.get_untracked();
        let mut after = before.clone();
        f(&mut after);
        let added: Vec<_> = after
            .into_iter()
            .filter(|a| !before.iter().any(|b| b.hash == a.hash))
            .collect();
        let r = state.edit_inspection(insp, move |i, _, c, _| {
            let mut refused = None;
            for a in added {
                if let Err(e) = i.attach_to_addendum(addendum, a, c) {
                    refused = Some(e);
                    break;
                }
            }
            Ok(refused)
        });
        state.commit_soon();
        match r {
            Ok(None) => Ok(()),
            Ok(Some(EvidenceError::TooMany)) => {
                Err(t_string!(i18n, inspection.attach_err_too_many).to_string())
            }
            Ok(Some(_)) => Err(t_string!(i18n, inspection.addendum_attach_refused).to_string()),
            Err(e) => Err(error_text(i18n, &e)),
        }
    });
    view! {
        <AttachmentsField dom_id=format!("addendum-{}", addendum.0) list=list
            locked=Signal::derive(|| true) can_add=Signal::derive(|| true) edit=edit/>
    }
}

/// Dated addenda of a locked inspection.
#[component]
fn Addenda(insp: InspectionId, message: RwSignal<Option<String>>) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let locked = locked_memo(state, insp);
    let addenda = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.inspection(insp)
                .map(|i| i.addenda().to_vec())
                .unwrap_or_default()
        })
    });
    let text = RwSignal::new(String::new());
    let add = move |_| {
        let t = text.get_untracked();
        let r = state.edit_inspection(insp, move |i, _, c, ids| i.add_addendum(&t, ids, c));
        match r {
            Ok(_) => {
                text.set(String::new());
                message.set(None);
            }
            Err(e) => message.set(Some(error_text(i18n, &e))),
        }
    };
    view! {
        <Show when=move || locked.get() || !addenda.with(Vec::is_empty)>
            <section class="card addenda" data-testid="addenda">
                <h2>{t!(i18n, inspection.addenda_title)}</h2>
                <ol>
                    {move || addenda.get().into_iter().map(|a| view! {
                        <li data-testid="addendum">
                            <span class="muted">{format_date(a.date)}" ("{format_date_time(a.at)}")"</span>
                            <p class="pre-wrap">{a.text}</p>
                            <AddendumAttachments insp=insp addendum=a.id/>
                        </li>
                    }).collect_view()}
                </ol>
                <Show when=move || locked.get()>
                    <label class="field">
                        <span>{t!(i18n, inspection.addendum_text)}</span>
                        <textarea data-testid="addendum-text" rows="3" prop:value=move || text.get()
                            on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    </label>
                    <button type="button" class="btn btn--primary" data-testid="addendum-add" on:click=add>
                        {t!(i18n, inspection.addendum_add)}
                    </button>
                </Show>
            </section>
        </Show>
    }
}
