//! Follow-up of a conclusion: recommendation status transitions, overdue
//! days against the injected clock, discipline decisions and the text in
//! force on the violation date, amendment proposals, summary counts, the
//! workspace follow-up list and the overview deadlines.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use chrono::Duration;
use kiemtra::domain::answer::{Answer, AnswerKey, AnswerValue, ItemStatus};
use kiemtra::domain::catalog::{Addressee, DisciplineForm, FindingKind};
use kiemtra::domain::clock::{Clock, FixedClock};
use kiemtra::domain::error::DomainError;
use kiemtra::domain::finding::{Finding, FindingRecommendation, ViolationRef};
use kiemtra::domain::followup::{
    behaviours_in_force, discipline_forms_in_force, AmendmentProposal, DecisionInput,
    DisciplineCase, DisciplineOutcome, FollowUpError, FollowUpStatus, RecTarget, UpdateInput,
    VIOLATION_BEHAVIOURS_2020_VERSION,
};
use kiemtra::domain::ids::{FindingId, InspectionId, SeqIds};
use kiemtra::domain::inspection::{Conclusion, Recommendation};
use kiemtra::domain::workspace::{DeadlineKind, DeadlineState, FollowUpFilter, Workspace};
use kiemtra::report::amendments::{amendment_list, amendment_list_json};
use support::{d, sample_template};

struct Fx {
    ids: SeqIds,
    clock: FixedClock,
    ws: Workspace,
    insp: InspectionId,
    sai_sot: FindingId,
    vi_pham: FindingId,
    chong_cheo: FindingId,
}

/// An inspection of Ninh Kiều with three findings (a sai sót with a
/// recommendation to the unit due 30/04/2021, a violation with a discipline
/// proposal, a chồng chéo with an amendment proposal) and one conclusion
/// recommendation to the city, finalized on 30/03/2021.
fn fx() -> Fx {
    let mut ids = SeqIds::new();
    let mut clock = support::clock();
    let mut ws = Workspace::new();
    let tpl = sample_template();
    ws.templates_mut().insert(tpl.clone()).unwrap();
    let plan = support::plan_can_tho(&mut ids, &clock);
    let (unit, team) = (plan.inspected_units[0].id, plan.teams[0].id);
    let plan_id = ws.add_plan(plan).unwrap();
    let insp = ws
        .create_inspection(plan_id, unit, Some(team), &mut ids, &clock)
        .unwrap();
    clock = FixedClock::at_vietnam_morning(2021, 3, 30).unwrap();
    let c = clock;
    let mut found = (None, None, None);
    ws.edit_inspection(insp, |i, lib| {
        let run = i.add_checklist(&tpl, &mut ids, &c)?;
        i.set_answer(
            run,
            AnswerKey::new("I", 0, "I.1"),
            Answer::status(ItemStatus::Dat),
            lib,
            &c,
        )?;
        i.set_answer(
            run,
            AnswerKey::new("I", 0, "I.2"),
            Answer::value(AnswerValue::YesNo(false)),
            lib,
            &c,
        )?;
        let mut f = Finding::new(
            &mut ids,
            FindingKind::SaiSot,
            "Biên bản số 12/BB-VPHC lập quá thời hạn",
            c.now(),
        );
        let mut rec = FindingRecommendation::new(
            "Chấn chỉnh việc lập biên bản vi phạm hành chính",
            Addressee::DonViDuocKiemTra,
        );
        rec.deadline = Some(d(2021, 4, 30));
        f.recommendation = Some(rec);
        let a = i.add_finding(f, &c)?;
        let mut f = Finding::new(
            &mut ids,
            FindingKind::ViPham,
            "Không lập biên bản khi phát hiện vi phạm",
            c.now(),
        );
        f.violation = Some(ViolationRef {
            code: "giu_lai_vu_co_dau_hieu_toi_pham".into(),
            version: VIOLATION_BEHAVIOURS_2020_VERSION.into(),
        });
        f.proposed_discipline = Some(DisciplineForm::KhienTrach);
        f.discipline = Some(DisciplineCase {
            official: "Nguyễn Văn H".into(),
            position: "Trưởng Công an phường An Hòa".into(),
            violation_date: Some(d(2021, 1, 5)),
            ..DisciplineCase::default()
        });
        let b = i.add_finding(f, &c)?;
        let mut f = Finding::new(
            &mut ids,
            FindingKind::ChongCheo,
            "Hai văn bản cùng quy định thẩm quyền lập biên bản khác nhau",
            c.now(),
        );
        f.amendment = Some(AmendmentProposal {
            document: "Nghị định số 19/2020/NĐ-CP".into(),
            article: "Điều 22".into(),
            clause: "khoản 5".into(),
            problem: "Chồng chéo với quy định về thẩm quyền lập biên bản".into(),
            proposal: "Sửa đổi để thống nhất thẩm quyền".into(),
            addressed_to: "Bộ Tư pháp".into(),
        });
        let cc = i.add_finding(f, &c)?;
        found = (Some(a), Some(b), Some(cc));
        i.start(d(2021, 3, 1), &c)?;
        i.set_actual_end(Some(d(2021, 3, 5)), &c)?;
        i.set_conclusion(
            Conclusion {
                text: "Kết luận kiểm tra".into(),
                draft_date: Some(d(2021, 3, 15)),
                issue_date: Some(d(2021, 3, 30)),
                recommendations: vec![Recommendation::new(
                    "Báo cáo kết quả khắc phục",
                    Addressee::UbndThanhPho,
                    Some(d(2021, 6, 30)),
                )],
                ..Conclusion::default()
            },
            &c,
        )?;
        i.finalize(lib, &c)?;
        Ok(())
    })
    .unwrap();
    Fx {
        ids,
        clock,
        ws,
        insp,
        sai_sot: found.0.unwrap(),
        vi_pham: found.1.unwrap(),
        chong_cheo: found.2.unwrap(),
    }
}

