//! The write-ahead journal of unsaved edits (issue #18): an edit journaled
//! at once survives a crash that lost localStorage's last writes, a journal
//! entry older than the stored record is never applied, and a stored value
//! that cannot be read is never overwritten.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use chrono::Duration;
use kiemtra::domain::clock::Clock;
use kiemtra::domain::ids::{PlanId, SeqIds};
use kiemtra::domain::workspace::Workspace;
use kiemtra::persist::{ChangeKey, WorkspaceStore};
use kiemtra::storage::journal::{is_newer, replay};
use kiemtra::storage::{JournalEntry, KvError, KvStore, MemoryKv, Replayed};

/// Renames the plan and marks it, as the page does; returns the journal
/// entries the change produced.
fn rename(
    store: &mut WorkspaceStore<MemoryKv>,
    ws: &mut Workspace,
    id: PlanId,
    title: &str,
    secs: i64,
) -> Vec<JournalEntry> {
    let c = support::clock();
    let now = c.now() + Duration::seconds(secs);
    let mut p = ws.plan(id).cloned().unwrap();
    p.title = title.to_owned();
    ws.update_plan(p, &c).unwrap();
    store.mark(ws, &ChangeKey::Plan(id), now);
    store.journal_entries(now)
}

fn reopen_title(kv: &MemoryKv, id: PlanId) -> String {
    let (_, ws, _) = WorkspaceStore::open(kv.clone(), "test", support::clock().now());
    ws.plan(id).unwrap().title.clone()
}

#[test]
fn newer_means_the_store_holds_no_revision_after_the_edits_base() {
    assert!(is_newer(None, None), "a new record never stored");
    assert!(is_newer(Some(3), None), "its stored copy was lost");
    assert!(
        is_newer(Some(3), Some(3)),
        "the edit was made on what is stored"
    );
    assert!(
        is_newer(Some(3), Some(2)),
        "the last save did not reach the disk"
    );
    assert!(
        !is_newer(Some(3), Some(4)),
        "saved since (or by another tab)"
    );
    assert!(!is_newer(None, Some(1)), "a new record saved since");
}

#[test]
fn a_marked_change_is_journaled_at_once_as_the_envelope_the_save_would_write() {
    let kv = MemoryKv::new();
    let (mut store, mut ws, id) = support::saved_plan(&kv);
    let entries = rename(&mut store, &mut ws, id, "Kế hoạch đã sửa", 1);
    assert_eq!(entries.len(), 1);
    let e = &entries[0];
    assert_eq!(e.key, support::plan_key(id));
    assert_eq!(e.base_rev, Some(1));
    // The value is the stored text (compressed when smaller: `storage::codec`).
    let json = kiemtra::storage::decode_stored(&e.value).unwrap();
    assert!(json.contains("Kế hoạch đã sửa"));
    let header =
        kiemtra::storage::envelope::read_header(&e.value, kiemtra::storage::RecordKind::Plan)
            .unwrap();
    assert_eq!(header.rev, 2);
    // An instant with no change journals nothing.
    let later = support::clock().now() + Duration::seconds(9);
    assert!(store.journal_entries(later).is_empty());
}

#[test]
fn an_edit_whose_save_never_reached_the_disk_is_applied_at_the_next_start() {
    let kv = MemoryKv::new();
    let (mut store, mut ws, id) = support::saved_plan(&kv);
    // What the disk holds before the edit: the crash loses the later writes.
    let disk = store_snapshot(&store);
    let entries = rename(&mut store, &mut ws, id, "Kế hoạch gõ trước khi sập", 1);
    store.flush_now(support::clock().now() + Duration::seconds(1));
    let mut after_crash = disk;
    assert_ne!(reopen_title(&after_crash, id), "Kế hoạch gõ trước khi sập");
    assert_eq!(replay(&mut after_crash, &entries), vec![Replayed::Applied]);
    assert_eq!(reopen_title(&after_crash, id), "Kế hoạch gõ trước khi sập");
    // Applying twice changes nothing more.
    assert_eq!(replay(&mut after_crash, &entries), vec![Replayed::Applied]);
}

#[test]
fn an_edit_saved_since_is_stale_and_the_store_is_not_touched() {
    let kv = MemoryKv::new();
    let (mut store, mut ws, id) = support::saved_plan(&kv);
    let first = rename(&mut store, &mut ws, id, "Bản thứ nhất", 1);
    store.flush_now(support::clock().now() + Duration::seconds(1));
    let _second = rename(&mut store, &mut ws, id, "Bản thứ hai", 2);
    store.flush_now(support::clock().now() + Duration::seconds(2));
    let mut disk = store_snapshot(&store);
    let before = disk.raw(&support::plan_key(id)).unwrap().to_owned();
    assert_eq!(replay(&mut disk, &first), vec![Replayed::Stale]);
    assert_eq!(disk.raw(&support::plan_key(id)).unwrap(), before);
    assert_eq!(reopen_title(&disk, id), "Bản thứ hai");
}

