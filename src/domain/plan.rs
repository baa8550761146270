//! A plan (kế hoạch): the yearly (or ad hoc) inspection plan for XLVPHC law
//! enforcement, or a plan for monitoring law implementation (theo dõi THPL).
//! Fields follow the reference's C7 map; document parts follow NĐ 30/2020.
//! A plan is edited as a whole value (fields are public) and stored through
//! [`crate::domain::workspace::Workspace::update_plan`], which checks
//! [`Plan::validate`] and the revision.

use crate::domain::catalog::{FocusField, PlanMethod, UnitLevel};
use crate::domain::clock::Clock;
use crate::domain::error::DomainError;
use crate::domain::ids::{IdGen, PlanId, TaskId, TemplateId, UnitId};
use crate::domain::team::Team;
use crate::domain::text::DocNumber;
use crate::domain::workdays::DateRange;
use chrono::{DateTime, NaiveDate, Utc};
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

/// The signer block: e.g. "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / <name>".
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

/// Default duration, in working days (NĐ 19/2020 Điều 13: at most 07).
pub const DEFAULT_DURATION_WORKING_DAYS: u32 = 7;
/// Default number of working days before the inspection by which the unit
/// sends its own report (reference C4: 03 working days).
pub const DEFAULT_UNIT_REPORT_DAYS_BEFORE: u32 = 3;

/// A plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Id.
    pub id: PlanId,
    /// Kind.
    pub kind: PlanKind,
    /// A yearly plan (kế hoạch năm), subject to issue deadlines.
    pub yearly: bool,
    /// The year the plan covers.
    pub year: i32,
    /// Level of the issuer.
    pub issuer_level: IssuerLevel,
    /// Title line (trích yếu), e.g. "Kiểm tra công tác thi hành pháp luật về
    /// xử lý vi phạm hành chính năm 2021".
    pub title: String,
    /// Number and code, once assigned.
    pub number: Option<DocNumber>,
    /// Issuing body.
    pub issuer: IssuingBody,
    /// Place name (địa danh), e.g. "Cần Thơ".
    pub place_name: String,
    /// Date of issue.
    pub issue_date: Option<NaiveDate>,
    /// Signer.
    pub signer: Signer,
    /// Legal bases.
    pub legal_bases: Vec<LegalBasis>,
    /// Mục đích.
    pub purpose: String,
    /// Yêu cầu.
    pub requirements: String,
    /// Lĩnh vực.
    pub field: Option<FieldRef>,
    /// Phạm vi.
    pub scope: String,
    /// Phương thức.
    pub method: Option<PlanMethod>,
    /// Đối tượng được kiểm tra.
    pub inspected_units: Vec<InspectedUnit>,
    /// Địa điểm kiểm tra.
    pub place_of_inspection: String,
    /// Thời gian kiểm tra.
    pub inspection_window: Option<DateRange>,
    /// Thời kỳ kiểm tra.
    pub review_period: Option<ReviewPeriod>,
    /// Thời hạn kiểm tra, in working days (≤ 7).
    pub duration_working_days: u32,
    /// Extension allowed, in working days (≤ 7).
    pub extension_working_days: u32,
    /// Working days before the inspection by which the unit sends its report.
    pub unit_report_days_before: u32,
    /// Kinh phí.
    pub funding: Funding,
    /// Checklist templates to use (nội dung kiểm tra).
    pub template_ids: Vec<TemplateId>,
    /// Tổ chức thực hiện.
    pub organisation: Organisation,
    /// Tasks.
    pub tasks: Vec<PlanTask>,
    /// Inspection teams.
    pub teams: Vec<Team>,
    /// Revision, bumped on every stored change.
    pub rev: u64,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last stored change.
    pub updated_at: DateTime<Utc>,
}

/// A plan concern. Never blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PlanWarning {
    /// Yearly XLVPHC plan not issued before 15 March (NĐ 19/2020 Điều 12).
    XlvphcYearlyPlanLate {
        /// Issued.
        issue_date: NaiveDate,
        /// 15 March of the plan year.
        deadline: NaiveDate,
    },
    /// Yearly THPL plan of a ministry or UBND cấp tỉnh not issued before
    /// 30 January (NĐ 32/2020 Điều 11a, reference C6).
    ThplYearlyPlanLate {
        /// Issued.
        issue_date: NaiveDate,
        /// 30 January of the plan year.
        deadline: NaiveDate,
    },
    /// A task past its deadline and not done.
    TaskOverdue {
        /// Task.
        task: TaskId,
        /// Deadline.
        deadline: NaiveDate,
        /// Days late.
        days_late: i64,
    },
    /// Duration above 7 working days.
    DurationTooLong {
        /// Given.
        days: u32,
        /// Maximum.
        max: u32,
    },
    /// Extension above 7 working days.
    ExtensionTooLong {
        /// Given.
        days: u32,
        /// Maximum.
        max: u32,
    },
}

