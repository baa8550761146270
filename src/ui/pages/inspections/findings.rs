//! The findings (phát hiện) of an inspection, each editable: kind,
//! description, evidence, responsible, violation behaviour (with the version
//! of the list it comes from), proposed discipline form, recommendation, its
//! addressee and deadline; the official proposed for discipline and the date
//! of the violation (which decides the behaviours and forms offered); and,
//! on a finding about the law itself, the proposal to amend the text.
//! Removing a finding asks for confirmation first.

use super::attachments::{AttachmentsField, EditList};
use super::shared::{
    error_text, fill, finding_dom_id, focus_id, locked_memo, row_dom_id, DateField,
};
use crate::domain::catalog::{
    Addressee, DisciplineForm, FindingKind, VIOLATION_BEHAVIOURS_NOTE, VIOLATION_BEHAVIOURS_NOTE_EN,
};
use crate::domain::finding::{Finding, FindingRecommendation, ViolationRef};
use crate::domain::followup::{AmendmentProposal, DisciplineCase};
use crate::domain::ids::{FindingId, InspectionId};
use crate::domain::legal_texts::{
    discipline_forms_on, is_known_violation, violation_behaviours_on, violation_date_of,
    VIOLATION_BEHAVIOURS_2020_NOTE_EN, VIOLATION_BEHAVIOURS_2020_NOTE_VI,
};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use leptos::prelude::*;

/// The findings list with its editors.
#[component]
pub fn FindingsSection(insp: InspectionId, message: RwSignal<Option<String>>) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let locked = locked_memo(state, insp);
    let ids = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.inspection(insp)
                .map(|i| i.findings().iter().map(|f| f.id).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let add = move |_| {
        let r = state.edit_inspection(insp, |i, _, c, idgen| {
            let f = Finding::new(
                idgen,
                FindingKind::HanChe,
                "",
                crate::domain::clock::Clock::now(c),
            );
            i.add_finding(f, c)
        });
        match r {
            Ok(fid) => {
                request_animation_frame(move || {
                    focus_id(&format!("{}-kind", finding_dom_id(fid)));
                });
            }
            Err(e) => message.set(Some(error_text(i18n, &e))),
        }
    };
    view! {
        <section class="card findings" data-testid="findings" id="findings">
            <h2>{t!(i18n, inspection.findings_title)}</h2>
            <Show when=move || ids.with(Vec::is_empty)>
                <p class="empty-state">{t!(i18n, inspection.findings_empty)}</p>
            </Show>
            <ol class="finding-list">
                <For each=move || ids.get() key=|id| *id let:fid>
                    <FindingCard insp=insp fid=fid message=message/>
                </For>
            </ol>
            <button type="button" class="btn no-print" data-testid="finding-add"
                disabled=move || locked.get() on:click=add>
                {t!(i18n, inspection.finding_add)}
            </button>
        </section>
    }
}