impl Fx {
    fn at(&mut self, y: i32, m: u32, day: u32) {
        self.clock = FixedClock::at_vietnam_morning(y, m, day).unwrap();
    }
    fn update(&mut self, target: RecTarget, input: UpdateInput) -> Result<(), DomainError> {
        let c = self.clock;
        self.ws
            .edit_inspection(self.insp, |i, _| i.record_follow_up(target, input, &c))
    }
    fn unit_rec(&self) -> RecTarget {
        RecTarget::Finding {
            finding: self.sai_sot,
        }
    }
    fn tracking_status(&self, target: RecTarget) -> (FollowUpStatus, Option<chrono::NaiveDate>) {
        let i = self.ws.inspection(self.insp).unwrap();
        let item = i
            .tracked_items()
            .into_iter()
            .find(|x| x.target == target)
            .unwrap();
        (item.tracking.status, item.tracking.closed_on)
    }
}

fn input(status: FollowUpStatus) -> UpdateInput {
    UpdateInput {
        status,
        ..UpdateInput::default()
    }
}

#[test]
fn recommendations_of_findings_and_of_the_conclusion_are_tracked_items_not_yet_implemented() {
    let f = fx();
    let i = f.ws.inspection(f.insp).unwrap();
    let items = i.tracked_items();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].target, f.unit_rec());
    assert_eq!(items[0].deadline, Some(d(2021, 4, 30)));
    assert_eq!(items[1].target, RecTarget::Conclusion { index: 0 });
    assert_eq!(items[1].addressee, Addressee::UbndThanhPho);
    assert!(items
        .iter()
        .all(|x| x.tracking.status == FollowUpStatus::ChuaThucHien && !x.tracking.is_closed()));
}

#[test]
fn follow_up_is_refused_before_finalization() {
    let mut ids = SeqIds::new();
    let clock = support::clock();
    let mut ws = Workspace::new();
    let plan = support::plan_can_tho(&mut ids, &clock);
    let unit = plan.inspected_units[0].id;
    let plan_id = ws.add_plan(plan).unwrap();
    let insp = ws
        .create_inspection(plan_id, unit, None, &mut ids, &clock)
        .unwrap();
    let r = ws.edit_inspection(insp, |i, _| {
        i.record_follow_up(
            RecTarget::Conclusion { index: 0 },
            input(FollowUpStatus::DangThucHien),
            &clock,
        )
    });
    assert!(matches!(r, Err(DomainError::NotFinalized { .. })));
}

