//! Archive files (issue #14, item 4) over an in-memory store: which
//! inspections may be archived; the file's layout and hash; nothing leaves
//! the browser before the user confirms, and then only records still equal
//! to the file's bytes; opening the file brings the records back byte for
//! byte through the restore; the inspection report of their plan is rebuilt
//! from the file alone, equal to the one built before archiving; a tampered
//! or foreign file is refused and changes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use kiemtra::domain::answer::{Answer, AnswerKey, AnswerValue, ItemStatus};
use kiemtra::domain::clock::Clock;
use kiemtra::domain::ids::{InspectionId, PlanId, SeqIds};
use kiemtra::domain::inspection::Conclusion;
use kiemtra::domain::workspace::Workspace;
use kiemtra::persist::archive::{
    archivable, build_archive, open_archive, remove_archived, ArchiveError, ARCHIVE_SCHEMA_ID,
};
use kiemtra::persist::{ChangeKey, WorkspaceStore};
use kiemtra::report::from_domain::{inspection_report, ReportScope};
use kiemtra::report::ReportingUnit;
use kiemtra::storage::MemoryKv;
use serde_json::Value;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

type Shared = Rc<RefCell<MemoryKv>>;

fn now() -> chrono::DateTime<chrono::Utc> {
    support::clock().now()
}

/// Every stored value decoded from the storage encoding (`storage::codec`):
/// the archive file holds the envelopes' JSON, and a record brought back is
/// stored compressed again, so byte identity is of the decoded text.
fn snapshot(kv: &Shared) -> BTreeMap<String, String> {
    kv.borrow()
        .entries()
        .iter()
        .map(|(k, v)| {
            let json = kiemtra::storage::decode_stored(v).unwrap();
            (k.clone(), json.into_owned())
        })
        .collect()
}

struct Fx {
    kv: Shared,
    store: WorkspaceStore<Shared>,
    ws: Workspace,
    plan: PlanId,
    exported: InspectionId,
    in_progress: InspectionId,
}

/// A plan with two inspections: one exported (answers with a note, a value,
/// no open recommendation), one still in progress.
fn fx() -> Fx {
    let kv: Shared = Rc::default();
    let (mut store, mut ws, _) = WorkspaceStore::open(kv.clone(), "0.2.0", now());
    let clock = support::clock();
    let mut ids = SeqIds::default();
    let tpl = support::sample_template();
    ws.templates_mut().insert(tpl.clone()).unwrap();
    let plan = support::plan_can_tho(&mut ids, &clock);
    let (unit, team) = (plan.inspected_units[0].id, plan.teams[0].id);
    let plan_id = ws.add_plan(plan).unwrap();
    let exported = ws
        .create_inspection(plan_id, unit, Some(team), &mut ids, &clock)
        .unwrap();
    ws.edit_inspection(exported, |i, lib| {
        let run = i.add_checklist(&tpl, &mut ids, &clock)?;
        let a = Answer::status(ItemStatus::Dat)
            .with_note("Đã ban hành kế hoạch số 45/KH-UBND ngày 05/01/2021.");
        i.set_answer(run, AnswerKey::new("I", 0, "I.1"), a, lib, &clock)?;
        let no = Answer::value(AnswerValue::YesNo(false));
        i.set_answer(run, AnswerKey::new("I", 0, "I.2"), no, lib, &clock)?;
        let count = Answer::value(AnswerValue::Count(7));
        i.set_answer(run, AnswerKey::new("I", 0, "I.5"), count, lib, &clock)?;
        i.start(support::d(2021, 3, 1), &clock)?;
        i.set_actual_end(Some(support::d(2021, 3, 5)), &clock)?;
        i.set_conclusion(
            Conclusion {
                text: "Ủy ban nhân dân quận Ninh Kiều đã thực hiện cơ bản đầy đủ công tác thi hành pháp luật về xử lý vi phạm hành chính.".into(),
                draft_date: Some(support::d(2021, 3, 12)),
                ..Conclusion::default()
            },
            &clock,
        )?;
        i.finalize(lib, &clock)?;
        i.mark_exported(&clock)?;
        Ok(())
    })
    .unwrap();
    let in_progress = ws
        .create_inspection(plan_id, unit, Some(team), &mut ids, &clock)
        .unwrap();
    ws.edit_inspection(in_progress, |i, lib| {
        let run = i.add_checklist(&tpl, &mut ids, &clock)?;
        let a = Answer::status(ItemStatus::KhongDat);
        i.set_answer(run, AnswerKey::new("I", 0, "I.1"), a, lib, &clock)
    })
    .unwrap();
    for what in [
        ChangeKey::Template(tpl.id.clone()),
        ChangeKey::Plan(plan_id),
        ChangeKey::Inspection(exported),
        ChangeKey::Inspection(in_progress),
    ] {
        store.mark(&ws, &what, now());
    }
    store.flush_now(now());
    Fx {
        kv,
        store,
        ws,
        plan: plan_id,
        exported,
        in_progress,
    }
}

