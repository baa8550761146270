//! The paths that run after something already went wrong (issue #18), each
//! through the workspace store a user's tab runs: a set-aside settings
//! record, a restore file with wrong-typed data, typing that never pauses,
//! a failure followed by a good save, the file offered when storage is
//! full, a record that vanished from storage.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

#[path = "fixtures/report/fixtures.rs"]
mod fixtures;

use chrono::{DateTime, Duration, Utc};
use kiemtra::domain::clock::Clock;
use kiemtra::domain::ids::{PlanId, ReportId, RoundId, SeqIds};
use kiemtra::domain::workspace::Workspace;
use kiemtra::persist::{ChangeKey, LoadSummary, ReportRecord, RoundRecord, WorkspaceStore};
use kiemtra::report::period::{Regime, ReportPeriod};
use kiemtra::report::round::Round;
use kiemtra::storage::keys::quarantine_key;
use kiemtra::storage::{KvStore, MemoryKv, RecordKind, RestoreError, SaveStatus};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

type Shared = Rc<RefCell<MemoryKv>>;

const SETTINGS: &str = "kiemtra:settings";

fn now() -> DateTime<Utc> {
    support::clock().now()
}

fn open(kv: &Shared) -> (WorkspaceStore<Shared>, Workspace, LoadSummary) {
    WorkspaceStore::open(kv.clone(), "test", now())
}

/// A store with the built-in templates written, as after a first start.
fn started() -> Shared {
    let kv: Shared = Rc::default();
    let (mut store, _, _) = open(&kv);
    store.flush_now(now());
    kv
}

fn add_plan(store: &mut WorkspaceStore<Shared>, ws: &mut Workspace, ids: &mut SeqIds) -> PlanId {
    let c = support::clock();
    let plan = support::plan_can_tho(ids, &c);
    let id = ws.add_plan(plan).unwrap();
    store.mark(ws, &ChangeKey::Plan(id), c.now());
    id
}

#[test]
fn a_set_aside_settings_record_never_blocks_later_settings_edits() {
    let kv = started();
    let damaged = "{\"schema\":\"kiemtra/settings\",\"version\":1,\"data\":{\"unit_name\":";
    kv.borrow_mut().insert_raw(SETTINGS, damaged);

    let (mut store, mut ws, summary) = open(&kv);
    assert_eq!(
        summary.quarantined.len(),
        1,
        "the damaged settings are set aside"
    );
    let mut s = ws.settings().clone();
    s.unit_name = "Sở Tư pháp thành phố Cần Thơ".into();
    ws.set_settings(s);
    store.mark(&ws, &ChangeKey::Settings, now());
    store.flush_now(now());
    assert!(
        matches!(store.status(), SaveStatus::Saved(_)),
        "the edit is saved, not 'Lưu thất bại': {:?}",
        store.status()
    );

    let (mut store2, ws2, summary2) = open(&kv);
    assert_eq!(ws2.settings().unit_name, "Sở Tư pháp thành phố Cần Thơ");
    assert_eq!(
        summary2.quarantined.len(),
        1,
        "the set-aside copy is still reported on the recovery page"
    );
    assert_eq!(
        kv.borrow().raw(&quarantine_key(SETTINGS)),
        Some(damaged),
        "and kept byte for byte"
    );
    // A second edit after the reload saves too.
    let mut ws2 = ws2;
    let mut s = ws2.settings().clone();
    s.place_name = "Cần Thơ".into();
    ws2.set_settings(s);
    store2.mark(&ws2, &ChangeKey::Settings, now());
    store2.flush_now(now());
    assert!(matches!(store2.status(), SaveStatus::Saved(_)));
    let (_, ws3, _) = open(&kv);
    assert_eq!(ws3.settings().place_name, "Cần Thơ");
}

/// A backup file of `kv` whose record `key` has `data` replaced by `f(data)`.
fn file_with(kv: &Shared, key: &str, f: impl FnOnce(&mut Value)) -> String {
    let (store, _, _) = open(kv);
    let file = store.repo().export_all(now()).unwrap();
    let mut doc: Value = serde_json::from_str(&file).unwrap();
    f(&mut doc["records"][key]["data"]);
    serde_json::to_string(&doc).unwrap()
}

