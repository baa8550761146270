//! The printable inspection record in the NĐ 30/2020 layout: header block
//! (issuing body; Quốc hiệu and Tiêu ngữ), the place and date line in words,
//! the checklist results per group, findings, conclusion, addenda and the
//! team head's signature block.

use super::shared::{answer_summary, date_or_dash, inspection_param};
use crate::domain::answer::AnswerKey;
use crate::domain::clock::Clock;
use crate::domain::ids::InspectionId;
use crate::i18n::{format_date, format_date_in_words, Lang};
use crate::state::AppState;
use crate::ui::i18n::{t, t_string, use_i18n};
use crate::ui::lang::use_lang;
use leptos::prelude::*;
use leptos_router::components::A;

/// The print view page.
#[component]
pub fn InspectionPrint() -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let id = inspection_param();
    let exists = Memo::new(move |_| {
        id.get()
            .is_some_and(|id| state.ws.with(|ws| ws.inspection(id).is_some()))
    });
    view! {
        <section class="page print-page" data-testid="page-inspection-print">
            {move || match (id.get(), exists.get()) {
                (Some(id), true) => view! { <PrintBody insp=id/> }.into_any(),
                _ => view! {
                    <h1>{t!(i18n, inspection.not_found_title)}</h1>
                    <A href="/kiem-tra">{t!(i18n, inspection.back_to_list)}</A>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn PrintBody(insp: InspectionId) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let lang = use_lang();
    let body = move || {
        let vi = lang.get() == Lang::Vi;
        let l = lang.get();
        state.ws.with(|ws| {
            let i = ws.inspection(insp)?;
            let plan = ws.plan(i.plan_id());
            let unit = plan.and_then(|p| p.unit(i.unit_id()));
            let team = plan.and_then(|p| i.team_id().and_then(|t| p.team(t)));
            let place = plan
                .map(|p| p.place_name.trim().to_string())
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| ws.settings().place_name.trim().to_string());
            let date = i
                .conclusion()
                .issue_date
                .or(i.actual_end())
                .unwrap_or_else(|| state.clock().today());
            let upper = plan.map(|p| p.issuer.upper.clone()).unwrap_or_default();
            let lower = plan.map(|p| p.issuer.lower.clone()).unwrap_or_default();
            let decision = i.decision();
            let decision_line = format!(
                "{} {}",
                decision.number.as_ref().map(ToString::to_string).unwrap_or_else(|| "—".into()),
                decision.date.map(|d| format!("({})", format_date(d))).unwrap_or_default()
            );
            let members: Vec<String> = team
                .map(|t| t.people().map(|m| if m.position.is_empty() { m.name.clone() } else { format!("{} — {}", m.name, m.position) }).collect())
                .unwrap_or_default();
            let head_name = team.and_then(|t| t.head.as_ref()).map(|h| h.name.clone()).unwrap_or_default();

            let runs = i.checklists().iter().map(|r| {
                let Some(t) = ws.templates().get(&r.template.id, r.template.version) else {
                    return view! { <p>{r.template.id.as_str().to_string()}</p> }.into_any();
                };
                let groups = t.groups.iter().map(|g| {
                    let instances = (0..r.instance_count(g)).map(|inst| {
                        let rows = g.items.iter().filter(|it| r.is_visible(g, inst, it)).map(|it| {
                            let key = AnswerKey::new(&g.code, inst, &it.code);
                            let a = r.answers.get(&key);
                            let result = a.map(|a| answer_summary(i18n, a, it.answer))
                                .unwrap_or_else(|| t_string!(i18n, inspection.answer_chua).to_string());
                            let note = a.map(|a| {
                                let mut s = a.note.clone();
                                if !a.evidence.is_empty() {
                                    if !s.is_empty() { s.push_str("; "); }
                                    s.push_str(&a.evidence.join("; "));
                                }
                                s
                            }).unwrap_or_default();
                            view! {
                                <tr>
                                    <td>{it.code.clone()}</td>
                                    <td>{it.label.get(vi).to_string()}</td>
                                    <td data-testid="print-result">{result}</td>
                                    <td class="pre-wrap">{note}</td>
                                </tr>
                            }
                        }).collect_view();
                        let label = r.instances.get(&g.code).and_then(|l| l.get(inst as usize)).cloned();
                        view! {
                            {label.map(|l| view! { <h4>{l}</h4> })}
                            <table class="data print-table">
                                <thead><tr>
                                    <th scope="col">{t!(i18n, inspection.print_code)}</th>
                                    <th scope="col">{t!(i18n, inspection.print_item)}</th>
                                    <th scope="col">{t!(i18n, inspection.print_result)}</th>
                                    <th scope="col">{t!(i18n, inspection.print_note)}</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        }
                    }).collect_view();
                    view! {
                        <section class="print-group">
                            <h3>{format!("{}. {}", g.code, g.title.get(vi))}</h3>
                            {instances}
                        </section>
                    }
                }).collect_view();
                view! {
                    <section class="print-run">
                        <h2>{format!("{} ({} {})", t.title.get(vi), t_string!(i18n, inspection.version), t.version)}</h2>
                        {groups}
                    </section>
                }.into_any()
            }).collect_view();

            let findings = i.findings().iter().enumerate().map(|(n, f)| {
                let kind = if vi { f.kind.entry().vi } else { f.kind.entry().en };
                let violation = f.violation.as_ref().map(|v| {
                    crate::domain::catalog::violation_behaviour(&v.code)
                        .map(|e| if vi { e.vi } else { e.en }.to_string())
                        .unwrap_or_else(|| v.code.clone())
                });
                let discipline = f.proposed_discipline.map(|d| if vi { d.entry().vi } else { d.entry().en });
                view! {
                    <li data-testid="print-finding">
                        <p><strong>{format!("{}. {kind}", n + 1)}</strong>": "<span class="pre-wrap">{f.description.clone()}</span></p>
                        {(!f.responsible.is_empty()).then(|| view! { <p>{t!(i18n, inspection.finding_responsible)}": "{f.responsible.clone()}</p> })}
                        {violation.map(|v| view! { <p>{t!(i18n, inspection.finding_violation)}": "{v}</p> })}
                        {discipline.map(|d| view! { <p>{t!(i18n, inspection.finding_discipline)}": "{d}</p> })}
                        {f.recommendation.as_ref().map(|r| view! {
                            <p>{t!(i18n, inspection.finding_recommendation)}": "{r.text.clone()}" ("{if vi { r.addressee.entry().vi } else { r.addressee.entry().en }}")"</p>
                        })}
                    </li>
                }
            }).collect_view();
            let c = i.conclusion().clone();
            let recs = c.recommendations.iter().map(|r| view! {
                <li>{r.text.clone()}" — "{if vi { r.addressee.entry().vi } else { r.addressee.entry().en }}
                    {r.deadline.map(|d| format!(" ({}: {})", t_string!(i18n, inspection.recommendation_deadline), format_date(d)))}</li>
            }).collect_view();
            let addenda = i.addenda().iter().map(|a| view! {
                <li><strong>{format_date(a.date)}": "</strong><span class="pre-wrap">{a.text.clone()}</span></li>
            }).collect_view();
            let has_addenda = !i.addenda().is_empty();

            Some(view! {
                <div class="doc-header" data-testid="doc-header">
                    <div class="doc-issuer">
                        <div>{upper}</div>
                        <div class="doc-bold">{lower}</div>
                        <div class="doc-rule" aria-hidden="true">"-------"</div>
                    </div>
                    <div class="doc-national">
                        <div class="doc-bold" data-testid="quoc-hieu">{t!(i18n, inspection.quoc_hieu)}</div>
                        <div class="doc-bold" data-testid="tieu-ngu">{t!(i18n, inspection.tieu_ngu)}</div>
                        <div class="doc-rule" aria-hidden="true">"---------------"</div>
                    </div>
                </div>
                <p class="doc-place-date" data-testid="place-date">{format_date_in_words(&place, date, l)}</p>
                <h1 class="doc-title">{t!(i18n, inspection.print_title)}</h1>
                <p class="doc-subtitle">{unit.map(|u| u.name.clone()).unwrap_or_default()}</p>
                <dl class="doc-facts">
                    <dt>{t!(i18n, inspection.plan)}</dt><dd>{plan.map(|p| p.title.clone()).unwrap_or_default()}</dd>
                    <dt>{t!(i18n, inspection.decision_number)}</dt><dd>{decision_line}</dd>
                    <dt>{t!(i18n, inspection.print_period)}</dt>
                    <dd>{format!("{} – {}", date_or_dash(i.start_date()), date_or_dash(i.end_date()))}</dd>
                    <dt>{t!(i18n, inspection.team)}</dt><dd>{members.join("; ")}</dd>
                </dl>
                {runs}
                <section>
                    <h2>{t!(i18n, inspection.findings_title)}</h2>
                    {if i.findings().is_empty() {
                        view! { <p>{t!(i18n, inspection.findings_empty)}</p> }.into_any()
                    } else {
                        view! { <ol class="plain">{findings}</ol> }.into_any()
                    }}
                </section>
                <section>
                    <h2>{t!(i18n, inspection.conclusion_title)}</h2>
                    <p class="pre-wrap">{c.text.clone()}</p>
                    <p>{t!(i18n, inspection.conclusion_draft_date)}": "{date_or_dash(c.draft_date)}" · "
                       {t!(i18n, inspection.conclusion_issue_date)}": "{date_or_dash(c.issue_date)}</p>
                    {(!c.recommendations.is_empty()).then(|| view! {
                        <h3>{t!(i18n, inspection.recommendations_title)}</h3>
                        <ol>{recs}</ol>
                    })}
                </section>
                {has_addenda.then(|| view! {
                    <section><h2>{t!(i18n, inspection.addenda_title)}</h2><ol>{addenda}</ol></section>
                })}
                <div class="doc-signers">
                    <div class="doc-signer" data-testid="signer">
                        <div class="doc-bold">{t!(i18n, inspection.print_head)}</div>
                        <div class="doc-sign-note">{t!(i18n, inspection.print_sign_note)}</div>
                        <div class="doc-sign-space"></div>
                        <div class="doc-bold">{head_name}</div>
                    </div>
                </div>
            })
        })
    };
    view! {
        <div class="no-print print-tools">
            <A href=format!("/kiem-tra/{}", insp.0)>{t!(i18n, inspection.back_to_inspection)}</A>" "
            <button type="button" class="btn btn--primary" data-testid="print-button"
                on:click=move |_| { let _ = crate::platform::print::print_page(); }>
                {t!(i18n, inspection.print_button)}
            </button>
        </div>
        <article class="print-doc">{body}</article>
    }
}