/// One finding's editor.
#[component]
fn FindingCard(
    insp: InspectionId,
    fid: FindingId,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let locked = locked_memo(state, insp);
    let finding = Memo::new(move |_| {
        state.ws.with(|ws| {
            ws.inspection(insp)
                .and_then(|i| i.findings().iter().find(|f| f.id == fid).cloned())
        })
    });
    let source = Memo::new(move |_| finding.with(|f| f.as_ref().and_then(|f| f.source.clone())));
    // Returns the refusal in words (for the date fields), and also shows it.
    let apply = move |f: Box<dyn FnOnce(&mut Finding)>| -> Option<String> {
        let mut copy = finding.get_untracked()?;
        f(&mut copy);
        let r = state.edit_inspection(insp, move |i, _, c, _| i.update_finding(copy, c));
        let err = r.err().map(|e| error_text(i18n, &e));
        if let Some(e) = &err {
            message.set(Some(e.clone()));
        }
        err
    };
    let update = move |f: Box<dyn FnOnce(&mut Finding)>| {
        let _ = apply(f);
    };
    let attachments = Signal::derive(move || {
        finding.with(|f| {
            f.as_ref()
                .map(|f| f.attachments.clone())
                .unwrap_or_default()
        })
    });
    let edit_attachments: EditList = std::rc::Rc::new(move |f| {
        let err = apply(Box::new(move |x: &mut Finding| f(&mut x.attachments)));
        state.commit_soon();
        err.map_or(Ok(()), Err)
    });
    let violation_date = Memo::new(move |_| {
        finding.with(|f| {
            f.as_ref()
                .and_then(|f| f.discipline.as_ref()?.violation_date)
        })
    });
    // The texts in force on the date of the violation: the one the finding
    // gives, else the end of the inspection's review period (the latest date
    // a violation in it can have). NĐ 93/2025's list and bãi nhiệm apply
    // only from 15/6/2025.
    let texts_date = Memo::new(move |_| {
        violation_date.get().unwrap_or_else(|| {
            state
                .ws
                .with(|ws| {
                    let i = ws.inspection(insp)?;
                    violation_date_of(ws.plan(i.plan_id())?, i)
                })
                .unwrap_or_else(crate::ui::pages::reports::common::today)
        })
    });
    let confirming = RwSignal::new(false);
    let remove = move |_| {
        confirming.set(false);
        let r = state.edit_inspection(insp, move |i, _, c, _| i.remove_finding(fid, c));
        if let Err(e) = r {
            message.set(Some(error_text(i18n, &e)));
        }
    };
    let dom = finding_dom_id(fid);
    let rec_deadline_id = format!("{dom}-rec-deadline");
    let violation_date_id = format!("{dom}-violation-date");
    let vi = move || lang.get() == Lang::Vi;
    let pick = move |vi_s: &'static str, en_s: &'static str| if vi() { vi_s } else { en_s };
    let kind_opts = move || {
        FindingKind::ALL
            .iter()
            .map(|k| {
                let k = *k;
                view! {
                    <option value=k.code() selected=move || finding.with(|f| f.as_ref().is_some_and(|f| f.kind == k))>
                        {pick(k.entry().vi, k.entry().en)}
                    </option>
                }
            })
            .collect_view()
    };
    let violation_opts = move || {
        violation_behaviours_on(texts_date.get())
            .entries
            .iter()
            .enumerate()
            .map(|(n, v)| {
                let code = v.code;
                view! {
                    <option value=code selected=move || finding.with(|f| {
                        f.as_ref().and_then(|f| f.violation.as_ref()).is_some_and(|x| x.code == code)
                    })>
                        {format!("{}. {}", n + 1, pick(v.vi, v.en))}
                    </option>
                }
            })
            .collect_view()
    };
    let discipline_opts = move || {
        discipline_forms_on(texts_date.get())
            .iter()
            .copied()
            .map(|d| {
                view! {
                    <option value=d.code() selected=move || finding.with(|f| f.as_ref().is_some_and(|f| f.proposed_discipline == Some(d)))>
                        {pick(d.entry().vi, d.entry().en)}
                    </option>
                }
            })
            .collect_view()
    };
    let addressee_opts = move || {
        Addressee::ALL
            .iter()
            .map(|a| {
                let a = *a;
                view! {
                    <option value=a.code() selected=move || finding.with(|f| {
                        f.as_ref().and_then(|f| f.recommendation.as_ref()).is_some_and(|r| r.addressee == a)
                    })>
                        {pick(a.entry().vi, a.entry().en)}
                    </option>
                }
            })
            .collect_view()
    };
    let old_version = move || {
        finding.with(|f| {
            f.as_ref()
                .and_then(|f| f.violation.as_ref())
                .filter(|v| {
                    v.version != violation_behaviours_on(texts_date.get()).version
                        || !is_known_violation(&v.version, &v.code)
                })
                .map(|v| format!("{} ({})", v.code, v.version))
        })
    };
    let text_of = move |g: fn(&Finding) -> String| {
        move || finding.with(|f| f.as_ref().map(g).unwrap_or_default())
    };
    let update_cb = Callback::new(move |f: FindingEdit| {
        update(Box::new(move |x| f(x)));
    });
    view! {
        <li class="finding card" id=dom.clone() data-testid="finding">
            <div class="finding-head">
                <strong>{move || fill(t_string!(i18n, inspection.finding_n), &[("n", (ids_pos(state, insp, fid)).to_string())])}</strong>
                {move || source.get().map(|s| {
                    let row = row_dom_id(s.run, &s.key);
                    let label = fill(t_string!(i18n, inspection.finding_from), &[("code", (s.key.item.clone()).to_string())]);
                    view! {
                        <a href=format!("#{row}") class="finding-source" data-testid="finding-source"
                            on:click=move |ev| { ev.prevent_default(); focus_id(&row); }>{label}</a>
                    }
                })}
            </div>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, inspection.finding_kind)}</span>
                    <select id=format!("{dom}-kind") data-testid="finding-kind" disabled=move || locked.get()
                        on:change=move |ev| {
                            if let Some(k) = FindingKind::from_code(&event_target_value(&ev)) {
                                update(Box::new(move |f| f.kind = k));
                            }
                        }>
                        {kind_opts}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, inspection.finding_responsible)}</span>
                    <input type="text" data-testid="finding-responsible" disabled=move || locked.get()
                        prop:value=text_of(|f| f.responsible.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); update(Box::new(move |f| f.responsible = v)); }/>
                </label>
            </div>
            <label class="field">
                <span>{t!(i18n, inspection.finding_description)}</span>
                <textarea data-testid="finding-description" rows="3" disabled=move || locked.get()
                    prop:value=text_of(|f| f.description.clone())
                    on:input=move |ev| { let v = event_target_value(&ev); update(Box::new(move |f| f.description = v)); }></textarea>
            </label>
            <label class="field">
                <span>{t!(i18n, inspection.finding_evidence)}</span>
                <textarea data-testid="finding-evidence" rows="2" disabled=move || locked.get()
                    prop:value=move || finding.with_untracked(|f| f.as_ref().map(|f| f.evidence.join("\n")).unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        let list: Vec<String> = v.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect();
                        update(Box::new(move |f| f.evidence = list));
                    }></textarea>
            </label>
            <AttachmentsField dom_id=format!("{dom}-att") list=attachments
                locked=Signal::derive(move || locked.get()) edit=edit_attachments/>
            <label class="field">
                <span>{t!(i18n, inspection.finding_violation)}</span>
                <select data-testid="finding-violation" disabled=move || locked.get()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let vr = if v.is_empty() { Ok(None) } else { ViolationRef::in_force_on(&v, texts_date.get_untracked()).map(Some) };
                        match vr {
                            Ok(vr) => update(Box::new(move |f| f.violation = vr)),
                            Err(e) => message.set(Some(error_text(i18n, &e))),
                        }
                    }>
                    <option value="" selected=move || finding.with(|f| f.as_ref().is_some_and(|f| f.violation.is_none()))>
                        {t!(i18n, inspection.none_option)}
                    </option>
                    {violation_opts}
                </select>
                <small class="muted" data-testid="violation-list-note">{move || {
                    let list = violation_behaviours_on(texts_date.get());
                    let note = if list.complete {
                        if vi() { VIOLATION_BEHAVIOURS_NOTE } else { VIOLATION_BEHAVIOURS_NOTE_EN }
                    } else {
                        pick(VIOLATION_BEHAVIOURS_2020_NOTE_VI, VIOLATION_BEHAVIOURS_2020_NOTE_EN)
                    };
                    format!(
                        "{} {} ({}). {note}",
                        t_string!(i18n, inspection.violation_version),
                        list.version,
                        fill(t_string!(i18n, inspection.violation_texts_date), &[("date", crate::i18n::format_date(texts_date.get()))]),
                    )
                }}</small>
                {move || old_version().map(|s| view! { <small class="warning">{t!(i18n, inspection.violation_old)}" "{s}</small> })}
            </label>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, inspection.finding_discipline)}</span>
                    <select data-testid="finding-discipline" disabled=move || locked.get()
                        on:change=move |ev| {
                            let d = DisciplineForm::from_code(&event_target_value(&ev));
                            update(Box::new(move |f| f.proposed_discipline = d));
                        }>
                        <option value="" selected=move || finding.with(|f| f.as_ref().is_some_and(|f| f.proposed_discipline.is_none()))>
                            {t!(i18n, inspection.none_option)}
                        </option>
                        {discipline_opts}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, inspection.finding_addressee)}</span>
                    <select data-testid="finding-addressee" disabled=move || locked.get()
                        on:change=move |ev| {
                            let a = Addressee::from_code(&event_target_value(&ev));
                            update(Box::new(move |f| match (a, f.recommendation.as_mut()) {
                                (Some(a), Some(r)) => r.addressee = a,
                                (Some(a), None) => f.recommendation = Some(FindingRecommendation::new(String::new(), a)),
                                (None, _) => f.recommendation = None,
                            }));
                        }>
                        <option value="" selected=move || finding.with(|f| f.as_ref().is_some_and(|f| f.recommendation.is_none()))>
                            {t!(i18n, inspection.none_option)}
                        </option>
                        {addressee_opts}
                    </select>
                </label>
            </div>
            <label class="field">
                <span>{t!(i18n, inspection.finding_recommendation)}</span>
                <textarea data-testid="finding-recommendation" rows="2" disabled=move || locked.get()
                    prop:value=text_of(|f| f.recommendation.as_ref().map(|r| r.text.clone()).unwrap_or_default())
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        update(Box::new(move |f| match f.recommendation.as_mut() {
                            Some(r) => r.text = v,
                            None => f.recommendation = Some(FindingRecommendation::new(v, Addressee::DonViDuocKiemTra)),
                        }));
                    }></textarea>
            </label>
            <Show when=move || finding.with(|f| f.as_ref().is_some_and(|f| f.recommendation.is_some()))>
                <DateField id=rec_deadline_id.clone()
                    label=Signal::derive(move || t_string!(i18n, followup.rec_deadline).to_string())
                    value=Signal::derive(move || finding.with(|f| f.as_ref().and_then(|f| f.recommendation.as_ref()?.deadline)))
                    on_set=Callback::new(move |d| apply(Box::new(move |f| if let Some(r) = f.recommendation.as_mut() { r.deadline = d; })))
                    disabled=locked/>
            </Show>
            <Show when=move || finding.with(|f| f.as_ref().is_some_and(|f| f.violation.is_some() || f.proposed_discipline.is_some()))>
                <fieldset class="discipline-fields">
                    <legend>{t!(i18n, followup.discipline_title)}</legend>
                    <div class="field-row">
                        <label class="field">
                            <span>{t!(i18n, followup.disc_official)}</span>
                            <input type="text" data-testid="finding-official" disabled=move || locked.get()
                                prop:value=text_of(|f| f.discipline.as_ref().map(|d| d.official.clone()).unwrap_or_default())
                                on:input=move |ev| { let v = event_target_value(&ev); update(Box::new(move |f| f.discipline.get_or_insert_with(DisciplineCase::default).official = v)); }/>
                        </label>
                        <label class="field">
                            <span>{t!(i18n, followup.disc_position)}</span>
                            <input type="text" data-testid="finding-position" disabled=move || locked.get()
                                prop:value=text_of(|f| f.discipline.as_ref().map(|d| d.position.clone()).unwrap_or_default())
                                on:input=move |ev| { let v = event_target_value(&ev); update(Box::new(move |f| f.discipline.get_or_insert_with(DisciplineCase::default).position = v)); }/>
                        </label>
                    </div>
                    <DateField id=violation_date_id.clone()
                        label=Signal::derive(move || t_string!(i18n, followup.disc_violation_date).to_string())
                        value=Signal::derive(move || violation_date.get())
                        on_set=Callback::new(move |d| apply(Box::new(move |f| f.discipline.get_or_insert_with(DisciplineCase::default).violation_date = d)))
                        disabled=locked/>
                </fieldset>
            </Show>
            <Show when=move || finding.with(|f| f.as_ref().is_some_and(|f| f.kind.is_law_problem()))>
                <AmendmentFields finding=finding locked=locked update=update_cb/>
            </Show>
            <div class="no-print">
                <Show when=move || !confirming.get()>
                    <button type="button" class="btn btn--danger" data-testid="finding-remove"
                        disabled=move || locked.get() on:click=move |_| confirming.set(true)>
                        {t!(i18n, inspection.finding_remove)}
                    </button>
                </Show>
                <Show when=move || confirming.get()>
                    <span class="confirm" role="group">
                        <span>{t!(i18n, inspection.finding_remove_confirm)}</span>" "
                        <button type="button" class="btn btn--danger" data-testid="finding-remove-confirm" on:click=remove>
                            {t!(i18n, inspection.delete_yes)}
                        </button>" "
                        <button type="button" class="btn" on:click=move |_| confirming.set(false)>{t!(i18n, inspection.cancel)}</button>
                    </span>
                </Show>
            </div>
        </li>
    }
}

