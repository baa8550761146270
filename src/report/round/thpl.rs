//! A THPL round: the Department collects every agency's yearly report on
//! monitoring law implementation (báo cáo công tác theo dõi tình hình thi
//! hành pháp luật hằng năm, TT 04/2021/TT-BTP Điều 8 khoản 1) instead of
//! XLVPHC periodic reports. The round's kind is chosen when it is created
//! ([`RoundKind`]); the files it keeps ([`ReceivedThplFile`]) sit beside the
//! XLVPHC ones in [`Round::tep_thpl`], a field left out of the stored record
//! while empty, so an XLVPHC round is stored byte for byte as before.
//!
//! The rules are those of an XLVPHC round: the latest file of a unit counts,
//! an identical file is a duplicate, a unit not on the list is flagged, the
//! unit's signing key is accepted with its first signed file and a changed
//! key (or a file unsigned after signed ones) is held until the user accepts
//! or refuses it ([`super::keys`]),
//! timeliness is the unit's first date received against the round's due
//! date. Completeness is the THPL report's own ([`thpl::checks::completeness`]);
//! the totals add up the report's counts over the units that reported.
//!
//! [`thpl::checks::completeness`]: crate::report::thpl::checks::completeness

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::status::{statuses_of, tally, Status, StatusCounts};
use super::Round;
use crate::report::period::Regime;
use crate::report::thpl::checks::{completeness, ThplMissing, ThplSection};
use crate::report::thpl::{rules, ThplLevel, ThplReport};

/// What a round collects.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundKind {
    /// XLVPHC periodic reports (the only kind before THPL rounds; a stored
    /// round without the field is one).
    #[default]
    Xlvphc,
    /// Yearly reports on monitoring law implementation.
    TheoDoiThpl,
}

impl RoundKind {
    /// True for an XLVPHC round (the field is then left out when stored).
    pub fn is_xlvphc(&self) -> bool {
        *self == RoundKind::Xlvphc
    }
}

/// One THPL report file kept in a round: as [`super::ReceivedFile`], with a
/// THPL report as content (its `khoa_ky` is stored from round version 4).
pub type ReceivedThplFile = super::RoundFile<ThplReport>;

impl Round {
    /// An empty THPL round for the reports of `year` (window 01/12 of the
    /// previous year to 30/11), due `han_nop` or, when `None`, the default
    /// due date of the provincial level (10/12 of the year, NĐ 59/2012 as
    /// amended by NĐ 32/2020). `che_do_bao_cao` is kept as given: it plays no
    /// part in receiving THPL files.
    pub fn new_thpl(
        ten: impl Into<String>,
        year: i32,
        che_do_bao_cao: Regime,
        han_nop: Option<NaiveDate>,
    ) -> Result<Self, rules::ThplError> {
        let ky_bao_cao = rules::window(year)?;
        let due = rules::resolve_due(year, ThplLevel::TinhBo, han_nop)?;
        let mut round = Round::new(ten, ky_bao_cao, che_do_bao_cao, due.han_nop);
        round.loai = RoundKind::TheoDoiThpl;
        Ok(round)
    }

    /// The round collects THPL reports.
    pub fn is_thpl(&self) -> bool {
        self.loai == RoundKind::TheoDoiThpl
    }

    /// THPL files whose unit is not on the expected list.
    pub fn unknown_unit_thpl_files(&self) -> Vec<&ReceivedThplFile> {
        self.unknown_among(&self.tep_thpl)
    }
}

/// One expected unit's status in a THPL round; `thieu` lists what the
/// counted report does not fill in.
pub type ThplUnitStatus<'a> = Status<'a, ThplReport, ThplMissing>;

impl ThplUnitStatus<'_> {
    /// The sections with something missing, in print order, once each.
    pub fn sections_missing(&self) -> Vec<ThplSection> {
        let mut s: Vec<ThplSection> = self.thieu.iter().map(|m| m.section).collect();
        s.sort();
        s.dedup();
        s
    }
}

