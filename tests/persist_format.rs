//! The stored workspace format, locked: `tests/fixtures/persist/v4_workspace.json`
//! is what the app writes to localStorage today (every `kiemtra:` key except
//! the built-in templates, whose content may change with the law); the
//! inspection record is at version 3 (the compact format of issue #14:
//! default fields left out, each checklist run's answers in their own
//! `kiemtra:answers:<inspection>:<run>` record), the answers record at
//! version 2 (the dense form: grouped by group instance, a status as one
//! letter; an answer with attachment references, issue #16, stored whole),
//! the other kinds at version 1. Since issue #16 the inspection is at
//! version 4 (attachments on findings and addenda).
//! - The lock test fails when today's code writes anything different: a
//!   stored shape changed, so bump the record's VERSION and add a migration
//!   step and keep the released fixtures (`KIEMTRA_BLESS=1` rewrites the
//!   current one only for a deliberate, migrated change).
//! - The upgrade test loads every released fixture (`v1_workspace.json`, as
//!   version 1 wrote it; `v1_workspace_recommendations.json`, the same
//!   workspace with a version-1 finding recommendation and conclusion
//!   recommendation in the version-1 shape; `v2_workspace.json`, as version 2
//!   wrote it, answers inside the inspection; `v3_workspace.json`, answers
//!   records at version 1; `v4_workspace.json`) into a
//!   fresh store and checks nothing is quarantined or lost.
//! - Under the envelopes, the storage encoding (`storage::codec`, issue #14:
//!   larger values compressed): the lock above compares the decoded values,
//!   `the_stored_encoding_is_locked` the stored text itself
//!   (`v4_workspace_kz1.json`, also loaded by the upgrade test).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use kiemtra::domain::answer::{Answer, AnswerKey, ItemStatus};
use kiemtra::domain::catalog::FindingKind;
use kiemtra::domain::clock::Clock;
use kiemtra::domain::followup::FollowUpStatus;
use kiemtra::domain::ids::SeqIds;
use kiemtra::domain::inspection::Inspection;
use kiemtra::domain::workspace::Workspace;
use kiemtra::persist::{inspection_v1_to_v2, ChangeKey, WorkspaceStore};
use kiemtra::storage::codec::is_compressed;
use kiemtra::storage::{decode_stored, KvStore, MemoryKv};
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
        a.attachments = vec![kiemtra::domain::evidence::reference(
            b"%PDF-1.4 bien ban 12",
            "application/pdf",
            "bien-ban-12.pdf",
            "Biên bản số 12/BB-VPHC, trang 1",
            clock.now(),
        )
        .unwrap()];
        i.set_answer(run, key.clone(), a, lib, &clock)?;
        i.finding_from_answer(run, &key, FindingKind::SaiSot, lib, &mut ids, &clock)?;
        // The dense answers form's short shapes: a status only, a status
        // with a note, in two instances of a repeating group.
        for label in ["Biên bản số 12/BB-VPHC", "Biên bản số 15/BB-VPHC"] {
            i.add_instance(run, "II.B", label, lib, &clock)?;
        }
        let b1 = AnswerKey::new("II.B", 0, "II.B.1");
        i.set_answer(run, b1, Answer::status(ItemStatus::Dat), lib, &clock)?;
        let b2 = AnswerKey::new("II.B", 1, "II.B.1");
        let noted = Answer::status(ItemStatus::KhongApDung)
            .with_note("Biên bản do cơ quan khác lập, không thuộc phạm vi kiểm tra.");
        i.set_answer(run, b2, noted, lib, &clock)?;
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

/// The stored values decoded from the storage encoding (`storage::codec`):
/// the envelopes' JSON, which the schema versions describe.
fn decoded(map: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    map.iter()
        .map(|(k, v)| (k.clone(), decode_stored(v).unwrap().into_owned()))
        .collect()
}

#[test]
fn the_stored_workspace_format_is_locked() {
    let now = render(&decoded(&write_canonical_workspace()));
    let path = fixture_path("v4_workspace.json");
    if std::env::var_os("KIEMTRA_BLESS").is_some() {
        std::fs::write(&path, &now).unwrap();
    }
    let locked = std::fs::read_to_string(&path).expect("fixture v4_workspace.json");
    assert_eq!(
        now, locked,
        "the stored format changed: bump VERSION, add a migration, keep the released fixtures"
    );
}