/// One change to a finding, sent to the card that saves it.
type FindingEdit = Box<dyn FnOnce(&mut Finding) + Send + Sync>;

/// Edits a proposal to amend a legal text (findings about the law only).
#[component]
fn AmendmentFields(
    finding: Memo<Option<Finding>>,
    locked: Memo<bool>,
    update: Callback<FindingEdit>,
) -> impl IntoView {
    let i18n = use_i18n();
    type Get = fn(&AmendmentProposal) -> &String;
    type Set = fn(&mut AmendmentProposal, String);
    let text = move |g: Get| {
        move || {
            finding.with(|f| {
                f.as_ref()
                    .and_then(|f| f.amendment.as_ref())
                    .map(|a| g(a).clone())
                    .unwrap_or_default()
            })
        }
    };
    let on = move |s: Set| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            update.run(Box::new(move |f: &mut Finding| {
                s(
                    f.amendment.get_or_insert_with(AmendmentProposal::default),
                    v,
                )
            }));
        }
    };
    view! {
        <fieldset class="amendment-fields" data-testid="amendment-fields">
            <legend>{t!(i18n, followup.amend_legend)}</legend>
            <label class="field">
                <span>{t!(i18n, followup.amend_document)}</span>
                <input type="text" data-testid="amend-document" disabled=move || locked.get()
                    prop:value=text(|a| &a.document) on:input=on(|a, v| a.document = v)/>
            </label>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, followup.amend_article)}</span>
                    <input type="text" data-testid="amend-article" disabled=move || locked.get()
                        prop:value=text(|a| &a.article) on:input=on(|a, v| a.article = v)/>
                </label>
                <label class="field">
                    <span>{t!(i18n, followup.amend_clause)}</span>
                    <input type="text" data-testid="amend-clause" disabled=move || locked.get()
                        prop:value=text(|a| &a.clause) on:input=on(|a, v| a.clause = v)/>
                </label>
            </div>
            <label class="field">
                <span>{t!(i18n, followup.amend_problem)}</span>
                <textarea rows="2" data-testid="amend-problem" disabled=move || locked.get()
                    prop:value=text(|a| &a.problem) on:input=on(|a, v| a.problem = v)></textarea>
            </label>
            <label class="field">
                <span>{t!(i18n, followup.amend_proposal)}</span>
                <textarea rows="2" data-testid="amend-proposal" disabled=move || locked.get()
                    prop:value=text(|a| &a.proposal) on:input=on(|a, v| a.proposal = v)></textarea>
            </label>
            <label class="field">
                <span>{t!(i18n, followup.amend_body)}</span>
                <input type="text" data-testid="amend-body" disabled=move || locked.get()
                    prop:value=text(|a| &a.addressed_to) on:input=on(|a, v| a.addressed_to = v)/>
            </label>
        </fieldset>
    }
}

fn ids_pos(state: AppState, insp: InspectionId, fid: FindingId) -> usize {
    state.ws.with(|ws| {
        ws.inspection(insp)
            .and_then(|i| i.findings().iter().position(|f| f.id == fid))
            .map_or(0, |p| p + 1)
    })
}
