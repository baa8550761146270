//! The integrator's mapping from the domain (a plan, its inspections, their
//! checklist answers on pinned template versions, findings and conclusions)
//! into the export DTO [`InspectionReport`]. Pure: the caller passes the
//! reporting unit, the report's number and the date the follow-up counts
//! are taken on (today); nothing is read from a clock.
//!
//! Choices made here (the DTO stays independent of the domain):
//! - Every visible item of every checklist is listed, answered or not; an
//!   item with a typed value carries it (counts and đồng as numbers, yes/no,
//!   dates and documents as Vietnamese text); otherwise its status.
//! - Items of a repeating group (one instance per sampled record) get the
//!   code `<item> (<n>)` and the instance label in front of the text.
//! - Inspections are sorted by first day of fieldwork, then unit name.
//! - The period is the plan's year (01/01–31/12, widened to the
//!   inspections' dates) for a yearly plan; otherwise the plan's inspection
//!   window (đột xuất or chuyên đề), falling back to the year.
//! - Follow-up (recommendation states, discipline decisions, amendment
//!   proposals, counts) is exported for finalized inspections only: before
//!   that the conclusion is not issued and there is nothing to follow up.

use crate::domain::answer::{Answer, AnswerValue, ItemStatus as DomainStatus};
use crate::domain::catalog::{FindingKind as DomainKind, PlanMethod};
use crate::domain::error::DomainError;
use crate::domain::ids::UnitId;
use crate::domain::inspection::{ChecklistRun, Inspection};
use crate::domain::plan::Plan;
use crate::domain::team::Member;
use crate::domain::template::{AnswerType, TemplateLibrary};
use crate::i18n::format_date;

use super::inspection::{
    AmendmentProposal, BehaviourRef, ChecklistResult, Conclusion, DisciplineState, DocumentRef,
    Finding, FindingKind, FollowUpCounts, GroupResult, InspectionEntry, InspectionReport,
    ItemAnswer, ItemResult, ItemStatus, PlanRef, Recommendation, RecommendationState, Scope, Team,
    TeamMember, TemplateRef,
};
use super::period::{PeriodKind, ReportPeriod};
use super::periodic::ReportingUnit;
use crate::domain::finding::Finding as DomainFinding;
use crate::domain::followup::{DisciplineOutcome, Tracking};
use chrono::NaiveDate;

/// The reporting regime of a period: the one in force on its data cutoff
/// ([`crate::domain::legal_texts::reporting_texts_on`]), so a new 2021 report
/// is under TT 16/2018 whatever today is. `None` before TT 16/2018.
pub fn regime_for_period(period: &ReportPeriod) -> Option<super::period::Regime> {
    use super::period::Regime;
    use crate::domain::legal_texts::{reporting_texts_on, ReportingCircular};
    reporting_texts_on(period.den_ngay).map(|t| match t.circular {
        ReportingCircular::Tt16_2018 => Regime::Tt16_2018,
        ReportingCircular::Tt01_2023 => Regime::Tt01_2023,
        ReportingCircular::Tt01_2023SuaDoiTt19_2025 => Regime::Tt01_2023SuaDoiTt19_2025,
    })
}

/// The decree that sets the contents of a report of `period` (NĐ 81/2013 as
/// amended by NĐ 97/2017 before NĐ 118/2021), for the print's headings.
pub fn content_decree_for_period(
    period: &ReportPeriod,
) -> crate::domain::legal_texts::ReportContentDecree {
    use crate::domain::legal_texts::{reporting_texts_on, ReportContentDecree};
    reporting_texts_on(period.den_ngay)
        .map(|t| t.contents)
        .unwrap_or(ReportContentDecree::Nd81_2013SuaDoiNd97_2017)
}

/// What an inspection report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportScope {
    /// Every inspection of the plan.
    WholePlan,
    /// The inspections of one inspected unit of the plan.
    Unit(UnitId),
}

