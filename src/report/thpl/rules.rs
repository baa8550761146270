//! Which texts govern a yearly THPL report, its data window and its due
//! date, chosen by the report's year (its cutoff, 30/11), not by today.
//!
//! From the addendum §3 and §6: NĐ 59/2012 as amended by NĐ 32/2020
//! (effective 15/05/2020) sets, for ministries and provincial People's
//! Committees, the window "từ ngày 01 tháng 12 của năm trước kỳ báo cáo đến
//! ngày 30 tháng 11 của kỳ báo cáo" and the deadline "chậm nhất vào ngày 10
//! tháng 12 của kỳ báo cáo" (Điều 16 khoản 6, Điều 17 khoản 5); districts and
//! communes report "theo yêu cầu của Ủy ban nhân dân cấp trên trực tiếp", so
//! the user enters their date. TT 04/2021/TT-BTP (effective 10/08/2021)
//! guides it; before, TT 14/2014/TT-BTP and the THPL clauses of TT 16/2018.
//! NĐ 80/2025/NĐ-CP of 01/4/2025 now covers the same ground, but its rules on
//! reports are not in the reference: from the 2025 report on, the app keeps
//! NĐ 59/2012's window, says so, and asks the user for the due date.

use chrono::NaiveDate;

use crate::report::period::{DueDate, DueDateSource, PeriodKind, ReportPeriod};

use super::ThplLevel;

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// NĐ 32/2020/NĐ-CP took effect on 15/05/2020 (addendum §6.4).
pub fn nd32_2020_effective() -> NaiveDate {
    ymd(2020, 5, 15).unwrap_or(NaiveDate::MIN)
}

/// TT 04/2021/TT-BTP took effect on 10/08/2021 (addendum §3).
pub fn tt04_2021_effective() -> NaiveDate {
    ymd(2021, 8, 10).unwrap_or(NaiveDate::MIN)
}

/// NĐ 80/2025/NĐ-CP is dated 01/4/2025 (reference §0); its effective date
/// and reporting rules are not in the reference.
pub fn nd80_2025_date() -> NaiveDate {
    ymd(2025, 4, 1).unwrap_or(NaiveDate::MIN)
}

/// The decree, as the report cites it.
pub const DECREE_VI: &str = "Nghị định số 59/2012/NĐ-CP của Chính phủ về theo dõi tình \
     hình thi hành pháp luật, được sửa đổi, bổ sung bởi Nghị định số 32/2020/NĐ-CP ngày \
     05/3/2020";
/// TT 04/2021, as the report cites it.
pub const TT04_VI: &str = "Thông tư số 04/2021/TT-BTP ngày 21/6/2021 của Bộ trưởng Bộ Tư pháp";
/// The guidance before TT 04/2021.
pub const TT14_VI: &str = "Thông tư số 14/2014/TT-BTP và Thông tư số 16/2018/TT-BTP (các quy định \
     về theo dõi tình hình thi hành pháp luật)";

/// Shown on every THPL report: the outline was not found.
pub const OUTLINE_NOT_FOUND_VI: &str = "Mẫu đề cương báo cáo tại Phụ lục I kèm theo Thông tư số \
     04/2021/TT-BTP chưa được tìm thấy trong nguồn tham khảo; các mục của báo cáo này theo các \
     nội dung thông tin tại khoản 1 Điều 11 và tiêu chí đánh giá tại Điều 7 đến Điều 10a Nghị \
     định số 59/2012/NĐ-CP (sửa đổi, bổ sung bởi Nghị định số 32/2020/NĐ-CP).";
/// The same for the report on amendment recommendations (Phụ lục II).
pub const ANNEX_II_NOT_FOUND_VI: &str = "Mẫu báo cáo tại Phụ lục II kèm theo Thông tư số \
     04/2021/TT-BTP chưa được tìm thấy trong nguồn tham khảo; báo cáo liệt kê từng kiến nghị, cơ \
     quan nhận kiến nghị và tình hình xử lý.";
/// For reports before TT 04/2021.
pub const OLD_OUTLINE_NOT_FOUND_VI: &str = "Đề cương báo cáo theo Thông tư số 14/2014/TT-BTP, \
     Thông tư số 16/2018/TT-BTP chưa được tìm thấy trong nguồn tham khảo; các mục của báo cáo \
     này theo khoản 1 Điều 11 và Điều 7 đến Điều 10a Nghị định số 59/2012/NĐ-CP (sửa đổi, bổ \
     sung bởi Nghị định số 32/2020/NĐ-CP).";
