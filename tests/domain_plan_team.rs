//! Plans (warnings, task status, serde) and team composition rules.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use kiemtra::domain::catalog::FocusField;
use kiemtra::domain::ids::{SeqIds, TaskId};
use kiemtra::domain::plan::{
    FieldRef, IssuerLevel, PeriodEnd, Plan, PlanKind, PlanTask, PlanWarning, ReviewPeriod,
    TaskProgress, TaskStatus,
};
use kiemtra::domain::team::{Member, TeamRules, TeamWarning};
use kiemtra::domain::workdays::DateRange;
use support::{clock, d, plan_can_tho};

fn plan() -> (Plan, SeqIds) {
    let mut ids = SeqIds::new();
    let p = plan_can_tho(&mut ids, &clock());
    (p, ids)
}

#[test]
fn the_can_tho_plan_is_valid_and_has_no_warnings() {
    let (p, _) = plan();
    assert!(p.validate().is_ok());
    assert_eq!(p.warnings(d(2021, 1, 13)), vec![]);
    assert_eq!(p.number.as_ref().unwrap().to_string(), "09/KH-UBND");
    assert_eq!(p.unit_report_days_before, 3);
    assert_eq!(p.duration_working_days, 7);
}

#[test]
fn plans_round_trip_through_json() {
    let (mut p, _) = plan();
    p.field = Some(FieldRef::Focus(FocusField::DatDai));
    p.review_period = Some(ReviewPeriod {
        from: d(2020, 1, 1),
        to: PeriodEnd::InspectionDate,
    });
    let json = serde_json::to_string(&p).unwrap();
    assert!(json.contains("\"field\":{\"focus\":\"dat_dai\"}"), "{json}");
    assert!(json.contains("\"to\":\"inspection_date\""), "{json}");
    assert_eq!(serde_json::from_str::<Plan>(&json).unwrap(), p);
}

#[test]
fn a_yearly_xlvphc_plan_issued_on_or_after_15_march_is_warned_about() {
    let (mut p, _) = plan();
    p.issue_date = Some(d(2021, 3, 14));
    assert!(p.warnings(d(2021, 3, 20)).is_empty());
    p.issue_date = Some(d(2021, 3, 15));
    assert_eq!(
        p.warnings(d(2021, 3, 20)),
        vec![PlanWarning::XlvphcYearlyPlanLate {
            issue_date: d(2021, 3, 15),
            deadline: d(2021, 3, 15)
        }]
    );
    p.yearly = false;
    assert!(p.warnings(d(2021, 3, 20)).is_empty());
}

#[test]
fn a_provincial_thpl_plan_issued_on_or_after_30_january_is_warned_about() {
    let (mut p, _) = plan();
    p.kind = PlanKind::TheoDoiThpl;
    p.issue_date = Some(d(2021, 2, 2));
    assert!(matches!(
        p.warnings(d(2021, 2, 2))[..],
        [PlanWarning::ThplYearlyPlanLate { .. }]
    ));
    // District-level plans follow the deadline set by the level above.
    p.issuer_level = IssuerLevel::Huyen;
    assert!(p.warnings(d(2021, 2, 2)).is_empty());
}

#[test]
fn task_status_becomes_qua_han_after_the_deadline_unless_done() {
    let mut task = PlanTask {
        id: TaskId(uuid::Uuid::from_u128(99)),
        content: "Xây dựng Quyết định kiểm tra".into(),
        lead_unit: "Sở Tư pháp".into(),
        coordinating_units: vec!["Công an thành phố".into()],
        deadline: Some(d(2021, 2, 1)),
        progress: TaskProgress::DangThucHien,
    };
    assert_eq!(task.status(d(2021, 2, 1)), TaskStatus::DangThucHien);
    assert_eq!(task.status(d(2021, 2, 2)), TaskStatus::QuaHan);
    task.progress = TaskProgress::HoanThanh;
    assert_eq!(task.status(d(2021, 2, 2)), TaskStatus::HoanThanh);
    assert_eq!(
        serde_json::to_string(&TaskStatus::QuaHan).unwrap(),
        "\"qua_han\""
    );
}