/// The inspections of `plan` that a report of `scope` covers, in report
/// order (first day of fieldwork, then unit name). Use the same list to
/// mark them exported.
pub fn included_inspections<'a>(
    plan: &Plan,
    inspections: impl IntoIterator<Item = &'a Inspection>,
    scope: ReportScope,
) -> Vec<&'a Inspection> {
    let mut list: Vec<&Inspection> = inspections
        .into_iter()
        .filter(|i| i.plan_id() == plan.id)
        .filter(|i| match scope {
            ReportScope::WholePlan => true,
            ReportScope::Unit(u) => i.unit_id() == u,
        })
        .collect();
    list.sort_by(|a, b| {
        (a.start_date(), unit_name(plan, a.unit_id()))
            .cmp(&(b.start_date(), unit_name(plan, b.unit_id())))
    });
    list
}

/// Builds the inspection report of `plan` for `scope` from `inspections`
/// (any order; those of other plans or units are left out). Fails only when
/// a checklist's pinned template version is missing or altered.
pub fn inspection_report<'a>(
    plan: &Plan,
    inspections: impl IntoIterator<Item = &'a Inspection>,
    lib: &TemplateLibrary,
    scope: ReportScope,
    reporting_unit: ReportingUnit,
    so_ky_hieu: String,
    today: NaiveDate,
) -> Result<InspectionReport, DomainError> {
    let included = included_inspections(plan, inspections, scope);
    let period = period_of(plan, &included);
    let entries = included
        .into_iter()
        .map(|i| entry(plan, i, lib, today))
        .collect::<Result<Vec<_>, _>>()?;
    let pham_vi = match scope {
        ReportScope::WholePlan => Scope::ToanKeHoach,
        ReportScope::Unit(u) => Scope::MotDonVi {
            don_vi: unit_name(plan, u),
        },
    };
    Ok(InspectionReport::new(
        reporting_unit,
        so_ky_hieu,
        period,
        plan_ref(plan),
        pham_vi,
        entries,
    ))
}

/// The unit's name in the plan, or a Vietnamese placeholder when the plan
/// no longer lists it.
fn unit_name(plan: &Plan, id: UnitId) -> String {
    plan.unit(id)
        .map(|u| u.name.clone())
        .unwrap_or_else(|| "(đơn vị không còn trong kế hoạch)".to_string())
}

/// The period an inspection report of `plan` covers (see the module docs):
/// the plan's window for a non-yearly plan; otherwise the plan's year
/// (01/01–31/12), widened to the `inspections`' own dates, never the
/// statistical 15/12–14/12 window.
pub fn period_of(plan: &Plan, inspections: &[&Inspection]) -> ReportPeriod {
    let dates = inspections
        .iter()
        .flat_map(|i| [i.start_date(), i.end_date()])
        .flatten();
    let yearly = ReportPeriod::plan_year(plan.year, dates);
    if !plan.yearly {
        if let Some(w) = plan.inspection_window {
            let kind = if plan.method == Some(PlanMethod::DotXuat) {
                PeriodKind::DotXuat
            } else {
                PeriodKind::ChuyenDe
            };
            if let Ok(p) = ReportPeriod::explicit(kind, w.from, w.to) {
                return p;
            }
        }
    }
    // Years outside chrono's range cannot be typed in the plan editor; the
    // explicit fallback keeps this total anyway.
    yearly.unwrap_or(ReportPeriod {
        loai: PeriodKind::KeHoachNam,
        tu_ngay: chrono::NaiveDate::MIN,
        den_ngay: chrono::NaiveDate::MIN,
    })
}

/// The issuing body's name: "ỦY BAN NHÂN DÂN" + place for a People's
/// Committee, else the lower header line (the body itself; the upper one is
/// its managing body).
fn issuer_name(plan: &Plan) -> String {
    let upper = plan.issuer.upper.trim();
    let lower = plan.issuer.lower.trim();
    let is_committee = upper.to_uppercase() == "ỦY BAN NHÂN DÂN";
    match (upper.is_empty(), lower.is_empty()) {
        (_, true) => upper.to_string(),
        (false, false) if is_committee => format!("{upper} {lower}"),
        _ => lower.to_string(),
    }
}

