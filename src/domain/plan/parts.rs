//! Parts of a plan: kind, issuer and signer (NĐ 30/2020 document parts),
//! legal bases, field, inspected units, review period, funding,
//! organisation and tasks.

use crate::domain::catalog::{FocusField, UnitLevel};
use crate::domain::ids::{TaskId, UnitId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the plan is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    /// Inspection of XLVPHC law enforcement (NĐ 19/2020).
    Xlvphc,
    /// Monitoring of law implementation (NĐ 59/2012, NĐ 32/2020).
    TheoDoiThpl,
    /// Something else.
    Khac,
}

/// Level of the body issuing the plan (for the THPL deadline rule).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssuerLevel {
    /// Bộ, cơ quan ngang bộ.
    BoNganh,
    /// UBND cấp tỉnh (incl. centrally-run cities such as Cần Thơ).
    Tinh,
    /// UBND cấp huyện.
    Huyen,
    /// UBND cấp xã.
    Xa,
    /// Other (e.g. a department).
    Khac,
}

/// The issuing body as its two header lines are printed (NĐ 30/2020 (d)):
/// for a city UBND `upper` = "ỦY BAN NHÂN DÂN", `lower` = "THÀNH PHỐ CẦN THƠ";
/// for a department `upper` = "UBND THÀNH PHỐ CẦN THƠ" (managing body),
/// `lower` = "SỞ TƯ PHÁP".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuingBody {
    /// Upper header line.
    pub upper: String,
    /// Lower header line.
    pub lower: String,
}

/// Signing prefix (NĐ 30/2020 Điều 13). TM. and KT. appear in the sources;
/// other forms (thừa ủy quyền, thừa lệnh) are entered as free text because
/// their abbreviations were not verified.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SigningPrefix {
    /// The head signs in person.
    #[default]
    None,
    /// "TM." — on behalf of a collective.
    Tm,
    /// "KT." — a deputy signing for the head.
    Kt,
    /// Other prefix, as typed.
    Other(String),
}

impl SigningPrefix {
    /// Printed prefix ("" for none).
    pub fn text(&self) -> &str {
        match self {
            SigningPrefix::None => "",
            SigningPrefix::Tm => "TM.",
            SigningPrefix::Kt => "KT.",
            SigningPrefix::Other(s) => s,
        }
    }
}

/// The signer block: e.g. "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / (họ tên)".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signer {
    /// Prefix.
    pub prefix: SigningPrefix,
    /// What follows the prefix, e.g. "ỦY BAN NHÂN DÂN" or "CHỦ TỊCH".
    pub on_behalf_of: String,
    /// Position, e.g. "CHỦ TỊCH", "PHÓ CHỦ TỊCH".
    pub position: String,
    /// Full name.
    pub name: String,
}

/// A legal basis (căn cứ).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalBasis {
    /// Type, e.g. "Nghị định", "Quyết định", "Luật".
    pub doc_type: String,
    /// Number and code as written (laws have none).
    pub number: String,
    /// Date.
    pub date: Option<NaiveDate>,
    /// Issuer.
    pub issuer: String,
    /// Summary.
    pub summary: String,
}

/// The plan's field (lĩnh vực): a preset focus field or free text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldRef {
    /// QĐ 49/QĐ-TTg focus field.
    Focus(FocusField),
    /// Free text.
    Other(String),
}

/// An inspected unit (đối tượng được kiểm tra).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectedUnit {
    /// Id.
    pub id: UnitId,
    /// Name, e.g. "Ủy ban nhân dân quận Ninh Kiều".
    pub name: String,
    /// Level.
    pub level: UnitLevel,
    /// Address.
    pub address: String,
}

/// End of the review period (thời kỳ kiểm tra).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodEnd {
    /// A date.
    Date(NaiveDate),
    /// "đến thời điểm kiểm tra" — up to the inspection date.
    InspectionDate,
}

/// Review period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPeriod {
    /// From.
    pub from: NaiveDate,
    /// To.
    pub to: PeriodEnd,
}

/// Funding (kinh phí).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Funding {
    /// Amount in đồng, if stated.
    pub amount_dong: Option<u64>,
    /// Source text, e.g. "Ngân sách nhà nước cấp cho Sở Tư pháp năm 2021".
    pub source: String,
}

/// Who carries the plan out (tổ chức thực hiện).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// Cơ quan chủ trì.
    pub lead_unit: String,
    /// Cơ quan phối hợp.
    pub coordinating_units: Vec<String>,
}

/// Progress recorded by the user.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskProgress {
    /// Not started.
    #[default]
    ChuaBatDau,
    /// In progress.
    DangThucHien,
    /// Done.
    HoanThanh,
}

/// Displayed status: the recorded progress, or `qua_han` when the deadline
/// has passed and the task is not done. Serialises as `chua_bat_dau`,
/// `dang_thuc_hien`, `hoan_thanh`, `qua_han`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    /// Not started.
    ChuaBatDau,
    /// In progress.
    DangThucHien,
    /// Done.
    HoanThanh,
    /// Overdue.
    QuaHan,
}

/// A task of the plan (nhiệm vụ).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanTask {
    /// Id.
    pub id: TaskId,
    /// Content.
    pub content: String,
    /// Lead unit.
    pub lead_unit: String,
    /// Coordinating units.
    #[serde(default)]
    pub coordinating_units: Vec<String>,
    /// Deadline (thời hạn hoàn thành).
    pub deadline: Option<NaiveDate>,
    /// Recorded progress.
    #[serde(default)]
    pub progress: TaskProgress,
}

impl PlanTask {
    /// Status on `today`.
    pub fn status(&self, today: NaiveDate) -> TaskStatus {
        match self.progress {
            TaskProgress::HoanThanh => TaskStatus::HoanThanh,
            p => match self.deadline {
                Some(d) if d < today => TaskStatus::QuaHan,
                _ => match p {
                    TaskProgress::ChuaBatDau => TaskStatus::ChuaBatDau,
                    _ => TaskStatus::DangThucHien,
                },
            },
        }
    }
}
