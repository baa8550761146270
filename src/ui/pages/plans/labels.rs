//! Words for the plan screens: domain values (kind, status, warnings,
//! errors) turned into the UI language. Catalog entries carry their own
//! Vietnamese and English labels; everything else comes from `locales/*`.

use crate::domain::catalog::CatalogEntry;
use crate::domain::error::DomainError;
use crate::domain::inspection::InspectionStatus;
use crate::domain::plan::{IssuerLevel, Plan, PlanKind, PlanWarning, TaskStatus};
use crate::domain::team::{Team, TeamWarning};
use crate::domain::text::DocNumberError;
use crate::domain::workspace::DeadlineKind;
use crate::i18n::{format_date, Lang};
use crate::ui::i18n::{t_string, Locale};

/// The i18n context of the app.
pub type I18n = leptos_i18n::I18nContext<Locale>;

/// Puts values into a translated text: `%name%` becomes the value of `name`.
pub fn fill(template: impl std::fmt::Display, vars: &[(&str, &dyn std::fmt::Display)]) -> String {
    let vars: Vec<(&str, String)> = vars.iter().map(|(k, v)| (*k, v.to_string())).collect();
    crate::i18n::fill(&template.to_string(), &vars)
}

/// The catalog label in `lang`.
pub fn entry(e: &CatalogEntry, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => e.vi,
        Lang::En => e.en,
    }
}

/// "Kiểm tra XLVPHC", "Theo dõi THPL", "Khác".
pub fn kind(i18n: I18n, k: PlanKind) -> String {
    match k {
        PlanKind::Xlvphc => t_string!(i18n, plans.kind_xlvphc).to_string(),
        PlanKind::TheoDoiThpl => t_string!(i18n, plans.kind_thpl).to_string(),
        PlanKind::Khac => t_string!(i18n, plans.kind_other).to_string(),
    }
}

/// Stable code of a plan kind (for selects).
pub fn kind_code(k: PlanKind) -> &'static str {
    match k {
        PlanKind::Xlvphc => "xlvphc",
        PlanKind::TheoDoiThpl => "theo_doi_thpl",
        PlanKind::Khac => "khac",
    }
}

/// Plan kind from its code.
pub fn kind_from_code(s: &str) -> Option<PlanKind> {
    match s {
        "xlvphc" => Some(PlanKind::Xlvphc),
        "theo_doi_thpl" => Some(PlanKind::TheoDoiThpl),
        "khac" => Some(PlanKind::Khac),
        _ => None,
    }
}

/// Every issuer level with its code.
pub const ISSUER_LEVELS: [(IssuerLevel, &str); 5] = [
    (IssuerLevel::BoNganh, "bo_nganh"),
    (IssuerLevel::Tinh, "tinh"),
    (IssuerLevel::Huyen, "huyen"),
    (IssuerLevel::Xa, "xa"),
    (IssuerLevel::Khac, "khac"),
];

/// Label of an issuer level.
pub fn issuer_level(i18n: I18n, l: IssuerLevel) -> String {
    match l {
        IssuerLevel::BoNganh => t_string!(i18n, plans.level_bo_nganh).to_string(),
        IssuerLevel::Tinh => t_string!(i18n, plans.level_tinh).to_string(),
        IssuerLevel::Huyen => t_string!(i18n, plans.level_huyen).to_string(),
        IssuerLevel::Xa => t_string!(i18n, plans.level_xa).to_string(),
        IssuerLevel::Khac => t_string!(i18n, plans.level_khac).to_string(),
    }
}

/// Label of a task's computed status.
pub fn task_status(i18n: I18n, s: TaskStatus) -> String {
    match s {
        TaskStatus::ChuaBatDau => t_string!(i18n, plans.task_not_started).to_string(),
        TaskStatus::DangThucHien => t_string!(i18n, plans.task_in_progress).to_string(),
        TaskStatus::HoanThanh => t_string!(i18n, plans.task_done).to_string(),
        TaskStatus::QuaHan => t_string!(i18n, plans.task_overdue).to_string(),
    }
}

