//! The printable plan ("/ke-hoach/:id/in") in the NĐ 30/2020 layout
//! (legal reference (d)): issuing body and "Số:" on the left, Quốc hiệu,
//! Tiêu ngữ and the place-and-date line on the right, then "KẾ HOẠCH", the
//! summary line, the căn cứ, the sections and the signer block. The
//! document itself is always in Vietnamese (it is the official text); only
//! the toolbar follows the UI language.

use super::print_button::PrintButton;
use crate::domain::catalog::CatalogEntry;
use crate::domain::ids::PlanId;
use crate::domain::plan::{FieldRef, PeriodEnd, Plan};
use crate::domain::team::Member;
use crate::i18n::{format_date, format_date_in_words, format_money, Lang};
use crate::state::AppState;
use crate::ui::i18n::{t, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// Fixed wording of the document (NĐ 30/2020 parts and section headings).
mod doc {
    pub const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    pub const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";
    pub const KE_HOACH: &str = "KẾ HOẠCH";
    pub const SO: &str = "Số:";
    pub const SEC_PURPOSE: &str = "I. MỤC ĐÍCH, YÊU CẦU";
    pub const PURPOSE: &str = "1. Mục đích";
    pub const REQUIREMENTS: &str = "2. Yêu cầu";
    pub const SEC_CONTENT: &str = "II. NỘI DUNG KIỂM TRA";
    pub const SEC_UNITS: &str = "III. ĐỐI TƯỢNG, ĐỊA ĐIỂM KIỂM TRA";
    pub const SEC_TIME: &str = "IV. THỜI GIAN KIỂM TRA";
    pub const SEC_TEAM: &str = "V. ĐOÀN KIỂM TRA";
    pub const SEC_FUNDING: &str = "VI. KINH PHÍ";
    pub const SEC_ORG: &str = "VII. TỔ CHỨC THỰC HIỆN";
    pub const FIELD: &str = "Lĩnh vực";
    pub const SCOPE: &str = "Phạm vi";
    pub const METHOD: &str = "Phương thức kiểm tra";
    pub const CHECKLISTS: &str = "Nội dung kiểm tra theo mẫu phiếu";
    pub const PLACE: &str = "Địa điểm kiểm tra";
    pub const WINDOW: &str = "Thời gian kiểm tra";
    pub const PERIOD: &str = "Thời kỳ kiểm tra";
    pub const UNTIL_INSPECTION: &str = "đến thời điểm kiểm tra";
    pub const DURATION: &str = "Thời hạn kiểm tra";
    pub const WORKING_DAYS: &str = "ngày làm việc";
    pub const EXTENSION: &str = "có thể gia hạn không quá";
    pub const UNIT_REPORT: &str = "Đơn vị được kiểm tra gửi báo cáo trước ngày kiểm tra";
    pub const INTER_SECTORAL: &str = "Đoàn kiểm tra liên ngành";
    pub const HEAD: &str = "Trưởng đoàn";
    pub const DEPUTY: &str = "Phó trưởng đoàn";
    pub const MEMBER: &str = "Thành viên";
    pub const AMOUNT: &str = "Kinh phí";
    pub const SOURCE: &str = "Nguồn kinh phí";
    pub const LEAD: &str = "Cơ quan chủ trì";
    pub const COORD: &str = "Cơ quan phối hợp";
    pub const TASKS: &str = "Nhiệm vụ cụ thể";
    pub const COL_NO: &str = "STT";
    pub const COL_CONTENT: &str = "Nội dung";
    pub const COL_LEAD: &str = "Chủ trì";
    pub const COL_COORD: &str = "Phối hợp";
    pub const COL_DEADLINE: &str = "Thời hạn hoàn thành";
    pub const FROM: &str = "từ ngày";
    pub const TO: &str = "đến ngày";
    pub const BLANK: &str = "…";
}

fn vi(e: &CatalogEntry) -> &'static str {
    e.vi
}

/// "Căn cứ Nghị định số 19/2020/NĐ-CP ngày 12/02/2020 của Chính phủ về …;"
fn basis_line(b: &crate::domain::plan::LegalBasis) -> String {
    let mut s = String::from("Căn cứ");
    if !b.doc_type.trim().is_empty() {
        s.push(' ');
        s.push_str(b.doc_type.trim());
    }
    if !b.number.trim().is_empty() {
        s.push_str(" số ");
        s.push_str(b.number.trim());
    }
    if let Some(d) = b.date {
        s.push_str(" ngày ");
        s.push_str(&format_date(d));
    }
    if !b.issuer.trim().is_empty() {
        s.push_str(" của ");
        s.push_str(b.issuer.trim());
    }
    if !b.summary.trim().is_empty() {
        s.push(' ');
        s.push_str(b.summary.trim());
    }
    s.push(';');
    s
}

fn person_line(role: &str, m: &Member) -> String {
    let mut parts = vec![m.name.trim().to_string()];
    for x in [&m.position, &m.agency] {
        if !x.trim().is_empty() {
            parts.push(x.trim().to_string());
        }
    }
    format!("{role}: {}", parts.join(", "))
}

