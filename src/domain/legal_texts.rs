//! Which legal text applies on a date: the one place that answers it.
//!
//! - Reporting on XLVPHC law enforcement: the circular of the reporting regime
//!   and the decree that sets the report's contents, chosen by the data
//!   cutoff of the period (its last day), not by today.
//! - Officials' violations in enforcing the law (NĐ 19/2020 Điều 22) and the
//!   discipline forms (Điều 23–29), chosen by the date of the violation:
//!   what NĐ 93/2025/NĐ-CP added (bãi nhiệm, the amended list of 20
//!   behaviours) is offered only from 15/6/2025.
//!
//! Every date here comes from `legal-reference.md` §0 and its addendum §2, §6.
//! Where the reference has no date or no wording, the item says so (see the
//! `*_note_vi` texts) instead of guessing.

use crate::domain::catalog::{CatalogEntry, DisciplineForm, VIOLATION_BEHAVIOURS};
use chrono::NaiveDate;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// TT 16/2018/TT-BTP is dated 14/12/2018. The reference gives no separate
/// effective date, so the app treats periods cut off before that day as
/// outside every regime it knows (the older TT 10/2015 is not supported).
pub fn tt16_2018_date() -> NaiveDate {
    ymd(2018, 12, 14)
}

/// TT 01/2023/TT-BTP took effect on 03/3/2023 (reference §0, [S12]).
pub fn tt01_2023_effective() -> NaiveDate {
    ymd(2023, 3, 3)
}

/// TT 19/2025/TT-BTP, amending TT 01/2023, took effect on 16/12/2025 ([S9]).
pub fn tt19_2025_effective() -> NaiveDate {
    ymd(2025, 12, 16)
}

/// NĐ 118/2021/NĐ-CP is dated 23/12/2021 (reference §0). Periods cut off
/// before that day take their contents from NĐ 81/2013 as amended by NĐ 97/2017.
pub fn nd118_2021_date() -> NaiveDate {
    ymd(2021, 12, 23)
}

/// The discipline articles of NĐ 19/2020 (Điều 22–29) took effect on 01/7/2020.
pub fn nd19_2020_discipline_effective() -> NaiveDate {
    ymd(2020, 7, 1)
}

/// NĐ 93/2025/NĐ-CP took effect on 15/6/2025.
pub fn nd93_2025_effective() -> NaiveDate {
    ymd(2025, 6, 15)
}

/// The circular that sets the XLVPHC reporting regime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportingCircular {
    /// TT 16/2018/TT-BTP (in force in 2021).
    Tt16_2018,
    /// TT 01/2023/TT-BTP before its amendment (03/3/2023 – 15/12/2025).
    Tt01_2023,
    /// TT 01/2023/TT-BTP as amended by TT 19/2025/TT-BTP (from 16/12/2025).
    Tt01_2023SuaDoiTt19_2025,
}

/// The decree that sets what an XLVPHC statistics report contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportContentDecree {
    /// NĐ 81/2013/NĐ-CP as amended by NĐ 97/2017/NĐ-CP (cited as căn cứ of
    /// TT 16/2018); its article on reports was not found (addendum §2.2).
    Nd81_2013SuaDoiNd97_2017,
    /// NĐ 118/2021/NĐ-CP Điều 35.
    Nd118_2021,
}

impl ReportContentDecree {
    /// The text named in Vietnamese, as a report cites it.
    pub fn name_vi(self) -> &'static str {
        match self {
            ReportContentDecree::Nd81_2013SuaDoiNd97_2017 => {
                "Nghị định số 81/2013/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định số 97/2017/NĐ-CP"
            }
            ReportContentDecree::Nd118_2021 => {
                "Nghị định số 118/2021/NĐ-CP ngày 23/12/2021, Điều 35"
            }
        }
    }

    /// What the reference does not have, to print beside the contents.
    pub fn note_vi(self) -> Option<&'static str> {
        match self {
            ReportContentDecree::Nd81_2013SuaDoiNd97_2017 => Some(
                "Điều khoản về báo cáo, thống kê của Nghị định số 81/2013/NĐ-CP (sửa đổi bởi \
                 Nghị định số 97/2017/NĐ-CP) và biểu mẫu của Thông tư số 16/2018/TT-BTP chưa \
                 được tìm thấy trong nguồn tham khảo; các chỉ tiêu dưới đây theo danh mục tại \
                 Điều 35 Nghị định số 118/2021/NĐ-CP, là danh mục gần nhất hiện có.",
            ),
            ReportContentDecree::Nd118_2021 => None,
        }
    }
}

/// The texts that govern an XLVPHC report whose data is cut off on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReportingTexts {
    /// Reporting regime (circular).
    pub circular: ReportingCircular,
    /// Decree setting the contents.
    pub contents: ReportContentDecree,
}

/// The texts in force for a report whose data window ends on `cutoff`
/// (inclusive). `None` before TT 16/2018: the app knows no older regime.
///
/// The regime of a period is the one in force on its cutoff day: a yearly
/// 2025 report (cut off 14/12/2025) is under TT 01/2023 before its amendment,
/// the 2026 report under TT 01/2023 as amended by TT 19/2025.
pub fn reporting_texts_on(cutoff: NaiveDate) -> Option<ReportingTexts> {
    if cutoff < tt16_2018_date() {
        return None;
    }
    let circular = if cutoff < tt01_2023_effective() {
        ReportingCircular::Tt16_2018
    } else if cutoff < tt19_2025_effective() {
        ReportingCircular::Tt01_2023
    } else {
        ReportingCircular::Tt01_2023SuaDoiTt19_2025
    };
    let contents = if cutoff < nd118_2021_date() {
        ReportContentDecree::Nd81_2013SuaDoiNd97_2017
    } else {
        ReportContentDecree::Nd118_2021
    };
    Some(ReportingTexts { circular, contents })
}

