//! Totals of every count of the periodic report in a round (all 35: the 15
//! of NĐ 118/2021 Điều 35 khoản 2 and the 20 of khoản 3, including the
//! enforcement of the establishment-based measures), with the unit-by-unit
//! figures behind each total. A unit that did not enter a count is "chưa
//! nhập", never 0; a total of nothing entered is `None`. Only the counted
//! (latest) file of each expected unit is summed; files from units not on
//! the list count once the unit is added.

use serde::Serialize;

use super::status::statuses;
use super::Round;
use crate::report::periodic::{EstablishmentEnforcement, MeasureCounts, PeriodicReport};

/// Reads one count of a report.
pub type Getter = fn(&PeriodicReport) -> Option<u64>;

fn m_lap(m: &MeasureCounts) -> Option<u64> {
    m.so_nguoi_bi_lap_ho_so
}
fn m_ap(m: &MeasureCounts) -> Option<u64> {
    m.so_nguoi_bi_ap_dung
}
fn e_hoan(e: &EstablishmentEnforcement) -> Option<u64> {
    e.so_qd_hoan_mien
}
fn e_dang(e: &EstablishmentEnforcement) -> Option<u64> {
    e.so_nguoi_dang_chap_hanh
}
fn e_giam(e: &EstablishmentEnforcement) -> Option<u64> {
    e.so_nguoi_giam_thoi_han
}
fn e_mien(e: &EstablishmentEnforcement) -> Option<u64> {
    e.so_nguoi_tam_dinh_chi_mien_con_lai
}

/// Every count of the periodic report, by field code, in form order.
pub const FIELDS: [(&str, Getter); 35] = [
    ("xu_phat.so_vu_phat_hien", |r| r.xu_phat.so_vu_phat_hien),
    ("xu_phat.so_vu_bi_xu_phat", |r| r.xu_phat.so_vu_bi_xu_phat),
    ("xu_phat.doi_tuong_bi_xu_phat.ca_nhan", |r| {
        r.xu_phat.doi_tuong_bi_xu_phat.ca_nhan
    }),
    ("xu_phat.doi_tuong_bi_xu_phat.to_chuc", |r| {
        r.xu_phat.doi_tuong_bi_xu_phat.to_chuc
    }),
    ("xu_phat.tong_so_quyet_dinh", |r| {
        r.xu_phat.tong_so_quyet_dinh
    }),
    ("xu_phat.tong_tien_thu_vnd", |r| r.xu_phat.tong_tien_thu_vnd),
    ("xu_phat.so_gp_cchn_bi_tuoc", |r| {
        r.xu_phat.so_gp_cchn_bi_tuoc
    }),
    ("xu_phat.so_vu_dinh_chi_hoat_dong", |r| {
        r.xu_phat.so_vu_dinh_chi_hoat_dong
    }),
    ("xu_phat.so_qd_da_thi_hanh_xong", |r| {
        r.xu_phat.so_qd_da_thi_hanh_xong
    }),
    ("xu_phat.so_qd_hoan_giam_mien_phat_tien", |r| {
        r.xu_phat.so_qd_hoan_giam_mien_phat_tien
    }),
    ("xu_phat.so_qd_phai_cuong_che", |r| {
        r.xu_phat.so_qd_phai_cuong_che
    }),
    ("xu_phat.so_qd_bi_khieu_nai_khoi_kien", |r| {
        r.xu_phat.so_qd_bi_khieu_nai_khoi_kien
    }),
    ("xu_phat.so_nguoi_chua_thanh_nien_nhac_nho", |r| {
        r.xu_phat.so_nguoi_chua_thanh_nien_nhac_nho
    }),
    ("xu_phat.so_ho_so_chuyen_truy_cuu_hinh_su", |r| {
        r.xu_phat.so_ho_so_chuyen_truy_cuu_hinh_su
    }),
    ("xu_phat.so_ho_so_to_tung_chuyen_den_xu_phat", |r| {
        r.xu_phat.so_ho_so_to_tung_chuyen_den_xu_phat
    }),
    ("bien_phap_xlhc.so_vu_bi_khieu_nai_khoi_kien", |r| {
        r.bien_phap_xlhc.so_vu_bi_khieu_nai_khoi_kien
    }),
    (
        "bien_phap_xlhc.giao_duc_tai_xa.so_nguoi_bi_lap_ho_so",
        |r| m_lap(&r.bien_phap_xlhc.giao_duc_tai_xa),
    ),
    ("bien_phap_xlhc.giao_duc_tai_xa.so_nguoi_bi_ap_dung", |r| {
        m_ap(&r.bien_phap_xlhc.giao_duc_tai_xa)
    }),
    (
        "bien_phap_xlhc.truong_giao_duong.so_nguoi_bi_lap_ho_so",
        |r| m_lap(&r.bien_phap_xlhc.truong_giao_duong),
    ),
    (
        "bien_phap_xlhc.truong_giao_duong.so_nguoi_bi_ap_dung",
        |r| m_ap(&r.bien_phap_xlhc.truong_giao_duong),
    ),
    (
        "bien_phap_xlhc.co_so_giao_duc_bat_buoc.so_nguoi_bi_lap_ho_so",
        |r| m_lap(&r.bien_phap_xlhc.co_so_giao_duc_bat_buoc),
    ),
    (
        "bien_phap_xlhc.co_so_giao_duc_bat_buoc.so_nguoi_bi_ap_dung",
        |r| m_ap(&r.bien_phap_xlhc.co_so_giao_duc_bat_buoc),
    ),
    (
        "bien_phap_xlhc.co_so_cai_nghien_bat_buoc.so_nguoi_bi_lap_ho_so",
        |r| m_lap(&r.bien_phap_xlhc.co_so_cai_nghien_bat_buoc),
    ),
    (
        "bien_phap_xlhc.co_so_cai_nghien_bat_buoc.so_nguoi_bi_ap_dung",
        |r| m_ap(&r.bien_phap_xlhc.co_so_cai_nghien_bat_buoc),
    ),
    (
        "bien_phap_xlhc.so_nguoi_chua_thanh_nien_quan_ly_tai_gia_dinh",
        |r| {
            r.bien_phap_xlhc
                .so_nguoi_chua_thanh_nien_quan_ly_tai_gia_dinh
        },
    ),
    (
        "bien_phap_xlhc.so_nguoi_chua_thanh_nien_giao_duc_cong_dong",
        |r| r.bien_phap_xlhc.so_nguoi_chua_thanh_nien_giao_duc_cong_dong,
    ),
    ("bien_phap_xlhc.so_qd_giao_duc_tai_xa_tam_dinh_chi", |r| {
        r.bien_phap_xlhc.so_qd_giao_duc_tai_xa_tam_dinh_chi
    }),
    (
        "bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb.so_qd_hoan_mien",
        |r| e_hoan(&r.bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb),
    ),
    (
        "bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb.so_nguoi_dang_chap_hanh",
        |r| e_dang(&r.bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb),
    ),
    (
        "bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb.so_nguoi_giam_thoi_han",
        |r| e_giam(&r.bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb),
    ),
    (
        "bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb.so_nguoi_tam_dinh_chi_mien_con_lai",
        |r| e_mien(&r.bien_phap_xlhc.thi_hanh_truong_giao_duong_co_so_gdbb),
    ),
    (
        "bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc.so_qd_hoan_mien",
        |r| e_hoan(&r.bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc),
    ),
    (
        "bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc.so_nguoi_dang_chap_hanh",
        |r| e_dang(&r.bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc),
    ),
    (
        "bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc.so_nguoi_giam_thoi_han",
        |r| e_giam(&r.bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc),
    ),
    (
        "bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc.so_nguoi_tam_dinh_chi_mien_con_lai",
        |r| e_mien(&r.bien_phap_xlhc.thi_hanh_cai_nghien_bat_buoc),
    ),
];