/// The status of every expected unit of a THPL round, in the list's order
/// (an XLVPHC round's THPL list is empty, so every unit reads "not sent").
pub fn thpl_statuses(round: &Round) -> Vec<ThplUnitStatus<'_>> {
    statuses_of(round, &round.tep_thpl, completeness)
}

/// The count line's figures of a THPL round.
pub fn thpl_counts(round: &Round) -> StatusCounts {
    tally(&thpl_statuses(round), round.unknown_unit_thpl_files().len())
}

/// One count of the THPL report added up over the units that reported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThplTotal {
    /// JSON path of the count in the report, e.g.
    /// `van_ban_quy_dinh_chi_tiet.so_van_ban`.
    pub code: &'static str,
    /// Vietnamese label.
    pub nhan_vi: &'static str,
    /// English label.
    pub nhan_en: &'static str,
    /// The sum over the units whose counted file gives the count.
    pub tong: u64,
    /// Units whose counted file gives it.
    pub so_don_vi_co_so_lieu: usize,
    /// Units that reported but left it empty (kept apart from 0).
    pub so_don_vi_chua_nhap: usize,
}

type Getter = fn(&ThplReport) -> Option<u64>;

fn len(n: usize) -> Option<u64> {
    u64::try_from(n).ok()
}

fn tasks(r: &ThplReport, f: fn(&crate::report::thpl::TaskCounts) -> u64) -> Option<u64> {
    Some(
        r.ke_hoach
            .ke_hoach
            .iter()
            .fold(0u64, |acc, p| acc.saturating_add(f(&p.nhiem_vu))),
    )
}

/// The counts added up, in print order: (code, Vietnamese label, English
/// label, getter). Counts the
/// report always has (plans, their tasks, amendment proposals listed) are
/// never "not entered".
const THPL_FIELDS: [(&str, &str, &str, Getter); 16] = [
    (
        "ke_hoach.ke_hoach",
        "Số kế hoạch theo dõi tình hình thi hành pháp luật",
        "Monitoring plans",
        |r| len(r.ke_hoach.ke_hoach.len()),
    ),
    (
        "ke_hoach.nhiem_vu.tong_so",
        "Tổng số nhiệm vụ theo kế hoạch",
        "Tasks in the plans",
        |r| tasks(r, |t| t.tong_so),
    ),
    (
        "ke_hoach.nhiem_vu.hoan_thanh",
        "Nhiệm vụ đã hoàn thành",
        "Tasks done",
        |r| tasks(r, |t| t.hoan_thanh),
    ),
    (
        "ke_hoach.nhiem_vu.qua_han",
        "Nhiệm vụ quá hạn",
        "Tasks overdue",
        |r| tasks(r, |t| t.qua_han),
    ),
    (
        "van_ban_quy_dinh_chi_tiet.so_van_ban",
        "Số văn bản quy định chi tiết",
        "Detailing regulations",
        |r| r.van_ban_quy_dinh_chi_tiet.so_van_ban,
    ),
    (
        "van_ban_quy_dinh_chi_tiet.so_cham_tien_do",
        "Số văn bản ban hành chậm tiến độ",
        "Detailing regulations issued late",
        |r| r.van_ban_quy_dinh_chi_tiet.so_cham_tien_do,
    ),
    (
        "van_ban_quy_dinh_chi_tiet.so_khong_thong_nhat_dong_bo",
        "Số văn bản không thống nhất, không đồng bộ",
        "Regulations inconsistent or not aligned",
        |r| r.van_ban_quy_dinh_chi_tiet.so_khong_thong_nhat_dong_bo,
    ),
    (
        "van_ban_quy_dinh_chi_tiet.so_kha_thi_khong_cao",
        "Số văn bản có tính khả thi không cao",
        "Regulations of low feasibility",
        |r| r.van_ban_quy_dinh_chi_tiet.so_kha_thi_khong_cao,
    ),
    (
        "kiem_tra.so_cuoc_kiem_tra",
        "Số cuộc kiểm tra tình hình thi hành pháp luật",
        "Inspections of law implementation",
        |r| r.kiem_tra.so_cuoc_kiem_tra,
    ),
    (
        "kiem_tra.so_cuoc_da_ket_thuc",
        "Số cuộc kiểm tra đã kết thúc",
        "Inspections finished",
        |r| r.kiem_tra.so_cuoc_da_ket_thuc,
    ),
    (
        "theo_doi_kien_nghi.so_kien_nghi",
        "Số kiến nghị đã đưa ra",
        "Recommendations made",
        |r| r.theo_doi_kien_nghi.so_kien_nghi,
    ),
    (
        "theo_doi_kien_nghi.da_thuc_hien",
        "Kiến nghị đã thực hiện",
        "Recommendations carried out",
        |r| r.theo_doi_kien_nghi.da_thuc_hien,
    ),
    (
        "theo_doi_kien_nghi.thuc_hien_mot_phan",
        "Kiến nghị thực hiện một phần",
        "Recommendations partly carried out",
        |r| r.theo_doi_kien_nghi.thuc_hien_mot_phan,
    ),
    (
        "theo_doi_kien_nghi.khong_thuc_hien",
        "Kiến nghị không thực hiện",
        "Recommendations not carried out",
        |r| r.theo_doi_kien_nghi.khong_thuc_hien,
    ),
    (
        "theo_doi_kien_nghi.qua_han",
        "Kiến nghị quá hạn",
        "Recommendations overdue",
        |r| r.theo_doi_kien_nghi.qua_han,
    ),
    (
        "kien_nghi_sua_doi",
        "Số kiến nghị sửa đổi, bổ sung, ban hành mới văn bản",
        "Law-amendment recommendations",
        |r| len(r.kien_nghi_sua_doi.len()),
    ),
];

