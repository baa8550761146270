//! Reporting periods (kỳ báo cáo), their data windows (thời gian chốt số liệu),
//! due dates (hạn gửi báo cáo) under each reporting regime, and timeliness.
//!
//! Only the facts of the legal reference, section B4, are encoded here. Where
//! the reference has a fact only indirectly (the NĐ 09/2019 data windows,
//! seen through TT 09/2019/TT-NHNN which implements it) the returned
//! [`LegalBasis`] carries that note so the UI can show it. Where the
//! reference has no rule (e.g. the due date of a commune's report to the level
//! above) there is no default: the user sets the date.

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Kind of reporting period (loại kỳ báo cáo).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// Báo cáo định kỳ hằng năm — yearly periodic report.
    DinhKyNam,
    /// Báo cáo 6 tháng đầu năm — first six months.
    SauThangDau,
    /// Báo cáo 6 tháng cuối năm — second six months.
    SauThangCuoi,
    /// Báo cáo chuyên đề — thematic report; dates come from the request.
    ChuyenDe,
    /// Báo cáo đột xuất — ad hoc report; dates come from the request.
    DotXuat,
    /// The year of an inspection plan (kế hoạch năm), for inspection
    /// reports only: 01/01 to 31/12 of the plan's year, widened to the
    /// inspections' own dates. Not a statistical reporting period: a
    /// late-December inspection stays inside its own report.
    KeHoachNam,
}

impl PeriodKind {
    /// Vietnamese name, as documents print it.
    pub fn name_vi(self) -> &'static str {
        match self {
            PeriodKind::DinhKyNam => "Báo cáo định kỳ hằng năm",
            PeriodKind::SauThangDau => "Báo cáo 6 tháng đầu năm",
            PeriodKind::SauThangCuoi => "Báo cáo 6 tháng cuối năm",
            PeriodKind::ChuyenDe => "Báo cáo chuyên đề",
            PeriodKind::DotXuat => "Báo cáo đột xuất",
            PeriodKind::KeHoachNam => "Kế hoạch năm",
        }
    }

    /// True for the kinds whose dates are given explicitly by the requester.
    pub fn has_explicit_dates(self) -> bool {
        matches!(
            self,
            PeriodKind::ChuyenDe | PeriodKind::DotXuat | PeriodKind::KeHoachNam
        )
    }
}

/// A reporting period: its kind and the data window it covers (both ends
/// included). Serialised as in the reference's B6 `ky_bao_cao` block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct ReportPeriod {
    /// Last day of the data window, the data cutoff (inclusive).
    pub den_ngay: NaiveDate,
    /// Kind of period.
    pub loai: PeriodKind,
    /// First day of the data window (inclusive).
    pub tu_ngay: NaiveDate,
}

/// Why a period could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    /// The start date is after the end date.
    #[error("kỳ báo cáo không hợp lệ: từ ngày {tu_ngay} sau đến ngày {den_ngay}")]
    Reversed {
        /// Given start.
        tu_ngay: NaiveDate,
        /// Given end.
        den_ngay: NaiveDate,
    },
    /// Explicit dates were given for a kind whose window is fixed, or the
    /// reverse.
    #[error("loại kỳ báo cáo {0:?} không dùng cách xác định ngày này")]
    WrongKind(PeriodKind),
    /// The year is outside the calendar chrono supports.
    #[error("năm {0} nằm ngoài phạm vi hỗ trợ")]
    YearOutOfRange(i32),
}

fn ymd(year: i32, month: u32, day: u32) -> Result<NaiveDate, PeriodError> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or(PeriodError::YearOutOfRange(year))
}

impl ReportPeriod {
    /// Yearly window of `year`: 15/12 of the previous year → 14/12 of `year`.
    pub fn yearly(year: i32) -> Result<Self, PeriodError> {
        Ok(Self {
            loai: PeriodKind::DinhKyNam,
            tu_ngay: ymd(year - 1, 12, 15)?,
            den_ngay: ymd(year, 12, 14)?,
        })
    }

    /// First half of `year`: 15/12 of the previous year → 14/6 (NĐ 09/2019
    /// pattern, indirect: see [`nd09_2019_window_note`]).
    pub fn first_half(year: i32) -> Result<Self, PeriodError> {
        Ok(Self {
            loai: PeriodKind::SauThangDau,
            tu_ngay: ymd(year - 1, 12, 15)?,
            den_ngay: ymd(year, 6, 14)?,
        })
    }

