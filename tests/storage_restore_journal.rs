//! A restore's write-ahead journal (issue #19): the browser may lose the
//! last localStorage writes of a tab closed right after a restore (a suffix
//! of them, in order). The restore journals each write and removal first;
//! replaying the journal at the next start brings every restored record
//! back byte for byte, wherever the writes were cut, and never overwrites a
//! value written after the restore (an edit, another tab).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use kiemtra::domain::clock::Clock;
use kiemtra::domain::ids::{PlanId, SeqIds};
use kiemtra::domain::workspace::Workspace;
use kiemtra::persist::{ChangeKey, WorkspaceStore};
use kiemtra::storage::journal::{digest, replay, restore_entries, RestoreOf};
use kiemtra::storage::{
    JournalEntry, KvError, KvStore, MemoryKv, RecordKind, Replayed, RestoreChoice, RestorePlan,
    RestoreWrite, StorageError,
};
use serde_json::Value;

fn no_rekey(_: RecordKind, v: Value) -> (String, Value) {
    panic!("rekey not expected: {v}")
}

/// One storage operation, as the browser sends it on.
#[derive(Debug, Clone)]
enum Op {
    Set(String, String),
    Remove(String),
}

/// localStorage as the page sees it, logging every write in order: what
/// reaches the disk when the tab is closed is a prefix of the log.
#[derive(Debug, Clone, Default)]
struct Logged {
    kv: MemoryKv,
    log: Vec<Op>,
}

impl KvStore for Logged {
    fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        self.kv.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), KvError> {
        self.kv.set(key, value)?;
        self.log.push(Op::Set(key.into(), value.into()));
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), KvError> {
        self.kv.remove(key)?;
        self.log.push(Op::Remove(key.into()));
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, KvError> {
        self.kv.keys()
    }
}

/// Renames plan `id` and saves it at once.
fn rename(store: &mut WorkspaceStore<impl KvStore>, ws: &mut Workspace, id: PlanId, title: &str) {
    let c = support::clock();
    let mut p = ws.plan(id).cloned().unwrap();
    p.title = title.to_owned();
    ws.update_plan(p, &c).unwrap();
    store.mark(ws, &ChangeKey::Plan(id), c.now());
    store.flush_now(c.now());
}

/// A backup file of five plans made in another browser, and their ids.
fn backup_of_five_plans() -> (String, Vec<PlanId>) {
    let c = support::clock();
    let (mut store, mut ws, _) = WorkspaceStore::open(MemoryKv::new(), "test", c.now());
    let mut ids = SeqIds::default();
    let mut plans = Vec::new();
    for i in 1..=5 {
        let mut p = support::plan_can_tho(&mut ids, &c);
        p.title = format!("Kế hoạch kiểm tra số {i} theo tệp sao lưu");
        let id = ws.add_plan(p).unwrap();
        store.mark(&ws, &ChangeKey::Plan(id), c.now());
        plans.push(id);
    }
    store.flush_now(c.now());
    (store.repo().export_all(c.now()).unwrap(), plans)
}

/// This browser: the file's first plan edited here to revision 4 (higher
/// than the file's 1), and a plan of its own.
fn this_browser(file_plans: &[PlanId]) -> (Logged, PlanId) {
    let c = support::clock();
    let (mut src, mut ws, _) = WorkspaceStore::open(MemoryKv::new(), "test", c.now());
    let mut ids = SeqIds::default();
    for _ in 0..5 {
        let p = support::plan_can_tho(&mut ids, &c);
        if p.id == file_plans[0] {
            ws.add_plan(p).unwrap();
        }
    }
    store_all(&mut src, &ws);
    for t in ["Sửa lần 1", "Sửa lần 2", "Bản của máy này"] {
        rename(&mut src, &mut ws, file_plans[0], t);
    }
    let mut own = support::plan_can_tho(&mut ids, &c);
    own.title = "Kế hoạch riêng của máy này".into();
    let own_id = ws.add_plan(own).unwrap();
    store_all(&mut src, &ws);
    let kv = src.repo().kv().clone();
    (Logged { kv, log: vec![] }, own_id)
}

fn store_all(store: &mut WorkspaceStore<MemoryKv>, ws: &Workspace) {
    let now = support::clock().now();
    for p in ws.plans() {
        store.mark(ws, &ChangeKey::Plan(p.id), now);
    }
    store.flush_now(now);
}

/// The page opens `disk` a minute later, previews `file` and takes the
/// file's copy of the one conflict: the planned restore, nothing written.
fn planned_restore(
    file: &str,
    disk: Logged,
) -> (WorkspaceStore<Logged>, RestorePlan, DateTime<Utc>) {
    let now = support::clock().now() + Duration::seconds(60);
    let (store, _, _) = WorkspaceStore::open(disk, "test", now);
    let preview = store.preview_restore(file).unwrap();
    assert!(preview.is_ok());
    assert_eq!(preview.conflicts.len(), 1, "the plan edited here");
    let choices: BTreeMap<String, RestoreChoice> = preview
        .conflicts
        .iter()
        .map(|c| (c.key.clone(), RestoreChoice::TakeTheirs))
        .collect();
    let plan = store
        .repo()
        .plan_restore(&preview, &choices, &mut no_rekey)
        .unwrap();
    (store, plan, now)
}