#[test]
fn a_finalized_inspection_accepts_dated_updates_while_its_content_stays_locked() {
    let mut f = fx();
    f.at(2021, 4, 10);
    let rev = f.ws.inspection(f.insp).unwrap().rev();
    f.update(
        f.unit_rec(),
        UpdateInput {
            status: FollowUpStatus::DangThucHien,
            action: "Đã tổ chức tập huấn lập biên bản".into(),
            document: "Công văn số 45/UBND-TP ngày 08/04/2021".into(),
            ..UpdateInput::default()
        },
    )
    .unwrap();
    let i = f.ws.inspection(f.insp).unwrap();
    assert!(i.is_locked());
    assert_eq!(i.rev(), rev + 1);
    let t = i.tracked_items()[0].tracking.clone();
    assert_eq!(t.status, FollowUpStatus::DangThucHien);
    assert_eq!(t.updates.len(), 1);
    assert_eq!(t.updates[0].date, d(2021, 4, 10));
    assert_eq!(
        t.updates[0].document,
        "Công văn số 45/UBND-TP ngày 08/04/2021"
    );
    // The finding itself is still locked.
    let c = f.clock;
    let mut finding = i.findings()[0].clone();
    finding.description = "Sửa sau khi khóa".into();
    let r =
        f.ws.edit_inspection(f.insp, |i, _| i.update_finding(finding, &c));
    assert!(matches!(r, Err(DomainError::Locked { .. })));
}

#[test]
fn closing_needs_a_date_and_the_reason_when_not_implemented() {
    let mut f = fx();
    f.at(2021, 5, 3);
    let target = f.unit_rec();
    for (inp, want) in [
        (
            input(FollowUpStatus::DaThucHien),
            FollowUpError::CloseWithoutDate,
        ),
        (
            input(FollowUpStatus::KhongThucHien),
            FollowUpError::CloseWithoutDate,
        ),
        (
            UpdateInput {
                closed_on: Some(d(2021, 5, 2)),
                ..input(FollowUpStatus::KhongThucHien)
            },
            FollowUpError::ReasonRequired,
        ),
        (
            UpdateInput {
                closed_on: Some(d(2021, 5, 2)),
                ..input(FollowUpStatus::DangThucHien)
            },
            FollowUpError::OpenWithCloseDate,
        ),
        (
            UpdateInput {
                closed_on: Some(d(2021, 5, 4)),
                ..input(FollowUpStatus::DaThucHien)
            },
            FollowUpError::DateInFuture {
                date: d(2021, 5, 4),
            },
        ),
        (
            input(FollowUpStatus::ChuaThucHien),
            FollowUpError::EmptyUpdate,
        ),
    ] {
        let before = f.ws.inspection(f.insp).unwrap().clone();
        assert_eq!(
            f.update(target, inp),
            Err(DomainError::FollowUp { error: want })
        );
        assert_eq!(f.ws.inspection(f.insp).unwrap(), &before, "unchanged");
    }
    f.update(
        target,
        UpdateInput {
            closed_on: Some(d(2021, 5, 2)),
            action: "Đã ban hành văn bản chấn chỉnh".into(),
            ..input(FollowUpStatus::DaThucHien)
        },
    )
    .unwrap();
    assert_eq!(
        f.tracking_status(target),
        (FollowUpStatus::DaThucHien, Some(d(2021, 5, 2)))
    );
}

