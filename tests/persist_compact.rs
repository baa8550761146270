//! The compact stored format (issue #14) end to end over an in-memory store:
//! every released fixture and a version-2 inspection with answers of every
//! type migrate to version 3 keeping every answer, the raw old values wait
//! until the user confirms; an answer rewrites only its run's record (not
//! the inspection, not the index); backup files hold each inspection whole
//! and restore over newer answers; deleting an inspection or a run deletes
//! their answers records; a failed write of an answers record never leaves
//! an inspection record without its answers; other tabs' answers apply.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use kiemtra::domain::answer::{Answer, AnswerKey, AnswerValue, DocumentEntry, ItemStatus};
use kiemtra::domain::catalog::FindingKind;
use kiemtra::domain::clock::Clock;
use kiemtra::domain::ids::{ChecklistRunId, InspectionId, SeqIds};
use kiemtra::domain::workspace::Workspace;
use kiemtra::persist::{ChangeKey, ExternalOutcome, WorkspaceStore};
use kiemtra::storage::{decode_stored, KvError, MemoryKv, RecordKind, RestoreChoice};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::rc::Rc;

type Shared = Rc<RefCell<MemoryKv>>;
type AllAnswers = BTreeMap<(String, String), Answer>;

fn now() -> chrono::DateTime<chrono::Utc> {
    support::clock().now()
}

fn open(
    kv: &Shared,
) -> (
    WorkspaceStore<Shared>,
    Workspace,
    kiemtra::persist::LoadSummary,
) {
    WorkspaceStore::open(kv.clone(), "0.2.0", now())
}

fn fixture(name: &str) -> BTreeMap<String, String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/persist")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn store_of(map: &BTreeMap<String, String>) -> Shared {
    let kv: Shared = Rc::default();
    for (k, v) in map {
        kv.borrow_mut().insert_raw(k, v);
    }
    kv
}

/// Every stored value, decoded from the storage encoding (compressed
/// values: `storage::codec`), so the tests read the envelopes' JSON.
fn snapshot(kv: &Shared) -> BTreeMap<String, String> {
    kv.borrow()
        .entries()
        .iter()
        .map(|(k, v)| (k.clone(), decode_stored(v).unwrap().into_owned()))
        .collect()
}

/// Every answer inside the inspection records of a stored map, read from
/// the raw JSON: (run id, answer key) → answer.
fn answers_inside(map: &BTreeMap<String, String>) -> AllAnswers {
    let mut out = BTreeMap::new();
    for (k, v) in map {
        if !k.starts_with("kiemtra:inspection:") {
            continue;
        }
        let env: Value = serde_json::from_str(v).unwrap();
        for run in env["data"]["checklists"].as_array().unwrap() {
            let id = run["id"].as_str().unwrap().to_string();
            for (key, a) in run["answers"].as_object().into_iter().flatten() {
                let a: Answer = serde_json::from_value(a.clone()).unwrap();
                out.insert((id.clone(), key.clone()), a);
            }
        }
    }
    out
}

/// Every answer of a loaded workspace.
fn answers_loaded(ws: &Workspace) -> AllAnswers {
    let mut out = BTreeMap::new();
    for i in ws.inspections() {
        for run in i.checklists() {
            for (key, a) in &run.answers {
                out.insert((run.id.to_string(), key.to_string()), a.clone());
            }
        }
    }
    out
}