fn non_blank(v: &[String]) -> Vec<String> {
    v.iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The print view page.
#[component]
pub fn PlanPrint() -> impl IntoView {
    let i18n = use_i18n();
    let state = AppState::expect();
    let params = use_params_map();
    let plan = Memo::new(move |_| {
        let id = params
            .read()
            .get("id")
            .and_then(|s| uuid::Uuid::parse_str(&s).ok())
            .map(PlanId)?;
        state.ws.with(|ws| ws.plan(id).cloned())
    });
    view! {
        <section class="page plan-print" data-testid="page-plan-print">
            {move || match plan.get() {
                Some(p) => {
                    let id = p.id;
                    view! {
                        <div class="print-toolbar no-print">
                            <A href=format!("/ke-hoach/{id}")>{t!(i18n, plans.back_to_editor)}</A>
                            <PrintButton/>
                            <span class="muted small">{t!(i18n, plans.print_hint)}</span>
                        </div>
                        <PlanDocument plan=p/>
                    }.into_any()
                }
                None => view! {
                    <h1>{t!(i18n, plans.not_found_title)}</h1>
                    <p><A href="/ke-hoach">{t!(i18n, plans.back_to_list)}</A></p>
                }.into_any(),
            }}
        </section>
    }
}

/// The document itself.
#[component]
fn PlanDocument(plan: Plan) -> impl IntoView {
    let state = AppState::expect();
    let template_titles: Vec<String> = state.ws.with_untracked(|ws| {
        plan.template_ids
            .iter()
            .map(|id| {
                ws.templates()
                    .latest(id)
                    .map(|t| t.title.vi.clone())
                    .unwrap_or_else(|| id.to_string())
            })
            .collect()
    });
    let number = plan
        .number
        .as_ref()
        .map(|n| n.to_string())
        .unwrap_or_else(|| format!("{}/KH", doc::BLANK));
    let date_line = match plan.issue_date {
        Some(d) => format_date_in_words(&plan.place_name, d, Lang::Vi),
        None => format!(
            "{}ngày {b} tháng {b} năm {}",
            if plan.place_name.trim().is_empty() {
                String::new()
            } else {
                format!("{}, ", plan.place_name.trim())
            },
            plan.year,
            b = doc::BLANK
        ),
    };
    let field = match &plan.field {
        Some(FieldRef::Focus(f)) => Some(vi(f.entry()).to_string()),
        Some(FieldRef::Other(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    };
    let method = plan.method.map(|m| vi(m.entry()).to_string());
    let window = plan.inspection_window.map(|w| {
        format!(
            "{} {} {} {}",
            doc::FROM,
            format_date(w.from),
            doc::TO,
            format_date(w.to)
        )
    });
    let period = plan.review_period.map(|r| {
        let to = match r.to {
            PeriodEnd::Date(d) => format!("{} {}", doc::TO, format_date(d)),
            PeriodEnd::InspectionDate => doc::UNTIL_INSPECTION.to_string(),
        };
        format!("{} {} {to}", doc::FROM, format_date(r.from))
    });
    let duration = {
        let mut s = format!(
            "{}: {:02} {}",
            doc::DURATION,
            plan.duration_working_days,
            doc::WORKING_DAYS
        );
        if plan.extension_working_days > 0 {
            s.push_str(&format!(
                "; {} {:02} {}",
                doc::EXTENSION,
                plan.extension_working_days,
                doc::WORKING_DAYS
            ));
        }
        s.push('.');
        s
    };
    let unit_report = format!(
        "{}: {:02} {}.",
        doc::UNIT_REPORT,
        plan.unit_report_days_before,
        doc::WORKING_DAYS
    );
    let signer_first = {
        let p = plan.signer.prefix.text().trim().to_string();
        let b = plan.signer.on_behalf_of.trim().to_string();
        [p, b]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let coordinating = non_blank(&plan.organisation.coordinating_units);
    let teams = plan.teams.clone();
    let tasks = plan.tasks.clone();
    view! {
        <article class="doc" data-testid="plan-document" lang="vi">
            <header class="doc-header">
                <div class="doc-issuer">
                    <div class="doc-issuer-upper">{plan.issuer.upper.clone()}</div>
                    <div class="doc-issuer-lower">{plan.issuer.lower.clone()}</div>
                    <div class="doc-rule" aria-hidden="true"></div>
                    <div class="doc-number" data-testid="doc-number">{doc::SO} " " {number}</div>
                </div>
                <div class="doc-motto">
                    <div class="doc-quoc-hieu">{doc::QUOC_HIEU}</div>
                    <div class="doc-tieu-ngu">{doc::TIEU_NGU}</div>
                    <div class="doc-rule" aria-hidden="true"></div>
                    <div class="doc-date" data-testid="doc-date">{date_line}</div>
                </div>
            </header>
            <h1 class="doc-type">{doc::KE_HOACH}</h1>
            <p class="doc-summary">{plan.title.clone()}</p>
            <div class="doc-rule doc-rule--center" aria-hidden="true"></div>
            <div class="doc-bases">
                {plan.legal_bases.iter().map(|b| view! { <p>{basis_line(b)}</p> }).collect_view()}
            </div>
            <h2>{doc::SEC_PURPOSE}</h2>
            <h3>{doc::PURPOSE}</h3>
            <p class="doc-text">{plan.purpose.clone()}</p>
            <h3>{doc::REQUIREMENTS}</h3>
            <p class="doc-text">{plan.requirements.clone()}</p>
            <h2>{doc::SEC_CONTENT}</h2>
            {field.map(|f| view! { <p>{doc::FIELD} ": " {f}</p> })}
            {(!plan.scope.trim().is_empty()).then(|| view! { <p class="doc-text">{doc::SCOPE} ": " {plan.scope.clone()}</p> })}
            {method.map(|m| view! { <p>{doc::METHOD} ": " {m}</p> })}
            {(!template_titles.is_empty()).then(|| view! {
                <p>{doc::CHECKLISTS} ":"</p>
                <ul>{template_titles.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
            })}
            <h2>{doc::SEC_UNITS}</h2>
            <ol>
                {plan.inspected_units.iter().map(|u| {
                    let addr = (!u.address.trim().is_empty()).then(|| format!(" ({})", u.address.trim()));
                    view! { <li>{u.name.clone()} {addr}</li> }
                }).collect_view()}
            </ol>
            {(!plan.place_of_inspection.trim().is_empty()).then(|| view! {
                <p>{doc::PLACE} ": " {plan.place_of_inspection.clone()}</p>
            })}
            <h2>{doc::SEC_TIME}</h2>
            {window.map(|w| view! { <p>{doc::WINDOW} ": " {w} "."</p> })}
            {period.map(|p| view! { <p>{doc::PERIOD} ": " {p} "."</p> })}
            <p>{duration}</p>
            <p>{unit_report}</p>
            <h2>{doc::SEC_TEAM}</h2>
            {teams.into_iter().map(|t| view! {
                <div class="doc-team">
                    <p><strong>{t.name.clone()}</strong>
                        {(t.inter_sectoral && !t.name.to_lowercase().contains("liên ngành"))
                            .then(|| format!(" ({})", doc::INTER_SECTORAL.to_lowercase()))}</p>
                    <ul>
                        {t.head.as_ref().map(|m| view! { <li>{person_line(doc::HEAD, m)}</li> })}
                        {t.deputies.iter().map(|m| view! { <li>{person_line(doc::DEPUTY, m)}</li> }).collect_view()}
                        {t.members.iter().map(|m| view! { <li>{person_line(doc::MEMBER, m)}</li> }).collect_view()}
                    </ul>
                </div>
            }).collect_view()}
            <h2>{doc::SEC_FUNDING}</h2>
            {plan.funding.amount_dong.map(|a| view! {
                <p>{doc::AMOUNT} ": " {format_money(i64::try_from(a).unwrap_or(i64::MAX))}</p>
            })}
            {(!plan.funding.source.trim().is_empty()).then(|| view! {
                <p>{doc::SOURCE} ": " {plan.funding.source.clone()}</p>
            })}
            <h2>{doc::SEC_ORG}</h2>
            {(!plan.organisation.lead_unit.trim().is_empty()).then(|| view! {
                <p>{doc::LEAD} ": " {plan.organisation.lead_unit.clone()}</p>
            })}
            {(!coordinating.is_empty()).then(|| view! {
                <p>{doc::COORD} ": " {coordinating.join("; ")}</p>
            })}
            {(!tasks.is_empty()).then(|| view! {
                <p><strong>{doc::TASKS}</strong></p>
                <table class="doc-table">
                    <thead><tr>
                        <th scope="col">{doc::COL_NO}</th>
                        <th scope="col">{doc::COL_CONTENT}</th>
                        <th scope="col">{doc::COL_LEAD}</th>
                        <th scope="col">{doc::COL_COORD}</th>
                        <th scope="col">{doc::COL_DEADLINE}</th>
                    </tr></thead>
                    <tbody>
                        {tasks.iter().enumerate().map(|(n, t)| view! {
                            <tr>
                                <td class="num">{n + 1}</td>
                                <td>{t.content.clone()}</td>
                                <td>{t.lead_unit.clone()}</td>
                                <td>{non_blank(&t.coordinating_units).join("; ")}</td>
                                <td>{t.deadline.map(format_date).unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            <div class="doc-signer" data-testid="doc-signer">
                <div class="doc-signer-first">{signer_first}</div>
                <div class="doc-signer-position">{plan.signer.position.clone()}</div>
                <div class="doc-signature-space" aria-hidden="true"></div>
                <div class="doc-signer-name">{plan.signer.name.clone()}</div>
            </div>
        </article>
    }
}