#[test]
fn reopening_a_closed_item_needs_a_note() {
    let mut f = fx();
    f.at(2021, 5, 3);
    let target = RecTarget::Conclusion { index: 0 };
    f.update(
        target,
        UpdateInput {
            closed_on: Some(d(2021, 5, 3)),
            reason: "Ngoài thẩm quyền của đơn vị".into(),
            ..input(FollowUpStatus::KhongThucHien)
        },
    )
    .unwrap();
    assert_eq!(
        f.update(target, input(FollowUpStatus::DangThucHien)),
        Err(DomainError::FollowUp {
            error: FollowUpError::ReopenWithoutNote
        })
    );
    f.update(
        target,
        UpdateInput {
            note: "Ủy ban nhân dân thành phố yêu cầu thực hiện lại".into(),
            ..input(FollowUpStatus::DangThucHien)
        },
    )
    .unwrap();
    assert_eq!(
        f.tracking_status(target),
        (FollowUpStatus::DangThucHien, None)
    );
}

#[test]
fn an_open_item_is_overdue_by_the_days_since_its_deadline_and_stops_once_closed() {
    let mut f = fx();
    let today = d(2021, 5, 10);
    let i = f.ws.inspection(f.insp).unwrap();
    assert_eq!(i.tracked_items()[0].days_overdue(d(2021, 4, 30)), None);
    assert_eq!(i.tracked_items()[0].days_overdue(today), Some(10));
    assert_eq!(i.tracked_items()[1].days_overdue(today), None);
    let s = i.follow_up_summary(today);
    assert_eq!((s.made, s.open, s.overdue, s.done), (2, 2, 1, 0));
    f.at(2021, 5, 10);
    let target = f.unit_rec();
    f.update(
        target,
        UpdateInput {
            closed_on: Some(d(2021, 5, 9)),
            ..input(FollowUpStatus::DaThucHien)
        },
    )
    .unwrap();
    let i = f.ws.inspection(f.insp).unwrap();
    assert_eq!(i.tracked_items()[0].days_overdue(today), None);
    let s = i.follow_up_summary(today);
    assert_eq!((s.made, s.open, s.overdue, s.done), (2, 1, 0, 1));
}

#[test]
fn the_overview_keeps_an_overdue_recommendation_until_it_is_closed() {
    let mut f = fx();
    let late = f.ws.deadlines(d(2021, 5, 10));
    let rec = late
        .iter()
        .find(|x| {
            x.kind
                == DeadlineKind::RecommendationDue {
                    target: f.unit_rec(),
                }
        })
        .expect("overdue recommendation listed");
    assert_eq!(rec.state, DeadlineState::Overdue);
    assert_eq!(rec.days_left, -10);
    f.at(2021, 5, 10);
    let target = f.unit_rec();
    f.update(
        target,
        UpdateInput {
            closed_on: Some(d(2021, 5, 10)),
            ..input(FollowUpStatus::DaThucHien)
        },
    )
    .unwrap();
    assert!(!f.ws.deadlines(d(2021, 5, 10)).iter().any(
        |x| matches!(x.kind, DeadlineKind::RecommendationDue { target: t } if t == f.unit_rec())
    ));
}

#[test]
fn the_follow_up_list_puts_the_most_overdue_first_and_filters() {
    let f = fx();
    let rows = f.ws.follow_up_rows(d(2021, 7, 10));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].days_overdue, Some(71));
    assert_eq!(rows[1].days_overdue, Some(10));
    assert_eq!(rows[0].age_days, Some(102));
    let only_city = FollowUpFilter {
        addressee: Some(Addressee::UbndThanhPho),
        ..FollowUpFilter::default()
    };
    let kept: Vec<_> = rows.iter().filter(|r| only_city.accepts(r)).collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].target, RecTarget::Conclusion { index: 0 });
    let none_done = FollowUpFilter {
        status: Some(FollowUpStatus::DaThucHien),
        ..FollowUpFilter::default()
    };
    assert_eq!(rows.iter().filter(|r| none_done.accepts(r)).count(), 0);
    let overdue_early = FollowUpFilter {
        overdue_only: true,
        ..FollowUpFilter::default()
    };
    let early = f.ws.follow_up_rows(d(2021, 5, 1));
    assert_eq!(early.iter().filter(|r| overdue_early.accepts(r)).count(), 1);
}