/// The codes of the totals, in print order (for the UI's translations).
pub fn thpl_total_codes() -> Vec<&'static str> {
    THPL_FIELDS.iter().map(|(c, _, _, _)| *c).collect()
}

/// The THPL report's counts added up over the expected units' counted
/// files (files of units not on the list count once the unit is added).
pub fn thpl_totals(round: &Round) -> Vec<ThplTotal> {
    let st = thpl_statuses(round);
    let reports: Vec<&ThplReport> = st
        .iter()
        .filter_map(|s| s.hien_hanh.map(|f| &f.report))
        .collect();
    THPL_FIELDS
        .iter()
        .map(|(code, nhan_vi, nhan_en, get)| {
            let mut t = ThplTotal {
                code,
                nhan_vi,
                nhan_en,
                tong: 0,
                so_don_vi_co_so_lieu: 0,
                so_don_vi_chua_nhap: 0,
            };
            for r in &reports {
                match get(r) {
                    Some(v) => {
                        t.tong = t.tong.saturating_add(v);
                        t.so_don_vi_co_so_lieu += 1;
                    }
                    None => t.so_don_vi_chua_nhap += 1,
                }
            }
            t
        })
        .collect()
}

/// The units an urging letter is for (missing, late or incomplete), in the
/// list's order, whatever the round's kind.
pub fn units_needing_urging(round: &Round) -> Vec<String> {
    if round.is_thpl() {
        thpl_statuses(round)
            .into_iter()
            .filter(|s| s.needs_urging())
            .map(|s| s.don_vi.ten.clone())
            .collect()
    } else {
        super::statuses(round)
            .into_iter()
            .filter(|s| s.needs_urging())
            .map(|s| s.don_vi.ten.clone())
            .collect()
    }
}

/// The count line's figures whatever the round's kind.
pub fn counts_of(round: &Round) -> StatusCounts {
    if round.is_thpl() {
        thpl_counts(round)
    } else {
        super::status::counts(round)
    }
}
