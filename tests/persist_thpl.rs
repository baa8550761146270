//! Yearly THPL reports as stored records (kind `thpl`, version 1): a report
//! survives a reload, another tab's change arrives and a deletion goes, a
//! corrupt record is quarantined byte for byte while the others load, a
//! report survives backup → wipe → restore, and the v1 format is locked by
//! `tests/fixtures/persist/v1_thpl.json` (`KIEMTRA_BLESS=1` rewrites it only
//! for a deliberate, migrated change).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/report/fixtures.rs"]
mod fixtures;

use chrono::{DateTime, TimeZone, Utc};
use fixtures::*;
use kiemtra::domain::ids::ReportId;
use kiemtra::persist::{ExternalOutcome, ThplRecord, WorkspaceStore};
use kiemtra::storage::{MemoryKv, RecordKind};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::rc::Rc;

type Shared = Rc<RefCell<MemoryKv>>;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 12, 8, 2, 0, 0).unwrap()
}

fn open(kv: &Shared) -> (WorkspaceStore<Shared>, BTreeMap<ReportId, ThplRecord>) {
    let (mut store, _ws, summary) = WorkspaceStore::open(kv.clone(), "0.1.0", now());
    assert!(summary.fatal.is_none());
    let reports = store.take_loaded_thpl();
    (store, reports)
}

fn record(n: u128) -> ThplRecord {
    let mut r = ThplRecord::new(
        ReportId(uuid::Uuid::from_u128(n)),
        thpl_can_tho_2021(),
        now(),
    );
    r.sent_on = Some(d(2021, 12, 9));
    r
}

fn key(r: &ThplRecord) -> String {
    format!("kiemtra:thpl:{}", r.id)
}

#[test]
fn a_thpl_report_survives_a_reload_and_is_not_a_periodic_report() {
    let kv: Shared = Rc::default();
    let (mut store, reports) = open(&kv);
    assert!(reports.is_empty());
    let r = record(1);
    store.mark_thpl(&r, now());
    store.flush_now(now());
    let (mut store, loaded) = open(&kv);
    let back = loaded.get(&r.id).expect("report loaded");
    assert_eq!(back.report, r.report);
    assert_eq!(back.sent_on, Some(d(2021, 12, 9)));
    assert_eq!(back.rev, 1);
    assert!(store.take_loaded_reports().is_empty());
}

#[test]
fn another_tabs_report_arrives_and_a_deleted_one_goes() {
    let kv: Shared = Rc::default();
    let (mut mine, mut my_reports) = open(&kv);
    let (mut theirs, _) = open(&kv);
    let r = record(7);
    theirs.mark_thpl(&r, now());
    theirs.flush_now(now());
    let raw = kv.borrow().raw(&key(&r)).unwrap().to_string();
    let out = mine.on_external_thpl_change(&key(&r), Some(&raw), &mut my_reports, now());
    assert_eq!(out, ExternalOutcome::Applied);
    assert!(my_reports.contains_key(&r.id));
    mine.delete_thpl(r.id, now()).unwrap();
    let out = theirs.on_external_thpl_change(&key(&r), None, &mut my_reports, now());
    assert_eq!(out, ExternalOutcome::Applied);
    assert!(!my_reports.contains_key(&r.id));
    assert!(open(&kv).1.is_empty());
}

#[test]
fn a_corrupt_thpl_report_is_quarantined_and_kept_byte_for_byte() {
    let kv: Shared = Rc::default();
    let (mut store, _) = open(&kv);
    store.mark_thpl(&record(1), now());
    store.flush_now(now());
    let bad_key = "kiemtra:thpl:00000000-0000-0000-0000-000000000009";
    kv.borrow_mut().insert_raw(bad_key, "{hỏng");
    let (mut reopened, _ws, summary) = WorkspaceStore::open(kv.clone(), "0.1.0", now());
    assert_eq!(summary.quarantined.len(), 1);
    assert_eq!(reopened.take_loaded_thpl().len(), 1);
    let quarantined = format!("kiemtra:quarantine:{bad_key}");
    assert_eq!(kv.borrow().raw(&quarantined), Some("{hỏng"));
}