#[test]
fn a_restore_file_with_wrong_typed_data_is_refused_before_it_is_counted() {
    let kv = started();
    let (mut store, mut ws, _) = open(&kv);
    let mut ids = SeqIds::default();
    let id = add_plan(&mut store, &mut ws, &mut ids);
    store.flush_now(now());
    let good = kv.borrow().raw(&support::plan_key(id)).unwrap().to_string();

    // The right envelope, but a number where the plan's title is text.
    let file = file_with(&kv, &support::plan_key(id), |data| {
        data["title"] = Value::from(2024)
    });
    let (store, _, _) = open(&kv);
    let preview = store.preview_restore(&file).unwrap();
    assert!(!preview.is_ok(), "offered as a change: {preview:?}");
    assert!(matches!(
        &preview.errors[..],
        [RestoreError::InvalidRecord { key, .. }] if key == &support::plan_key(id)
    ));
    assert!(!preview
        .conflicts
        .iter()
        .any(|c| c.key == support::plan_key(id)));
    assert!(!preview.new_keys.contains(&support::plan_key(id)));
    assert!(!preview.counts.contains_key(&RecordKind::Plan));

    // The same record as a new one (another browser) is refused too.
    let (fresh, _, _) = open(&started());
    let preview = fresh.preview_restore(&file).unwrap();
    assert!(!preview.is_ok());
    assert!(!preview.new_keys.contains(&support::plan_key(id)));

    // Nothing was written; the unmodified file is accepted.
    assert_eq!(kv.borrow().raw(&support::plan_key(id)), Some(good.as_str()));
    let good_file = file_with(&kv, &support::plan_key(id), |_| {});
    let (fresh, _, _) = open(&started());
    let preview = fresh.preview_restore(&good_file).unwrap();
    assert!(preview.is_ok(), "{:?}", preview.errors);
    assert!(preview.new_keys.contains(&support::plan_key(id)));
}

#[test]
fn typing_that_never_pauses_is_saved_at_least_every_two_seconds() {
    let kv = started();
    let (mut store, mut ws, _) = open(&kv);
    let mut ids = SeqIds::default();
    let id = add_plan(&mut store, &mut ws, &mut ids);
    store.flush_now(now());
    let saved_text = || kv.borrow().raw(&support::plan_key(id)).unwrap().to_string();
    let before = saved_text();

    // One keystroke every 100 ms for 12 s: never a 400 ms pause.
    let mut writes = Vec::new();
    let mut last = before.clone();
    for step in 1..=120 {
        let at = now() + Duration::milliseconds(100 * step);
        let mut p = ws.plan(id).unwrap().clone();
        p.title.push('a');
        ws.put_plan(p);
        store.mark(&ws, &ChangeKey::Plan(id), at);
        store.flush(at);
        let stored = saved_text();
        if stored != last {
            writes.push(100 * step);
            last = stored;
        }
    }
    assert!(!writes.is_empty(), "nothing saved during 12 s of typing");
    // Every keystroke is stored at most 2 s after it was typed (the last
    // ones by the hide below).
    let last_write = *writes.last().unwrap();
    for typed in (1..=120).map(|s| 100 * s).filter(|t| *t <= last_write) {
        let saved = writes.iter().find(|w| **w >= typed).unwrap();
        assert!(
            saved - typed <= 2_000,
            "typed at {typed} ms, stored at {saved} ms"
        );
    }
    assert!(last_write >= 12_000 - 2_000, "writes {writes:?}");
    // Hiding the page writes the rest at once.
    store.flush_now(now() + Duration::milliseconds(12_050));
    let (_, ws2, _) = open(&kv);
    assert_eq!(ws2.plan(id).unwrap().title, ws.plan(id).unwrap().title);
}

#[test]
fn after_a_failed_save_the_next_successful_save_shows_saved_and_retries_the_failed_one() {
    let kv = started();
    let (mut store, mut ws, _) = open(&kv);
    let mut ids = SeqIds::default();
    let used = kv.borrow().used_bytes();
    kv.borrow_mut().set_quota(Some(used + 10));
    let first = add_plan(&mut store, &mut ws, &mut ids);
    store.flush(now() + Duration::seconds(1));
    assert!(matches!(store.status(), SaveStatus::Failed(_)));

    // Space comes back (the user deleted something elsewhere); the next
    // edit is saved well before the failed one's retry time.
    kv.borrow_mut().set_quota(None);
    let second = add_plan(&mut store, &mut ws, &mut ids);
    store.flush(now() + Duration::milliseconds(1_500));
    assert!(
        matches!(store.status(), SaveStatus::Saved(_)),
        "indicator still {:?}",
        store.status()
    );
    assert!(kv.borrow().raw(&support::plan_key(first)).is_some());
    assert!(kv.borrow().raw(&support::plan_key(second)).is_some());
}

