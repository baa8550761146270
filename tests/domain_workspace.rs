//! The workspace aggregate: cross-record rules and the deadlines overview.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use kiemtra::domain::answer::{Answer, AnswerKey, AnswerValue, ItemStatus};
use kiemtra::domain::catalog::{Addressee, PlanMethod};
use kiemtra::domain::clock::FixedClock;
use kiemtra::domain::error::DomainError;
use kiemtra::domain::ids::{InspectionId, PlanId, SeqIds, TaskId, TeamId, TemplateId, UnitId};
use kiemtra::domain::inspection::{Conclusion, Recommendation};
use kiemtra::domain::plan::{PlanTask, TaskProgress};
use kiemtra::domain::team::{TeamRules, TeamWarning};
use kiemtra::domain::workdays::DateRange;
use kiemtra::domain::workspace::{DeadlineKind, DeadlineState, Settings, Workspace};
use support::{clock, d, plan_can_tho, sample_template};
use uuid::Uuid;

struct Fx {
    ids: SeqIds,
    clock: FixedClock,
    ws: Workspace,
    plan: PlanId,
    unit: UnitId,
    team: TeamId,
}

fn fx() -> Fx {
    let mut ids = SeqIds::new();
    let clock = clock();
    let mut ws = Workspace::new();
    ws.templates_mut().insert(sample_template()).unwrap();
    let p = plan_can_tho(&mut ids, &clock);
    let (unit, team) = (p.inspected_units[0].id, p.teams[0].id);
    let plan = ws.add_plan(p).unwrap();
    Fx {
        ids,
        clock,
        ws,
        plan,
        unit,
        team,
    }
}

fn tid() -> TemplateId {
    TemplateId::new("xlvphc-mau-thu").unwrap()
}

impl Fx {
    fn inspection(&mut self) -> InspectionId {
        self.ws
            .create_inspection(
                self.plan,
                self.unit,
                Some(self.team),
                &mut self.ids,
                &self.clock,
            )
            .unwrap()
    }
}

#[test]
fn inspections_are_created_only_for_units_and_teams_of_the_plan() {
    let mut f = fx();
    let id = f.inspection();
    assert_eq!(f.ws.inspections_of_plan(f.plan).len(), 1);
    assert!(f.ws.inspection(id).unwrap().scheduled());
    let stranger = UnitId(Uuid::from_u128(777));
    assert_eq!(
        f.ws.create_inspection(f.plan, stranger, None, &mut f.ids, &f.clock),
        Err(DomainError::UnitNotInPlan)
    );
    let other_team = TeamId(Uuid::from_u128(778));
    assert_eq!(
        f.ws.create_inspection(f.plan, f.unit, Some(other_team), &mut f.ids, &f.clock),
        Err(DomainError::TeamNotInPlan)
    );
}

#[test]
fn dot_xuat_plans_create_unscheduled_inspections() {
    let mut f = fx();
    let mut p = f.ws.plan(f.plan).unwrap().clone();
    p.method = Some(PlanMethod::DotXuat);
    f.ws.update_plan(p, &f.clock).unwrap();
    let id = f.inspection();
    assert!(!f.ws.inspection(id).unwrap().scheduled());
}

#[test]
fn plan_updates_bump_the_revision_and_refuse_stale_copies() {
    let mut f = fx();
    let stale = f.ws.plan(f.plan).unwrap().clone();
    let mut edited = stale.clone();
    edited.purpose = "Đánh giá thực tế thi hành pháp luật về xử lý vi phạm hành chính".into();
    assert_eq!(f.ws.update_plan(edited, &f.clock).unwrap(), 1);
    assert_eq!(
        f.ws.update_plan(stale, &f.clock),
        Err(DomainError::RevConflict {
            expected: 0,
            actual: 1
        })
    );
    assert!(f.ws.plan(f.plan).unwrap().purpose.starts_with("Đánh giá"));
}

#[test]
fn a_unit_with_an_inspection_cannot_be_removed_from_the_plan() {
    let mut f = fx();
    f.inspection();
    let mut p = f.ws.plan(f.plan).unwrap().clone();
    p.inspected_units.clear();
    assert_eq!(
        f.ws.update_plan(p, &f.clock),
        Err(DomainError::UnitNotInPlan)
    );
}

#[test]
fn a_plan_with_inspections_cannot_be_deleted() {
    let mut f = fx();
    let id = f.inspection();
    assert_eq!(
        f.ws.remove_plan(f.plan),
        Err(DomainError::PlanHasInspections { count: 1 })
    );
    f.ws.remove_inspection(id).unwrap();
    assert!(f.ws.remove_plan(f.plan).is_ok());
}

#[test]
fn only_draft_inspections_can_be_deleted() {
    let mut f = fx();
    let id = f.inspection();
    f.ws.inspection_mut(id)
        .unwrap()
        .start(d(2021, 3, 1), &f.clock)
        .unwrap();
    assert_eq!(
        f.ws.remove_inspection(id).unwrap_err(),
        DomainError::NotDraft
    );
}