fn plan_ref(plan: &Plan) -> PlanRef {
    PlanRef {
        so_ky_hieu: plan
            .number
            .as_ref()
            .map(|n| n.to_string())
            .unwrap_or_default(),
        trich_yeu: plan.title.clone(),
        co_quan_ban_hanh: issuer_name(plan),
        ngay_ban_hanh: plan.issue_date,
    }
}

fn member(m: &Member) -> TeamMember {
    TeamMember {
        ho_ten: m.name.clone(),
        chuc_vu: m.position.clone(),
        co_quan: m.agency.clone(),
    }
}

fn team(plan: &Plan, insp: &Inspection) -> Team {
    let Some(t) = insp.team_id().and_then(|id| plan.team(id)) else {
        return Team::default();
    };
    Team {
        truong_doan: t.head.as_ref().map(member).unwrap_or_default(),
        pho_truong_doan: t.deputies.iter().map(member).collect(),
        thanh_vien: t.members.iter().map(member).collect(),
    }
}

fn entry(
    plan: &Plan,
    insp: &Inspection,
    lib: &TemplateLibrary,
    today: NaiveDate,
) -> Result<InspectionEntry, DomainError> {
    let d = insp.decision();
    let checklists = insp
        .checklists()
        .iter()
        .map(|run| checklist(run, lib))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(InspectionEntry {
        don_vi_duoc_kiem_tra: unit_name(plan, insp.unit_id()),
        quyet_dinh: DocumentRef {
            so_ky_hieu: d.number.as_ref().map(|n| n.to_string()).unwrap_or_default(),
            ngay_ban_hanh: d.date,
        },
        tu_ngay: insp.start_date(),
        den_ngay: insp.end_date(),
        doan_kiem_tra: team(plan, insp),
        ket_qua_bang_kiem: checklists,
        phat_hien: insp
            .findings()
            .iter()
            .map(|f| finding(insp, f, today))
            .collect(),
        ket_luan: conclusion(insp, today),
        theo_doi: insp.is_locked().then(|| follow_up_counts(insp, today)),
    })
}

fn follow_up_counts(insp: &Inspection, today: NaiveDate) -> FollowUpCounts {
    let s = insp.follow_up_summary(today);
    FollowUpCounts {
        ngay_tinh: Some(today),
        so_kien_nghi: u64::from(s.made),
        da_thuc_hien: u64::from(s.done),
        thuc_hien_mot_phan: u64::from(s.partly),
        khong_thuc_hien: u64::from(s.not_done),
        chua_ket_thuc: u64::from(s.open),
        qua_han: u64::from(s.overdue),
        de_nghi_ky_luat: u64::from(s.discipline_proposed),
        da_quyet_dinh_ky_luat: u64::from(s.discipline_decided),
        da_thi_hanh_ky_luat: u64::from(s.discipline_executed),
        kien_nghi_sua_doi_van_ban: u64::from(s.amendments),
    }
}