/// The restore as the page makes it: preview, take the file's copy of the
/// conflict, plan, journal, write, then delete what the restore replaces.
/// Returns the disk before the writes, the journal, the planned writes and
/// the page's store after them.
fn restore(
    file: &str,
    disk: Logged,
) -> (
    MemoryKv,
    Vec<JournalEntry>,
    Vec<RestoreWrite>,
    WorkspaceStore<Logged>,
) {
    let (mut store, plan, now) = planned_restore(file, disk);
    let entries = store.restore_journal(&plan);
    let writes = plan.writes.clone();
    let before = store.repo().kv().kv.clone();
    store.repo_mut().kv_mut().log.clear();
    let report = store.repo_mut().write_restore(plan, now).unwrap();
    store.after_restore(&report, now);
    assert_eq!(report.written.len(), 5);
    (before, entries, writes, store)
}

#[test]
fn a_restore_cut_off_after_any_write_comes_back_whole_from_its_journal() {
    let (file, plans) = backup_of_five_plans();
    let (disk, own) = this_browser(&plans);
    let (before, entries, writes, store) = restore(&file, disk);
    assert_eq!(entries.len(), writes.len());
    let ops = store.repo().kv().log.clone();
    assert!(ops.len() > writes.len(), "the writes, then the index");
    for n in 0..=ops.len() {
        // The tab closed: only the first `n` operations reached the disk.
        let mut disk = before.clone();
        for op in &ops[..n] {
            match op {
                Op::Set(k, v) => disk.set(k, v).unwrap(),
                Op::Remove(k) => disk.remove(k).unwrap(),
            }
        }
        let out = replay(&mut disk, &entries);
        assert!(
            out.iter().all(|o| *o == Replayed::Applied),
            "cut after {n} of {}: {out:?}",
            ops.len()
        );
        for w in &writes {
            assert_eq!(
                disk.raw(&w.key),
                Some(w.text.as_str()),
                "cut after {n}: {} is not the file's bytes",
                w.key
            );
        }
        // The next start loads every plan: the file's five and this one's.
        let (_, ws, summary) = WorkspaceStore::open(disk.clone(), "test", support::clock().now());
        assert!(summary.quarantined.is_empty(), "cut after {n}");
        assert_eq!(ws.plans().count(), 6, "cut after {n}");
        assert!(ws.plan(own).is_some());
        assert_eq!(
            ws.plan(plans[0]).unwrap().title,
            "Kế hoạch kiểm tra số 1 theo tệp sao lưu"
        );
        // Replaying again changes nothing.
        let again = disk.clone();
        assert!(replay(&mut disk, &entries)
            .iter()
            .all(|o| *o == Replayed::Applied));
        assert_eq!(disk.entries(), again.entries());
    }
}

#[test]
fn an_edit_made_after_the_restore_is_never_overwritten_by_its_journal() {
    let (file, plans) = backup_of_five_plans();
    let (disk, _) = this_browser(&plans);
    let (_, entries, _, store) = restore(&file, disk);
    // The next start (or another tab) edits two restored plans: the one
    // taken over a revision 4 (the file's revision is 1, so the edit is
    // saved at 2, below what the restore replaced) and a new one.
    let restored = store.repo().kv().kv.clone();
    let (mut again, mut ws, _) = WorkspaceStore::open(restored, "test", support::clock().now());
    rename(&mut again, &mut ws, plans[0], "Sửa sau khi khôi phục");
    rename(&mut again, &mut ws, plans[1], "Cũng sửa sau khi khôi phục");
    let mut disk = again.repo().kv().clone();
    let edited = disk.clone();
    let out = replay(&mut disk, &entries);
    let keys: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
    for (k, o) in keys.iter().zip(&out) {
        let expected = if *k == support::plan_key(plans[0]) || *k == support::plan_key(plans[1]) {
            Replayed::Stale
        } else {
            Replayed::Applied
        };
        assert_eq!(*o, expected, "{k}");
    }
    assert_eq!(disk.entries(), edited.entries(), "nothing was written");
    let (_, ws, _) = WorkspaceStore::open(disk, "test", support::clock().now());
    assert_eq!(ws.plan(plans[0]).unwrap().title, "Sửa sau khi khôi phục");
    assert_eq!(
        ws.plan(plans[1]).unwrap().title,
        "Cũng sửa sau khi khôi phục"
    );
}