#[test]
fn the_storage_full_file_is_a_backup_of_every_kind_that_restore_accepts() {
    let kv = started();
    let (mut store, mut ws, _) = open(&kv);
    let mut ids = SeqIds::default();
    let stored_plan = add_plan(&mut store, &mut ws, &mut ids);
    let report = ReportRecord::new(
        ReportId(uuid::Uuid::from_u128(7)),
        fixtures::periodic_ninh_kieu_2021(),
        now(),
    );
    store.mark_report(&report, now());
    store.flush_now(now());

    // Storage fills up: a new plan and a changed report stay in memory.
    let used = kv.borrow().used_bytes();
    kv.borrow_mut().set_quota(Some(used + 10));
    let unsaved_plan = add_plan(&mut store, &mut ws, &mut ids);
    // Longer than the stored number, so its save cannot fit either.
    let mut changed = report.clone();
    changed.report.so_ky_hieu = "216/BC-UBND-STP-TH-2021".into();
    store.mark_report(&changed, now());
    // A reporting round made while storage is full is in the file too.
    let round = RoundRecord::new(
        RoundId(uuid::Uuid::from_u128(9)),
        Round::new(
            "Báo cáo năm 2021",
            ReportPeriod::yearly(2021).unwrap(),
            Regime::Tt16_2018,
            chrono::NaiveDate::from_ymd_opt(2021, 12, 17).unwrap(),
        ),
        now(),
    );
    store.mark_round(&round, now());
    store.flush_now(now());
    assert!(matches!(store.status(), SaveStatus::Failed(_)));

    let file = store.export_with_unsaved(now()).unwrap();
    assert!(
        kv.borrow().raw(&support::plan_key(unsaved_plan)).is_none(),
        "nothing written"
    );
    let report_key = format!("kiemtra:report:{}", report.id);
    let stored_report = kv.borrow().raw(&report_key).map(str::to_string);
    assert!(
        stored_report.is_some_and(|r| !r.contains("216/BC-UBND-STP-TH-2021")),
        "the changed report is not in storage, only in memory"
    );

    // Another browser restores it with the app's own restore.
    let other = started();
    let (mut fresh, _, _) = open(&other);
    let preview = fresh.preview_restore(&file).unwrap();
    assert!(preview.is_ok(), "{:?}", preview.errors);
    assert_eq!(preview.counts[&RecordKind::Plan], 2);
    assert_eq!(preview.counts[&RecordKind::Report], 1);
    assert_eq!(preview.counts[&RecordKind::Round], 1);
    let mut no_rekey = |_: RecordKind, v: Value| (String::new(), v);
    fresh
        .repo_mut()
        .apply_restore(&preview, &BTreeMap::new(), &mut no_rekey, now())
        .unwrap();
    let (mut reopened, ws2, _) = open(&other);
    assert!(ws2.plan(stored_plan).is_some());
    assert!(ws2.plan(unsaved_plan).is_some());
    let reports = reopened.take_loaded_reports();
    assert_eq!(
        reports[&report.id].report.so_ky_hieu,
        "216/BC-UBND-STP-TH-2021"
    );
    let rounds = reopened.take_loaded_rounds();
    assert_eq!(rounds[&round.id].round, round.round);
}

#[test]
fn a_record_that_vanished_from_storage_is_reported_not_dropped_silently() {
    let kv = started();
    let (mut store, mut ws, _) = open(&kv);
    let mut ids = SeqIds::default();
    let id = add_plan(&mut store, &mut ws, &mut ids);
    store.flush_now(now());
    kv.borrow_mut().remove(&support::plan_key(id)).unwrap();

    let (_, _, summary) = open(&kv);
    assert_eq!(summary.missing, vec![support::plan_key(id)]);
}