    /// Second half of `year`: 15/6 → 14/12 (NĐ 09/2019 pattern, indirect).
    pub fn second_half(year: i32) -> Result<Self, PeriodError> {
        Ok(Self {
            loai: PeriodKind::SauThangCuoi,
            tu_ngay: ymd(year, 6, 15)?,
            den_ngay: ymd(year, 12, 14)?,
        })
    }

    /// Thematic or ad hoc period with explicit dates (both included).
    pub fn explicit(
        loai: PeriodKind,
        tu_ngay: NaiveDate,
        den_ngay: NaiveDate,
    ) -> Result<Self, PeriodError> {
        if !loai.has_explicit_dates() {
            return Err(PeriodError::WrongKind(loai));
        }
        if tu_ngay > den_ngay {
            return Err(PeriodError::Reversed { tu_ngay, den_ngay });
        }
        Ok(Self {
            loai,
            tu_ngay,
            den_ngay,
        })
    }

    /// The period of `kind` for `year` with the standard window; explicit
    /// kinds are refused (use [`ReportPeriod::explicit`]).
    pub fn standard(kind: PeriodKind, year: i32) -> Result<Self, PeriodError> {
        match kind {
            PeriodKind::DinhKyNam => Self::yearly(year),
            PeriodKind::SauThangDau => Self::first_half(year),
            PeriodKind::SauThangCuoi => Self::second_half(year),
            PeriodKind::ChuyenDe | PeriodKind::DotXuat | PeriodKind::KeHoachNam => {
                Err(PeriodError::WrongKind(kind))
            }
        }
    }

    /// The plan year `year` of an inspection report: 01/01 to 31/12,
    /// widened to cover `dates` (the inspections' first and last days).
    pub fn plan_year(
        year: i32,
        dates: impl IntoIterator<Item = NaiveDate>,
    ) -> Result<Self, PeriodError> {
        let (mut tu_ngay, mut den_ngay) = (ymd(year, 1, 1)?, ymd(year, 12, 31)?);
        for d in dates {
            tu_ngay = tu_ngay.min(d);
            den_ngay = den_ngay.max(d);
        }
        Ok(Self {
            loai: PeriodKind::KeHoachNam,
            tu_ngay,
            den_ngay,
        })
    }

    /// The reporting year, taken from the cutoff date (a yearly 2021 period
    /// starts on 15/12/2020 but is the 2021 report).
    pub fn year(&self) -> i32 {
        self.den_ngay.year()
    }

    /// "năm 2021 (từ ngày 15/12/2020 đến ngày 14/12/2021)": the period as a
    /// Vietnamese document's summary line writes it, whatever the UI language.
    pub fn line_vi(&self) -> String {
        let f = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
        let dates = format!("từ ngày {} đến ngày {}", f(self.tu_ngay), f(self.den_ngay));
        match self.loai {
            PeriodKind::DinhKyNam => format!("năm {} ({dates})", self.year()),
            PeriodKind::SauThangDau => format!("6 tháng đầu năm {} ({dates})", self.year()),
            PeriodKind::SauThangCuoi => format!("6 tháng cuối năm {} ({dates})", self.year()),
            PeriodKind::ChuyenDe | PeriodKind::DotXuat | PeriodKind::KeHoachNam => {
                format!("({dates})")
            }
        }
    }

    /// For fixed kinds: does the window equal the standard one for its year?
    /// Explicit kinds are always standard. Deserialised data may not be.
    pub fn is_standard_window(&self) -> bool {
        if self.loai.has_explicit_dates() {
            return self.tu_ngay <= self.den_ngay;
        }
        Self::standard(self.loai, self.year()).is_ok_and(|p| p == *self)
    }
}

/// Where a rule comes from, for display next to a computed date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LegalBasis {
    /// The legal text, named in Vietnamese.
    pub can_cu_vi: &'static str,
    /// Set when the reference has the fact only indirectly or not at all:
    /// a Vietnamese note the UI must show next to the value.
    pub ghi_chu_vi: Option<&'static str>,
    /// Source tags of the legal reference, e.g. "[S9]".
    pub nguon: &'static str,
}

/// The note carried by every NĐ 09/2019 window (the reference saw that
/// decree's windows only through a circular that implements it).
pub fn nd09_2019_window_note() -> &'static str {
    "Thời gian chốt số liệu theo Nghị định 09/2019/NĐ-CP được xác định gián tiếp \
     qua Thông tư 09/2019/TT-NHNN (văn bản thực hiện Nghị định này); toàn văn \
     Nghị định 09/2019/NĐ-CP chưa được đối chiếu trong nguồn tham khảo."
}