#[test]
fn a_journaled_removal_removes_only_the_value_the_restore_replaced() {
    let (file, plans) = backup_of_five_plans();
    let (disk, _) = this_browser(&plans);
    let (before, _, _, _) = restore(&file, disk);
    let key = support::plan_key(plans[0]);
    let held = before.raw(&key).unwrap().to_owned();
    let removal = restore_entries(&[], &[(key.clone(), held.clone())]);
    assert_eq!(
        removal[0].restore,
        Some(RestoreOf {
            replaced: Some(digest(&held)),
            removes: true
        })
    );
    // The removal was lost: the key still holds what the restore removed.
    let mut lost = before.clone();
    assert_eq!(replay(&mut lost, &removal), vec![Replayed::Applied]);
    assert_eq!(lost.raw(&key), None);
    // It arrived: nothing to do.
    assert_eq!(replay(&mut lost, &removal), vec![Replayed::Applied]);
    // Something else was written since: kept.
    let mut since = before.clone();
    since.insert_raw(&key, "{giá trị khác");
    assert_eq!(replay(&mut since, &removal), vec![Replayed::Stale]);
    assert_eq!(since.raw(&key), Some("{giá trị khác"));
}

#[test]
fn hostile_restore_entries_write_nothing() {
    let (file, plans) = backup_of_five_plans();
    let (disk, _) = this_browser(&plans);
    let (before, entries, _, _) = restore(&file, disk);
    let good = entries[0].clone();
    let bad = vec![
        JournalEntry {
            key: "kiemtra:index".into(),
            ..good.clone()
        },
        JournalEntry {
            key: "kiemtra:settings".into(),
            ..good.clone()
        },
        JournalEntry {
            value: "<script>alert(1)</script>".into(),
            ..good
        },
    ];
    for e in bad {
        let mut disk = before.clone();
        assert_eq!(replay(&mut disk, &[e]), vec![Replayed::Invalid]);
        assert_eq!(disk.entries(), before.entries());
    }
}

#[test]
fn a_restore_whose_key_changed_after_its_journal_writes_nothing() {
    let (file, plans) = backup_of_five_plans();
    let (disk, _) = this_browser(&plans);
    let now = support::clock().now() + Duration::seconds(60);
    let (mut store, _, _) = WorkspaceStore::open(disk, "test", now);
    let preview = store.preview_restore(&file).unwrap();
    let plan = store
        .repo()
        .plan_restore(&preview, &BTreeMap::new(), &mut no_rekey)
        .unwrap();
    let entries = store.restore_journal(&plan);
    // While the journal was written, another tab stored one of the keys.
    let other = plan.writes[1].key.clone();
    store
        .repo_mut()
        .kv_mut()
        .kv
        .insert_raw(&other, "{của tab khác");
    let before = store.repo().kv().kv.clone();
    let err = store.repo_mut().write_restore(plan, now).unwrap_err();
    assert!(matches!(err, StorageError::Conflict { key, .. } if key == other));
    assert_eq!(store.repo().kv().kv.entries(), before.entries());
    // Its entry, if the page could not forget it, is stale at the next start.
    let mut disk = before.clone();
    let e = entries.iter().find(|e| e.key == other).unwrap();
    assert_eq!(
        replay(&mut disk, std::slice::from_ref(e)),
        vec![Replayed::Stale]
    );
    assert_eq!(disk.raw(&other), Some("{của tab khác"));
}

#[test]
fn a_restore_refused_by_the_quota_would_come_back_whole_so_its_entries_go_before_the_failure_is_shown(
) {
    let (file, plans) = backup_of_five_plans();
    let (disk, own) = this_browser(&plans);
    let (mut store, plan, now) = planned_restore(&file, disk);
    let entries = store.restore_journal(&plan);
    assert_eq!(entries.len(), 5);
    // The quota refuses the fourth write: the first three are undone.
    let full = plan.writes[3].key.clone();
    let before = store.repo().kv().kv.clone();
    store
        .repo_mut()
        .kv_mut()
        .kv
        .fail_writes_to(&full, KvError::QuotaExceeded);
    let err = store.repo_mut().write_restore(plan, now).unwrap_err();
    assert!(matches!(err, StorageError::QuotaExceeded { .. }), "{err:?}");
    assert_eq!(store.repo().kv().kv.entries(), before.entries());
    // Every key holds what the restore replaced, so a reload before the
    // page forgot the entries would make the restore the user was told
    // failed: `restore_done` resolves only once they are forgotten.
    let mut reloaded = before.clone();
    assert!(replay(&mut reloaded, &entries)
        .iter()
        .all(|o| *o == Replayed::Applied));
    let (_, ws, _) = WorkspaceStore::open(reloaded, "test", now);
    assert_eq!(
        ws.plan(plans[0]).unwrap().title,
        "Kế hoạch kiểm tra số 1 theo tệp sao lưu"
    );
    // Forgotten first, the next start finds this browser as it was.
    let (_, ws, _) = WorkspaceStore::open(before, "test", now);
    assert_eq!(ws.plan(plans[0]).unwrap().title, "Bản của máy này");
    assert!(ws.plan(own).is_some());
}
