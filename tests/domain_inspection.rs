//! Inspections: answers, show_if, progress, findings, lifecycle, lock,
//! addenda, timing warnings.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use chrono::Duration;
use kiemtra::domain::answer::{Answer, AnswerKey, AnswerValue, DocumentEntry, ItemStatus};
use kiemtra::domain::catalog::{Addressee, FindingKind};
use kiemtra::domain::error::DomainError;
use kiemtra::domain::finding::{Finding, ViolationRef};
use kiemtra::domain::ids::{PlanId, SeqIds, UnitId};
use kiemtra::domain::inspection::{
    Conclusion, Decision, Inspection, InspectionStatus, InspectionWarning, Missing, Pause,
    Recommendation,
};
use kiemtra::domain::text::DocNumber;
use kiemtra::domain::workdays::{DateRange, Holidays};
use support::{d, sample_template};
use uuid::Uuid;

type Fx = support::StartedInspection;

fn fx() -> Fx {
    support::started_inspection(1000, 1001)
}

fn k(g: &str, i: u32, item: &str) -> AnswerKey {
    AnswerKey::new(g, i, item)
}

impl Fx {
    fn set(&mut self, key: AnswerKey, a: Answer) -> Result<(), DomainError> {
        self.insp
            .set_answer(self.run, key, a, &self.lib, &self.clock)
    }
    /// Answers every required visible item of group I with I.1 đạt, I.2 không.
    fn fill_group_i(&mut self) {
        self.set(k("I", 0, "I.1"), Answer::status(ItemStatus::Dat))
            .unwrap();
        self.set(k("I", 0, "I.2"), Answer::value(AnswerValue::YesNo(false)))
            .unwrap();
    }
    fn ready_to_finalize(&mut self) {
        self.fill_group_i();
        self.insp.start(d(2021, 3, 1), &self.clock).unwrap();
        self.insp
            .set_actual_end(Some(d(2021, 3, 5)), &self.clock)
            .unwrap();
        self.insp
            .set_conclusion(
                Conclusion {
                    text: "Ủy ban nhân dân quận Ninh Kiều đã thực hiện cơ bản đầy đủ công tác thi hành pháp luật về xử lý vi phạm hành chính.".into(),
                    draft_date: Some(d(2021, 3, 12)),
                    issue_date: None,
                    recommendations: vec![],
                    ..Conclusion::default()
                },
                &self.clock,
            )
            .unwrap();
    }
}

#[test]
fn a_valid_answer_is_stored_and_bumps_the_revision() {
    let mut f = fx();
    let rev = f.insp.rev();
    f.clock.advance(Duration::hours(1));
    f.set(k("I", 0, "I.5"), Answer::value(AnswerValue::Count(14)))
        .unwrap();
    assert_eq!(f.insp.rev(), rev + 1);
    assert_eq!(f.insp.updated_at(), f.clock.0);
    assert_eq!(
        f.insp.checklist(f.run).unwrap().answers[&k("I", 0, "I.5")].value,
        Some(AnswerValue::Count(14))
    );
}

#[test]
fn a_mismatched_answer_is_refused_and_changes_nothing() {
    let mut f = fx();
    let before = f.insp.clone();
    let err = f
        .set(k("I", 0, "I.5"), Answer::value(AnswerValue::Money(5)))
        .unwrap_err();
    assert!(matches!(err, DomainError::Answer { .. }));
    assert_eq!(f.insp, before);
}

#[test]
fn answers_to_unknown_groups_items_or_instances_are_refused() {
    let mut f = fx();
    let a = Answer::status(ItemStatus::Dat);
    assert!(matches!(
        f.set(k("IX", 0, "I.1"), a.clone()),
        Err(DomainError::UnknownGroup { .. })
    ));
    assert!(matches!(
        f.set(k("I", 0, "II.B.1"), a.clone()),
        Err(DomainError::UnknownItem { .. })
    ));
    assert!(matches!(
        f.set(k("I", 1, "I.1"), a.clone()),
        Err(DomainError::InstanceOutOfRange { .. })
    ));
    // A repeating group has no instance until one is added.
    assert!(matches!(
        f.set(k("II.B", 0, "II.B.1"), a),
        Err(DomainError::InstanceOutOfRange { .. })
    ));
}