fn unit() -> ReportingUnit {
    ReportingUnit {
        ten: "Sở Tư pháp thành phố Cần Thơ".into(),
        co_quan_chu_quan: "Ủy ban nhân dân thành phố Cần Thơ".into(),
    }
}

/// The report of the plan's exported inspection, built from `ws`.
fn report_of(ws: &Workspace, plan: PlanId, only: InspectionId) -> Value {
    let plan = ws.plan(plan).unwrap();
    let list = ws.inspections().filter(|i| i.id() == only);
    let r = inspection_report(
        plan,
        list,
        ws.templates(),
        ReportScope::WholePlan,
        unit(),
        "12/BC-STP".into(),
        support::d(2021, 12, 1),
    )
    .unwrap();
    serde_json::to_value(r).unwrap()
}

/// An archive file holds records only: an inspection with attached files
/// (here on an addendum made after export) stays in the browser, or its
/// files would be deleted once nothing refers to them.
#[test]
fn an_inspection_with_attached_files_is_not_archived() {
    let mut f = fx();
    let clock = support::clock();
    let mut ids = SeqIds::default();
    f.ws.edit_inspection(f.exported, |i, _| {
        let a = i.add_addendum("Bổ sung ảnh bảng niêm yết.", &mut ids, &clock)?;
        let file = kiemtra::domain::evidence::reference(
            b"%PDF-1.4 bo sung",
            "application/pdf",
            "bo-sung.pdf",
            "",
            clock.now(),
        )
        .unwrap();
        assert!(i.attach_to_addendum(a, file, &clock).unwrap());
        Ok(())
    })
    .unwrap();
    assert!(archivable(&f.ws).is_empty());
    let before = snapshot(&f.kv);
    assert_eq!(
        build_archive(&mut f.store, &f.ws, &[f.exported], "0.2.0", now()).unwrap_err(),
        ArchiveError::NotArchivable(f.exported)
    );
    assert_eq!(snapshot(&f.kv), before);
}

#[test]
fn only_exported_inspections_with_no_open_follow_up_may_be_archived() {
    let mut f = fx();
    assert_eq!(archivable(&f.ws), vec![f.exported]);
    let before = snapshot(&f.kv);
    let err = build_archive(
        &mut f.store,
        &f.ws,
        &[f.exported, f.in_progress],
        "0.2.0",
        now(),
    )
    .unwrap_err();
    assert_eq!(err, ArchiveError::NotArchivable(f.in_progress));
    assert!(err.to_string().contains("chưa thể lưu trữ"), "{err}");
    assert_eq!(
        build_archive(&mut f.store, &f.ws, &[], "0.2.0", now()).unwrap_err(),
        ArchiveError::Empty
    );
    assert_eq!(snapshot(&f.kv), before, "refusing changes nothing");
}