/// The follow-up state of a recommendation of a finalized inspection.
fn rec_state(
    insp: &Inspection,
    t: &Tracking,
    deadline: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<RecommendationState> {
    insp.is_locked().then(|| RecommendationState {
        trang_thai: t.status.code().to_string(),
        ngay_ket_thuc: t.closed_on,
        ly_do: t.reason.clone(),
        so_ngay_qua_han: t
            .days_overdue(deadline, today)
            .and_then(|d| u64::try_from(d).ok()),
    })
}

fn discipline_state(insp: &Inspection, f: &DomainFinding) -> Option<DisciplineState> {
    f.proposed_discipline?;
    let case = f.discipline.clone().unwrap_or_default();
    let d = case.decision.as_ref().filter(|_| insp.is_locked());
    let (form, reason) = match d.map(|d| &d.outcome) {
        Some(DisciplineOutcome::Disciplined { form }) => (Some(form.entry().vi.to_string()), ""),
        Some(DisciplineOutcome::NotDisciplined { reason }) => (None, reason.as_str()),
        None => (None, ""),
    };
    Some(DisciplineState {
        can_bo: case.official.clone(),
        chuc_vu: case.position.clone(),
        so_quyet_dinh: d.map(|d| d.number.clone()).unwrap_or_default(),
        ngay_quyet_dinh: d.map(|d| d.date),
        nguoi_quyet_dinh: d.map(|d| d.by.clone()).unwrap_or_default(),
        hinh_thuc_quyet_dinh: form,
        ly_do_khong_ky_luat: reason.to_string(),
        ngay_thi_hanh: case
            .execution
            .as_ref()
            .filter(|_| insp.is_locked())
            .map(|e| e.date),
    })
}

fn status(s: DomainStatus) -> ItemStatus {
    match s {
        DomainStatus::Dat => ItemStatus::Dat,
        DomainStatus::KhongDat => ItemStatus::KhongDat,
        DomainStatus::KhongApDung => ItemStatus::KhongApDung,
        DomainStatus::ChuaKiemTra => ItemStatus::ChuaKiemTra,
    }
}

/// The exported answer of one item (see the module docs).
fn answer(a: Option<&Answer>, kind: AnswerType) -> ItemAnswer {
    let Some(a) = a else {
        return ItemAnswer::TrangThai(ItemStatus::ChuaKiemTra);
    };
    if kind == AnswerType::Status || a.status == DomainStatus::KhongApDung {
        return ItemAnswer::TrangThai(status(a.status));
    }
    match &a.value {
        None => ItemAnswer::TrangThai(status(a.status)),
        Some(AnswerValue::Count(n)) => ItemAnswer::So(i64::try_from(*n).unwrap_or(i64::MAX)),
        Some(AnswerValue::Money(m)) => ItemAnswer::So(*m),
        Some(AnswerValue::YesNo(b)) => ItemAnswer::VanBan(if *b { "Có" } else { "Không" }.into()),
        Some(AnswerValue::Date(d)) => ItemAnswer::VanBan(format_date(*d)),
        Some(AnswerValue::Text(t)) => ItemAnswer::VanBan(t.clone()),
        Some(AnswerValue::Documents(docs)) => ItemAnswer::VanBan(
            docs.iter()
                .map(|doc| {
                    let mut s = [doc.doc_type.trim(), doc.number.trim()]
                        .iter()
                        .filter(|p| !p.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" ");
                    if let Some(date) = doc.date {
                        s.push_str(&format!(" ngày {}", format_date(date)));
                    }
                    if !doc.summary.trim().is_empty() {
                        s.push_str(&format!(": {}", doc.summary.trim()));
                    }
                    s
                })
                .collect::<Vec<_>>()
                .join("; "),
        ),
    }
}

fn checklist(run: &ChecklistRun, lib: &TemplateLibrary) -> Result<ChecklistResult, DomainError> {
    let t = lib.resolve(&run.template)?;
    let mut groups = Vec::new();
    for g in &t.groups {
        let mut items = Vec::new();
        let repeating = g.is_repeating();
        for inst in 0..run.instance_count(g) {
            let label = run
                .instances
                .get(&g.code)
                .and_then(|l| l.get(inst as usize))
                .map(|s| s.trim().to_string())
                .unwrap_or_default();
            for it in &g.items {
                if !run.is_visible(g, inst, it) {
                    continue;
                }
                let key = crate::domain::answer::AnswerKey::new(&g.code, inst, &it.code);
                let a = run.answers.get(&key);
                let (ma, noi_dung_vi) = if repeating {
                    let prefix = if label.is_empty() {
                        format!("({})", inst + 1)
                    } else {
                        format!("[{label}]")
                    };
                    (
                        format!("{} ({})", it.code, inst + 1),
                        format!("{prefix} {}", it.label.vi),
                    )
                } else {
                    (it.code.clone(), it.label.vi.clone())
                };
                items.push(ItemResult {
                    ma,
                    noi_dung_vi,
                    ket_qua: answer(a, it.answer),
                    ghi_chu: a.map(|a| a.note.clone()).unwrap_or_default(),
                    tai_lieu_chung_cu: a.map(|a| a.evidence.clone()).unwrap_or_default(),
                });
            }
        }
        groups.push(GroupResult::new(g.code.clone(), g.title.vi.clone(), items));
    }
    Ok(ChecklistResult {
        mau: TemplateRef {
            id: t.id.to_string(),
            phien_ban: t.version.to_string(),
            sha256: run.template.hash.clone(),
        },
        nhom: groups,
    })
}

fn finding_kind(k: DomainKind) -> FindingKind {
    match k {
        DomainKind::HanChe => FindingKind::HanChe,
        DomainKind::VuongMac => FindingKind::VuongMac,
        DomainKind::BatCap => FindingKind::BatCap,
        DomainKind::ChongCheo => FindingKind::ChongCheo,
        DomainKind::SaiSot => FindingKind::SaiSot,
        DomainKind::ViPham => FindingKind::ViPham,
        DomainKind::ChuaThongNhatDongBo => FindingKind::ChuaThongNhatDongBo,
        DomainKind::ChuaPhuHopThucTien => FindingKind::ChuaPhuHopThucTien,
        DomainKind::KhoKhan => FindingKind::KhoKhan,
        DomainKind::TonTai => FindingKind::TonTai,
    }
}

fn finding(insp: &Inspection, f: &DomainFinding, today: NaiveDate) -> Finding {
    Finding {
        loai: finding_kind(f.kind),
        mo_ta: f.description.clone(),
        trach_nhiem: f.responsible.clone(),
        hanh_vi: f.violation.as_ref().map(|v| BehaviourRef {
            ma: v.code.clone(),
            phien_ban: v.version.clone(),
        }),
        tai_lieu_chung_cu: f.evidence.clone(),
        hinh_thuc_ky_luat: f.proposed_discipline.map(|d| d.entry().vi.to_string()),
        kien_nghi: f.recommendation.as_ref().map(|r| Recommendation {
            noi_dung: r.text.clone(),
            noi_nhan: r.addressee.entry().vi.to_string(),
            thoi_han: r.deadline,
            theo_doi: rec_state(insp, &r.tracking, r.deadline, today),
        }),
        ky_luat: discipline_state(insp, f),
        kien_nghi_sua_doi: f.amendment.as_ref().map(|a| AmendmentProposal {
            van_ban: a.document.clone(),
            dieu: a.article.clone(),
            khoan: a.clause.clone(),
            bat_cap: a.problem.clone(),
            de_xuat: a.proposal.clone(),
            co_quan_nhan: a.addressed_to.clone(),
        }),
    }
}

fn conclusion(insp: &Inspection, today: NaiveDate) -> Option<Conclusion> {
    let c = insp.conclusion();
    let empty = c.text.trim().is_empty()
        && c.number.trim().is_empty()
        && c.draft_date.is_none()
        && c.issue_date.is_none()
        && c.recommendations.is_empty();
    if empty {
        return None;
    }
    Some(Conclusion {
        so_ky_hieu: c.number.trim().to_string(),
        noi_dung: c.text.clone(),
        nguoi_ky: super::periodic::ReportSigner {
            tham_quyen: String::new(),
            chuc_vu: c.signer_position.trim().to_string(),
            ho_ten: c.signer_name.trim().to_string(),
        },
        ngay_du_thao: c.draft_date,
        ngay_ban_hanh: c.issue_date,
        kien_nghi: c
            .recommendations
            .iter()
            .map(|r| Recommendation {
                noi_dung: r.text.clone(),
                noi_nhan: r.addressee.entry().vi.to_string(),
                thoi_han: r.deadline,
                theo_doi: rec_state(insp, &r.tracking, r.deadline, today),
            })
            .collect(),
    })
}