/// From the 2025 report on.
pub const ND80_NOTE_VI: &str = "Nghị định số 80/2025/NĐ-CP ngày 01/4/2025 về tổ chức thi hành văn \
     bản quy phạm pháp luật nay điều chỉnh nội dung này; ngày hiệu lực và quy định về báo cáo của \
     Nghị định này chưa có trong nguồn tham khảo. Thời gian chốt số liệu dưới đây theo Nghị định \
     số 59/2012/NĐ-CP; người dùng kiểm tra lại và tự nhập hạn gửi báo cáo.";

/// Due-date rule for provincial People's Committees and ministries.
pub const DUE_TINH_BO_VI: &str = "Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban nhân dân \
     cấp tỉnh gửi Bộ Tư pháp chậm nhất vào ngày 10 tháng 12 của kỳ báo cáo (Điều 16 khoản 6, \
     Điều 17 khoản 5 Nghị định số 59/2012/NĐ-CP, sửa đổi bởi Nghị định số 32/2020/NĐ-CP).";
/// Due-date rule for districts and communes.
pub const DUE_HUYEN_XA_VI: &str = "Ủy ban nhân dân cấp huyện, cấp xã gửi báo cáo theo yêu cầu của \
     Ủy ban nhân dân cấp trên trực tiếp (Điều 17 khoản 5 Nghị định số 59/2012/NĐ-CP, sửa đổi bởi \
     Nghị định số 32/2020/NĐ-CP); người dùng nhập hạn theo văn bản yêu cầu của cấp trên.";
/// Window rule.
pub const WINDOW_VI: &str = "Thời gian chốt số liệu: từ ngày 01 tháng 12 của năm trước kỳ báo cáo \
     đến ngày 30 tháng 11 của kỳ báo cáo (Điều 16 khoản 6, Điều 17 khoản 5 Nghị định số \
     59/2012/NĐ-CP, sửa đổi bởi Nghị định số 32/2020/NĐ-CP).";

/// Why a report cannot be set up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThplError {
    /// The year's cutoff is before NĐ 32/2020 took effect.
    #[error(
        "báo cáo năm {0}: thời gian chốt số liệu và hạn gửi theo quy định trước Nghị định số \
         32/2020/NĐ-CP (hiệu lực từ 15/5/2020) không có đủ trong nguồn tham khảo; ứng dụng lập \
         báo cáo từ năm 2020"
    )]
    BeforeNd32(i32),
    /// Outside the calendar.
    #[error("năm {0} nằm ngoài phạm vi hỗ trợ")]
    YearOutOfRange(i32),
    /// No default due date and none entered.
    #[error("chưa có hạn gửi báo cáo: {0}")]
    NoDueDate(&'static str),
}

/// The texts that govern the report of `year`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThplTexts {
    /// The decree (NĐ 59/2012 as amended by NĐ 32/2020).
    pub decree_vi: &'static str,
    /// The guiding circular(s) in force on the cutoff.
    pub guidance_vi: &'static str,
    /// What was not found, to print on the report.
    pub outline_note_vi: &'static str,
    /// Set from the 2025 report on (NĐ 80/2025).
    pub later_text_note_vi: Option<&'static str>,
}

/// The cutoff of `year`'s report, 30/11.
fn cutoff(year: i32) -> Result<NaiveDate, ThplError> {
    ymd(year, 11, 30)
        .filter(|_| (1..=9998).contains(&year))
        .ok_or(ThplError::YearOutOfRange(year))
}

/// The texts in force for the report of `year`.
pub fn texts(year: i32) -> Result<ThplTexts, ThplError> {
    let c = cutoff(year)?;
    if c < nd32_2020_effective() {
        return Err(ThplError::BeforeNd32(year));
    }
    let tt04 = c >= tt04_2021_effective();
    Ok(ThplTexts {
        decree_vi: DECREE_VI,
        guidance_vi: if tt04 { TT04_VI } else { TT14_VI },
        outline_note_vi: if tt04 {
            OUTLINE_NOT_FOUND_VI
        } else {
            OLD_OUTLINE_NOT_FOUND_VI
        },
        later_text_note_vi: (c >= nd80_2025_date()).then_some(ND80_NOTE_VI),
    })
}