#[test]
fn a_template_version_used_by_an_inspection_cannot_be_deleted() {
    let mut f = fx();
    let id = f.inspection();
    f.ws.add_latest_checklist(id, &tid(), &mut f.ids, &f.clock)
        .unwrap();
    assert_eq!(
        f.ws.remove_template_version(&tid(), 1),
        Err(DomainError::TemplateVersionInUse {
            id: tid(),
            version: 1
        })
    );
    assert!(f.ws.template_versions_in_use().contains(&(tid(), 1)));
}

#[test]
fn team_warnings_use_the_rules_of_the_decision_date() {
    let mut f = fx();
    let id = f.inspection();
    let mut p = f.ws.plan(f.plan).unwrap().clone();
    p.teams[0].deputies.clear();
    f.ws.update_plan(p, &f.clock).unwrap();
    let (rules, w) = f.ws.team_warnings(id, d(2021, 2, 1)).unwrap();
    assert_eq!(rules, TeamRules::Nd19_2020);
    assert!(w.contains(&TeamWarning::DeputyCount { count: 0 }));
    let (rules, w) = f.ws.team_warnings(id, d(2025, 9, 23)).unwrap();
    assert_eq!(rules, TeamRules::Nd93_2025);
    assert!(w.is_empty());
}

#[test]
fn deadlines_cover_tasks_windows_unit_reports_and_fieldwork_with_days_left() {
    let mut f = fx();
    let mut p = f.ws.plan(f.plan).unwrap().clone();
    p.tasks.push(PlanTask {
        id: TaskId(Uuid::from_u128(500)),
        content: "Ban hành Quyết định kiểm tra".into(),
        lead_unit: "Sở Tư pháp".into(),
        coordinating_units: vec![],
        deadline: Some(d(2021, 1, 29)),
        progress: TaskProgress::DangThucHien,
    });
    p.tasks.push(PlanTask {
        id: TaskId(Uuid::from_u128(501)),
        content: "Khảo sát trước khi ban hành kế hoạch".into(),
        lead_unit: "Sở Tư pháp".into(),
        coordinating_units: vec![],
        deadline: Some(d(2021, 1, 10)),
        progress: TaskProgress::HoanThanh,
    });
    f.ws.update_plan(p, &f.clock).unwrap();
    let id = f.inspection();
    f.ws.inspection_mut(id)
        .unwrap()
        .set_planned(DateRange::new(d(2021, 3, 1), d(2021, 3, 9)), &f.clock)
        .unwrap();

    let list = f.ws.deadlines(d(2021, 1, 13));
    let kinds: Vec<_> = list
        .iter()
        .map(|x| (&x.kind, x.date, x.days_left))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (
                &DeadlineKind::PlanTask {
                    task: TaskId(Uuid::from_u128(500))
                },
                d(2021, 1, 29),
                16
            ),
            (&DeadlineKind::UnitReportDue, d(2021, 2, 24), 42),
            (&DeadlineKind::InspectionWindowStart, d(2021, 3, 1), 47),
            (&DeadlineKind::FieldworkStart, d(2021, 3, 1), 47),
            (&DeadlineKind::InspectionWindowEnd, d(2021, 3, 31), 77),
        ]
    );
    assert!(list.iter().all(|x| x.state == DeadlineState::Upcoming));

    let later = f.ws.deadlines(d(2021, 2, 1));
    let task = later
        .iter()
        .find(|x| matches!(x.kind, DeadlineKind::PlanTask { .. }))
        .unwrap();
    assert_eq!((task.days_left, task.state), (-3, DeadlineState::Overdue));
}

#[test]
fn unit_report_deadline_respects_user_holidays() {
    let mut f = fx();
    let mut s = Settings::default();
    s.holidays.insert(d(2021, 2, 24));
    f.ws.set_settings(s);
    let id = f.inspection();
    f.ws.inspection_mut(id)
        .unwrap()
        .set_planned(DateRange::new(d(2021, 3, 1), d(2021, 3, 9)), &f.clock)
        .unwrap();
    let due =
        f.ws.deadlines(d(2021, 1, 13))
            .into_iter()
            .find(|x| x.kind == DeadlineKind::UnitReportDue)
            .unwrap();
    assert_eq!(due.date, d(2021, 2, 23));
}

