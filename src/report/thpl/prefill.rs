//! Figures of the yearly THPL report drawn from the app's own data, so staff
//! check and complete them rather than retype them:
//! - the monitoring plans of the year (kind "theo dõi THPL", plan year = the
//!   report's year) and their tasks, counted on the cutoff day;
//! - the inspections of those plans that started inside the data window,
//!   how many are finalized, their findings by kind;
//! - the recommendations of those finalized inspections and their follow-up
//!   state (overdue counted on the cutoff day; the state is today's);
//! - the law-amendment proposals of every inspection that started inside
//!   the window (XLVPHC inspections too: a proposal to amend a text is one
//!   whatever the inspection), each with the follow-up state of the
//!   finding's recommendation, if it has one.
//!
//! [`prefill`] replaces only these figures; what the user wrote stays.

use crate::domain::catalog::FindingKind;
use crate::domain::followup::{FollowUpStatus, FollowUpSummary};
use crate::domain::inspection::Inspection;
use crate::domain::plan::{FieldRef, Plan, PlanKind, TaskStatus};
use crate::domain::workspace::Workspace;
use crate::report::periodic::NamedCount;

use super::{
    AmendmentHandling, FollowUpCounts, HandlingState, InspectionSection, PlanEntry, TaskCounts,
    ThplReport,
};

/// The figures the app can give, apart from a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppFigures {
    /// Plans of the year.
    pub ke_hoach: Vec<PlanEntry>,
    /// Inspections, their findings by kind (`nhan_xet` left empty).
    pub kiem_tra: InspectionSection,
    /// Follow-up counts.
    pub theo_doi_kien_nghi: FollowUpCounts,
    /// Amendment proposals.
    pub kien_nghi_sua_doi: Vec<AmendmentHandling>,
}

fn is_monitoring_plan_of(p: &Plan, year: i32) -> bool {
    p.kind == PlanKind::TheoDoiThpl && p.year == year
}

fn task_counts(p: &Plan, cutoff: chrono::NaiveDate) -> TaskCounts {
    let mut c = TaskCounts::default();
    for t in &p.tasks {
        c.tong_so += 1;
        match t.status(cutoff) {
            TaskStatus::HoanThanh => c.hoan_thanh += 1,
            TaskStatus::DangThucHien => c.dang_thuc_hien += 1,
            TaskStatus::ChuaBatDau => c.chua_bat_dau += 1,
            TaskStatus::QuaHan => c.qua_han += 1,
        }
    }
    c
}

fn plan_entry(p: &Plan, cutoff: chrono::NaiveDate) -> PlanEntry {
    PlanEntry {
        so_ky_hieu: p.number.as_ref().map(|n| n.to_string()).unwrap_or_default(),
        ten: p.title.trim().to_string(),
        ngay_ban_hanh: p.issue_date,
        linh_vuc: match &p.field {
            Some(FieldRef::Focus(f)) => f.entry().vi.to_string(),
            Some(FieldRef::Other(s)) => s.trim().to_string(),
            None => String::new(),
        },
        nhiem_vu: task_counts(p, cutoff),
    }
}

fn state_of(s: FollowUpStatus) -> HandlingState {
    match s {
        FollowUpStatus::ChuaThucHien => HandlingState::ChuaThucHien,
        FollowUpStatus::DangThucHien => HandlingState::DangThucHien,
        FollowUpStatus::DaThucHien => HandlingState::DaThucHien,
        FollowUpStatus::ThucHienMotPhan => HandlingState::ThucHienMotPhan,
        FollowUpStatus::KhongThucHien => HandlingState::KhongThucHien,
    }
}