#[test]
fn overdue_tasks_produce_a_warning_with_days_late() {
    let (mut p, _) = plan();
    p.tasks.push(PlanTask {
        id: TaskId(uuid::Uuid::from_u128(99)),
        content: "Ban hành Quyết định kiểm tra".into(),
        lead_unit: "Sở Tư pháp".into(),
        coordinating_units: vec![],
        deadline: Some(d(2021, 2, 1)),
        progress: TaskProgress::ChuaBatDau,
    });
    assert_eq!(
        p.warnings(d(2021, 2, 4)),
        vec![PlanWarning::TaskOverdue {
            task: TaskId(uuid::Uuid::from_u128(99)),
            deadline: d(2021, 2, 1),
            days_late: 3
        }]
    );
}

#[test]
fn durations_and_extensions_above_seven_working_days_are_warned_about() {
    let (mut p, _) = plan();
    p.duration_working_days = 8;
    p.extension_working_days = 10;
    let w = p.warnings(d(2021, 1, 13));
    assert!(w.contains(&PlanWarning::DurationTooLong { days: 8, max: 7 }));
    assert!(w.contains(&PlanWarning::ExtensionTooLong { days: 10, max: 7 }));
}

#[test]
fn reversed_windows_are_errors_not_warnings() {
    let (mut p, _) = plan();
    p.inspection_window = Some(DateRange {
        from: d(2021, 3, 31),
        to: d(2021, 3, 1),
    });
    assert!(p.validate().is_err());
}

#[test]
fn rules_are_chosen_by_decision_date_with_nd93_from_15_june_2025() {
    assert_eq!(
        TeamRules::for_decision_date(d(2021, 2, 1)),
        TeamRules::Nd19_2020
    );
    assert_eq!(
        TeamRules::for_decision_date(d(2025, 6, 14)),
        TeamRules::Nd19_2020
    );
    assert_eq!(
        TeamRules::for_decision_date(d(2025, 6, 15)),
        TeamRules::Nd93_2025
    );
    assert_eq!(
        serde_json::to_string(&TeamRules::Nd93_2025).unwrap(),
        "\"nd93_2025\""
    );
}

#[test]
fn a_complete_five_person_inter_sectoral_team_passes_nd19() {
    let (p, _) = plan();
    assert_eq!(p.teams[0].warnings(TeamRules::Nd19_2020), vec![]);
}

#[test]
fn nd19_flags_small_teams_deputy_count_and_single_sector_teams() {
    let (mut p, _) = plan();
    let team = &mut p.teams[0];
    team.members.truncate(1);
    team.deputies.clear();
    team.inter_sectoral = false;
    let w = team.warnings(TeamRules::Nd19_2020);
    assert!(w.contains(&TeamWarning::TooFewMembers { count: 2, min: 5 }));
    assert!(w.contains(&TeamWarning::DeputyCount { count: 0 }));
    assert!(w.contains(&TeamWarning::NotInterSectoral));
}

#[test]
fn nd19_flags_members_under_discipline_and_undeclared_conflicts() {
    let (mut p, mut ids) = plan();
    let team = &mut p.teams[0];
    team.members[0].under_discipline = true;
    let newcomer = Member::new(&mut ids, "Đặng Văn H", "Chuyên viên", "Sở Nội vụ");
    let newcomer_id = newcomer.id;
    team.members.push(newcomer);
    let w = team.warnings(TeamRules::Nd19_2020);
    assert!(w.contains(&TeamWarning::MemberUnderDiscipline {
        member: team.members[0].id
    }));
    assert!(w.contains(&TeamWarning::ConflictNotDeclared {
        member: newcomer_id
    }));
}

#[test]
fn nd93_makes_the_deputy_optional_and_size_free_but_still_flags_conflicts() {
    let (mut p, mut ids) = plan();
    let team = &mut p.teams[0];
    team.deputies.clear();
    team.members.clear();
    team.inter_sectoral = false;
    assert_eq!(team.warnings(TeamRules::Nd93_2025), vec![]);
    let m = Member::new(&mut ids, "Đặng Văn H", "Chuyên viên", "Sở Nội vụ");
    let mid = m.id;
    team.members.push(m);
    assert_eq!(
        team.warnings(TeamRules::Nd93_2025),
        vec![TeamWarning::ConflictNotDeclared { member: mid }]
    );
    team.head = None;
    assert!(team
        .warnings(TeamRules::Nd93_2025)
        .contains(&TeamWarning::NoHead));
}