/// A workspace with one inspection holding two checklist runs and answers
/// of every type (status, yes/no, documents, text, count, date, money, in
/// instances of a repeating group, with notes and evidence), written by the
/// current store.
fn rich_workspace() -> (Shared, InspectionId, Vec<ChecklistRunId>) {
    let kv: Shared = Rc::default();
    let (mut store, mut ws, _) = open(&kv);
    let clock = support::clock();
    let mut ids = SeqIds::default();
    let tpl = support::sample_template();
    ws.templates_mut().insert(tpl.clone()).unwrap();
    let mut tpl2 = tpl.clone();
    tpl2.id = kiemtra::domain::ids::TemplateId::new("xlvphc-mau-thu-2").unwrap();
    ws.templates_mut().insert(tpl2.clone()).unwrap();
    let plan = support::plan_can_tho(&mut ids, &clock);
    let (unit, team) = (plan.inspected_units[0].id, plan.teams[0].id);
    let plan_id = ws.add_plan(plan).unwrap();
    let insp = ws
        .create_inspection(plan_id, unit, Some(team), &mut ids, &clock)
        .unwrap();
    let mut runs = Vec::new();
    ws.edit_inspection(insp, |i, lib| {
        for (n, t) in [&tpl, &tpl2].into_iter().enumerate() {
            let run = i.add_checklist(t, &mut ids, &clock)?;
            runs.push(run);
            for label in ["Biên bản số 12/BB-VPHC", "Biên bản số 15/BB-VPHC"] {
                i.add_instance(run, "II.B", label, lib, &clock)?;
            }
            let set = |i: &mut kiemtra::domain::inspection::Inspection, key: AnswerKey, a| {
                i.set_answer(run, key, a, lib, &clock)
            };
            set(
                i,
                AnswerKey::new("I", 0, "I.1"),
                Answer::status(ItemStatus::KhongDat).with_note(format!(
                    "Chưa ban hành kế hoạch năm 202{n}; ghi chú có dấu “ngoặc”."
                )),
            )?;
            set(
                i,
                AnswerKey::new("I", 0, "I.2"),
                Answer::value(AnswerValue::YesNo(true)),
            )?;
            let mut docs = Answer::value(AnswerValue::Documents(vec![DocumentEntry {
                doc_type: "Kế hoạch".into(),
                number: "45/KH-UBND".into(),
                date: Some(support::d(2021, 1, 5)),
                summary: "Kiểm tra công tác thi hành pháp luật về XLVPHC".into(),
            }]));
            docs.evidence = vec!["Bản sao kế hoạch".into(), "Ảnh chụp".into()];
            set(i, AnswerKey::new("I", 0, "I.3"), docs)?;
            set(
                i,
                AnswerKey::new("I", 0, "I.4"),
                Answer::value(AnswerValue::Text("Chậm ban hành\nkế hoạch".into())),
            )?;
            set(
                i,
                AnswerKey::new("I", 0, "I.5"),
                Answer::value(AnswerValue::Count(7)),
            )?;
            for inst in 0..2 {
                set(
                    i,
                    AnswerKey::new("II.B", inst, "II.B.1"),
                    Answer::status(ItemStatus::Dat),
                )?;
                set(
                    i,
                    AnswerKey::new("II.B", inst, "II.B.2"),
                    Answer::value(AnswerValue::Date(support::d(2021, 2, 1 + inst))),
                )?;
                set(
                    i,
                    AnswerKey::new("II.B", inst, "II.B.3"),
                    Answer::value(AnswerValue::Money(1_500_000 + i64::from(inst))),
                )?;
            }
            // A blank answer (every field at its default) is kept too.
            set(i, AnswerKey::new("II.B", 1, "II.B.1"), Answer::default())?;
        }
        i.finding_from_answer(
            runs[0],
            &AnswerKey::new("I", 0, "I.1"),
            FindingKind::SaiSot,
            lib,
            &mut ids,
            &clock,
        )?;
        Ok(())
    })
    .unwrap();
    store.mark(&ws, &ChangeKey::Template(tpl.id.clone()), now());
    store.mark(&ws, &ChangeKey::Template(tpl2.id.clone()), now());
    store.mark(&ws, &ChangeKey::Plan(plan_id), now());
    store.mark(&ws, &ChangeKey::Inspection(insp), now());
    store.flush_now(now());
    (kv, insp, runs)
}

/// The rich workspace as version 2 wrote it: each inspection record whole,
/// its answers inside, at version 2; no answers records.
fn rich_workspace_v2() -> BTreeMap<String, String> {
    let (kv, _, _) = rich_workspace();
    let (store, _, _) = open(&kv);
    let file: Value = serde_json::from_str(&store.backup_file(now()).unwrap()).unwrap();
    let mut map = BTreeMap::new();
    for (k, v) in file["records"].as_object().unwrap() {
        let mut env = v.clone();
        if k.starts_with("kiemtra:inspection:") {
            env["version"] = Value::from(2);
        }
        map.insert(k.clone(), serde_json::to_string(&env).unwrap());
    }
    assert!(map.keys().all(|k| !k.starts_with("kiemtra:answers:")));
    map
}

