//! Migrating a checklist run to a newer template version.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use kiemtra::domain::answer::{Answer, AnswerKey, AnswerValue, ItemStatus};
use kiemtra::domain::catalog::FindingKind;
use kiemtra::domain::error::DomainError;
use kiemtra::domain::inspection::{preview_migration, Inspection};
use kiemtra::domain::template::{AnswerType, Repeat, SaveOutcome, Template, TemplateLibrary};
use support::{item, sample_template, t};

type Fx = support::StartedInspection;

fn k(g: &str, i: u32, it: &str) -> AnswerKey {
    AnswerKey::new(g, i, it)
}

/// The sample inspection with answers in group I and two records in II.B.
fn fx() -> Fx {
    let mut f = support::started_inspection(7, 8);
    f.insp
        .set_answer(
            f.run,
            k("I", 0, "I.1"),
            Answer::status(ItemStatus::KhongDat),
            &f.lib,
            &f.clock,
        )
        .unwrap();
    f.insp
        .set_answer(
            f.run,
            k("I", 0, "I.5"),
            Answer::value(AnswerValue::Count(9)),
            &f.lib,
            &f.clock,
        )
        .unwrap();
    f.insp
        .add_instance(f.run, "II.B", "Biên bản số 01/BB-VPHC", &f.lib, &f.clock)
        .unwrap();
    f.insp
        .add_instance(f.run, "II.B", "Biên bản số 02/BB-VPHC", &f.lib, &f.clock)
        .unwrap();
    f.insp
        .set_answer(
            f.run,
            k("II.B", 1, "II.B.3"),
            Answer::value(AnswerValue::Money(750_000)),
            &f.lib,
            &f.clock,
        )
        .unwrap();
    f
}

/// v2: I.1 relabelled (kept), I.5 removed (dropped), II.B.3 becomes a count
/// (dropped), II.B.4 added.
fn v2() -> Template {
    let mut n = sample_template();
    n.groups[0].items[0].label.vi = "Công tác chỉ đạo, điều hành".into();
    n.groups[0].items.remove(4);
    n.groups[1].items[2].answer = AnswerType::Count;
    n.groups[1].items.push(item(
        "II.B.4",
        "Lưu trữ hồ sơ",
        "Archiving",
        AnswerType::Status,
        false,
    ));
    n
}

fn save(lib: &mut TemplateLibrary, tpl: Template) -> u32 {
    match lib.save_new_version(tpl).unwrap() {
        SaveOutcome::Saved { version } => version,
        SaveOutcome::Unchanged { .. } => panic!("expected a new version"),
    }
}

#[test]
fn preview_shows_the_diff_and_the_answers_that_would_be_dropped() {
    let mut f = fx();
    let v = save(&mut f.lib, v2());
    let p = f.insp.preview_migration(f.run, v, &f.lib).unwrap();
    assert_eq!(p.dropped, vec![k("I", 0, "I.5"), k("II.B", 1, "II.B.3")]);
    assert_eq!(p.kept, 1);
    assert_eq!(p.diff.items_added.len(), 1);
}

#[test]
fn migration_refuses_to_drop_answers_without_confirmation_and_changes_nothing() {
    let mut f = fx();
    let v = save(&mut f.lib, v2());
    let before = f.insp.clone();
    match f.insp.apply_migration(f.run, v, false, &f.lib, &f.clock) {
        Err(DomainError::MigrationWouldDropAnswers { keys }) => assert_eq!(keys.len(), 2),
        other => panic!("{other:?}"),
    }
    assert_eq!(f.insp, before);
}

#[test]
fn confirmed_migration_drops_only_the_listed_answers_and_repins_the_run() {
    let mut f = fx();
    let v = save(&mut f.lib, v2());
    f.insp
        .apply_migration(f.run, v, true, &f.lib, &f.clock)
        .unwrap();
    let run = f.insp.checklist(f.run).unwrap();
    assert_eq!(run.template.version, 2);
    assert!(f
        .lib
        .latest(&run.template.id)
        .unwrap()
        .matches_ref(&run.template));
    assert_eq!(
        run.answers.keys().cloned().collect::<Vec<_>>(),
        vec![k("I", 0, "I.1")]
    );
    assert_eq!(run.instances["II.B"].len(), 2);
    // The new version's items can be answered now.
    f.insp
        .set_answer(
            f.run,
            k("II.B", 0, "II.B.4"),
            Answer::status(ItemStatus::Dat),
            &f.lib,
            &f.clock,
        )
        .unwrap();
}