#[test]
fn the_last_of_several_edits_of_one_record_wins() {
    let kv = MemoryKv::new();
    let (mut store, mut ws, id) = support::saved_plan(&kv);
    let disk = store_snapshot(&store);
    let mut entries = rename(&mut store, &mut ws, id, "Gõ dở", 1);
    entries.extend(rename(&mut store, &mut ws, id, "Gõ xong", 2));
    let mut after_crash = disk;
    let out = replay(&mut after_crash, &entries);
    assert!(out.iter().all(Replayed::clears));
    assert_eq!(reopen_title(&after_crash, id), "Gõ xong");
}

#[test]
fn a_new_record_never_stored_is_applied_and_one_stored_since_is_stale() {
    let c = support::clock();
    let kv = MemoryKv::new();
    let (mut store, mut ws, _) = WorkspaceStore::open(kv.clone(), "test", c.now());
    store.flush_now(c.now());
    let disk = store_snapshot(&store);
    let mut ids = SeqIds::default();
    let id = ws.add_plan(support::plan_can_tho(&mut ids, &c)).unwrap();
    let now = c.now() + Duration::seconds(1);
    store.mark(&ws, &ChangeKey::Plan(id), now);
    let entries = store.journal_entries(now);
    assert_eq!(entries[0].base_rev, None);
    let mut lost = disk;
    assert_eq!(replay(&mut lost, &entries), vec![Replayed::Applied]);
    let (_, ws2, _) = WorkspaceStore::open(lost, "test", c.now());
    assert!(ws2.plan(id).is_some());
    store.flush_now(now + Duration::seconds(1));
    let mut saved = store_snapshot(&store);
    assert_eq!(replay(&mut saved, &entries), vec![Replayed::Stale]);
}

#[test]
fn a_stored_value_that_cannot_be_read_is_never_overwritten() {
    let kv = MemoryKv::new();
    let (mut store, mut ws, id) = support::saved_plan(&kv);
    let entries = rename(&mut store, &mut ws, id, "Không được ghi đè", 1);
    let mut disk = store_snapshot(&store);
    disk.insert_raw(&support::plan_key(id), "{hỏng");
    assert_eq!(replay(&mut disk, &entries), vec![Replayed::Kept]);
    assert_eq!(disk.raw(&support::plan_key(id)), Some("{hỏng"));
}

#[test]
fn a_failed_write_keeps_the_entry_for_the_next_start() {
    let kv = MemoryKv::new();
    let (mut store, mut ws, id) = support::saved_plan(&kv);
    let disk = store_snapshot(&store);
    let entries = rename(&mut store, &mut ws, id, "Bộ nhớ đầy", 1);
    let mut full = disk.clone();
    full.fail_writes_to(&support::plan_key(id), KvError::QuotaExceeded);
    assert_eq!(replay(&mut full, &entries), vec![Replayed::Kept]);
    assert_eq!(
        full.raw(&support::plan_key(id)),
        disk.raw(&support::plan_key(id))
    );
}

#[test]
fn hostile_entries_are_dropped_without_writing_anything() {
    let kv = MemoryKv::new();
    let (mut store, mut ws, id) = support::saved_plan(&kv);
    let good = rename(&mut store, &mut ws, id, "Hợp lệ", 1).remove(0);
    let mut disk = store_snapshot(&store);
    let before = disk.entries().clone();
    let bad = vec![
        // Not a record key.
        JournalEntry {
            key: "kiemtra:index".into(),
            ..good.clone()
        },
        // A plan's envelope under a settings key.
        JournalEntry {
            key: "kiemtra:settings".into(),
            ..good.clone()
        },
        // Not an envelope.
        JournalEntry {
            value: "<script>".into(),
            ..good.clone()
        },
        // A revision that is not after its base.
        JournalEntry {
            base_rev: Some(7),
            ..good
        },
    ];
    for entry in bad {
        assert_eq!(replay(&mut disk, &[entry]), vec![Replayed::Invalid]);
    }
    assert_eq!(disk.entries(), &before);
    assert!(disk.keys().unwrap().len() == before.len());
}

/// What `store`'s key-value store holds now (a copy: the disk after a crash
/// that lost every later write).
fn store_snapshot(store: &WorkspaceStore<MemoryKv>) -> MemoryKv {
    store.repo().kv().clone()
}