#[test]
fn repeat_instances_are_added_up_to_the_max() {
    let mut f = fx();
    for (n, label) in [
        "Biên bản số 01/BB-VPHC",
        "Biên bản số 02/BB-VPHC",
        "Biên bản số 03/BB-VPHC",
    ]
    .iter()
    .enumerate()
    {
        assert_eq!(
            f.insp
                .add_instance(f.run, "II.B", label, &f.lib, &f.clock)
                .unwrap(),
            n as u32
        );
    }
    assert_eq!(
        f.insp.add_instance(f.run, "II.B", "thừa", &f.lib, &f.clock),
        Err(DomainError::RepeatLimitReached {
            group: "II.B".into(),
            max: 3
        })
    );
    assert!(matches!(
        f.insp.add_instance(f.run, "I", "x", &f.lib, &f.clock),
        Err(DomainError::NotRepeating { .. })
    ));
    f.set(
        k("II.B", 2, "II.B.3"),
        Answer::value(AnswerValue::Money(3_500_000)),
    )
    .unwrap();
}

#[test]
fn removing_an_instance_drops_its_answers_and_renumbers_the_rest() {
    let mut f = fx();
    for l in ["Biên bản A", "Biên bản B", "Biên bản C"] {
        f.insp
            .add_instance(f.run, "II.B", l, &f.lib, &f.clock)
            .unwrap();
    }
    f.set(k("II.B", 1, "II.B.1"), Answer::status(ItemStatus::KhongDat))
        .unwrap();
    f.set(k("II.B", 2, "II.B.1"), Answer::status(ItemStatus::Dat))
        .unwrap();
    f.insp.remove_instance(f.run, "II.B", 1, &f.clock).unwrap();
    let run = f.insp.checklist(f.run).unwrap();
    assert_eq!(
        run.instances["II.B"],
        vec!["Biên bản A".to_string(), "Biên bản C".to_string()]
    );
    assert_eq!(
        run.answers.get(&k("II.B", 1, "II.B.1")).unwrap().status,
        ItemStatus::Dat
    );
    assert!(!run.answers.contains_key(&k("II.B", 2, "II.B.1")));
}

#[test]
fn show_if_hides_items_from_progress_until_their_condition_holds() {
    let mut f = fx();
    let p = f.insp.progress(f.run, &f.lib).unwrap();
    // Group I: I.1, I.2, I.5 visible; I.3 (needs I.2 = yes) and I.4 (needs I.1 = không đạt) hidden.
    assert_eq!(
        (
            p.groups[0].answered,
            p.groups[0].total,
            p.groups[0].required_missing
        ),
        (0, 3, 2)
    );
    assert_eq!((p.groups[1].total, p.answered, p.total), (0, 0, 3));
    f.set(k("I", 0, "I.2"), Answer::value(AnswerValue::YesNo(true)))
        .unwrap();
    f.set(k("I", 0, "I.1"), Answer::status(ItemStatus::KhongDat))
        .unwrap();
    let p = f.insp.progress(f.run, &f.lib).unwrap();
    assert_eq!(
        (
            p.groups[0].answered,
            p.groups[0].total,
            p.groups[0].required_missing
        ),
        (2, 5, 2)
    );
}

#[test]
fn repeating_groups_count_once_per_instance() {
    let mut f = fx();
    f.insp
        .add_instance(f.run, "II.B", "Biên bản A", &f.lib, &f.clock)
        .unwrap();
    f.insp
        .add_instance(f.run, "II.B", "Biên bản B", &f.lib, &f.clock)
        .unwrap();
    f.set(
        k("II.B", 1, "II.B.2"),
        Answer::value(AnswerValue::Date(d(2021, 2, 3))),
    )
    .unwrap();
    let p = f.insp.progress(f.run, &f.lib).unwrap();
    assert_eq!(
        (
            p.groups[1].answered,
            p.groups[1].total,
            p.groups[1].required_missing
        ),
        (1, 6, 3)
    );
}