#[test]
fn archive_confirm_remove_open_restore_byte_identical_and_report_rebuilt() {
    let mut f = fx();
    let report_before = report_of(&f.ws, f.plan, f.exported);
    let before = snapshot(&f.kv);
    let file = build_archive(&mut f.store, &f.ws, &[f.exported], "0.2.0", now()).unwrap();

    // Layout: header in a fixed order, content last, its JCS hash.
    let v: Value = serde_json::from_str(&file.text).unwrap();
    assert_eq!(v["schema"], ARCHIVE_SCHEMA_ID);
    assert_eq!(v["canonicalization"], "rfc8785");
    assert_eq!(v["content_sha256"], file.content_sha256.as_str());
    let hash = kiemtra::report::jcs::Rule::Jcs
        .content_sha256(&v["content"])
        .unwrap();
    assert_eq!(hash, file.content_sha256);
    let header: Vec<&str> = file
        .text
        .lines()
        .filter(|l| l.starts_with("  \"") && !l.starts_with("    "))
        .map(|l| l.trim_start().split('"').nth(1).unwrap())
        .collect();
    assert_eq!(
        header,
        [
            "schema",
            "schema_version",
            "app_version",
            "generated_at",
            "canonicalization",
            "content_sha256",
            "content"
        ]
    );
    assert!(file.text.ends_with("}\n"));
    assert!(file.file_name.starts_with("luu-tru-kiem-tra-") && file.file_name.is_ascii());
    // The archived inspection's records, exactly as stored, plus copies of
    // its plan and template; nothing of the other inspection.
    let insp_key = format!("kiemtra:inspection:{}", f.exported);
    let answers_prefix = format!("kiemtra:answers:{}:", f.exported);
    let own: Vec<&String> = before
        .keys()
        .filter(|k| **k == insp_key || k.starts_with(&answers_prefix))
        .collect();
    assert_eq!(own.len(), 2, "the inspection and its run's answers");
    for k in &own {
        assert_eq!(file.content.records.get(*k), before.get(*k), "{k}");
    }
    assert!(file
        .content
        .records
        .contains_key(&format!("kiemtra:plan:{}", f.plan)));
    assert!(file
        .content
        .records
        .keys()
        .all(|k| !k.contains(&f.in_progress.to_string())));

    // Nothing leaves the browser until the user confirms the file was saved.
    assert_eq!(snapshot(&f.kv), before);
    let removed = remove_archived(&mut f.store, &mut f.ws, &file, now()).unwrap();
    assert_eq!(removed, vec![f.exported]);
    let after = snapshot(&f.kv);
    for k in &own {
        assert!(!after.contains_key(*k), "{k} removed");
    }
    assert!(after.contains_key(&format!("kiemtra:inspection:{}", f.in_progress)));
    assert!(after.contains_key(&format!("kiemtra:plan:{}", f.plan)));
    assert!(f.ws.inspection(f.exported).is_none());
    let (_, ws_gone, _) = WorkspaceStore::open(f.kv.clone(), "0.2.0", now());
    assert!(
        ws_gone.inspection(f.exported).is_none(),
        "gone after a start"
    );

    // The report of the period is rebuilt from the file alone.
    let opened = open_archive(&file.text).unwrap();
    assert_eq!(opened.content, file.content);
    let from_file = opened.workspace("0.2.0", now());
    assert_eq!(report_of(&from_file, f.plan, f.exported), report_before);

    // Opening the archive brings the records back byte for byte.
    let backup = opened.as_backup_file("0.2.0").unwrap();
    let preview = f.store.preview_restore(&backup).unwrap();
    assert!(preview.is_ok(), "{:?}", preview.errors);
    let mut rekey = |_, d| (String::new(), d);
    let report = f
        .store
        .repo_mut()
        .apply_restore(&preview, &BTreeMap::new(), &mut rekey, now())
        .unwrap();
    f.store.after_restore(&report, now());
    let restored = snapshot(&f.kv);
    for k in &own {
        assert_eq!(restored.get(*k), before.get(*k), "{k} byte-identical");
    }
    let (_, ws_back, summary) = WorkspaceStore::open(f.kv.clone(), "0.2.0", now());
    assert!(summary.quarantined.is_empty(), "{:?}", summary.quarantined);
    assert_eq!(report_of(&ws_back, f.plan, f.exported), report_before);
}