#[test]
fn a_thpl_report_survives_backup_wipe_and_restore() {
    let kv: Shared = Rc::default();
    let (mut store, _) = open(&kv);
    let r = record(3);
    store.mark_thpl(&r, now());
    store.flush_now(now());
    let file = store.repo().export_all(now()).unwrap();
    let doc: Value = serde_json::from_str(&file).unwrap();
    assert!(doc["records"].get(key(&r)).is_some());
    kv.borrow_mut().wipe();
    let (mut fresh, empty) = open(&kv);
    assert!(empty.is_empty());
    let preview = fresh
        .repo()
        .preview_restore(&file, &WorkspaceStore::<Shared>::restore_options())
        .unwrap();
    assert!(preview.is_ok(), "{:?}", preview.errors);
    assert_eq!(preview.counts[&RecordKind::Thpl], 1);
    let mut no_rekey = |_: RecordKind, v: Value| -> (String, Value) { panic!("rekey {v}") };
    fresh
        .repo_mut()
        .apply_restore(&preview, &BTreeMap::new(), &mut no_rekey, now())
        .unwrap();
    let (_, loaded) = open(&kv);
    assert_eq!(loaded.get(&r.id).map(|x| &x.report), Some(&r.report));
}

#[test]
fn the_v1_thpl_format_is_locked_and_loads() {
    let kv: Shared = Rc::default();
    let (mut store, _) = open(&kv);
    let r = record(1);
    store.mark_thpl(&r, now());
    store.flush_now(now());
    let written: BTreeMap<String, String> =
        // The envelope's JSON, under the storage encoding (`storage::codec`).
        [(key(&r), kiemtra::storage::decode_stored(kv.borrow().raw(&key(&r)).unwrap()).unwrap().into_owned())]
            .into_iter()
            .collect();
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/persist/v1_thpl.json");
    if std::env::var_os("KIEMTRA_BLESS").is_some() {
        let mut text = serde_json::to_string_pretty(&written).unwrap();
        text.push('\n');
        std::fs::write(&path, text).unwrap();
    }
    let locked: BTreeMap<String, String> =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("fixture v1_thpl.json"))
            .unwrap();
    // Compared as JSON values: the members' order is not part of the
    // format (every reader takes them in any order), and the report types
    // inside were reordered to their key order for the export's one walk
    // (issue #14); the fixture keeps the order the released version wrote.
    let as_values = |m: &BTreeMap<String, String>| -> BTreeMap<String, serde_json::Value> {
        m.iter()
            .map(|(k, v)| (k.clone(), serde_json::from_str(v).unwrap()))
            .collect()
    };
    assert_eq!(
        as_values(&written),
        as_values(&locked),
        "the stored THPL report format changed: bump ThplRecord::VERSION and add a migration"
    );
    let kv: Shared = Rc::default();
    for (k, v) in &locked {
        kv.borrow_mut().insert_raw(k, v);
    }
    let (mut store, _ws, summary) = WorkspaceStore::open(kv.clone(), "0.1.0", now());
    assert!(summary.quarantined.is_empty() && summary.failed.is_empty());
    let back = store.take_loaded_thpl();
    assert_eq!(
        back.values().next().map(|r| &r.report),
        Some(&thpl_can_tho_2021())
    );
}

#[test]
fn an_unsaved_thpl_edit_is_journaled_at_once() {
    // The write-ahead journal (issue #18) must cover every record kind: a
    // THPL report typed for an hour is as precious as a checklist.
    let kv: Shared = Rc::default();
    let (mut store, _) = open(&kv);
    let r = record(7);
    store.mark_thpl(&r, now());
    let entries = store.journal_entries(now());
    let e = entries
        .iter()
        .find(|e| e.key == key(&r))
        .expect("the marked report is journaled");
    assert_eq!(e.base_rev, None, "never stored before");
    let header = kiemtra::storage::envelope::read_header(&e.value, RecordKind::Thpl)
        .expect("the entry is the envelope the save would write");
    assert_eq!(header.rev, 1);
}