/// The data window of `year`: 01/12 of the previous year to 30/11.
pub fn window(year: i32) -> Result<ReportPeriod, ThplError> {
    texts(year)?;
    let den_ngay = cutoff(year)?;
    let tu_ngay = ymd(year - 1, 12, 1).ok_or(ThplError::YearOutOfRange(year))?;
    Ok(ReportPeriod {
        loai: PeriodKind::DinhKyNam,
        tu_ngay,
        den_ngay,
    })
}

/// The default due date of `year`'s report at `level` and its rule.
pub fn default_due(
    year: i32,
    level: ThplLevel,
) -> Result<(Option<NaiveDate>, &'static str), ThplError> {
    let t = texts(year)?;
    Ok(match level {
        ThplLevel::HuyenXa => (None, DUE_HUYEN_XA_VI),
        ThplLevel::TinhBo if t.later_text_note_vi.is_some() => (None, ND80_NOTE_VI),
        ThplLevel::TinhBo => (ymd(year, 12, 10), DUE_TINH_BO_VI),
    })
}

/// The due date to use: the user's when given, else the default.
pub fn resolve_due(
    year: i32,
    level: ThplLevel,
    user_set: Option<NaiveDate>,
) -> Result<DueDate, ThplError> {
    let (default, rule) = default_due(year, level)?;
    match (user_set, default) {
        (Some(han_nop), _) => Ok(DueDate {
            han_nop,
            nguon: DueDateSource::NguoiDungDat,
        }),
        (None, Some(han_nop)) => Ok(DueDate {
            han_nop,
            nguon: DueDateSource::MacDinhCheDo,
        }),
        (None, None) => Err(ThplError::NoDueDate(rule)),
    }
}

/// The English of a rule or note of this module, for the English interface
/// (falls back to the Vietnamese; a native test checks every text has one).
pub fn english(vi: &str) -> &str {
    let table: [(&str, &str); 7] = [
        (
            OUTLINE_NOT_FOUND_VI,
            "The outline of Annex I to Circular 04/2021/TT-BTP was not found in the reference; \
             the sections of this report follow the information headings of Article 11(1) and \
             the criteria of Articles 7 to 10a of Decree 59/2012/ND-CP (as amended by Decree \
             32/2020/ND-CP).",
        ),
        (
            ANNEX_II_NOT_FOUND_VI,
            "The form of Annex II to Circular 04/2021/TT-BTP was not found in the reference; the \
             report lists each recommendation, the body it went to and how it was handled.",
        ),
        (
            OLD_OUTLINE_NOT_FOUND_VI,
            "The outline under Circulars 14/2014/TT-BTP and 16/2018/TT-BTP was not found in the \
             reference; the sections follow Article 11(1) and Articles 7 to 10a of Decree \
             59/2012/ND-CP (as amended by Decree 32/2020/ND-CP).",
        ),
        (
            ND80_NOTE_VI,
            "Decree 80/2025/ND-CP of 01/4/2025 on organising the implementation of legal \
             documents now governs this work; its effective date and reporting rules are not in \
             the reference. The data window below follows Decree 59/2012/ND-CP; check it and \
             enter the due date.",
        ),
        (
            DUE_TINH_BO_VI,
            "Ministries, ministerial-level and government agencies and provincial People's \
             Committees send it to the Ministry of Justice by 10 December of the reporting year \
             (Decree 59/2012/ND-CP as amended by Decree 32/2020/ND-CP, Art. 16(6), 17(5)).",
        ),
        (
            DUE_HUYEN_XA_VI,
            "District and commune People's Committees report as the People's Committee directly \
             above requires (Art. 17(5)); enter the due date from its request.",
        ),
        (
            WINDOW_VI,
            "Data window: from 1 December of the previous year to 30 November of the reporting \
             year (Decree 59/2012/ND-CP as amended by Decree 32/2020/ND-CP, Art. 16(6), 17(5)).",
        ),
    ];
    table
        .iter()
        .find(|(v, _)| *v == vi)
        .map(|(_, en)| *en)
        .unwrap_or(vi)
}

/// Every text [`english`] translates (for the test that each has one).
pub const ALL_NOTES_VI: [&str; 7] = [
    OUTLINE_NOT_FOUND_VI,
    ANNEX_II_NOT_FOUND_VI,
    OLD_OUTLINE_NOT_FOUND_VI,
    ND80_NOTE_VI,
    DUE_TINH_BO_VI,
    DUE_HUYEN_XA_VI,
    WINDOW_VI,
];