#[test]
fn a_discipline_decision_follows_the_proposal_and_then_its_execution() {
    let mut f = fx();
    f.at(2021, 5, 20);
    let c = f.clock;
    let vp = f.vi_pham;
    let decision = DecisionInput {
        number: "123/QĐ-UBND".into(),
        date: d(2021, 5, 15),
        by: "Chủ tịch Ủy ban nhân dân quận Ninh Kiều".into(),
        outcome: DisciplineOutcome::Disciplined {
            form: DisciplineForm::KhienTrach,
        },
    };
    // Execution before any decision is refused.
    let r = f.ws.edit_inspection(f.insp, |i, _| {
        i.record_discipline_execution(vp, d(2021, 5, 16), "", &c)
    });
    assert_eq!(
        r,
        Err(DomainError::FollowUp {
            error: FollowUpError::NoDecisionToExecute
        })
    );
    f.ws.edit_inspection(f.insp, |i, _| {
        i.record_discipline_decision(vp, decision.clone(), &c)
    })
    .unwrap();
    let r = f.ws.edit_inspection(f.insp, |i, _| {
        i.record_discipline_decision(vp, decision.clone(), &c)
    });
    assert_eq!(
        r,
        Err(DomainError::FollowUp {
            error: FollowUpError::DecisionAlreadyRecorded
        })
    );
    let r = f.ws.edit_inspection(f.insp, |i, _| {
        i.record_discipline_execution(vp, d(2021, 5, 14), "", &c)
    });
    assert!(matches!(
        r,
        Err(DomainError::FollowUp {
            error: FollowUpError::DateBefore { .. }
        })
    ));
    f.ws.edit_inspection(f.insp, |i, _| {
        i.record_discipline_execution(vp, d(2021, 5, 18), "Đã công bố quyết định", &c)
    })
    .unwrap();
    let s =
        f.ws.inspection(f.insp)
            .unwrap()
            .follow_up_summary(c.today());
    assert_eq!(
        (
            s.discipline_proposed,
            s.discipline_decided,
            s.discipline_executed
        ),
        (1, 1, 1)
    );
    // A finding without a proposal has no decision to record.
    let ss = f.sai_sot;
    let r = f.ws.edit_inspection(f.insp, |i, _| {
        i.record_discipline_decision(ss, decision.clone(), &c)
    });
    assert_eq!(
        r,
        Err(DomainError::FollowUp {
            error: FollowUpError::NoDisciplineProposal
        })
    );
}

#[test]
fn not_disciplined_needs_the_reason_and_a_form_must_be_in_force_on_the_violation_date() {
    let mut f = fx();
    f.at(2021, 5, 20);
    let c = f.clock;
    let vp = f.vi_pham;
    let base = DecisionInput {
        number: "123/QĐ-UBND".into(),
        date: d(2021, 5, 15),
        by: "Chủ tịch Ủy ban nhân dân quận".into(),
        outcome: DisciplineOutcome::NotDisciplined {
            reason: "  ".into(),
        },
    };
    let r = f.ws.edit_inspection(f.insp, |i, _| {
        i.record_discipline_decision(vp, base.clone(), &c)
    });
    assert_eq!(
        r,
        Err(DomainError::FollowUp {
            error: FollowUpError::ReasonRequired
        })
    );
    // Bãi nhiệm did not exist in 2021 (NĐ 93/2025 from 15/06/2025).
    let bai_nhiem = DecisionInput {
        outcome: DisciplineOutcome::Disciplined {
            form: DisciplineForm::BaiNhiem,
        },
        ..base.clone()
    };
    let r = f.ws.edit_inspection(f.insp, |i, _| {
        i.record_discipline_decision(vp, bai_nhiem, &c)
    });
    assert!(matches!(
        r,
        Err(DomainError::FollowUp {
            error: FollowUpError::FormNotInForce { .. }
        })
    ));
    let ok = DecisionInput {
        outcome: DisciplineOutcome::NotDisciplined {
            reason: "Cán bộ đã nghỉ hưu".into(),
        },
        ..base
    };
    f.ws.edit_inspection(f.insp, |i, _| i.record_discipline_decision(vp, ok, &c))
        .unwrap();
    let s =
        f.ws.inspection(f.insp)
            .unwrap()
            .follow_up_summary(c.today());
    assert_eq!((s.discipline_decided, s.discipline_executed), (1, 0));
}