/// The figures of `ws` for `report`'s year and window.
pub fn app_figures(ws: &Workspace, report: &ThplReport) -> AppFigures {
    let year = report.year();
    let window = report.ky_bao_cao;
    let in_window = |i: &&Inspection| {
        i.start_date()
            .is_some_and(|d| window.tu_ngay <= d && d <= window.den_ngay)
    };
    let mut plans: Vec<&Plan> = ws
        .plans()
        .filter(|p| is_monitoring_plan_of(p, year))
        .collect();
    plans.sort_by(|a, b| {
        (
            a.issue_date,
            a.number.as_ref().map(|n| n.to_string()),
            &a.title,
        )
            .cmp(&(
                b.issue_date,
                b.number.as_ref().map(|n| n.to_string()),
                &b.title,
            ))
    });
    let ke_hoach = plans
        .iter()
        .map(|p| plan_entry(p, window.den_ngay))
        .collect();

    let monitoring: Vec<&Inspection> = plans
        .iter()
        .flat_map(|p| ws.inspections_of_plan(p.id))
        .filter(in_window)
        .collect();
    let mut by_kind = [0u64; FindingKind::ALL.len()];
    let mut follow = FollowUpSummary::default();
    for i in &monitoring {
        for f in i.findings() {
            if let Some(n) = FindingKind::ALL
                .iter()
                .position(|k| *k == f.kind)
                .and_then(|ix| by_kind.get_mut(ix))
            {
                *n += 1;
            }
        }
        if i.is_locked() {
            follow.add(&i.follow_up_summary(window.den_ngay));
        }
    }
    let phat_hien_theo_loai = FindingKind::ALL
        .iter()
        .zip(by_kind)
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| NamedCount {
            ten: k.entry().vi.to_string(),
            so_luong: Some(n),
        })
        .collect();
    let kiem_tra = InspectionSection {
        so_cuoc_kiem_tra: Some(monitoring.len() as u64),
        so_cuoc_da_ket_thuc: Some(monitoring.iter().filter(|i| i.is_locked()).count() as u64),
        phat_hien_theo_loai,
        nhan_xet: String::new(),
    };
    let n = |v: u32| Some(u64::from(v));
    let theo_doi_kien_nghi = FollowUpCounts {
        so_kien_nghi: n(follow.made),
        da_thuc_hien: n(follow.done),
        thuc_hien_mot_phan: n(follow.partly),
        khong_thuc_hien: n(follow.not_done),
        chua_xong: n(follow.open),
        qua_han: n(follow.overdue),
    };

    let mut kien_nghi_sua_doi = Vec::new();
    let mut every: Vec<&Inspection> = ws.inspections().filter(in_window).collect();
    every.sort_by_key(|i| (i.start_date(), i.id()));
    for i in every {
        let plan = ws.plan(i.plan_id());
        let unit = plan
            .and_then(|p| p.unit(i.unit_id()))
            .map(|u| u.name.trim().to_string())
            .unwrap_or_default();
        let plan_no = plan
            .and_then(|p| p.number.as_ref())
            .map(|n| format!("Kế hoạch số {n}"))
            .unwrap_or_default();
        let nguon = [plan_no, unit]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        for f in i.findings() {
            let Some(a) = &f.amendment else { continue };
            kien_nghi_sua_doi.push(AmendmentHandling {
                van_ban: a.document.trim().to_string(),
                dieu: a.article.trim().to_string(),
                khoan: a.clause.trim().to_string(),
                bat_cap: a.problem.trim().to_string(),
                de_xuat: a.proposal.trim().to_string(),
                co_quan_nhan: a.addressed_to.trim().to_string(),
                nguon: nguon.clone(),
                tinh_trang: f
                    .recommendation
                    .as_ref()
                    .map(|r| state_of(r.tracking.status))
                    .unwrap_or_default(),
            });
        }
    }
    AppFigures {
        ke_hoach,
        kiem_tra,
        theo_doi_kien_nghi,
        kien_nghi_sua_doi,
    }
}

/// Puts the app's figures into `report`, keeping what the user wrote (the
/// plans' and inspections' assessments, every narrative section).
pub fn prefill(report: &mut ThplReport, ws: &Workspace) {
    let f = app_figures(ws, report);
    report.ke_hoach.ke_hoach = f.ke_hoach;
    let nhan_xet = std::mem::take(&mut report.kiem_tra.nhan_xet);
    report.kiem_tra = InspectionSection {
        nhan_xet,
        ..f.kiem_tra
    };
    report.theo_doi_kien_nghi = f.theo_doi_kien_nghi;
    report.kien_nghi_sua_doi = f.kien_nghi_sua_doi;
}
