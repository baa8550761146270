//! The stored workspace format, locked: `tests/fixtures/persist/v1_workspace.json`
//! is what version 1 of the app writes to localStorage (every `kiemtra:` key
//! except the built-in templates, whose content may change with the law).
//! - The lock test fails when today's code writes anything different: a
//!   stored shape changed, so bump the record's VERSION and add a migration
//!   step and keep this v1 fixture (`KIEMTRA_BLESS=1` rewrites it only for a
//!   deliberate, migrated change).
//! - The upgrade test loads every released fixture (v1 today; add v2, v3 …
//!   beside it) into a fresh store and checks nothing is quarantined or lost.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use kiemtra::domain::answer::{Answer, AnswerKey, ItemStatus};
use kiemtra::domain::catalog::FindingKind;
use kiemtra::domain::clock::Clock;
use kiemtra::domain::ids::SeqIds;
use kiemtra::domain::workspace::Workspace;
use kiemtra::persist::{ChangeKey, WorkspaceStore};
use kiemtra::storage::{KvStore, MemoryKv};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::rc::Rc;

const BUILTIN: &[&str] = &[
    "xlvphc-nd19-2020",
    "theo-doi-thpl-nd59-2012",
    "linh-vuc-qd49-2021",
];

fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/persist")
        .join(name)
}

/// A realistic workspace written the way the app writes it.
fn write_canonical_workspace() -> BTreeMap<String, String> {
    let kv: Rc<RefCell<MemoryKv>> = Rc::default();
    let clock = support::clock();
    let (mut store, mut ws, _) = WorkspaceStore::open(kv.clone(), "0.1.0", clock.now());
    let mut ids = SeqIds::default();
    let tpl = support::sample_template();
    let tpl_id = tpl.id.clone();
    ws.templates_mut().insert(tpl.clone()).unwrap();
    let plan = support::plan_can_tho(&mut ids, &clock);
    let (unit, team) = (plan.inspected_units[0].id, plan.teams[0].id);
    let plan_id = ws.add_plan(plan).unwrap();
    let insp = ws
        .create_inspection(plan_id, unit, Some(team), &mut ids, &clock)
        .unwrap();
    ws.edit_inspection(insp, |i, lib| {
        let run = i.add_checklist(&tpl, &mut ids, &clock)?;
        let key = AnswerKey::new("I", 0, "I.1");
        let mut a = Answer::status(ItemStatus::KhongDat);
        a.note = "Chưa ban hành kế hoạch năm 2021; biên bản số 12/BB-VPHC lập quá thời hạn.".into();
        a.evidence = vec!["Biên bản số 12/BB-VPHC ngày 05/01/2021".into()];
        i.set_answer(run, key.clone(), a, lib, &clock)?;
        i.finding_from_answer(run, &key, FindingKind::SaiSot, lib, &mut ids, &clock)?;
        Ok(())
    })
    .unwrap();
    let mut settings = ws.settings().clone();
    settings.unit_name = "Sở Tư pháp thành phố Cần Thơ".into();
    settings.place_name = "Cần Thơ".into();
    ws.set_settings(settings);
    for what in [
        ChangeKey::Template(tpl_id),
        ChangeKey::Plan(plan_id),
        ChangeKey::Inspection(insp),
        ChangeKey::Settings,
    ] {
        store.mark(&ws, &what, clock.now());
    }
    store.flush_now(clock.now());
    let kv = kv.borrow();
    kv.keys()
        .unwrap()
        .into_iter()
        .filter(|k| !BUILTIN.iter().any(|b| k.ends_with(&format!(":{b}"))))
        .filter(|k| k != "kiemtra:index")
        .map(|k| {
            let v = kv.get(&k).unwrap().unwrap();
            (k, v)
        })
        .collect()
}

fn render(map: &BTreeMap<String, String>) -> String {
    // Values are stored strings; keep them as strings so the lock is exact.
    serde_json::to_string_pretty(map).unwrap() + "\n"
}

#[test]
fn the_stored_workspace_format_is_locked() {
    let now = render(&write_canonical_workspace());
    let path = fixture_path("v1_workspace.json");
    if std::env::var_os("KIEMTRA_BLESS").is_some() {
        std::fs::write(&path, &now).unwrap();
    }
    let locked = std::fs::read_to_string(&path).expect("fixture v1_workspace.json");
    assert_eq!(
        now, locked,
        "the stored format changed: bump VERSION, add a migration, keep the v1 fixture"
    );
}

#[test]
fn every_released_fixture_loads_into_the_current_version_without_loss() {
    for name in ["v1_workspace.json"] {
        let text = std::fs::read_to_string(fixture_path(name)).unwrap();
        let map: BTreeMap<String, String> = serde_json::from_str(&text).unwrap();
        let kv: Rc<RefCell<MemoryKv>> = Rc::default();
        for (k, v) in &map {
            kv.borrow_mut().insert_raw(k, v);
        }
        let (_, ws, summary): (_, Workspace, _) =
            WorkspaceStore::open(kv.clone(), "0.1.0", support::clock().now());
        assert!(
            summary.quarantined.is_empty(),
            "{name}: {:?}",
            summary.quarantined
        );
        assert!(summary.failed.is_empty(), "{name}: {:?}", summary.failed);
        assert_eq!(ws.plans().count(), 1, "{name}");
        let insp = ws.inspections().next().expect("inspection");
        assert_eq!(insp.findings().len(), 1);
        let run = &insp.checklists()[0];
        let a = run
            .answers
            .get(&AnswerKey::new("I", 0, "I.1"))
            .expect("answer kept");
        assert!(a.note.contains("12/BB-VPHC"));
        assert_eq!(ws.settings().unit_name, "Sở Tư pháp thành phố Cần Thơ");
        // Records loaded from a released version are not rewritten on load.
        for (k, v) in &map {
            assert_eq!(
                kv.borrow().get(k).unwrap().as_deref(),
                Some(v.as_str()),
                "{k}"
            );
        }
    }
}