#[test]
fn every_released_fixture_and_a_rich_version_2_workspace_migrate_keeping_every_answer() {
    let rich = rich_workspace_v2();
    assert_eq!(
        answers_inside(&rich).len(),
        2 * 11,
        "the rich fixture has answers"
    );
    for (name, map) in [
        ("v1_workspace.json", fixture("v1_workspace.json")),
        (
            "v1_workspace_recommendations.json",
            fixture("v1_workspace_recommendations.json"),
        ),
        ("v2_workspace.json", fixture("v2_workspace.json")),
        ("rich version 2", rich),
    ] {
        let before = answers_inside(&map);
        assert!(!before.is_empty(), "{name}");
        let kv = store_of(&map);
        // First start: migrated, every answer there.
        let (mut store, ws, summary) = open(&kv);
        assert!(
            summary.quarantined.is_empty(),
            "{name}: {:?}",
            summary.quarantined
        );
        assert!(summary.failed.is_empty(), "{name}");
        assert!(!summary.migrated.is_empty(), "{name}");
        assert_eq!(answers_loaded(&ws), before, "{name}: after the first start");
        // The raw old values wait under their backup keys.
        for note in &summary.migrated {
            assert_eq!(
                kv.borrow().raw(&note.backup_key),
                map.get(&note.key).map(String::as_str),
                "{name}: backup of {}",
                note.key
            );
        }
        // The first save moves the answers to their own records.
        store.flush_now(now());
        let stored = snapshot(&kv);
        assert!(
            answers_inside(&stored).is_empty(),
            "{name}: no answer left inside an inspection record"
        );
        let answer_records = stored
            .keys()
            .filter(|k| k.starts_with("kiemtra:answers:"))
            .count();
        let runs: usize = ws.inspections().map(|i| i.checklists().len()).sum();
        assert_eq!(answer_records, runs, "{name}: one answers record per run");
        // Before the user confirms, a start still finds every answer.
        let (_, ws2, _) = open(&kv);
        assert_eq!(answers_loaded(&ws2), before, "{name}: before confirming");
        // The user confirms: the old values go; what is left is the current
        // version (4 since issue #16 added attachments).
        for note in &summary.migrated {
            assert_eq!(store.repo_mut().confirm_migration(&note.key).unwrap(), 1);
        }
        let (_, ws3, summary3) = open(&kv);
        assert!(summary3.migrated.is_empty(), "{name}");
        assert_eq!(answers_loaded(&ws3), before, "{name}: after confirming");
        for (k, v) in snapshot(&kv) {
            assert!(!k.starts_with("kiemtra:backup:"), "{name}: {k}");
            if k.starts_with("kiemtra:inspection:") {
                assert!(
                    v.starts_with(r#"{"schema":"kiemtra/inspection","version":4,"#),
                    "{name}: {k}"
                );
            }
        }
    }
}

#[test]
fn an_answer_rewrites_only_its_runs_record_not_the_inspection_nor_the_index() {
    let (kv, insp, runs) = rich_workspace();
    let (mut store, mut ws, _) = open(&kv);
    let before = snapshot(&kv);
    let clock = support::clock();
    ws.edit_inspection(insp, |i, lib| {
        i.set_answer(
            runs[1],
            AnswerKey::new("I", 0, "I.5"),
            Answer::value(AnswerValue::Count(9)),
            lib,
            &clock,
        )
    })
    .unwrap();
    store.mark(&ws, &ChangeKey::Answers(insp, runs[1]), now());
    store.flush_now(now());
    let after = snapshot(&kv);
    let changed: Vec<&String> = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(*v))
        .map(|(k, _)| k)
        .collect();
    assert_eq!(
        changed,
        vec![&format!("kiemtra:answers:{insp}:{}", runs[1])],
        "only the run's answers record"
    );
    let (_, ws2, _) = open(&kv);
    let run = ws2.inspection(insp).unwrap().checklist(runs[1]).unwrap();
    assert_eq!(
        run.answers[&AnswerKey::new("I", 0, "I.5")].value,
        Some(AnswerValue::Count(9))
    );
    // Any other change of the inspection writes the inspection record and
    // only the runs whose answers changed (here none) since they were last
    // written in this session (the first such change after a start writes
    // them all once: their answers are not copied at start).
    let (mut store, mut ws, _) = open(&kv);
    let conclude = |ws: &mut Workspace, text: &str| {
        ws.edit_inspection(insp, |i, _| {
            let mut c = i.conclusion().clone();
            c.text = text.into();
            i.set_conclusion(c, &clock)
        })
        .unwrap();
    };
    conclude(&mut ws, "Kết luận (dự thảo).");
    store.mark(&ws, &ChangeKey::Inspection(insp), now());
    store.flush_now(now());
    let before = snapshot(&kv);
    conclude(&mut ws, "Kết luận: đơn vị chấp hành tốt.");
    store.mark(&ws, &ChangeKey::Inspection(insp), now());
    store.flush_now(now());
    let after = snapshot(&kv);
    let changed: Vec<&String> = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(*v))
        .map(|(k, _)| k)
        .collect();
    assert_eq!(changed, vec![&format!("kiemtra:inspection:{insp}")]);
}

#[test]
fn a_backup_file_holds_each_inspection_whole_and_restoring_it_brings_its_answers_back() {
    let (kv, insp, runs) = rich_workspace();
    let (store, ws, _) = open(&kv);
    let original = answers_loaded(&ws);
    let file = store.backup_file(now()).unwrap();
    let parsed: Value = serde_json::from_str(&file).unwrap();
    let records = parsed["records"].as_object().unwrap();
    assert!(records.keys().all(|k| !k.starts_with("kiemtra:answers:")));

    // Later answers change; the user restores the file, taking its version.
    let (mut store, mut ws, _) = open(&kv);
    let clock = support::clock();
    ws.edit_inspection(insp, |i, lib| {
        i.set_answer(
            runs[0],
            AnswerKey::new("I", 0, "I.1"),
            Answer::status(ItemStatus::Dat),
            lib,
            &clock,
        )
    })
    .unwrap();
    store.mark(&ws, &ChangeKey::Answers(insp, runs[0]), now());
    store.flush_now(now());
    assert_ne!(answers_loaded(&open(&kv).1), original);

    let preview = store.preview_restore(&file).unwrap();
    assert!(preview.is_ok(), "{:?}", preview.errors);
    let choices: BTreeMap<String, RestoreChoice> = preview
        .conflicts
        .iter()
        .map(|c| (c.key.clone(), RestoreChoice::TakeTheirs))
        .collect();
    let mut no_rekey = |_: RecordKind, v: Value| (String::new(), v);
    let report = store
        .repo_mut()
        .apply_restore(&preview, &choices, &mut no_rekey, now())
        .unwrap();
    store.after_restore(&report, now());
    let (_, restored, summary) = open(&kv);
    assert!(summary.quarantined.is_empty());
    assert_eq!(answers_loaded(&restored), original);
}