#[test]
fn behaviours_and_forms_offered_follow_the_text_in_force_on_the_violation_date() {
    let before = behaviours_in_force(Some(d(2025, 6, 14)));
    assert_eq!(before.entries.len(), 1);
    assert_eq!(before.entries[0].code, "giu_lai_vu_co_dau_hieu_toi_pham");
    assert!(before.note.unwrap().contains("chưa được tìm thấy"));
    let after = behaviours_in_force(Some(d(2025, 6, 15)));
    assert_eq!(after.entries.len(), 20);
    assert!(after.note.is_none());
    assert!(!discipline_forms_in_force(Some(d(2025, 6, 14))).contains(&DisciplineForm::BaiNhiem));
    assert!(discipline_forms_in_force(Some(d(2025, 6, 15))).contains(&DisciplineForm::BaiNhiem));
    assert_eq!(discipline_forms_in_force(None).len(), 7);
}

#[test]
fn a_finding_refuses_a_behaviour_or_form_not_in_force_and_an_amendment_on_a_non_law_finding() {
    let mut ids = SeqIds::new();
    let now = support::clock().now();
    let mut f = Finding::new(&mut ids, FindingKind::ViPham, "x", now);
    f.violation = Some(ViolationRef::current("khong_lap_bien_ban").unwrap());
    f.discipline = Some(DisciplineCase {
        violation_date: Some(d(2021, 1, 5)),
        ..DisciplineCase::default()
    });
    assert!(matches!(
        f.validate(),
        Err(DomainError::FollowUp {
            error: FollowUpError::BehaviourNotInForce { .. }
        })
    ));
    f.discipline = Some(DisciplineCase {
        violation_date: Some(d(2025, 7, 1)),
        ..DisciplineCase::default()
    });
    f.proposed_discipline = Some(DisciplineForm::BaiNhiem);
    assert_eq!(f.validate(), Ok(()));
    let mut s = Finding::new(&mut ids, FindingKind::SaiSot, "y", now);
    s.amendment = Some(AmendmentProposal::default());
    assert_eq!(
        s.validate(),
        Err(DomainError::FollowUp {
            error: FollowUpError::AmendmentNotLawProblem
        })
    );
    assert!(FindingKind::ChongCheo.is_law_problem());
    assert!(!FindingKind::SaiSot.is_law_problem());
}

#[test]
fn amendment_proposals_are_listed_across_inspections_and_counted() {
    let f = fx();
    let rows = f.ws.amendment_rows();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].finding, f.chong_cheo);
    assert_eq!(rows[0].kind, FindingKind::ChongCheo);
    assert_eq!(rows[0].proposal.article, "Điều 22");
    assert_eq!(rows[0].proposal.addressed_to, "Bộ Tư pháp");
    let s = f.ws.follow_up_summary(None, d(2021, 5, 1));
    assert_eq!(
        (s.made, s.overdue, s.discipline_proposed, s.amendments),
        (2, 1, 1, 1)
    );
    let list = amendment_list(&f.ws, d(2021, 12, 1));
    assert_eq!(list.kien_nghi.len(), 1);
    let item = &list.kien_nghi[0];
    assert_eq!(item.so_ky_hieu_ke_hoach, "09/KH-UBND");
    assert_eq!(item.don_vi_duoc_kiem_tra, "Ủy ban nhân dân quận Ninh Kiều");
    assert_eq!(item.loai_phat_hien, "Chồng chéo");
    assert_eq!(item.van_ban, "Nghị định số 19/2020/NĐ-CP");
    assert_eq!(
        (item.dieu.as_str(), item.khoan.as_str()),
        ("Điều 22", "khoản 5")
    );
    let json = amendment_list_json(&list).unwrap();
    assert!(json.contains("\"co_quan_nhan\": \"Bộ Tư pháp\""));
    let _ = (f.ids, Duration::days(1));
}