impl Plan {
    /// A blank plan for `year`, with the reference's defaults.
    pub fn new(ids: &mut dyn IdGen, kind: PlanKind, year: i32, clock: &dyn Clock) -> Self {
        let now = clock.now();
        Self {
            id: PlanId::generate(ids),
            kind,
            yearly: true,
            year,
            issuer_level: IssuerLevel::Tinh,
            title: String::new(),
            number: None,
            issuer: IssuingBody::default(),
            place_name: String::new(),
            issue_date: None,
            signer: Signer::default(),
            legal_bases: Vec::new(),
            purpose: String::new(),
            requirements: String::new(),
            field: None,
            scope: String::new(),
            method: None,
            inspected_units: Vec::new(),
            place_of_inspection: String::new(),
            inspection_window: None,
            review_period: None,
            duration_working_days: DEFAULT_DURATION_WORKING_DAYS,
            extension_working_days: 0,
            unit_report_days_before: DEFAULT_UNIT_REPORT_DAYS_BEFORE,
            funding: Funding::default(),
            template_ids: Vec::new(),
            organisation: Organisation::default(),
            tasks: Vec::new(),
            teams: Vec::new(),
            rev: 0,
            created_at: now,
            updated_at: now,
        }
    }

    /// Hard errors: reversed date ranges, duplicate unit/task/team ids.
    pub fn validate(&self) -> Result<(), DomainError> {
        if let Some(w) = self.inspection_window {
            if w.to < w.from {
                return Err(DomainError::InvalidRange {
                    from: w.from,
                    to: w.to,
                });
            }
        }
        if let Some(ReviewPeriod {
            from,
            to: PeriodEnd::Date(to),
        }) = self.review_period
        {
            if to < from {
                return Err(DomainError::InvalidRange { from, to });
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for u in &self.inspected_units {
            if !seen.insert(u.id.0) {
                return Err(DomainError::Duplicate {
                    what: crate::domain::error::Entity::Unit,
                    id: u.id.to_string(),
                });
            }
        }
        for t in &self.tasks {
            if !seen.insert(t.id.0) {
                return Err(DomainError::Duplicate {
                    what: crate::domain::error::Entity::Task,
                    id: t.id.to_string(),
                });
            }
        }
        for t in &self.teams {
            if !seen.insert(t.id.0) {
                return Err(DomainError::Duplicate {
                    what: crate::domain::error::Entity::Team,
                    id: t.id.to_string(),
                });
            }
        }
        Ok(())
    }

    /// The inspected unit with this id.
    pub fn unit(&self, id: UnitId) -> Option<&InspectedUnit> {
        self.inspected_units.iter().find(|u| u.id == id)
    }

    /// The team with this id.
    pub fn team(&self, id: crate::domain::ids::TeamId) -> Option<&Team> {
        self.teams.iter().find(|t| t.id == id)
    }

    /// Whether inspections under this plan are scheduled (not đột xuất).
    pub fn is_scheduled(&self) -> bool {
        self.method.is_none_or(PlanMethod::is_scheduled)
    }

    /// Concerns on `today`.
    pub fn warnings(&self, today: NaiveDate) -> Vec<PlanWarning> {
        let mut w = Vec::new();
        if let (true, Some(issued)) = (self.yearly, self.issue_date) {
            // "before 15 March" / "before 30/01": issuing on the day itself is late.
            if self.kind == PlanKind::Xlvphc {
                if let Some(deadline) = NaiveDate::from_ymd_opt(self.year, 3, 15) {
                    if issued >= deadline {
                        w.push(PlanWarning::XlvphcYearlyPlanLate {
                            issue_date: issued,
                            deadline,
                        });
                    }
                }
            }
            let level_bound = matches!(self.issuer_level, IssuerLevel::Tinh | IssuerLevel::BoNganh);
            if self.kind == PlanKind::TheoDoiThpl && level_bound {
                if let Some(deadline) = NaiveDate::from_ymd_opt(self.year, 1, 30) {
                    if issued >= deadline {
                        w.push(PlanWarning::ThplYearlyPlanLate {
                            issue_date: issued,
                            deadline,
                        });
                    }
                }
            }
        }
        for t in &self.tasks {
            if let (TaskStatus::QuaHan, Some(d)) = (t.status(today), t.deadline) {
                w.push(PlanWarning::TaskOverdue {
                    task: t.id,
                    deadline: d,
                    days_late: (today - d).num_days(),
                });
            }
        }
        if self.duration_working_days > DEFAULT_DURATION_WORKING_DAYS {
            w.push(PlanWarning::DurationTooLong {
                days: self.duration_working_days,
                max: DEFAULT_DURATION_WORKING_DAYS,
            });
        }
        if self.extension_working_days > crate::domain::inspection::MAX_EXTENSION_WORKING_DAYS {
            w.push(PlanWarning::ExtensionTooLong {
                days: self.extension_working_days,
                max: crate::domain::inspection::MAX_EXTENSION_WORKING_DAYS,
            });
        }
        w
    }
}