/// The one money field (đồng); the others are counts.
pub const MONEY_FIELD: &str = "xu_phat.tong_tien_thu_vnd";

/// One unit's figure behind a total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "loai", content = "gia_tri")]
pub enum UnitValue {
    /// The unit sent no report.
    ChuaNop,
    /// The unit's report leaves the count empty.
    ChuaNhap,
    /// The figure entered (0 is a real zero).
    SoLieu(u64),
}

/// The total of one count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldTotal {
    /// Field code, e.g. `xu_phat.so_vu_phat_hien`.
    pub code: &'static str,
    /// Sum of the figures entered; `None` when no unit entered it.
    pub tong: Option<u64>,
    /// Units whose report has the figure.
    pub so_don_vi_da_nhap: usize,
    /// Units that reported but left it empty.
    pub so_don_vi_chua_nhap: usize,
    /// Each expected unit's figure, in the list's order.
    pub theo_don_vi: Vec<(String, UnitValue)>,
    /// The same total in the previous round of the regime, when one is given
    /// (`Some(None)`: that round had no figure entered).
    pub ky_truoc: Option<Option<u64>>,
}

impl FieldTotal {
    /// Change against the previous round, when both totals exist.
    pub fn chenh_lech(&self) -> Option<i128> {
        match (self.tong, self.ky_truoc) {
            (Some(now), Some(Some(before))) => Some(i128::from(now) - i128::from(before)),
            _ => None,
        }
    }

    /// True for the money field.
    pub fn is_money(&self) -> bool {
        self.code == MONEY_FIELD
    }
}

/// Totals of `round` with no comparison.
fn plain_totals(round: &Round) -> Vec<FieldTotal> {
    let st = statuses(round);
    FIELDS
        .iter()
        .map(|&(code, get)| {
            let theo_don_vi: Vec<(String, UnitValue)> = st
                .iter()
                .map(|s| {
                    let v = match s.hien_hanh {
                        None => UnitValue::ChuaNop,
                        Some(f) => get(&f.report).map_or(UnitValue::ChuaNhap, UnitValue::SoLieu),
                    };
                    (s.don_vi.ten.clone(), v)
                })
                .collect();
            let entered: Vec<u64> = theo_don_vi
                .iter()
                .filter_map(|(_, v)| match v {
                    UnitValue::SoLieu(n) => Some(*n),
                    _ => None,
                })
                .collect();
            let tong = (!entered.is_empty())
                .then(|| entered.iter().fold(0u64, |a, b| a.saturating_add(*b)));
            FieldTotal {
                code,
                tong,
                so_don_vi_da_nhap: entered.len(),
                so_don_vi_chua_nhap: theo_don_vi
                    .iter()
                    .filter(|(_, v)| *v == UnitValue::ChuaNhap)
                    .count(),
                theo_don_vi,
                ky_truoc: None,
            }
        })
        .collect()
}

/// Totals of every count of `round`, compared with `previous` when given
/// (see [`super::previous_round`]).
pub fn totals(round: &Round, previous: Option<&Round>) -> Vec<FieldTotal> {
    let mut out = plain_totals(round);
    if let Some(prev) = previous {
        for (now, before) in out.iter_mut().zip(plain_totals(prev)) {
            now.ky_truoc = Some(before.tong);
        }
    }
    out
}
