//! Periodic reports as stored records: they survive a reload with their
//! export stamp, only the changed report is written, another tab's change
//! arrives, and a deleted report stays deleted.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fixtures/report/fixtures.rs"]
mod fixtures;

use chrono::{DateTime, Duration, TimeZone, Utc};
use kiemtra::domain::ids::ReportId;
use kiemtra::persist::{ExportStamp, ExternalOutcome, ReportRecord, WorkspaceStore};
use kiemtra::storage::{KvStore, MemoryKv, SaveStatus};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

type Shared = Rc<RefCell<MemoryKv>>;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2021, 12, 8, 2, 0, 0).unwrap()
}

fn open(kv: &Shared) -> (WorkspaceStore<Shared>, BTreeMap<ReportId, ReportRecord>) {
    let (mut store, _ws, summary) = WorkspaceStore::open(kv.clone(), "test", now());
    assert!(summary.fatal.is_none());
    let reports = store.take_loaded_reports();
    (store, reports)
}

fn record(n: u128) -> ReportRecord {
    ReportRecord::new(
        ReportId(uuid::Uuid::from_u128(n)),
        fixtures::periodic_ninh_kieu_2021(),
        now(),
    )
}

fn key(r: &ReportRecord) -> String {
    format!("kiemtra:report:{}", r.id)
}

#[test]
fn a_report_and_its_export_stamp_survive_a_reload() {
    let kv: Shared = Rc::default();
    let (mut store, reports) = open(&kv);
    assert!(reports.is_empty());
    let mut r = record(1);
    r.last_export = Some(ExportStamp {
        at: now(),
        by: "Nguyễn Văn An".into(),
        content_sha256: r.current_sha256().unwrap(),
        file_name: "bao-cao-dinh-ky_215-BC-UBND_2021-nam_ubnd-quan-ninh-kieu.json".into(),
    });
    store.mark_report(&r, now());
    assert_eq!(store.status(), SaveStatus::Pending);
    assert!(store.next_due().is_some());
    store.flush(now() + Duration::seconds(1));
    assert!(matches!(store.status(), SaveStatus::Saved(_)));
    assert!(kv.borrow().raw(&key(&r)).is_some());

    let (_, loaded) = open(&kv);
    let back = loaded.get(&r.id).expect("report loaded");
    assert_eq!(back.report, r.report);
    assert_eq!(back.last_export, r.last_export);
    assert!(!back.changed_since_export());
    assert_eq!(back.rev, 1);
}

#[test]
fn only_the_changed_report_is_written() {
    let kv: Shared = Rc::default();
    let (mut store, _) = open(&kv);
    let a = record(1);
    let b = record(2);
    store.mark_report(&a, now());
    store.mark_report(&b, now());
    store.flush_now(now());
    let b_before = kv.borrow().raw(&key(&b)).unwrap().to_string();

    let mut a2 = a.clone();
    a2.report.so_ky_hieu = "216/BC-UBND".into();
    let later = now() + Duration::minutes(5);
    store.mark_report(&a2, later);
    let flushed = store.flush(later + Duration::seconds(1));
    let saved: Vec<&String> = flushed
        .iter()
        .flat_map(|r| &r.saved)
        .map(|(k, _)| k)
        .collect();
    assert_eq!(saved, vec![&key(&a)]);
    assert_eq!(kv.borrow().raw(&key(&b)).unwrap(), b_before);
    let (_, loaded) = open(&kv);
    assert_eq!(loaded[&a.id].report.so_ky_hieu, "216/BC-UBND");
    assert_eq!(loaded[&a.id].rev, 2);
    assert_eq!(loaded[&b.id].rev, 1);
}

#[test]
fn a_change_after_the_export_is_detected_by_the_content_hash() {
    let mut r = record(1);
    assert!(!r.changed_since_export(), "never exported is not 'changed'");
    r.last_export = Some(ExportStamp {
        at: now(),
        by: "A".into(),
        content_sha256: r.current_sha256().unwrap(),
        file_name: "f.json".into(),
    });
    assert!(!r.changed_since_export());
    r.report.xu_phat.so_vu_phat_hien = Some(999);
    assert!(r.changed_since_export());
}

#[test]
fn another_tabs_report_arrives_and_a_deleted_report_goes() {
    let kv: Shared = Rc::default();
    let (mut mine, mut my_reports) = open(&kv);
    let (mut theirs, _) = open(&kv);
    let r = record(7);
    theirs.mark_report(&r, now());
    theirs.flush_now(now());
    let raw = kv.borrow().raw(&key(&r)).unwrap().to_string();
    let out = mine.on_external_report_change(&key(&r), Some(&raw), &mut my_reports, now());
    assert_eq!(out, ExternalOutcome::Applied);
    assert!(my_reports.contains_key(&r.id));

    mine.delete_report(r.id, now()).unwrap();
    assert!(kv.borrow().get(&key(&r)).unwrap().is_none());
    let out = theirs.on_external_report_change(&key(&r), None, &mut my_reports, now());
    assert_eq!(out, ExternalOutcome::Applied);
    assert!(!my_reports.contains_key(&r.id));
    let (_, loaded) = open(&kv);
    assert!(loaded.is_empty());
}

#[test]
fn a_corrupt_report_is_quarantined_and_the_others_load() {
    let kv: Shared = Rc::default();
    let (mut store, _) = open(&kv);
    let good = record(1);
    store.mark_report(&good, now());
    store.flush_now(now());
    kv.borrow_mut().insert_raw(
        "kiemtra:report:00000000-0000-0000-0000-000000000009",
        "{oops",
    );
    let (mut reopened, _ws, summary) = WorkspaceStore::open(kv.clone(), "test", now());
    assert_eq!(summary.quarantined.len(), 1);
    assert_eq!(reopened.take_loaded_reports().len(), 1);
    let (_, loaded) = open(&kv);
    assert_eq!(loaded.len(), 1);
    assert!(loaded.contains_key(&good.id));
}