/// The storage encoding under the envelopes, locked: the same workspace as
/// `v4_workspace.json`, as it is stored, its larger values compressed
/// (`kz1:`). A change here with `v4_workspace.json` unchanged is a change of
/// the encoding: a new prefix (`kz2:`) and this fixture kept for its decoder.
/// Only the compressor's output changing (a new miniz_oxide writing other
/// but valid zlib) may be blessed, after the load test below passes on the
/// old fixture.
#[test]
fn the_stored_encoding_is_locked() {
    let stored = write_canonical_workspace();
    assert!(
        stored.values().any(|v| is_compressed(v)) && stored.values().any(|v| !is_compressed(v)),
        "large values compressed, small ones plain"
    );
    let now = render(&stored);
    let path = fixture_path("v4_workspace_kz1.json");
    if std::env::var_os("KIEMTRA_BLESS").is_some() {
        std::fs::write(&path, &now).unwrap();
    }
    let locked = std::fs::read_to_string(&path).expect("fixture v4_workspace_kz1.json");
    assert_eq!(
        now, locked,
        "the storage encoding changed: see this test's doc"
    );
}

#[test]
fn every_released_fixture_loads_into_the_current_version_without_loss() {
    for name in [
        "v1_workspace.json",
        "v1_workspace_recommendations.json",
        "v2_workspace.json",
        "v3_workspace.json",
        "v4_workspace.json",
        "v4_workspace_kz1.json",
    ] {
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
        // Records of the current version are not rewritten on load; an
        // inspection stored at version 1 or 2, or an answers record at
        // version 1, is upgraded and written back.
        for (k, v) in &map {
            if v.starts_with(r#"{"schema":"kiemtra/inspection","version":1,"#)
                || v.starts_with(r#"{"schema":"kiemtra/inspection","version":2,"#)
                || v.starts_with(r#"{"schema":"kiemtra/inspection","version":3,"#)
                || v.starts_with(r#"{"schema":"kiemtra/answers","version":1,"#)
            {
                assert!(
                    summary.migrated.iter().any(|n| n.key == *k),
                    "{name}: {k} migrated"
                );
                continue;
            }
            assert_eq!(
                kv.borrow().get(k).unwrap().as_deref(),
                Some(v.as_str()),
                "{k}"
            );
        }
    }
}

/// Loads one fixture into a fresh store.
fn open_fixture(name: &str) -> (Workspace, kiemtra::persist::LoadSummary) {
    let text = std::fs::read_to_string(fixture_path(name)).unwrap();
    let map: BTreeMap<String, String> = serde_json::from_str(&text).unwrap();
    let kv: Rc<RefCell<MemoryKv>> = Rc::default();
    for (k, v) in &map {
        kv.borrow_mut().insert_raw(k, v);
    }
    let (_, ws, summary) = WorkspaceStore::open(kv, "0.1.0", support::clock().now());
    (ws, summary)
}

#[test]
fn version_1_recommendations_become_tracked_items_not_yet_implemented() {
    let (ws, summary) = open_fixture("v1_workspace_recommendations.json");
    assert!(summary.quarantined.is_empty(), "{:?}", summary.quarantined);
    assert_eq!(summary.migrated.len(), 1);
    let insp = ws.inspections().next().expect("inspection");
    let items = insp.tracked_items();
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[0].text,
        "Chấn chỉnh việc lập biên bản vi phạm hành chính đúng thời hạn"
    );
    assert_eq!(items[0].deadline, None, "version 1 had no finding deadline");
    assert_eq!(items[1].text, "Báo cáo kết quả khắc phục sai sót");
    assert_eq!(
        items[1].deadline,
        Some(chrono::NaiveDate::from_ymd_opt(2021, 6, 30).unwrap())
    );
    for item in &items {
        assert_eq!(item.tracking.status, FollowUpStatus::ChuaThucHien);
        assert!(item.tracking.updates.is_empty());
        assert_eq!(item.tracking.closed_on, None);
    }
    assert!(insp
        .findings()
        .iter()
        .all(|f| f.discipline.is_none() && f.amendment.is_none()));
}

#[test]
fn a_version_1_inspection_without_its_migration_step_does_not_load() {
    // `tracking` is required in version 2, so the step is what makes old
    // data load (and a broken step would be caught here, not guessed at).
    let text = std::fs::read_to_string(fixture_path("v1_workspace_recommendations.json")).unwrap();
    let map: BTreeMap<String, String> = serde_json::from_str(&text).unwrap();
    let (_, env) = map
        .iter()
        .find(|(k, _)| k.starts_with("kiemtra:inspection:"))
        .unwrap();
    let env: serde_json::Value = serde_json::from_str(env).unwrap();
    let data = env["data"].clone();
    assert!(serde_json::from_value::<Inspection>(data.clone()).is_err());
    let upgraded = inspection_v1_to_v2(data).unwrap();
    assert!(serde_json::from_value::<Inspection>(upgraded).is_ok());
}

#[test]
fn the_migration_step_refuses_data_not_shaped_like_an_inspection() {
    for bad in [
        serde_json::json!([]),
        serde_json::json!({"findings": 3}),
        serde_json::json!({"findings": [{"recommendation": "x"}]}),
        serde_json::json!({"conclusion": {"recommendations": [1]}}),
    ] {
        assert!(inspection_v1_to_v2(bad).is_err());
    }
}