/// Reporting regime (chế độ báo cáo) for XLVPHC law enforcement.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum Regime {
    /// Thông tư 16/2018/TT-BTP ngày 14/12/2018 (in force in 2021).
    #[serde(rename = "tt_16_2018")]
    Tt16_2018,
    /// Thông tư 01/2023/TT-BTP ngày 16/01/2023 before its amendment
    /// (effective 03/3/2023 to 15/12/2025). The reference has its windows and
    /// due dates only as amended, so this regime has no default due date.
    #[serde(rename = "tt_01_2023")]
    Tt01_2023,
    /// Thông tư 01/2023/TT-BTP ngày 16/01/2023 as amended by Thông tư
    /// 19/2025/TT-BTP ngày 31/10/2025 (effective 16/12/2025).
    #[serde(rename = "tt_01_2023_sua_doi_tt_19_2025")]
    Tt01_2023SuaDoiTt19_2025,
}

/// Who sends the report, which decides to whom and by when.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ReporterLevel {
    /// Bộ, ngành and Chủ tịch UBND cấp tỉnh, reporting to Bộ Tư pháp.
    GuiBoTuPhap,
    /// Sở, ban, ngành cấp tỉnh, cơ quan ngành dọc, UBND cấp xã (and other
    /// lower levels): report to the level directly above, as it requires.
    GuiCapTrenTrucTiep,
}

/// The regime's default due date and the rule behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DefaultDue {
    /// Legal basis of the rule.
    pub can_cu: LegalBasis,
    /// The default date, or `None` when the user must set one.
    pub han_mac_dinh: Option<NaiveDate>,
    /// The rule in Vietnamese, for display.
    pub quy_tac_vi: &'static str,
}

/// Whether a due date is the regime default or was set by the user.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DueDateSource {
    /// Taken from the regime's default.
    MacDinhCheDo,
    /// Set by the user (override, or required because there is no default).
    NguoiDungDat,
}

/// A resolved due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct DueDate {
    /// Hạn gửi báo cáo.
    pub han_nop: NaiveDate,
    /// Where the date comes from.
    pub nguon: DueDateSource,
}

/// No due date: the regime has none for this case and the user set none.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("chưa có hạn gửi báo cáo: {quy_tac_vi}")]
pub struct NoDueDate {
    /// The rule that applies, for the message.
    pub quy_tac_vi: &'static str,
}

const TT16_NAME: &str = "Thông tư 16/2018/TT-BTP ngày 14/12/2018";
const TT01_21_12: &str = "Bộ, ngành, Chủ tịch UBND cấp tỉnh gửi Bộ Tư pháp chậm nhất ngày \
     21/12 (gửi trong ngày 21/12 là đúng hạn).";
const EXPLICIT_DUE: &str = "Hạn gửi báo cáo chuyên đề, đột xuất theo văn bản yêu cầu báo cáo.";
const TT16_7_DAYS: &str = "Gửi Bộ Tư pháp chậm nhất 07 ngày kể từ ngày chốt số liệu.";
const LOWER_LEVELS: &str = "Sở, ban, ngành cấp tỉnh, cơ quan ngành dọc, UBND cấp xã gửi cơ quan \
     cấp trên trực tiếp theo yêu cầu của cơ quan đó; người dùng nhập hạn.";
const TT01_ORIG_NAME: &str = "Thông tư 01/2023/TT-BTP ngày 16/01/2023 (hiệu lực từ 03/3/2023, \
     trước khi được sửa đổi, bổ sung bởi Thông tư 19/2025/TT-BTP)";
const TT01_ORIG_NOT_FOUND: &str = "Thời gian chốt số liệu và hạn gửi báo cáo theo Thông tư \
     01/2023/TT-BTP trước khi sửa đổi chưa được tìm thấy trong nguồn tham khảo (nguồn chỉ có \
     quy định sau khi sửa đổi bởi Thông tư 19/2025/TT-BTP); người dùng tự nhập hạn.";
const TT01_NAME: &str = "Thông tư 01/2023/TT-BTP ngày 16/01/2023, được sửa đổi, bổ sung bởi \
     Thông tư 19/2025/TT-BTP ngày 31/10/2025 (hiệu lực từ 16/12/2025)";
