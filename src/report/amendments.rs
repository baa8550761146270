//! The list of proposals to amend legal texts (danh sách kiến nghị sửa đổi,
//! bổ sung văn bản) gathered from every inspection's findings about the law,
//! as an agency copies it into its annual report: one self-contained JSON
//! file (not the signed report envelope) and the same rows for the print
//! view. Built from the workspace by name, so the file reads on its own.

use crate::domain::workspace::Workspace;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Identifier of this file's format.
pub const AMENDMENT_LIST_SCHEMA: &str = "urn:kiemtra:kien-nghi-sua-doi-van-ban:v1";

/// One proposal with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendmentItem {
    /// What is wrong.
    pub bat_cap: String,
    /// Body addressed.
    pub co_quan_nhan: String,
    /// Proposed change.
    pub de_xuat: String,
    /// Điều.
    pub dieu: String,
    /// Inspected unit.
    pub don_vi_duoc_kiem_tra: String,
    /// Plan title.
    pub ke_hoach: String,
    /// Khoản, điểm.
    pub khoan: String,
    /// Finding kind (Vietnamese).
    pub loai_phat_hien: String,
    /// What was found.
    pub phat_hien: String,
    /// Plan number, e.g. "09/KH-UBND".
    pub so_ky_hieu_ke_hoach: String,
    /// The text concerned.
    pub van_ban: String,
}

/// The whole list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendmentList {
    /// Proposals, by plan then unit.
    pub kien_nghi: Vec<AmendmentItem>,
    /// Date drawn up.
    pub ngay_lap: NaiveDate,
    /// [`AMENDMENT_LIST_SCHEMA`].
    pub schema: String,
}

/// Every amendment proposal of the workspace, sorted by plan number, unit
/// and text concerned.
pub fn amendment_list(ws: &Workspace, today: NaiveDate) -> AmendmentList {
    let mut items: Vec<AmendmentItem> = ws
        .amendment_rows()
        .into_iter()
        .map(|r| {
            let plan = ws.plan(r.plan);
            AmendmentItem {
                ke_hoach: plan.map(|p| p.title.trim().to_string()).unwrap_or_default(),
                so_ky_hieu_ke_hoach: plan
                    .and_then(|p| p.number.as_ref())
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
                don_vi_duoc_kiem_tra: plan
                    .and_then(|p| p.unit(r.unit))
                    .map(|u| u.name.clone())
                    .unwrap_or_default(),
                loai_phat_hien: r.kind.entry().vi.to_string(),
                phat_hien: r.finding_text,
                van_ban: r.proposal.document,
                dieu: r.proposal.article,
                khoan: r.proposal.clause,
                bat_cap: r.proposal.problem,
                de_xuat: r.proposal.proposal,
                co_quan_nhan: r.proposal.addressed_to,
            }
        })
        .collect();
    items.sort_by(|a, b| {
        (&a.so_ky_hieu_ke_hoach, &a.don_vi_duoc_kiem_tra, &a.van_ban).cmp(&(
            &b.so_ky_hieu_ke_hoach,
            &b.don_vi_duoc_kiem_tra,
            &b.van_ban,
        ))
    });
    AmendmentList {
        schema: AMENDMENT_LIST_SCHEMA.to_string(),
        ngay_lap: today,
        kien_nghi: items,
    }
}

/// The list as pretty JSON (UTF-8, Vietnamese kept as is).
pub fn amendment_list_json(list: &AmendmentList) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(list)
}