#[test]
fn conclusion_draft_is_due_15_days_after_fieldwork_until_drafted() {
    let mut f = fx();
    let id = f.inspection();
    let insp = f.ws.inspection_mut(id).unwrap();
    insp.start(d(2021, 3, 1), &f.clock).unwrap();
    insp.set_actual_end(Some(d(2021, 3, 5)), &f.clock).unwrap();
    let due =
        f.ws.deadlines(d(2021, 3, 22))
            .into_iter()
            .find(|x| x.kind == DeadlineKind::ConclusionDraftDue)
            .unwrap();
    assert_eq!(
        (due.date, due.days_left, due.state),
        (d(2021, 3, 20), -2, DeadlineState::Overdue)
    );
    let insp = f.ws.inspection_mut(id).unwrap();
    insp.set_conclusion(
        Conclusion {
            text: "Dự thảo".into(),
            draft_date: Some(d(2021, 3, 19)),
            ..Conclusion::default()
        },
        &f.clock,
    )
    .unwrap();
    assert!(!f
        .ws
        .deadlines(d(2021, 3, 22))
        .iter()
        .any(|x| x.kind == DeadlineKind::ConclusionDraftDue));
}

#[test]
fn finished_work_leaves_the_deadlines_overview() {
    let mut f = fx();
    let id = f.inspection();
    f.ws.add_latest_checklist(id, &tid(), &mut f.ids, &f.clock)
        .unwrap();
    let lib = f.ws.templates().clone();
    let insp = f.ws.inspection_mut(id).unwrap();
    let run = insp.checklists()[0].id;
    insp.set_answer(
        run,
        AnswerKey::new("I", 0, "I.1"),
        Answer::status(ItemStatus::Dat),
        &lib,
        &f.clock,
    )
    .unwrap();
    insp.set_answer(
        run,
        AnswerKey::new("I", 0, "I.2"),
        Answer::value(AnswerValue::YesNo(false)),
        &lib,
        &f.clock,
    )
    .unwrap();
    insp.start(d(2021, 3, 1), &f.clock).unwrap();
    insp.set_actual_end(Some(d(2021, 3, 5)), &f.clock).unwrap();
    insp.set_conclusion(
        Conclusion {
            text: "Kết luận kiểm tra".into(),
            draft_date: Some(d(2021, 3, 15)),
            issue_date: Some(d(2021, 3, 25)),
            recommendations: vec![Recommendation {
                text: "Kịp thời chấn chỉnh việc lập biên bản vi phạm hành chính".into(),
                addressee: Addressee::DonViDuocKiemTra,
                deadline: Some(d(2021, 4, 30)),
                tracking: Default::default(),
            }],
            ..Conclusion::default()
        },
        &f.clock,
    )
    .unwrap();
    insp.finalize(&lib, &f.clock).unwrap();
    let list = f.ws.deadlines(d(2021, 3, 26));
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(
        list[0].kind,
        DeadlineKind::RecommendationDue {
            target: kiemtra::domain::followup::RecTarget::Conclusion { index: 0 }
        }
    );
    assert_eq!(list[0].days_left, 35);
}

#[test]
fn settings_default_to_no_holidays_and_a_weekly_backup_reminder() {
    let s = Settings::default();
    assert!(s.holidays.iter().next().is_none());
    assert_eq!(s.backup_reminder_days, 7);
    let parsed: Settings = serde_json::from_str("{}").unwrap();
    assert_eq!(parsed, s);
}

#[test]
fn the_backup_reminder_counts_from_the_first_data_not_from_an_empty_workspace() {
    use chrono::Duration;
    use kiemtra::domain::clock::Clock;
    let clock = clock();
    let start = clock.now();
    let mut ws = Workspace::default();
    assert!(
        !ws.backup_reminder_due(None, start + Duration::days(30)),
        "no data, no reminder"
    );
    ws.add_plan(plan_can_tho(&mut SeqIds::new(), &clock))
        .unwrap();
    // A new user's first plan: no warning minutes (or six days) later.
    assert!(!ws.backup_reminder_due(None, start + Duration::minutes(5)));
    assert!(!ws.backup_reminder_due(None, start + Duration::days(6)));
    assert!(ws.backup_reminder_due(None, start + Duration::days(7)));
    // A backup resets the count; one older than the data does not.
    let backup = start + Duration::days(3);
    assert!(!ws.backup_reminder_due(Some(backup), start + Duration::days(9)));
    assert!(ws.backup_reminder_due(Some(backup), start + Duration::days(10)));
    assert!(ws.backup_reminder_due(Some(start - Duration::days(30)), start + Duration::days(7)));
    assert!(!ws.backup_reminder_due(Some(start - Duration::days(30)), start + Duration::days(6)));
    // Turned off.
    let mut s = ws.settings().clone();
    s.backup_reminder_days = 0;
    ws.set_settings(s);
    assert!(!ws.backup_reminder_due(None, start + Duration::days(365)));
}

#[test]
fn the_whole_workspace_round_trips_through_json() {
    let mut f = fx();
    let id = f.inspection();
    f.ws.add_latest_checklist(id, &tid(), &mut f.ids, &f.clock)
        .unwrap();
    let json = serde_json::to_string(&f.ws).unwrap();
    assert_eq!(serde_json::from_str::<Workspace>(&json).unwrap(), f.ws);
}