/// Discipline forms that may be proposed for a violation committed on
/// `violation_date`: none before NĐ 19/2020's discipline articles took effect
/// (01/7/2020), the six forms of Điều 23–29 until 14/6/2025, and from
/// 15/6/2025 also bãi nhiệm (NĐ 93/2025).
pub fn discipline_forms_on(violation_date: NaiveDate) -> &'static [DisciplineForm] {
    const ND19: &[DisciplineForm] = &[
        DisciplineForm::KhienTrach,
        DisciplineForm::CanhCao,
        DisciplineForm::HaBacLuong,
        DisciplineForm::GiangChuc,
        DisciplineForm::CachChuc,
        DisciplineForm::BuocThoiViec,
    ];
    if violation_date < nd19_2020_discipline_effective() {
        &[]
    } else if violation_date < nd93_2025_effective() {
        ND19
    } else {
        DisciplineForm::ALL
    }
}

/// Version tag of the 2020 list of NĐ 19/2020 Điều 22 (before NĐ 93/2025).
pub const VIOLATION_BEHAVIOURS_2020_VERSION: &str = "NĐ 19/2020/NĐ-CP Điều 22 (bản năm 2020)";

/// The only behaviour of the 2020 list whose wording the reference has
/// (khoản 1, verbatim, [S1]); the other 18 were not found.
pub static VIOLATION_BEHAVIOURS_2020_KNOWN: [CatalogEntry; 1] = [CatalogEntry {
    code: "giu_lai_vu_co_dau_hieu_toi_pham",
    vi: "Giữ lại vụ vi phạm có dấu hiệu tội phạm để xử lý vi phạm hành chính",
    en: "Keeping a case that shows signs of a crime inside the administrative track",
    source: "NĐ 19/2020/NĐ-CP Điều 22 khoản 1",
}];

/// What is said under the 2020 list.
pub const VIOLATION_BEHAVIOURS_2020_NOTE_VI: &str = "Danh mục năm 2020 có 19 hành vi; nguồn \
     tham khảo chỉ có nguyên văn hành vi thứ nhất, 18 hành vi còn lại chưa được tìm thấy: ghi rõ \
     hành vi trong phần mô tả.";

/// English of [`VIOLATION_BEHAVIOURS_2020_NOTE_VI`].
pub const VIOLATION_BEHAVIOURS_2020_NOTE_EN: &str = "The 2020 list has 19 behaviours; the \
     reference has the wording of the first only, the other 18 were not found: describe the \
     behaviour in the description.";

/// The list of officials' violation behaviours for one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViolationList {
    /// Version tag stored with a chosen behaviour.
    pub version: &'static str,
    /// Behaviours the app can offer.
    pub entries: &'static [CatalogEntry],
    /// Whether the list is complete (false for the 2020 text).
    pub complete: bool,
}

/// Officials' violation behaviours in force on `violation_date`: before
/// 01/7/2020 none; until 14/6/2025 the 2020 text (only its known item); from
/// 15/6/2025 the 20 behaviours as amended by NĐ 93/2025.
pub fn violation_behaviours_on(violation_date: NaiveDate) -> ViolationList {
    if violation_date < nd19_2020_discipline_effective() {
        ViolationList {
            version: VIOLATION_BEHAVIOURS_2020_VERSION,
            entries: &[],
            complete: false,
        }
    } else if violation_date < nd93_2025_effective() {
        ViolationList {
            version: VIOLATION_BEHAVIOURS_2020_VERSION,
            entries: &VIOLATION_BEHAVIOURS_2020_KNOWN,
            complete: false,
        }
    } else {
        ViolationList {
            version: crate::domain::catalog::VIOLATION_BEHAVIOURS_VERSION,
            entries: &VIOLATION_BEHAVIOURS,
            complete: true,
        }
    }
}

/// Whether `(version, code)` names a behaviour the app knows.
pub fn is_known_violation(version: &str, code: &str) -> bool {
    let list: &[CatalogEntry] = if version == crate::domain::catalog::VIOLATION_BEHAVIOURS_VERSION {
        &VIOLATION_BEHAVIOURS
    } else if version == VIOLATION_BEHAVIOURS_2020_VERSION {
        &VIOLATION_BEHAVIOURS_2020_KNOWN
    } else {
        return false;
    };
    list.iter().any(|e| e.code == code)
}

/// The date whose texts apply to the officials' violations an inspection
/// records: the last day of the plan's review period (thời kỳ kiểm tra), or
/// the inspection's first day when the period runs "đến thời điểm kiểm tra"
/// or is not set. A finding carries no date of its own; the review period is
/// what the inspection looks at, and its end is the latest date a violation
/// in it can have.
pub fn violation_date_of(
    plan: &crate::domain::plan::Plan,
    inspection: &crate::domain::inspection::Inspection,
) -> Option<NaiveDate> {
    use crate::domain::plan::{PeriodEnd, ReviewPeriod};
    match plan.review_period {
        Some(ReviewPeriod {
            to: PeriodEnd::Date(to),
            ..
        }) => Some(to),
        _ => inspection.start_date(),
    }
}