const NOT_FOUND: &str = "Quy định về hạn gửi báo cáo cho trường hợp này chưa được tìm thấy \
     trong nguồn tham khảo; người dùng tự nhập hạn.";

impl Regime {
    /// Every regime, oldest first, for pickers.
    pub const ALL: [Regime; 3] = [
        Regime::Tt16_2018,
        Regime::Tt01_2023,
        Regime::Tt01_2023SuaDoiTt19_2025,
    ];

    /// The legal text that sets the regime, named in Vietnamese.
    pub fn legal_text_vi(self) -> &'static str {
        match self {
            Regime::Tt16_2018 => TT16_NAME,
            Regime::Tt01_2023 => TT01_ORIG_NAME,
            Regime::Tt01_2023SuaDoiTt19_2025 => TT01_NAME,
        }
    }

    /// Does the regime list this kind of report? TT 16/2018: 6-monthly and
    /// yearly. TT 01/2023 as amended: yearly, thematic, ad hoc.
    pub fn supports(self, kind: PeriodKind) -> bool {
        match self {
            Regime::Tt16_2018 => matches!(
                kind,
                PeriodKind::DinhKyNam | PeriodKind::SauThangDau | PeriodKind::SauThangCuoi
            ),
            Regime::Tt01_2023 | Regime::Tt01_2023SuaDoiTt19_2025 => matches!(
                kind,
                PeriodKind::DinhKyNam | PeriodKind::ChuyenDe | PeriodKind::DotXuat
            ),
        }
    }

    /// Legal basis of the data window of `kind` under this regime.
    pub fn window_basis(self, kind: PeriodKind) -> LegalBasis {
        match (self, kind) {
            (_, PeriodKind::ChuyenDe | PeriodKind::DotXuat | PeriodKind::KeHoachNam) => {
                LegalBasis {
                    can_cu_vi: "Theo văn bản yêu cầu báo cáo",
                    nguon: "[S9]",
                    ghi_chu_vi: None,
                }
            }
            (Regime::Tt01_2023, PeriodKind::DinhKyNam) => LegalBasis {
                can_cu_vi: TT01_ORIG_NAME,
                nguon: "",
                ghi_chu_vi: Some(TT01_ORIG_NOT_FOUND),
            },
            (Regime::Tt01_2023SuaDoiTt19_2025, PeriodKind::DinhKyNam) => LegalBasis {
                can_cu_vi: TT01_NAME,
                nguon: "[S9]",
                ghi_chu_vi: None,
            },
            // TT 16/2018 defers to the Government's decree; six-monthly
            // windows are known only from the NĐ 09/2019 pattern.
            (Regime::Tt16_2018, PeriodKind::DinhKyNam)
            | (_, PeriodKind::SauThangDau | PeriodKind::SauThangCuoi) => LegalBasis {
                can_cu_vi: "Thông tư 16/2018/TT-BTP dẫn chiếu quy định của Chính phủ về chế độ \
                            báo cáo của cơ quan hành chính nhà nước (Nghị định 09/2019/NĐ-CP)",
                nguon: "[S10] [S37] [S38]",
                ghi_chu_vi: Some(nd09_2019_window_note()),
            },
        }
    }

    /// The default due date for a report of `period` sent at `level`.
    pub fn default_due(self, level: ReporterLevel, period: &ReportPeriod) -> DefaultDue {
        let none = |quy_tac_vi, can_cu| DefaultDue {
            han_mac_dinh: None,
            quy_tac_vi,
            can_cu,
        };
        let not_found = LegalBasis {
            can_cu_vi: self.legal_text_vi(),
            nguon: "",
            ghi_chu_vi: Some(NOT_FOUND),
        };
        if period.loai.has_explicit_dates() {
            return none(
                EXPLICIT_DUE,
                LegalBasis {
                    can_cu_vi: self.legal_text_vi(),
                    nguon: "[S9]",
                    ghi_chu_vi: None,
                },
            );
        }
        match (self, level) {
            (Regime::Tt16_2018, ReporterLevel::GuiBoTuPhap) => DefaultDue {
                han_mac_dinh: period.den_ngay.checked_add_days(chrono::Days::new(7)),
                quy_tac_vi: TT16_7_DAYS,
                can_cu: LegalBasis {
                    can_cu_vi: TT16_NAME,
                    nguon: "[S10]",
                    ghi_chu_vi: None,
                },
            },
            (Regime::Tt16_2018, ReporterLevel::GuiCapTrenTrucTiep) => none(NOT_FOUND, not_found),
            (Regime::Tt01_2023, _) => none(
                TT01_ORIG_NOT_FOUND,
                LegalBasis {
                    can_cu_vi: TT01_ORIG_NAME,
                    nguon: "",
                    ghi_chu_vi: Some(TT01_ORIG_NOT_FOUND),
                },
            ),
            (Regime::Tt01_2023SuaDoiTt19_2025, ReporterLevel::GuiBoTuPhap) => {
                if period.loai == PeriodKind::DinhKyNam {
                    DefaultDue {
                        han_mac_dinh: NaiveDate::from_ymd_opt(period.year(), 12, 21),
                        quy_tac_vi: TT01_21_12,
                        can_cu: LegalBasis {
                            can_cu_vi: TT01_NAME,
                            nguon: "[S9]",
                            ghi_chu_vi: None,
                        },
                    }
                } else {
                    none(NOT_FOUND, not_found)
                }
            }
            (Regime::Tt01_2023SuaDoiTt19_2025, ReporterLevel::GuiCapTrenTrucTiep) => none(
                LOWER_LEVELS,
                LegalBasis {
                    can_cu_vi: TT01_NAME,
                    nguon: "[S9]",
                    ghi_chu_vi: None,
                },
            ),
        }
    }

    /// The due date to use: the user's date when given, else the default.
    pub fn resolve_due(
        self,
        level: ReporterLevel,
        period: &ReportPeriod,
        user_set: Option<NaiveDate>,
    ) -> Result<DueDate, NoDueDate> {
        if let Some(han_nop) = user_set {
            return Ok(DueDate {
                han_nop,
                nguon: DueDateSource::NguoiDungDat,
            });
        }
        let default = self.default_due(level, period);
        default
            .han_mac_dinh
            .map(|han_nop| DueDate {
                han_nop,
                nguon: DueDateSource::MacDinhCheDo,
            })
            .ok_or(NoDueDate {
                quy_tac_vi: default.quy_tac_vi,
            })
    }
}