#[test]
fn a_migration_that_drops_nothing_needs_no_confirmation() {
    let mut f = fx();
    let mut n = sample_template();
    n.groups[0].items[0].help = Some(t("Xem QĐ 542/QĐ-BTP", "See QĐ 542/QĐ-BTP"));
    let v = save(&mut f.lib, n);
    let p = f
        .insp
        .apply_migration(f.run, v, false, &f.lib, &f.clock)
        .unwrap();
    assert!(p.dropped.is_empty());
    assert_eq!(p.kept, 3);
    assert_eq!(f.insp.checklist(f.run).unwrap().answers.len(), 3);
}

#[test]
fn shrinking_the_repeat_max_drops_later_instances_with_their_answers() {
    let mut f = fx();
    let mut n = sample_template();
    n.groups[1].repeat = Some(Repeat {
        label: t("Biên bản vi phạm hành chính", "Violation record"),
        max: 1,
    });
    let v = save(&mut f.lib, n);
    f.insp
        .apply_migration(f.run, v, true, &f.lib, &f.clock)
        .unwrap();
    let run = f.insp.checklist(f.run).unwrap();
    assert_eq!(
        run.instances["II.B"],
        vec!["Biên bản số 01/BB-VPHC".to_string()]
    );
    assert!(!run.answers.contains_key(&k("II.B", 1, "II.B.3")));
}

#[test]
fn migrating_to_an_older_or_equal_version_is_refused() {
    let mut f = fx();
    save(&mut f.lib, v2());
    f.insp
        .apply_migration(f.run, 2, true, &f.lib, &f.clock)
        .unwrap();
    assert!(matches!(
        f.insp.preview_migration(f.run, 1, &f.lib),
        Err(DomainError::MigrationNotNewer { from: 2, to: 1, .. })
    ));
    assert!(matches!(
        f.insp.preview_migration(f.run, 9, &f.lib),
        Err(DomainError::TemplateNotFound { .. })
    ));
}

#[test]
fn the_free_preview_checks_that_the_old_template_is_the_pinned_one() {
    let f = fx();
    let run = f.insp.checklist(f.run).unwrap();
    let mut not_pinned = sample_template();
    not_pinned.title.vi = "Khác".into();
    let mut newer = v2();
    newer.version = 2;
    assert!(matches!(
        preview_migration(run, &not_pinned, &newer),
        Err(DomainError::TemplateMismatch { .. })
    ));
    assert!(preview_migration(run, &sample_template(), &newer).is_ok());
}

#[test]
fn findings_lose_their_source_link_when_their_answer_is_dropped() {
    let mut f = fx();
    let mut n = sample_template();
    n.groups[0].items[0].answer = AnswerType::YesNo;
    n.groups[0].items[3].show_if = None; // I.4 depended on I.1 being a status item
    let v = save(&mut f.lib, n);
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
    f.insp
        .apply_migration(f.run, v, true, &f.lib, &f.clock)
        .unwrap();
    let finding = f.insp.findings().iter().find(|x| x.id == fid).unwrap();
    assert!(finding.source.is_none());
    assert!(!finding.description.is_empty());
}

#[test]
fn a_locked_inspection_cannot_be_migrated() {
    let mut f = fx();
    let v = save(&mut f.lib, v2());
    let json = serde_json::to_value(&f.insp).unwrap();
    let mut locked = json.clone();
    locked["status"] = "finalized".into();
    let mut insp: Inspection = serde_json::from_value(locked).unwrap();
    assert!(matches!(
        insp.apply_migration(f.run, v, true, &f.lib, &f.clock),
        Err(DomainError::Locked { .. })
    ));
}
