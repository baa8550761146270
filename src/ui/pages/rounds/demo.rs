//! Demo data: the Department of Justice of Cần Thơ receiving the 2021
//! yearly reports of its nine districts and of departments named by their
//! generic, well-known titles (no other unit is invented). The due date is
//! an example set by the user (TT 16/2018 gives none for reports to the
//! level above, see `report::period`).

use crate::report::period::{Regime, ReportPeriod};
use crate::report::periodic::ReportingUnit;
use crate::report::round::{Issuer, Round};
use chrono::NaiveDate;

/// Cần Thơ's five urban districts (quận) and four rural districts (huyện).
const DISTRICTS: [&str; 9] = [
    "Ủy ban nhân dân quận Ninh Kiều",
    "Ủy ban nhân dân quận Bình Thủy",
    "Ủy ban nhân dân quận Cái Răng",
    "Ủy ban nhân dân quận Ô Môn",
    "Ủy ban nhân dân quận Thốt Nốt",
    "Ủy ban nhân dân huyện Phong Điền",
    "Ủy ban nhân dân huyện Cờ Đỏ",
    "Ủy ban nhân dân huyện Thới Lai",
    "Ủy ban nhân dân huyện Vĩnh Thạnh",
];

/// Departments every province had in 2021, by their generic names.
const DEPARTMENTS: [&str; 8] = [
    "Sở Tài chính",
    "Sở Y tế",
    "Sở Xây dựng",
    "Sở Công Thương",
    "Sở Giao thông vận tải",
    "Sở Tài nguyên và Môi trường",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
];

/// The demo round, or `None` if a date cannot be built (never in practice).
pub fn demo_round() -> Option<Round> {
    let mut round = Round::new(
        "Báo cáo năm 2021 (dữ liệu mẫu)",
        ReportPeriod::yearly(2021).ok()?,
        Regime::Tt16_2018,
        NaiveDate::from_ymd_opt(2021, 12, 17)?,
    );
    round.co_quan_ban_hanh = Issuer {
        co_quan: ReportingUnit {
            ten: "Sở Tư pháp".into(),
            co_quan_chu_quan: "Ủy ban nhân dân thành phố Cần Thơ".into(),
        },
        ky_hieu: "STP".into(),
        dia_danh: "Cần Thơ".into(),
        chuc_vu_ky: vec!["Giám đốc".into()],
        nguoi_ky: String::new(),
        noi_nhan_khac: Vec::new(),
        luu: "VT".into(),
    };
    for ten in DEPARTMENTS.iter().chain(DISTRICTS.iter()) {
        round.add_unit(ReportingUnit {
            ten: (*ten).to_owned(),
            co_quan_chu_quan: "Thành phố Cần Thơ".into(),
        });
    }
    Some(round)
}