#[test]
fn a_backup_made_by_version_2_restores_into_a_compact_store() {
    let v2 = rich_workspace_v2();
    let original = answers_inside(&v2);
    let old_store = store_of(&v2);
    let file = kiemtra::storage::Repository::new(old_store, "0.1.0")
        .export_all(now())
        .unwrap();
    let kv: Shared = Rc::default();
    let (mut store, _, _) = open(&kv);
    let preview = store.preview_restore(&file).unwrap();
    assert!(preview.is_ok(), "{:?}", preview.errors);
    let mut no_rekey = |_: RecordKind, v: Value| (String::new(), v);
    let report = store
        .repo_mut()
        .apply_restore(&preview, &BTreeMap::new(), &mut no_rekey, now())
        .unwrap();
    store.after_restore(&report, now());
    let (mut store, ws, summary) = open(&kv);
    assert!(summary.quarantined.is_empty());
    assert_eq!(answers_loaded(&ws), original);
    store.flush_now(now());
    assert_eq!(answers_loaded(&open(&kv).1), original);
}

#[test]
fn deleting_an_inspection_or_a_run_deletes_their_answers_records() {
    let (kv, insp, runs) = rich_workspace();
    let answers_keys = |kv: &Shared| -> Vec<String> {
        snapshot(kv)
            .into_keys()
            .filter(|k| k.starts_with("kiemtra:answers:"))
            .collect()
    };
    assert_eq!(answers_keys(&kv).len(), 2);
    // Removing a run (its findings first) deletes its record once the
    // inspection record without it is stored.
    let (mut store, mut ws, _) = open(&kv);
    let clock = support::clock();
    ws.edit_inspection(insp, |i, _| i.remove_checklist(runs[1], &clock).map(|_| ()))
        .unwrap();
    store.mark(&ws, &ChangeKey::Inspection(insp), now());
    store.flush_now(now());
    assert_eq!(
        answers_keys(&kv),
        vec![format!("kiemtra:answers:{insp}:{}", runs[0])]
    );
    // Deleting the inspection deletes the rest.
    let taken = ws.take_inspection(insp).unwrap();
    store.delete_inspection(insp, now()).unwrap();
    assert!(answers_keys(&kv).is_empty());
    assert!(kv
        .borrow()
        .raw(&format!("kiemtra:inspection:{insp}"))
        .is_none());
    // Undo puts everything back.
    let kept = answers_loaded_one(&taken);
    ws.put_inspection(taken);
    store.mark(&ws, &ChangeKey::Inspection(insp), now());
    store.flush_now(now());
    let (_, ws2, _) = open(&kv);
    assert_eq!(answers_loaded_one(ws2.inspection(insp).unwrap()), kept);
    assert_eq!(answers_keys(&kv).len(), 1);
}

fn answers_loaded_one(i: &kiemtra::domain::inspection::Inspection) -> AllAnswers {
    let mut ws = Workspace::new();
    ws.put_inspection(i.clone());
    answers_loaded(&ws)
}

#[test]
fn a_failed_answers_write_never_leaves_an_inspection_record_without_its_answers() {
    let v2 = fixture("v2_workspace.json");
    let original = answers_inside(&v2);
    let kv = store_of(&v2);
    let (mut store, ws, _) = open(&kv);
    let run = ws.inspections().next().unwrap().checklists()[0].id;
    let insp = ws.inspections().next().unwrap().id();
    let akey = format!("kiemtra:answers:{insp}:{run}");
    kv.borrow_mut()
        .fail_writes_to(&akey, KvError::QuotaExceeded);
    store.flush_now(now());
    assert!(kv.borrow().raw(&akey).is_none());
    // The inspection record still holds the answers (written back as
    // version 3 at the start, with them inside).
    let stored = snapshot(&kv);
    assert_eq!(answers_inside(&stored), original);
    let (_, ws2, _) = open(&kv);
    assert_eq!(answers_loaded(&ws2), original);
    // Once storage works again, the answers move out.
    kv.borrow_mut().clear_failures();
    store.flush_now(now() + chrono::Duration::seconds(60));
    assert!(kv.borrow().raw(&akey).is_some());
    assert!(answers_inside(&snapshot(&kv)).is_empty());
    assert_eq!(answers_loaded(&open(&kv).1), original);
}

