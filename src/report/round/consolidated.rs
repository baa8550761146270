//! The consolidated report of a round (báo cáo tổng hợp), exported as a
//! report file of the same family (`report_kind` = `tong_hop`): the issuing
//! department, the period and regime, the status counts, the total of every
//! count with how many units entered it, and its sources (unit, file name,
//! content hash, date received, timeliness). The envelope carries its own
//! content hash like every report file.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::status::{counts, statuses, Submission};
use super::totals::totals;
use super::Round;
use crate::report::period::{Regime, ReportPeriod};
use crate::report::periodic::ReportingUnit;

/// One consolidated figure.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct ConsolidatedFigure {
    /// Field code of the periodic report, e.g. `xu_phat.so_vu_phat_hien`.
    pub ma: String,
    /// Units that reported but left it empty ("chưa nhập", not 0).
    pub so_don_vi_chua_nhap: u64,
    /// Units whose report has the figure.
    pub so_don_vi_da_nhap: u64,
    /// Sum over the units that entered it; `null` when none did.
    pub tong: Option<u64>,
}

/// One source file counted.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct ConsolidatedSource {
    /// The file's `content_sha256`.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub content_sha256: String,
    /// The unit.
    pub don_vi: ReportingUnit,
    /// Date received.
    pub ngay_nhan: NaiveDate,
    /// Days after the round's due date the unit first reported (0 = on time).
    pub so_ngay_cham: u64,
    /// The file name as received.
    pub ten_tep: String,
}

/// The consolidated report of a round.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct ConsolidatedReport {
    /// Regime of the reports.
    pub che_do_bao_cao: Regime,
    /// The consolidating unit (e.g. Sở Tư pháp).
    pub don_vi_bao_cao: ReportingUnit,
    /// Units that did not report.
    pub don_vi_chua_bao_cao: Vec<ReportingUnit>,
    /// The round's due date for the units.
    pub han_nop_don_vi: NaiveDate,
    /// Period consolidated.
    pub ky_bao_cao: ReportPeriod,
    /// The files counted, one per unit that reported.
    pub nguon: Vec<ConsolidatedSource>,
    /// Units that reported late.
    pub so_don_vi_cham: u64,
    /// Units whose report has fields not entered.
    pub so_don_vi_chua_day_du: u64,
    /// Units that reported.
    pub so_don_vi_da_bao_cao: u64,
    /// Units expected to report.
    pub so_don_vi_phai_bao_cao: u64,
    /// Số, ký hiệu of the written report; may be empty.
    pub so_ky_hieu: String,
    /// Every count of the periodic report, in form order.
    pub so_lieu: Vec<ConsolidatedFigure>,
}

fn n(v: usize) -> u64 {
    u64::try_from(v).unwrap_or(u64::MAX)
}

/// The consolidated report of `round`, numbered `so_ky_hieu`.
pub fn consolidate(round: &Round, so_ky_hieu: &str) -> ConsolidatedReport {
    let c = counts(round);
    let st = statuses(round);
    let nguon = st
        .iter()
        .filter_map(|s| {
            let f = s.hien_hanh?;
            Some(ConsolidatedSource {
                don_vi: s.don_vi.clone(),
                ten_tep: f.ten_tep.clone(),
                content_sha256: f.content_sha256.clone(),
                ngay_nhan: f.ngay_nhan,
                so_ngay_cham: match s.nop {
                    Submission::Cham { ngay } => u64::try_from(ngay).unwrap_or(0),
                    _ => 0,
                },
            })
        })
        .collect();
    ConsolidatedReport {
        don_vi_bao_cao: round.co_quan_ban_hanh.co_quan.clone(),
        so_ky_hieu: so_ky_hieu.trim().to_owned(),
        ky_bao_cao: round.ky_bao_cao,
        che_do_bao_cao: round.che_do_bao_cao,
        han_nop_don_vi: round.han_nop,
        so_don_vi_phai_bao_cao: n(c.du_kien),
        so_don_vi_da_bao_cao: n(c.da_nop),
        so_don_vi_cham: n(c.cham),
        so_don_vi_chua_day_du: n(c.chua_day_du),
        don_vi_chua_bao_cao: st
            .iter()
            .filter(|s| s.nop == Submission::ChuaNop)
            .map(|s| s.don_vi.clone())
            .collect(),
        so_lieu: totals(round, None)
            .into_iter()
            .map(|t| ConsolidatedFigure {
                ma: t.code.to_owned(),
                tong: t.tong,
                so_don_vi_da_nhap: n(t.so_don_vi_da_nhap),
                so_don_vi_chua_nhap: n(t.so_don_vi_chua_nhap),
            })
            .collect(),
        nguon,
    }
}