#[test]
fn an_inspection_changed_after_the_file_was_made_stays_in_the_browser() {
    let mut f = fx();
    let file = build_archive(&mut f.store, &f.ws, &[f.exported], "0.2.0", now()).unwrap();
    // Another tab rewrote its answers record since.
    let akey = file.content.inspections[0].keys[1].clone();
    let changed = file.content.records[&akey].replace("45/KH-UBND", "46/KH-UBND");
    f.kv.borrow_mut().insert_raw(&akey, &changed);
    let before = snapshot(&f.kv);
    let removed = remove_archived(&mut f.store, &mut f.ws, &file, now()).unwrap();
    assert!(removed.is_empty());
    assert_eq!(snapshot(&f.kv), before);
    assert!(f.ws.inspection(f.exported).is_some());
}

#[test]
fn a_tampered_or_foreign_file_is_refused_with_a_vietnamese_reason() {
    let mut f = fx();
    let file = build_archive(&mut f.store, &f.ws, &[f.exported], "0.2.0", now()).unwrap();
    // A changed answer without a new hash.
    let tampered = file.text.replace("45/KH-UBND", "99/KH-UBND");
    assert_ne!(tampered, file.text);
    assert_eq!(
        open_archive(&tampered).unwrap_err(),
        ArchiveError::HashMismatch
    );
    // A record the archive may not hold, even with a matching hash.
    let mut v: Value = serde_json::from_str(&file.text).unwrap();
    v["content"]["records"]["kiemtra:settings"] = Value::from("{}");
    let hash = kiemtra::report::jcs::Rule::Jcs
        .content_sha256(&v["content"])
        .unwrap();
    v["content_sha256"] = Value::from(hash);
    let err = open_archive(&v.to_string()).unwrap_err();
    assert!(matches!(err, ArchiveError::BadRecord(_)), "{err:?}");
    // Not an archive at all: a backup file, garbage, too deep.
    let backup = f.store.backup_file(now()).unwrap();
    assert!(matches!(
        open_archive(&backup).unwrap_err(),
        ArchiveError::NotAnArchive(_)
    ));
    assert!(open_archive("không phải JSON")
        .unwrap_err()
        .to_string()
        .contains("không phải tệp lưu trữ"));
    let deep = "[".repeat(100) + &"]".repeat(100);
    assert!(matches!(
        open_archive(&deep).unwrap_err(),
        ArchiveError::NotAnArchive(_)
    ));
}

/// The seed of `tests/e2e/archive.test.mjs` (`tests/e2e/fixtures/archive-seed.json`):
/// this test's workspace as the app stores it (key → stored text, the
/// built-in templates left out: the app writes them at start), with the
/// exported inspection's id. `UPDATE_SEED=1` rewrites it after a
/// deliberate format change.
#[test]
fn the_archive_e2e_seed_is_what_the_store_writes() {
    let f = fx();
    let records: BTreeMap<String, String> = snapshot(&f.kv)
        .into_iter()
        .filter(|(k, _)| {
            k.starts_with("kiemtra:inspection:")
                || k.starts_with("kiemtra:answers:")
                || k.starts_with("kiemtra:plan:")
                || k == "kiemtra:template:xlvphc-mau-thu"
        })
        .collect();
    let seed = serde_json::json!({
        "exported": f.exported.to_string(),
        "in_progress": f.in_progress.to_string(),
        "records": records,
    });
    let text = serde_json::to_string_pretty(&seed).unwrap() + "\n";
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/e2e/fixtures/archive-seed.json"
    );
    if std::env::var_os("UPDATE_SEED").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    assert_eq!(std::fs::read_to_string(path).unwrap(), text);
}