#[test]
fn another_tabs_answers_apply_and_a_simultaneous_edit_of_the_same_run_is_a_conflict() {
    let (kv, insp, runs) = rich_workspace();
    let (mut a, mut ws_a, _) = open(&kv);
    let (mut b, mut ws_b, _) = open(&kv);
    let clock = support::clock();
    let key = AnswerKey::new("I", 0, "I.5");
    let set = |ws: &mut Workspace, n: u64| {
        ws.edit_inspection(insp, |i, lib| {
            i.set_answer(
                runs[0],
                key.clone(),
                Answer::value(AnswerValue::Count(n)),
                lib,
                &clock,
            )
        })
        .unwrap();
    };
    set(&mut ws_b, 11);
    b.mark(&ws_b, &ChangeKey::Answers(insp, runs[0]), now());
    b.flush_now(now());
    let akey = format!("kiemtra:answers:{insp}:{}", runs[0]);
    let raw = kv.borrow().raw(&akey).map(str::to_string);
    assert_eq!(
        a.on_external_change(&akey, raw.as_deref(), &mut ws_a, now()),
        ExternalOutcome::Applied
    );
    let answer_in = |ws: &Workspace| {
        ws.inspection(insp)
            .unwrap()
            .checklist(runs[0])
            .unwrap()
            .answers[&key]
            .value
            .clone()
    };
    assert_eq!(answer_in(&ws_a), Some(AnswerValue::Count(11)));
    // A's other answers are untouched.
    assert_eq!(
        ws_a.inspection(insp)
            .unwrap()
            .checklist(runs[1])
            .unwrap()
            .answers
            .len(),
        ws_b.inspection(insp)
            .unwrap()
            .checklist(runs[1])
            .unwrap()
            .answers
            .len()
    );
    // Both change the same run: A's save is held as a conflict.
    set(&mut ws_a, 12);
    a.mark(&ws_a, &ChangeKey::Answers(insp, runs[0]), now());
    set(&mut ws_b, 13);
    b.mark(&ws_b, &ChangeKey::Answers(insp, runs[0]), now());
    b.flush_now(now());
    let raw = kv.borrow().raw(&akey).map(str::to_string);
    assert_eq!(
        a.on_external_change(&akey, raw.as_deref(), &mut ws_a, now()),
        ExternalOutcome::Conflict { key: akey.clone() }
    );
    a.flush_now(now());
    assert!(decode_stored(kv.borrow().raw(&akey).unwrap())
        .unwrap()
        .contains(r#""value":13"#));
    a.keep_mine(&akey, now()).unwrap();
    assert!(decode_stored(kv.borrow().raw(&akey).unwrap())
        .unwrap()
        .contains(r#""value":12"#));
}

#[test]
fn an_unsaved_answer_is_journaled_and_a_crash_before_its_save_loses_nothing() {
    // The write-ahead journal (issue #18) must cover the answers records
    // the compact format (issue #14) put apart: an answer is what a team
    // types for hours. Nothing is flushed here, as when the tab crashes
    // before localStorage writes the answer.
    let (kv, insp, runs) = rich_workspace();
    let (mut store, mut ws, _) = open(&kv);
    let clock = support::clock();
    ws.edit_inspection(insp, |i, lib| {
        i.set_answer(
            runs[1],
            AnswerKey::new("I", 0, "I.5"),
            Answer::value(AnswerValue::Count(41)),
            lib,
            &clock,
        )
    })
    .unwrap();
    store.mark(&ws, &ChangeKey::Answers(insp, runs[1]), now());
    let entries = store.journal_entries(now());
    let key = format!("kiemtra:answers:{insp}:{}", runs[1]);
    assert!(
        entries.iter().any(|e| e.key == key),
        "the run's answers record is journaled at once"
    );
    let disk: Shared = Rc::new(RefCell::new(kv.borrow().clone()));
    let mut replayed = disk.clone();
    kiemtra::storage::journal::replay(&mut replayed, &entries);
    let (_, back, summary) = open(&disk);
    assert!(summary.fatal.is_none());
    let run = back.inspection(insp).unwrap().checklist(runs[1]).unwrap();
    assert_eq!(
        run.answers[&AnswerKey::new("I", 0, "I.5")].value,
        Some(AnswerValue::Count(41))
    );
}

/// Every answer in the answers records of a stored map, read from the raw
/// JSON at either version: (run id, answer key) → answer.
fn answers_apart(map: &BTreeMap<String, String>) -> AllAnswers {
    let mut out = BTreeMap::new();
    for (k, v) in map {
        if !k.starts_with("kiemtra:answers:") {
            continue;
        }
        let env: Value = serde_json::from_str(v).unwrap();
        let run = env["data"]["run"].as_str().unwrap().to_string();
        let data = env["data"].clone();
        let rec: kiemtra::persist::RunAnswers = if env["version"] == 1 {
            serde_json::from_value(kiemtra::persist::answers_v1_to_v2(data).unwrap()).unwrap()
        } else {
            serde_json::from_value(data).unwrap()
        };
        for (key, a) in rec.answers {
            out.insert((run.clone(), key.to_string()), a);
        }
    }
    out
}

/// The rich workspace with its answers records as version 1 wrote them:
/// the answers map keyed `group#instance/item`, each answer an object.
fn rich_workspace_answers_v1() -> BTreeMap<String, String> {
    let (kv, _, _) = rich_workspace();
    let mut map = snapshot(&kv);
    for (k, v) in map.iter_mut() {
        if !k.starts_with("kiemtra:answers:") {
            continue;
        }
        let mut env: Value = serde_json::from_str(v).unwrap();
        let rec: kiemtra::persist::RunAnswers =
            serde_json::from_value(env["data"].clone()).unwrap();
        env["version"] = Value::from(1);
        env["data"]["answers"] = serde_json::to_value(&rec.answers).unwrap();
        *v = serde_json::to_string(&env).unwrap();
    }
    map
}

#[test]
fn answers_records_of_version_1_become_the_dense_form_keeping_every_answer() {
    let v1 = rich_workspace_answers_v1();
    let before = answers_apart(&v1);
    assert_eq!(
        before.len(),
        2 * 11,
        "the version-1 records hold the answers"
    );
    // Version 1 as it was: keys `group#instance/item`, answers as objects.
    let raw = v1
        .iter()
        .find(|(k, _)| k.starts_with("kiemtra:answers:"))
        .unwrap()
        .1;
    assert!(raw.contains(r#""I#0/I.1":{"#), "{raw}");
    let kv = store_of(&v1);
    let (mut store, ws, summary) = open(&kv);
    assert!(summary.quarantined.is_empty(), "{:?}", summary.quarantined);
    assert_eq!(summary.migrated.len(), 2, "both runs' records migrate");
    assert_eq!(answers_loaded(&ws), before, "after the first start");
    // Written back in the dense form; the raw version-1 text waits.
    let stored = snapshot(&kv);
    for note in &summary.migrated {
        assert_eq!(
            kv.borrow().raw(&note.backup_key),
            v1.get(&note.key).map(String::as_str)
        );
        let now = &stored[&note.key];
        assert!(
            now.starts_with(r#"{"schema":"kiemtra/answers","version":2,"#),
            "{now}"
        );
        assert!(now.contains(r#""I#0":{"I.1":"#), "{now}");
        assert!(now.len() < v1[&note.key].len(), "denser than version 1");
    }
    assert_eq!(answers_apart(&stored), before);
    // Confirmed: only version 2 is left, and every answer still loads.
    for note in &summary.migrated {
        assert_eq!(store.repo_mut().confirm_migration(&note.key).unwrap(), 1);
    }
    let (_, ws2, summary2) = open(&kv);
    assert!(summary2.migrated.is_empty());
    assert_eq!(answers_loaded(&ws2), before, "after confirming");
    for (k, v) in snapshot(&kv) {
        assert!(!k.starts_with("kiemtra:backup:"), "{k}");
        if k.starts_with("kiemtra:answers:") {
            assert!(v.starts_with(r#"{"schema":"kiemtra/answers","version":2,"#));
        }
    }
}

#[test]
fn the_dense_form_writes_short_shapes_only_for_answers_they_rebuild_exactly() {
    let (kv, _, _) = rich_workspace();
    let (_, ws, _) = open(&kv);
    let before = answers_loaded(&ws);
    let stored = snapshot(&kv);
    // Every answer reads back equal from the stored dense records.
    assert_eq!(answers_apart(&stored), before);
    for (k, v) in &stored {
        if !k.starts_with("kiemtra:answers:") {
            continue;
        }
        let env: Value = serde_json::from_str(v).unwrap();
        for (group, items) in env["data"]["answers"].as_object().unwrap() {
            for (item, a) in items.as_object().unwrap() {
                let key = format!("{group}/{item}");
                let run = env["data"]["run"].as_str().unwrap().to_string();
                let full = &before[&(run, key.clone())];
                match a {
                    Value::String(s) => {
                        assert_eq!(s.len(), 1, "{key}");
                        assert!(full.value.is_none() && full.note.is_empty());
                        assert!(full.evidence.is_empty());
                    }
                    Value::Array(parts) => {
                        assert_eq!(parts.len(), 2, "{key}");
                        assert_eq!(parts[1], Value::from(full.note.clone()));
                        assert!(full.value.is_none() && full.evidence.is_empty());
                    }
                    Value::Object(_) => {
                        assert!(full.value.is_some() || !full.evidence.is_empty(), "{key}")
                    }
                    other => panic!("{key}: {other}"),
                }
            }
        }
    }
    // The version-1 step refuses what is not a version-1 record.
    for bad in [
        serde_json::json!([]),
        serde_json::json!({"answers": {"no-key": {"status": "dat"}}}),
        serde_json::json!({"answers": {"I#0/I.1": {"status": "maybe"}}}),
    ] {
        assert!(kiemtra::persist::answers_v1_to_v2(bad).is_err());
    }
}

#[test]
fn the_dense_decoder_reads_every_shape_and_refuses_hostile_ones() {
    use kiemtra::persist::RunAnswers;
    let record = |answers: &str| {
        format!(
            r##"{{"run":"00000000-0000-4000-8000-000000000001","inspection":"00000000-0000-4000-8000-000000000002","updated_at":"2021-03-01T00:00:00Z","answers":{answers}}}"##
        )
    };
    let read = |answers: &str| serde_json::from_str::<RunAnswers>(&record(answers));
    // Every shape, escapes in codes and notes, a repeated instance number.
    let ok = read(
        r##"{"A#0":{"A.1":"d","A.2":["k","Còn \"thiếu\" \u0111"],"A.3":{"status":"dat","note":"x","evidence":["BB 1"]}},"B\u002eX#12":{"B.1":"n","B.2":"c"}}"##,
    )
    .unwrap();
    let a = &ok.answers;
    assert_eq!(a.len(), 5);
    assert_eq!(
        a[&AnswerKey::new("A", 0, "A.1")],
        Answer::status(ItemStatus::Dat)
    );
    assert_eq!(
        a[&AnswerKey::new("A", 0, "A.2")],
        Answer::status(ItemStatus::KhongDat).with_note("Còn \"thiếu\" đ".to_string())
    );
    assert_eq!(
        a[&AnswerKey::new("A", 0, "A.3")].evidence,
        vec!["BB 1".to_string()]
    );
    assert_eq!(
        a[&AnswerKey::new("B.X", 12, "B.2")],
        Answer::status(ItemStatus::ChuaKiemTra)
    );
    // What the stored form never holds is refused, never read as something else.
    for bad in [
        r##"{"A#0":{"A.1":"x"}}"##,
        r##"{"A#0":{"A.1":"dat"}}"##,
        r##"{"A#0":{"A.1":["d"]}}"##,
        r##"{"A#0":{"A.1":["d","note","more"]}}"##,
        r##"{"A#0":{"A.1":["z","note"]}}"##,
        r##"{"A#0":{"A.1":7}}"##,
        r##"{"A#0":{"A.1":null}}"##,
        r##"{"A#0":{"A.1":{"status":"maybe"}}}"##,
        r##"{"A":{"A.1":"d"}}"##,
        r##"{"#0":{"A.1":"d"}}"##,
        r##"{"A#01":{"A.1":"d"}}"##,
        r##"{"A#-1":{"A.1":"d"}}"##,
        r##"{"A/B#0":{"A.1":"d"}}"##,
        r##"{"A#0":{"A#1":"d"}}"##,
        r##"{"A#0":{"A/1":"d"}}"##,
        r##"{"A#0":{"":"d"}}"##,
        r##"{"A#0":["d"]}"##,
        r##"["d"]"##,
        r##"{"A#99999999999":{"A.1":"d"}}"##,
    ] {
        // The answers are read when first needed (domain::answers): a
        // record whose answers do not decode reads as no answers and says why.
        match read(bad) {
            Err(_) => {}
            Ok(r) => {
                assert!(r.answers.failure().is_some(), "{bad}");
                assert!(r.answers.is_empty(), "{bad}");
            }
        }
    }
}

/// What the app does for every inspection a moment after a start.
fn settle_every(store: &mut WorkspaceStore<Shared>, ws: &Workspace) {
    for i in ws.inspections() {
        store.settle_inspection(i);
    }
}

/// The stored answers record of `run`, its answers replaced by `answers`
/// (the JSON of the dense form), stored as plain JSON under the same key.
fn spoil_answers(kv: &Shared, insp: InspectionId, run: ChecklistRunId, answers: Value) -> String {
    let key = format!("kiemtra:answers:{insp}:{run}");
    let mut env: Value = serde_json::from_str(&snapshot(kv)[&key]).unwrap();
    env["data"]["answers"] = answers;
    let text = serde_json::to_string(&env).unwrap();
    kv.borrow_mut().insert_raw(&key, &text);
    key
}

#[test]
fn a_start_leaves_the_answers_as_text_until_they_are_first_read() {
    let (kv, insp, runs) = rich_workspace();
    let eager = {
        let (_, ws, _) = open(&kv);
        answers_loaded(&ws)
    };
    let (_, ws, summary) = open(&kv);
    assert!(summary.quarantined.is_empty());
    let i = ws.inspection(insp).unwrap();
    for run in &runs {
        assert!(!i.checklist(*run).unwrap().answers.is_decoded(), "{run}");
    }
    // Letting go of the text before they are read changes nothing.
    let mut ws = ws;
    ws.inspection_mut(insp).unwrap().release_answers_text();
    // Read: the same answers as a start that read them at once.
    assert_eq!(answers_loaded(&ws), eager);
    let i = ws.inspection(insp).unwrap();
    assert!(i.checklist(runs[0]).unwrap().answers.is_decoded());
    // And after, neither.
    ws.inspection_mut(insp).unwrap().release_answers_text();
    assert_eq!(answers_loaded(&ws), eager);
}

#[test]
fn answers_that_do_not_read_are_set_aside_before_anything_replaces_them() {
    let (kv, insp, runs) = rich_workspace();
    let bad = serde_json::json!({"I#0": {"I.1": "x"}});
    let key = spoil_answers(&kv, insp, runs[0], bad);
    let spoiled = kv.borrow().raw(&key).unwrap().to_string();
    let other = format!("kiemtra:answers:{insp}:{}", runs[1]);
    let other_before = kv.borrow().raw(&other).unwrap().to_string();

    // 1. Found by the settling after the start: set aside, text kept.
    let (mut store, ws, summary) = open(&kv);
    assert!(
        summary.quarantined.is_empty(),
        "the envelope reads: found later"
    );
    let run0 = ws.inspection(insp).unwrap().checklist(runs[0]).unwrap();
    assert!(run0.answers.is_empty() && run0.answers.failure().is_some());
    settle_every(&mut store, &ws);
    let notes = store.take_late_quarantined();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].key, key);
    assert!(notes[0].copied);
    let qkey = format!("kiemtra:quarantine:{key}");
    assert_eq!(
        kv.borrow().raw(&qkey),
        Some(spoiled.as_str()),
        "byte for byte"
    );
    assert_eq!(kv.borrow().raw(&key), None);
    assert_eq!(kv.borrow().raw(&other).unwrap(), other_before);
    assert!(store.take_late_quarantined().is_empty(), "said once");
    // The next start finds it set aside, as for a record that did not read.
    let (_, _, again) = open(&kv);
    assert_eq!(again.quarantined.len(), 1);
    assert_eq!(again.quarantined[0].key, key);
    assert!(!again.quarantined[0].new);
}

#[test]
fn an_answer_given_to_a_run_whose_stored_answers_do_not_read_keeps_their_text() {
    let (kv, insp, runs) = rich_workspace();
    let key = spoil_answers(&kv, insp, runs[0], serde_json::json!({"I#0": {"I.1": 7}}));
    let spoiled = kv.borrow().raw(&key).unwrap().to_string();
    let (mut store, mut ws, _) = open(&kv);
    let clock = support::clock();
    // Before any settling: the user answers in that run.
    ws.edit_inspection(insp, |i, lib| {
        i.set_answer(
            runs[0],
            AnswerKey::new("I", 0, "I.5"),
            Answer::value(AnswerValue::Count(3)),
            lib,
            &clock,
        )
    })
    .unwrap();
    store.mark(&ws, &ChangeKey::Answers(insp, runs[0]), now());
    assert_eq!(store.take_late_quarantined().len(), 1);
    store.flush_now(now());
    let qkey = format!("kiemtra:quarantine:{key}");
    assert_eq!(kv.borrow().raw(&qkey), Some(spoiled.as_str()));
    // The new answer is saved, and reloads.
    let (_, ws2, _) = open(&kv);
    let a = &ws2
        .inspection(insp)
        .unwrap()
        .checklist(runs[0])
        .unwrap()
        .answers;
    assert_eq!(
        a[&AnswerKey::new("I", 0, "I.5")].value,
        Some(AnswerValue::Count(3))
    );
    assert_eq!(a.len(), 1);
}

#[test]
fn deleting_an_inspection_keeps_answers_that_did_not_read_aside() {
    let (kv, insp, runs) = rich_workspace();
    let key = spoil_answers(&kv, insp, runs[1], serde_json::json!({"I#0": ["d"]}));
    let spoiled = kv.borrow().raw(&key).unwrap().to_string();
    let (mut store, mut ws, _) = open(&kv);
    let taken = ws.take_inspection(insp).unwrap();
    store.settle_inspection(&taken);
    store.delete_inspection(insp, now()).unwrap();
    assert_eq!(store.take_late_quarantined().len(), 1);
    let qkey = format!("kiemtra:quarantine:{key}");
    assert_eq!(kv.borrow().raw(&qkey), Some(spoiled.as_str()));
}

#[test]
fn answers_another_tab_rewrote_since_the_start_are_not_set_aside_from_the_old_text() {
    let (kv, insp, runs) = rich_workspace();
    let key = spoil_answers(&kv, insp, runs[0], serde_json::json!({"I#0": {"I.1": "x"}}));
    let (mut store, ws, _) = open(&kv);
    // Another tab writes good answers there after this start read the key.
    let good = spoil_answers(&kv, insp, runs[0], serde_json::json!({"I#0": {"I.1": "d"}}));
    assert_eq!(good, key);
    let now_stored = kv.borrow().raw(&key).unwrap().to_string();
    settle_every(&mut store, &ws);
    assert!(store.take_late_quarantined().is_empty());
    assert_eq!(kv.borrow().raw(&key), Some(now_stored.as_str()));
    assert_eq!(kv.borrow().raw(&format!("kiemtra:quarantine:{key}")), None);
}

#[test]
fn every_read_but_a_start_reads_an_answers_record_whole() {
    let (kv, insp, runs) = rich_workspace();
    let (mut a, mut ws_a, _) = open(&kv);
    let before = answers_loaded_one(ws_a.inspection(insp).unwrap());
    assert!(!before.is_empty());
    let key = spoil_answers(&kv, insp, runs[0], serde_json::json!({"I#0": {"I.1": "x"}}));
    let spoiled = kv.borrow().raw(&key).unwrap().to_string();
    let id = key.trim_start_matches("kiemtra:answers:");
    // A restore's and an archive's check refuse it.
    assert!(kiemtra::persist::decodes_as_stored(RecordKind::Answers, &spoiled, id).is_err());
    // Another tab's write of it is not taken in: this tab keeps its answers.
    let out = a.on_external_change(&key, Some(&spoiled), &mut ws_a, now());
    assert_ne!(out, ExternalOutcome::Applied, "{out:?}");
    assert_eq!(answers_loaded_one(ws_a.inspection(insp).unwrap()), before);
}