#[test]
fn finalize_lists_everything_missing_and_refuses() {
    let mut f = fx();
    f.insp.start(d(2021, 3, 1), &f.clock).unwrap();
    let before = f.insp.clone();
    match f.insp.finalize(&f.lib, &f.clock) {
        Err(DomainError::Incomplete { missing }) => {
            let keys: Vec<_> = missing
                .iter()
                .filter_map(|m| match m {
                    Missing::RequiredItemUnanswered { key, .. } => Some(key.to_string()),
                    _ => None,
                })
                .collect();
            assert_eq!(keys, ["I#0/I.1", "I#0/I.2"]);
            assert!(missing.contains(&Missing::FieldworkEndMissing));
            assert!(missing.contains(&Missing::ConclusionMissing));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(f.insp, before);
}

#[test]
fn finalize_respects_show_if_when_checking_required_items() {
    let mut f = fx();
    f.ready_to_finalize();
    // Saying "yes" to I.2 reveals the required document list I.3.
    f.set(k("I", 0, "I.2"), Answer::value(AnswerValue::YesNo(true)))
        .unwrap();
    let missing = f.insp.missing(&f.lib).unwrap();
    assert_eq!(missing.len(), 1);
    assert!(
        matches!(&missing[0], Missing::RequiredItemUnanswered { key, .. } if key.item == "I.3")
    );
    f.set(
        k("I", 0, "I.3"),
        Answer::value(AnswerValue::Documents(vec![DocumentEntry {
            doc_type: "Kế hoạch".into(),
            number: "15/KH-UBND".into(),
            date: Some(d(2021, 1, 20)),
            summary: "Quản lý công tác thi hành pháp luật về xử lý vi phạm hành chính".into(),
        }])),
    )
    .unwrap();
    assert!(f.insp.missing(&f.lib).unwrap().is_empty());
}

#[test]
fn finalize_succeeds_once_complete_and_locks_the_inspection() {
    let mut f = fx();
    f.ready_to_finalize();
    f.insp.finalize(&f.lib, &f.clock).unwrap();
    assert_eq!(f.insp.status(), InspectionStatus::Finalized);
    assert!(f.insp.is_locked());
    let before = f.insp.clone();
    let id = f.insp.id();
    assert_eq!(
        f.set(k("I", 0, "I.5"), Answer::value(AnswerValue::Count(1))),
        Err(DomainError::Locked { inspection: id })
    );
    assert_eq!(
        f.insp.set_extension(2, &f.clock),
        Err(DomainError::Locked { inspection: id })
    );
    assert_eq!(
        f.insp.set_conclusion(Conclusion::default(), &f.clock),
        Err(DomainError::Locked { inspection: id })
    );
    let finding = Finding::new(&mut f.ids, FindingKind::HanChe, "Chậm báo cáo", f.clock.0);
    assert_eq!(
        f.insp.add_finding(finding, &f.clock),
        Err(DomainError::Locked { inspection: id })
    );
    assert_eq!(f.insp, before);
}

#[test]
fn finalize_requires_fieldwork_to_have_started() {
    let mut f = fx();
    assert!(matches!(
        f.insp.finalize(&f.lib, &f.clock),
        Err(DomainError::InvalidTransition {
            from: InspectionStatus::Draft,
            to: InspectionStatus::Finalized
        })
    ));
}

#[test]
fn addenda_are_dated_and_only_for_locked_inspections() {
    let mut f = fx();
    assert!(matches!(
        f.insp.add_addendum("Bổ sung", &mut f.ids, &f.clock),
        Err(DomainError::NotFinalized { .. })
    ));
    f.ready_to_finalize();
    f.insp.finalize(&f.lib, &f.clock).unwrap();
    let rev = f.insp.rev();
    f.insp
        .add_addendum(
            "Đơn vị đã gửi bổ sung Kế hoạch số 15/KH-UBND.",
            &mut f.ids,
            &f.clock,
        )
        .unwrap();
    assert_eq!(f.insp.addenda().len(), 1);
    assert_eq!(f.insp.addenda()[0].date, d(2021, 1, 13));
    assert_eq!(f.insp.rev(), rev + 1);
    assert!(matches!(
        f.insp.add_addendum("  ", &mut f.ids, &f.clock),
        Err(DomainError::EmptyText { .. })
    ));
}

#[test]
fn exporting_is_allowed_only_after_finalizing_and_keeps_the_lock() {
    let mut f = fx();
    assert!(f.insp.mark_exported(&f.clock).is_err());
    f.ready_to_finalize();
    f.insp.finalize(&f.lib, &f.clock).unwrap();
    f.insp.mark_exported(&f.clock).unwrap();
    assert_eq!(f.insp.status(), InspectionStatus::Exported);
    assert!(f.insp.is_locked());
    assert_eq!(
        serde_json::to_string(&InspectionStatus::InProgress).unwrap(),
        "\"in_progress\""
    );
}

#[test]
fn a_khong_dat_answer_becomes_a_finding_in_one_step() {
    let mut f = fx();
    f.set(
        k("I", 0, "I.1"),
        Answer::status(ItemStatus::KhongDat).with_note("Chưa ban hành kế hoạch năm 2021"),
    )
    .unwrap();
    let fid = f
        .insp
        .finding_from_answer(
            f.run,
            &k("I", 0, "I.1"),
            FindingKind::HanChe,
            &f.lib,
            &mut f.ids,
            &f.clock,
        )
        .unwrap();
    let finding = f.insp.findings().iter().find(|x| x.id == fid).unwrap();
    assert_eq!(
        finding.description,
        "Công tác chỉ đạo, điều hành; xây dựng, tiến độ, kết quả thực hiện kế hoạch: Chưa ban hành kế hoạch năm 2021"
    );
    assert_eq!(finding.source.as_ref().unwrap().key, k("I", 0, "I.1"));
}

#[test]
fn only_khong_dat_answers_become_findings() {
    let mut f = fx();
    f.set(k("I", 0, "I.1"), Answer::status(ItemStatus::Dat))
        .unwrap();
    assert!(matches!(
        f.insp.finding_from_answer(
            f.run,
            &k("I", 0, "I.1"),
            FindingKind::HanChe,
            &f.lib,
            &mut f.ids,
            &f.clock
        ),
        Err(DomainError::AnswerNotKhongDat { .. })
    ));
    assert!(f.insp.findings().is_empty());
}

#[test]
fn findings_with_unknown_violation_codes_are_refused() {
    let mut f = fx();
    let mut finding = Finding::new(
        &mut f.ids,
        FindingKind::ViPham,
        "Lập biên bản quá thời hạn",
        f.clock.0,
    );
    finding.violation =
        Some(ViolationRef::current("vi_pham_thoi_han_lap_bien_ban_ra_quyet_dinh").unwrap());
    f.insp.add_finding(finding.clone(), &f.clock).unwrap();
    assert!(ViolationRef::current("khong_ton_tai").is_err());
    finding.violation.as_mut().unwrap().code = "khong_ton_tai".into();
    assert!(matches!(
        f.insp.update_finding(finding, &f.clock),
        Err(DomainError::UnknownViolationCode { .. })
    ));
}

#[test]
fn a_checklist_with_findings_cannot_be_removed() {
    let mut f = fx();
    f.set(k("I", 0, "I.1"), Answer::status(ItemStatus::KhongDat))
        .unwrap();
    f.insp
        .finding_from_answer(
            f.run,
            &k("I", 0, "I.1"),
            FindingKind::SaiSot,
            &f.lib,
            &mut f.ids,
            &f.clock,
        )
        .unwrap();
    assert_eq!(
        f.insp.remove_checklist(f.run, &f.clock),
        Err(DomainError::RunHasFindings { run: f.run })
    );
}

#[test]
fn the_same_template_cannot_be_added_twice() {
    let mut f = fx();
    assert!(matches!(
        f.insp
            .add_checklist(&sample_template(), &mut f.ids, &f.clock),
        Err(DomainError::DuplicateChecklist { .. })
    ));
}

#[test]
fn more_than_seven_working_days_without_extension_is_warned_about() {
    let mut f = fx();
    let h = Holidays::new();
    f.insp
        .set_planned(DateRange::new(d(2021, 3, 1), d(2021, 3, 10)), &f.clock)
        .unwrap();
    assert_eq!(f.insp.duration_working_days(&h), Some(8));
    assert!(f
        .insp
        .warnings(&h)
        .contains(&InspectionWarning::DurationOverLimit {
            working_days: 8,
            limit: 7
        }));
    f.insp.set_extension(1, &f.clock).unwrap();
    assert!(!f
        .insp
        .warnings(&h)
        .iter()
        .any(|w| matches!(w, InspectionWarning::DurationOverLimit { .. })));
}

#[test]
fn paused_days_do_not_count_toward_the_duration() {
    let mut f = fx();
    let h = Holidays::new();
    f.insp
        .set_planned(DateRange::new(d(2021, 3, 1), d(2021, 3, 10)), &f.clock)
        .unwrap();
    f.insp
        .add_pause(
            Pause {
                period: DateRange::new(d(2021, 3, 4), d(2021, 3, 5)).unwrap(),
                letter_number: "120/STP-XLVPHC".into(),
                reason: "Trùng lặp đối tượng được kiểm tra".into(),
            },
            &f.clock,
        )
        .unwrap();
    assert_eq!(f.insp.duration_working_days(&h), Some(6));
    assert!(f.insp.warnings(&h).is_empty());
}

#[test]
fn an_extension_above_seven_is_warned_about() {
    let mut f = fx();
    f.insp.set_extension(8, &f.clock).unwrap();
    assert!(f
        .insp
        .warnings(&Holidays::new())
        .contains(&InspectionWarning::ExtensionTooLong { days: 8, max: 7 }));
}

#[test]
fn a_decision_sent_less_than_30_days_before_a_scheduled_start_is_warned_about() {
    let mut f = fx();
    f.insp
        .set_planned(DateRange::new(d(2021, 3, 1), d(2021, 3, 5)), &f.clock)
        .unwrap();
    let decision = Decision {
        number: Some(DocNumber::parse("25/QĐ-UBND").unwrap()),
        date: Some(d(2021, 2, 1)),
        sent_date: Some(d(2021, 2, 2)),
    };
    f.insp.set_decision(decision, &f.clock).unwrap();
    assert!(f
        .insp
        .warnings(&Holidays::new())
        .contains(&InspectionWarning::DecisionNoticeShort {
            days_before: 27,
            min: 30
        }));
    // Unscheduled (đột xuất) inspections are not subject to the 30-day rule.
    let mut ids = SeqIds::new();
    let mut unscheduled = Inspection::new(
        &mut ids,
        PlanId(Uuid::from_u128(1)),
        UnitId(Uuid::from_u128(2)),
        None,
        false,
        &f.clock,
    );
    unscheduled
        .set_planned(DateRange::new(d(2021, 3, 1), d(2021, 3, 5)), &f.clock)
        .unwrap();
    unscheduled
        .set_decision(f.insp.decision().clone(), &f.clock)
        .unwrap();
    assert!(unscheduled.warnings(&Holidays::new()).is_empty());
}

#[test]
fn a_conclusion_drafted_more_than_15_days_after_fieldwork_is_warned_about() {
    let mut f = fx();
    f.insp.start(d(2021, 3, 1), &f.clock).unwrap();
    f.insp
        .set_actual_end(Some(d(2021, 3, 5)), &f.clock)
        .unwrap();
    let mut c = Conclusion {
        text: "Kết luận".into(),
        draft_date: Some(d(2021, 3, 20)),
        ..Conclusion::default()
    };
    f.insp.set_conclusion(c.clone(), &f.clock).unwrap();
    assert!(f.insp.warnings(&Holidays::new()).is_empty());
    c.draft_date = Some(d(2021, 3, 21));
    f.insp.set_conclusion(c, &f.clock).unwrap();
    assert!(f
        .insp
        .warnings(&Holidays::new())
        .contains(&InspectionWarning::ConclusionDraftLate {
            days_after_fieldwork: 16,
            max: 15
        }));
}

#[test]
fn reversed_dates_are_refused() {
    let mut f = fx();
    f.insp.start(d(2021, 3, 5), &f.clock).unwrap();
    assert!(matches!(
        f.insp.set_actual_end(Some(d(2021, 3, 1)), &f.clock),
        Err(DomainError::InvalidRange { .. })
    ));
    let c = Conclusion {
        text: "x".into(),
        draft_date: Some(d(2021, 3, 20)),
        issue_date: Some(d(2021, 3, 19)),
        recommendations: vec![Recommendation {
            text: "Chấn chỉnh".into(),
            addressee: Addressee::DonViDuocKiemTra,
            deadline: None,
            tracking: Default::default(),
        }],
        ..Conclusion::default()
    };
    assert!(matches!(
        f.insp.set_conclusion(c, &f.clock),
        Err(DomainError::InvalidRange { .. })
    ));
}

#[test]
fn inspections_round_trip_through_json() {
    let mut f = fx();
    f.insp
        .add_instance(f.run, "II.B", "Biên bản số 05/BB-VPHC", &f.lib, &f.clock)
        .unwrap();
    f.set(
        k("II.B", 0, "II.B.1"),
        Answer::status(ItemStatus::KhongDat).with_note("Lập sai thẩm quyền"),
    )
    .unwrap();
    f.ready_to_finalize();
    f.insp.finalize(&f.lib, &f.clock).unwrap_err(); // II.B.2 still missing
    let json = serde_json::to_string(&f.insp).unwrap();
    assert!(json.contains("\"II.B#0/II.B.1\""));
    assert!(json.contains("\"status\":\"in_progress\""));
    assert_eq!(serde_json::from_str::<Inspection>(&json).unwrap(), f.insp);
}

#[test]
fn domain_errors_serialise_as_tagged_data_for_the_ui() {
    let mut f = fx();
    f.insp.start(d(2021, 3, 1), &f.clock).unwrap();
    let err = f.insp.finalize(&f.lib, &f.clock).unwrap_err();
    let v = serde_json::to_value(&err).unwrap();
    assert_eq!(v["kind"], "incomplete");
    assert_eq!(v["missing"][0]["kind"], "required_item_unanswered");
    assert_eq!(v["missing"][0]["key"], "I#0/I.1");
    let back: DomainError = serde_json::from_value(v).unwrap();
    assert_eq!(back, err);
}
