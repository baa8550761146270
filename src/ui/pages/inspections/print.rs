//! The printable report of one inspection (báo cáo kết quả kiểm tra) in the
//! NĐ 30/2020 layout: header, number and symbol, place-and-date line, type
//! and summary, Nơi nhận and the team head's signer block come from
//! `report::document_build::inspection_report_document`; the body lists the
//! inspection's own dates, the team, the checklist results with the
//! evidence typed per item, the findings with their evidence, the
//! conclusion (number, dates, text, signer) and the addenda. The document is
//! always in Vietnamese, whatever the interface language; only the toolbar
//! follows it.

use super::shared::{date_or_dash, inspection_param};
use crate::domain::answer::{Answer, AnswerKey, AnswerValue, ItemStatus};
use crate::domain::clock::Clock;
use crate::domain::ids::InspectionId;
use crate::domain::template::AnswerType;
use crate::i18n::{format_date, format_money, format_number};
use crate::report::document_build::inspection_report_document;
use crate::state::AppState;
use crate::ui::document::{DocFooter, DocHeader, MissingParts};
use crate::ui::i18n::{t, t_string, use_i18n};
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

/// An answer in the document's Vietnamese.
fn answer_vi(a: &Answer, ty: AnswerType) -> String {
    if a.status == ItemStatus::KhongApDung {
        return "Không áp dụng".into();
    }
    let status = match a.status {
        ItemStatus::Dat => Some("Đạt"),
        ItemStatus::KhongDat => Some("Không đạt"),
        _ => None,
    };
    let value = a.value.as_ref().map(|v| match v {
        AnswerValue::YesNo(true) => "Có".to_string(),
        AnswerValue::YesNo(false) => "Không".to_string(),
        AnswerValue::Count(n) => format_number(i64::try_from(*n).unwrap_or(i64::MAX)),
        AnswerValue::Money(m) => format_money(*m),
        AnswerValue::Date(d) => format_date(*d),
        AnswerValue::Text(s) => s.clone(),
        AnswerValue::Documents(docs) => docs
            .iter()
            .map(|d| {
                let date = d.date.map(|x| format!("ngày {}", format_date(x)));
                [
                    Some(d.doc_type.trim().to_string()),
                    Some(d.number.trim().to_string()),
                    date,
                    Some(d.summary.trim().to_string()),
                ]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
            })
            .collect::<Vec<_>>()
            .join("; "),
    });
    match (ty, status, value) {
        (AnswerType::Status, Some(s), _) => s.to_string(),
        (_, _, Some(v)) => v,
        (_, Some(s), None) => s.to_string(),
        _ => "Chưa kiểm tra".to_string(),
    }
}