/// Label of an inspection's lifecycle state.
pub fn inspection_status(i18n: I18n, s: InspectionStatus) -> String {
    match s {
        InspectionStatus::Draft => t_string!(i18n, plans.status_draft).to_string(),
        InspectionStatus::InProgress => t_string!(i18n, plans.status_in_progress).to_string(),
        InspectionStatus::Finalized => t_string!(i18n, plans.status_finalized).to_string(),
        InspectionStatus::Exported => t_string!(i18n, plans.status_exported).to_string(),
    }
}

/// Why a typed số, ký hiệu is not valid.
pub fn doc_number_error(i18n: I18n, e: &DocNumberError) -> String {
    match e {
        DocNumberError::Empty => t_string!(i18n, plans.num_err_empty).to_string(),
        DocNumberError::TooLong => t_string!(i18n, plans.num_err_too_long).to_string(),
        DocNumberError::ContainsSpace => t_string!(i18n, plans.num_err_space).to_string(),
        DocNumberError::WrongShape => t_string!(i18n, plans.num_err_shape).to_string(),
        DocNumberError::NumberNotDigits => t_string!(i18n, plans.num_err_digits).to_string(),
        DocNumberError::NumberZero => t_string!(i18n, plans.num_err_zero).to_string(),
        DocNumberError::MissingLeadingZero => {
            t_string!(i18n, plans.num_err_leading_zero).to_string()
        }
        DocNumberError::SuperfluousLeadingZero => {
            t_string!(i18n, plans.num_err_extra_zero).to_string()
        }
        DocNumberError::BadYear => t_string!(i18n, plans.num_err_year).to_string(),
        DocNumberError::EmptyCodeGroup => t_string!(i18n, plans.num_err_empty_group).to_string(),
        DocNumberError::LowercaseInCode { ch } => fill(
            t_string!(i18n, plans.num_err_lowercase),
            &[("ch", &ch as &dyn std::fmt::Display)],
        ),
        DocNumberError::InvalidCharInCode { ch } => fill(
            t_string!(i18n, plans.num_err_char),
            &[("ch", &ch as &dyn std::fmt::Display)],
        ),
    }
}

/// A plan warning in words.
pub fn plan_warning(i18n: I18n, plan: &Plan, w: &PlanWarning) -> String {
    match w {
        PlanWarning::XlvphcYearlyPlanLate {
            issue_date,
            deadline,
        } => fill(
            t_string!(i18n, plans.warn_xlvphc_late),
            &[
                (
                    "issued",
                    &format_date(*issue_date) as &dyn std::fmt::Display,
                ),
                (
                    "deadline",
                    &format_date(*deadline) as &dyn std::fmt::Display,
                ),
            ],
        ),
        PlanWarning::ThplYearlyPlanLate {
            issue_date,
            deadline,
        } => fill(
            t_string!(i18n, plans.warn_thpl_late),
            &[
                (
                    "issued",
                    &format_date(*issue_date) as &dyn std::fmt::Display,
                ),
                (
                    "deadline",
                    &format_date(*deadline) as &dyn std::fmt::Display,
                ),
            ],
        ),
        PlanWarning::TaskOverdue {
            task,
            deadline,
            days_late,
        } => {
            let content = plan
                .tasks
                .iter()
                .find(|t| t.id == *task)
                .map(|t| t.content.clone())
                .unwrap_or_default();
            fill(
                t_string!(i18n, plans.warn_task_overdue),
                &[
                    ("task", &content as &dyn std::fmt::Display),
                    (
                        "deadline",
                        &format_date(*deadline) as &dyn std::fmt::Display,
                    ),
                    ("days", &days_late as &dyn std::fmt::Display),
                ],
            )
        }
        PlanWarning::DurationTooLong { days, max } => fill(
            t_string!(i18n, plans.warn_duration),
            &[
                ("days", &days as &dyn std::fmt::Display),
                ("max", &max as &dyn std::fmt::Display),
            ],
        ),
        PlanWarning::ExtensionTooLong { days, max } => fill(
            t_string!(i18n, plans.warn_extension),
            &[
                ("days", &days as &dyn std::fmt::Display),
                ("max", &max as &dyn std::fmt::Display),
            ],
        ),
    }
}