/// The English of a rule or note this module writes in Vietnamese (its
/// `quy_tac_vi` and `ghi_chu_vi` texts), for the English interface; the
/// names of legal texts stay Vietnamese. Falls back to the Vietnamese text
/// (a native test checks that every text has its English).
pub fn english(vi: &'static str) -> &'static str {
    let table: [(&str, &str); 7] = [
        (
            NOT_FOUND,
            "The rule on the due date for this case was not found in the reference; enter the \
             due date.",
        ),
        (
            TT01_ORIG_NOT_FOUND,
            "The data cutoff and due date under Circular 01/2023/TT-BTP before its amendment \
             were not found in the reference (it has them only as amended by Circular \
             19/2025/TT-BTP); enter the due date.",
        ),
        (
            nd09_2019_window_note(),
            "The data windows of Decree 09/2019/ND-CP are known only indirectly, through \
             Circular 09/2019/TT-NHNN which implements it; the decree itself was not checked \
             in the reference.",
        ),
        (
            EXPLICIT_DUE,
            "Thematic and ad hoc reports are due as the request for the report says.",
        ),
        (
            TT16_7_DAYS,
            "Send to the Ministry of Justice within 07 days after the data cutoff.",
        ),
        (
            TT01_21_12,
            "Ministries and chairs of provincial People's Committees send it to the Ministry of \
             Justice by 21/12 (sending on 21/12 is on time).",
        ),
        (
            LOWER_LEVELS,
            "Provincial departments, vertical agencies and commune People's Committees report \
             to the level directly above, as it requires; enter the due date.",
        ),
    ];
    table
        .iter()
        .find(|(v, _)| *v == vi)
        .map(|(_, en)| *en)
        .unwrap_or(vi)
}

/// Was a report on time?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "trang_thai")]
pub enum Timeliness {
    /// Sent on or before the due date.
    OnTime,
    /// Sent (or still unsent today) this many calendar days after the due date.
    Late {
        /// Calendar days after the due date, ≥ 1.
        days: i64,
    },
}

/// Timeliness of a report due on `due`, sent on `submitted_or_today` (pass
/// today's date while it is still unsent). Calendar days, not working days.
pub fn timeliness(due: NaiveDate, submitted_or_today: NaiveDate) -> Timeliness {
    let days = submitted_or_today.signed_duration_since(due).num_days();
    if days > 0 {
        Timeliness::Late { days }
    } else {
        Timeliness::OnTime
    }
}