fn evidence_text(list: &[String]) -> String {
    list.iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// The list of attached files (caption, where, type, size, SHA-256), and
/// with `with_images` the images themselves. Nothing when none.
fn attachment_rows(
    i: &crate::domain::inspection::Inspection,
    with_images: RwSignal<bool>,
) -> Option<AnyView> {
    use crate::domain::evidence::{listing, Place};
    let list = listing(i);
    if list.is_empty() {
        return None;
    }
    let rows = list
        .into_iter()
        .enumerate()
        .map(|(n, (place, a))| {
            let place = match place {
                Place::Answer(k) => format!("Tiêu chí {}", k.item),
                Place::Finding(n) => format!("Phát hiện {n}"),
                Place::Addendum(d) => format!("Bổ sung ngày {}", format_date(d)),
            };
            let caption = if a.caption.is_empty() { a.name.clone() } else { a.caption.clone() };
            let kb = a.size.div_ceil(1024);
            let hash = a.hash.clone();
            let is_image = a.mime.starts_with("image/");
            let alt = caption.clone();
            view! {
                <tr data-testid="print-attachment">
                    <td>{n + 1}</td>
                    <td>{caption}</td>
                    <td>{place}</td>
                    <td>{format!("{} · {} KB", crate::domain::evidence::extension(&a.mime).to_uppercase(), format_number(i64::try_from(kb).unwrap_or(i64::MAX)))}</td>
                    <td><code class="hash">{a.hash.clone()}</code></td>
                </tr>
                {move || (with_images.get() && is_image).then(|| view! {
                    <tr class="print-attachment-image"><td colspan="5">
                        <super::attachments::StoredImage hash=hash.clone() alt=alt.clone()/>
                    </td></tr>
                })}
            }
        })
        .collect_view();
    Some(
        view! {
            <section data-testid="print-attachments">
                <h2>"PHỤ LỤC: TÀI LIỆU, HÌNH ẢNH ĐÍNH KÈM"</h2>
                <table class="data print-table">
                    <thead><tr>
                        <th scope="col">"STT"</th>
                        <th scope="col">"Chú thích"</th>
                        <th scope="col">"Đính kèm tại"</th>
                        <th scope="col">"Loại, dung lượng"</th>
                        <th scope="col">"Mã băm SHA-256"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        }
        .into_any(),
    )
}

#[component]
fn PrintBody(insp: InspectionId) -> impl IntoView {
    let state = AppState::expect();
    let i18n = use_i18n();
    let with_images = RwSignal::new(false);
    let body = move || {
        state.track_inspection_answers(insp);
        state.ws.with(|ws| {
            let i = ws.inspection(insp)?;
            let plan = ws.plan(i.plan_id())?;
            let doc = inspection_report_document(plan, i, state.clock().today());
            let team = i.team_id().and_then(|t| plan.team(t));
            let decision = i.decision();
            let decision_line = match &decision.number {
                Some(n) => format!(
                    "Quyết định số {n}{}",
                    decision.date.map(|d| format!(" ngày {}", format_date(d))).unwrap_or_default()
                ),
                None => "—".to_string(),
            };
            let members: Vec<String> = team
                .map(|t| {
                    t.people()
                        .map(|m| if m.position.is_empty() { m.name.clone() } else { format!("{} — {}", m.name, m.position) })
                        .collect()
                })
                .unwrap_or_default();

            let runs = i.checklists().iter().map(|r| {
                let Some(t) = ws.templates().get(&r.template.id, r.template.version) else {
                    return view! { <p>{r.template.id.as_str().to_string()}</p> }.into_any();
                };
                let groups = t.groups.iter().map(|g| {
                    let instances = (0..r.instance_count(g)).map(|inst| {
                        let rows = g.items.iter().filter(|it| r.is_visible(g, inst, it)).map(|it| {
                            let key = AnswerKey::new(&g.code, inst, &it.code);
                            let a = r.answers.get(&key);
                            let result = a.map(|a| answer_vi(a, it.answer)).unwrap_or_else(|| "Chưa kiểm tra".to_string());
                            let note = a.map(|a| a.note.trim().to_string()).unwrap_or_default();
                            let evidence = a.map(|a| evidence_text(&a.evidence)).unwrap_or_default();
                            view! {
                                <tr>
                                    <td>{it.code.clone()}</td>
                                    <td>{it.label.vi.clone()}</td>
                                    <td data-testid="print-result">{result}</td>
                                    <td class="pre-wrap">{note}</td>
                                    <td class="pre-wrap" data-testid="print-evidence">{evidence}</td>
                                </tr>
                            }
                        }).collect_view();
                        let label = r.instances.get(&g.code).and_then(|l| l.get(inst as usize)).cloned();
                        view! {
                            {label.map(|l| view! { <h4>{l}</h4> })}
                            <table class="data print-table">
                                <thead><tr>
                                    <th scope="col">"Mã"</th>
                                    <th scope="col">"Tiêu chí"</th>
                                    <th scope="col">"Kết quả"</th>
                                    <th scope="col">"Ghi chú"</th>
                                    <th scope="col">"Tài liệu, chứng cứ"</th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        }
                    }).collect_view();
                    view! {
                        <section class="print-group">
                            <h3>{format!("{}. {}", g.code, g.title.vi)}</h3>
                            {instances}
                        </section>
                    }
                }).collect_view();
                view! {
                    <section class="print-run">
                        <h2>{format!("{} (phiên bản {})", t.title.vi, t.version)}</h2>
                        {groups}
                    </section>
                }.into_any()
            }).collect_view();

            let findings = i.findings().iter().enumerate().map(|(n, f)| {
                let violation = f.violation.as_ref().map(|v| {
                    crate::domain::catalog::violation_behaviour(&v.code)
                        .map(|e| format!("{} ({})", e.vi, v.version))
                        .unwrap_or_else(|| v.code.clone())
                });
                let evidence = evidence_text(&f.evidence);
                view! {
                    <li data-testid="print-finding">
                        <p><strong>{format!("{}. {}", n + 1, f.kind.entry().vi)}</strong>": "<span class="pre-wrap">{f.description.clone()}</span></p>
                        {(!evidence.is_empty()).then(|| view! { <p data-testid="print-finding-evidence">"Tài liệu, chứng cứ: "{evidence}</p> })}
                        {(!f.responsible.is_empty()).then(|| view! { <p>"Trách nhiệm: "{f.responsible.clone()}</p> })}
                        {violation.map(|v| view! { <p>"Hành vi vi phạm: "{v}</p> })}
                        {f.proposed_discipline.map(|d| view! { <p>"Hình thức kỷ luật đề xuất: "{d.entry().vi}</p> })}
                        {f.recommendation.as_ref().map(|r| view! {
                            <p>"Kiến nghị: "{r.text.clone()}" ("{r.addressee.entry().vi}")"</p>
                        })}
                    </li>
                }
            }).collect_view();
            let c = i.conclusion().clone();
            let recs = c.recommendations.iter().map(|r| view! {
                <li>{r.text.clone()}" — "{r.addressee.entry().vi}
                    {r.deadline.map(|d| format!(" (thời hạn: {})", format_date(d)))}</li>
            }).collect_view();
            let addenda = i.addenda().iter().map(|a| view! {
                <li><strong>{format_date(a.date)}": "</strong><span class="pre-wrap">{a.text.clone()}</span></li>
            }).collect_view();
            let has_addenda = !i.addenda().is_empty();
            let attachments = attachment_rows(i, with_images);
            let conclusion_signer = [c.signer_position.trim(), c.signer_name.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let unit = plan.unit(i.unit_id()).map(|u| u.name.clone()).unwrap_or_default();

            Some(view! {
                <MissingParts doc=doc.clone() label=t_string!(i18n, plans.doc_missing).to_string()/>
                <article class="doc" data-testid="inspection-document" lang="vi">
                    <DocHeader doc=doc.clone()/>
                    <p class="doc-text">{format!("Thực hiện Kế hoạch số {}.", plan.number.as_ref().map(ToString::to_string).unwrap_or_else(|| "—".into()))}</p>
                    <h2>"I. THÔNG TIN CHUNG"</h2>
                    <dl class="doc-facts">
                        <dt>"Đơn vị được kiểm tra"</dt><dd>{unit}</dd>
                        <dt>"Kế hoạch kiểm tra"</dt><dd>{plan.title.clone()}</dd>
                        <dt>"Quyết định kiểm tra"</dt><dd>{decision_line}</dd>
                        <dt>"Thời gian kiểm tra"</dt>
                        <dd data-testid="print-dates">{format!("Từ ngày {} đến ngày {}", date_or_dash(i.start_date()), date_or_dash(i.end_date()))}</dd>
                        <dt>"Đoàn kiểm tra"</dt><dd>{members.join("; ")}</dd>
                    </dl>
                    <h2>"II. KẾT QUẢ KIỂM TRA"</h2>
                    {runs}
                    <section>
                        <h2>"III. TỒN TẠI, SAI SÓT VÀ CÁC PHÁT HIỆN KHÁC"</h2>
                        {if i.findings().is_empty() {
                            view! { <p>"Không có."</p> }.into_any()
                        } else {
                            view! { <ol class="plain">{findings}</ol> }.into_any()
                        }}
                    </section>
                    <section data-testid="print-conclusion">
                        <h2>"IV. KẾT LUẬN KIỂM TRA"</h2>
                        <p>"Số, ký hiệu: "{if c.number.trim().is_empty() { "—".to_string() } else { c.number.trim().to_string() }}
                           " · Ngày dự thảo: "{date_or_dash(c.draft_date)}
                           " · Ngày ban hành: "{date_or_dash(c.issue_date)}</p>
                        <p class="pre-wrap" data-testid="print-conclusion-text">{c.text.clone()}</p>
                        {(!conclusion_signer.is_empty()).then(|| view! { <p>"Người ký kết luận: "{conclusion_signer}</p> })}
                        {(!c.recommendations.is_empty()).then(|| view! {
                            <h3>"Kiến nghị"</h3>
                            <ol>{recs}</ol>
                        })}
                    </section>
                    {has_addenda.then(|| view! {
                        <section><h2>"V. BỔ SUNG SAU KHI KHÓA"</h2><ol>{addenda}</ol></section>
                    })}
                    {attachments}
                    <DocFooter doc=doc/>
                    <crate::ui::signing::PrintedFingerprint/>
                </article>
            })
        })
    };
    view! {
        <div class="no-print print-tools">
            <A href=format!("/kiem-tra/{}", insp.0)>{t!(i18n, inspection.back_to_inspection)}</A>" "
            <button type="button" class="btn btn--primary" data-testid="print-button"
                on:click=move |_| { let _ = crate::platform::print::print_page(); }>
                {t!(i18n, inspection.print_button)}
            </button>" "
            <label class="check">
                <input type="checkbox" data-testid="print-with-images"
                    prop:checked=move || with_images.get()
                    on:change=move |ev| with_images.set(event_target_checked(&ev))/>
                " "{t!(i18n, inspection.print_with_images)}
            </label>
        </div>
        <div class="print-doc">{body}</div>
    }
}