fn member_name(team: &Team, id: crate::domain::ids::MemberId) -> String {
    team.people()
        .find(|m| m.id == id)
        .map(|m| m.name.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| String::from("?"))
}

/// A team composition warning in words.
pub fn team_warning(i18n: I18n, team: &Team, w: &TeamWarning) -> String {
    match w {
        TeamWarning::NoHead => t_string!(i18n, plans.team_warn_no_head).to_string(),
        TeamWarning::TooFewMembers { count, min } => fill(
            t_string!(i18n, plans.team_warn_too_few),
            &[
                ("count", &count as &dyn std::fmt::Display),
                ("min", &min as &dyn std::fmt::Display),
            ],
        ),
        TeamWarning::DeputyCount { count } => fill(
            t_string!(i18n, plans.team_warn_deputies),
            &[("count", &count as &dyn std::fmt::Display)],
        ),
        TeamWarning::NotInterSectoral => {
            t_string!(i18n, plans.team_warn_not_inter_sectoral).to_string()
        }
        TeamWarning::MemberUnderDiscipline { member } => fill(
            t_string!(i18n, plans.team_warn_discipline),
            &[(
                "name",
                &member_name(team, *member) as &dyn std::fmt::Display,
            )],
        ),
        TeamWarning::ConflictNotDeclared { member } => fill(
            t_string!(i18n, plans.team_warn_conflict),
            &[(
                "name",
                &member_name(team, *member) as &dyn std::fmt::Display,
            )],
        ),
    }
}

/// A refused change in words.
pub fn domain_error(i18n: I18n, e: &DomainError) -> String {
    match e {
        DomainError::UnitNotInPlan => t_string!(i18n, plans.err_unit_in_use).to_string(),
        DomainError::TeamNotInPlan => t_string!(i18n, plans.err_team_in_use).to_string(),
        DomainError::InvalidRange { from, to } => fill(
            t_string!(i18n, plans.err_range),
            &[
                ("from", &format_date(*from) as &dyn std::fmt::Display),
                ("to", &format_date(*to) as &dyn std::fmt::Display),
            ],
        ),
        DomainError::RevConflict { .. } => t_string!(i18n, plans.err_conflict).to_string(),
        other => fill(
            t_string!(i18n, plans.err_other),
            &[("detail", &other as &dyn std::fmt::Display)],
        ),
    }
}

/// What a deadline is about.
pub fn deadline_kind(i18n: I18n, k: &DeadlineKind) -> String {
    match k {
        DeadlineKind::PlanTask { .. } => t_string!(i18n, plans.dl_task).to_string(),
        DeadlineKind::InspectionWindowStart => t_string!(i18n, plans.dl_window_start).to_string(),
        DeadlineKind::InspectionWindowEnd => t_string!(i18n, plans.dl_window_end).to_string(),
        DeadlineKind::UnitReportDue => t_string!(i18n, plans.dl_unit_report).to_string(),
        DeadlineKind::FieldworkStart => t_string!(i18n, plans.dl_fieldwork).to_string(),
        DeadlineKind::ConclusionDraftDue => t_string!(i18n, plans.dl_conclusion).to_string(),
        DeadlineKind::RecommendationDue { .. } => {
            t_string!(i18n, plans.dl_recommendation).to_string()
        }
    }
}

/// "còn 5 ngày", "hôm nay", "quá hạn 3 ngày".
pub fn days_left(i18n: I18n, days: i64) -> String {
    match days {
        0 => t_string!(i18n, plans.days_today).to_string(),
        d if d > 0 => fill(
            t_string!(i18n, plans.days_left),
            &[("days", &d as &dyn std::fmt::Display)],
        ),
        d => fill(
            t_string!(i18n, plans.days_late),
            &[("days", &-d as &dyn std::fmt::Display)],
        ),
    }
}

/// A plan's title, or a placeholder when it has none yet.
pub fn plan_title(i18n: I18n, p: &Plan) -> String {
    let t = p.title.trim();
    if t.is_empty() {
        t_string!(i18n, plans.untitled).to_string()
    } else {
        t.to_string()
    }
}
