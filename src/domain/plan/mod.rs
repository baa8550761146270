//! A plan (kế hoạch): the yearly (or ad hoc) inspection plan for XLVPHC law
//! enforcement, or a plan for monitoring law implementation (theo dõi THPL).
//! Fields follow the reference's C7 map; document parts follow NĐ 30/2020.
//! A plan is edited as a whole value (fields are public) and stored through
//! [`crate::domain::workspace::Workspace::update_plan`], which checks
//! [`Plan::validate`] and the revision.

mod parts;
pub use parts::{
    FieldRef, Funding, InspectedUnit, IssuerLevel, IssuingBody, LegalBasis, Organisation,
    PeriodEnd, PlanKind, PlanTask, ReviewPeriod, Signer, SigningPrefix, TaskProgress, TaskStatus,
};

use crate::domain::catalog::PlanMethod;
use crate::domain::clock::Clock;
use crate::domain::error::DomainError;
use crate::domain::ids::{IdGen, PlanId, TaskId, TemplateId, UnitId};
use crate::domain::team::Team;
use crate::domain::text::DocNumber;
use crate::domain::workdays::DateRange;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

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
