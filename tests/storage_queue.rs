//! Autosave queue (dirty set, debounce, retry, status) and changes made by
//! another tab.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod storage_support;

use chrono::Duration;
use kiemtra::storage::{
    ExternalChange, KvError, MemoryKv, QuarantineReason, Repository, SaveOutcome, SaveQueue,
    SaveStatus, StorageError,
};
use storage_support::*;

fn queue<T: kiemtra::storage::StoredRecord>() -> SaveQueue<T> {
    SaveQueue::new(Duration::milliseconds(400), Duration::seconds(5))
}

#[test]
fn flush_writes_only_dirty_records_after_the_debounce_interval() {
    let mut repo = Repository::new(CountingKv::default(), APP);
    let mut plans: Vec<KeHoach> = (0..5)
        .map(|i| ke_hoach(&format!("kh-{i}"), "Kế hoạch"))
        .collect();
    for p in &mut plans {
        repo.save(p, t(0)).unwrap();
    }
    let writes_before = repo.kv().record_writes();

    let mut q = queue::<KeHoach>();
    plans[2].ten = "Đã sửa tên kế hoạch".into();
    q.mark_dirty(&plans[2], t(10));
    assert_eq!(q.status(), SaveStatus::Pending);

    // Inside the debounce window: nothing written.
    let r = q.flush(&mut repo, t(10) + Duration::milliseconds(100));
    assert!(r.saved.is_empty());
    assert_eq!(repo.kv().record_writes(), writes_before);

    // Another change restarts the debounce.
    plans[2].tong_tien_phat = 12_000_000;
    q.mark_dirty(&plans[2], t(10) + Duration::milliseconds(300));
    assert_eq!(q.next_due(), Some(t(10) + Duration::milliseconds(700)));
    assert!(q
        .flush(&mut repo, t(10) + Duration::milliseconds(500))
        .saved
        .is_empty());

    let r = q.flush(&mut repo, t(11));
    assert_eq!(r.saved, vec![("kiemtra:plan:kh-2".to_string(), 2)]);
    assert_eq!(repo.kv().record_writes(), writes_before + 1);
    assert_eq!(repo.kv().writes_to("kiemtra:plan:kh-2"), 2);
    assert_eq!(q.status(), SaveStatus::Saved(t(11)));
    assert!(q.is_empty());

    let stored = repo
        .load_one::<KeHoach>("kh-2", t(12))
        .unwrap()
        .into_record()
        .unwrap();
    assert_eq!(stored.tong_tien_phat, 12_000_000);
}

#[test]
fn a_failed_flush_is_retried_later_and_reports_failed_until_it_succeeds() {
    let mut repo = Repository::new(MemoryKv::new(), APP);
    let mut q = queue::<KeHoach>();
    let plan = ke_hoach("kh-01", "Lưu khi hết chỗ");
    repo.kv_mut()
        .fail_writes_to("kiemtra:plan:kh-01", KvError::QuotaExceeded);
    q.mark_dirty(&plan, t(0));

    let r = q.flush(&mut repo, t(1));
    assert_eq!(r.failed.len(), 1);
    let quota = StorageError::QuotaExceeded {
        key: "kiemtra:plan:kh-01".into(),
    };
    assert_eq!(q.status(), SaveStatus::Failed(quota.clone()));
    assert!(
        q.is_dirty("kiemtra:plan:kh-01"),
        "the edit is kept for retry"
    );
    assert_eq!(q.next_due(), Some(t(6)));

    // Not retried before the retry time, even with space freed.
    repo.kv_mut().clear_failures();
    assert!(q.flush(&mut repo, t(3)).saved.is_empty());
    assert_eq!(q.flush(&mut repo, t(6)).saved.len(), 1);
    assert_eq!(q.status(), SaveStatus::Saved(t(6)));
}

#[test]
fn flush_now_ignores_the_debounce_for_page_hide() {
    let mut repo = Repository::new(MemoryKv::new(), APP);
    let mut q = queue::<CuocKiemTra>();
    q.mark_dirty(&cuoc_kiem_tra("kt-01", "kh-01"), t(0));
    assert_eq!(q.flush_now(&mut repo, t(0)).saved.len(), 1);
}

#[test]
fn a_conflict_in_the_queue_waits_for_the_user_and_keep_mine_saves_it() {
    let store = shared(MemoryKv::new());
    let mut tab_a = Repository::new(store.clone(), APP);
    let mut tab_b = Repository::new(store.clone(), APP);
    let mut plan = ke_hoach("kh-01", "Gốc");
    tab_a.save(&mut plan, t(0)).unwrap();
    let mut in_b = tab_b
        .load_one::<KeHoach>("kh-01", t(0))
        .unwrap()
        .into_record()
        .unwrap();
    in_b.ten = "Tab B".into();
    tab_b.save(&mut in_b, t(1)).unwrap();

    let mut q = queue::<KeHoach>();
    plan.ten = "Tab A".into();
    q.mark_dirty(&plan, t(2));
    let r = q.flush(&mut tab_a, t(3));
    assert_eq!(r.conflicts, vec!["kiemtra:plan:kh-01".to_string()]);
    assert!(matches!(
        q.status(),
        SaveStatus::Failed(StorageError::Conflict { .. })
    ));
    // Conflicts are not retried automatically.
    assert!(q.flush(&mut tab_a, t(100)).conflicts.is_empty());
    assert_eq!(q.next_due(), None);

    let out = q
        .keep_mine("kiemtra:plan:kh-01", &mut tab_a, t(101))
        .unwrap()
        .unwrap();
    assert!(matches!(out, SaveOutcome::Saved { rev: 3, .. }));
    assert_eq!(q.status(), SaveStatus::Saved(t(101)));
    let stored = tab_b
        .accept_theirs::<KeHoach>("kh-01", t(102))
        .unwrap()
        .into_record()
        .unwrap();
    assert_eq!(stored.ten, "Tab A");
}

#[test]
fn save_status_combines_worst_first() {
    let e = StorageError::Unavailable;
    assert_eq!(
        SaveStatus::Saved(t(1)).combine(SaveStatus::Pending),
        SaveStatus::Pending
    );
    assert_eq!(
        SaveStatus::Pending.combine(SaveStatus::Failed(e.clone())),
        SaveStatus::Failed(e)
    );
    assert_eq!(
        SaveStatus::Saved(t(1)).combine(SaveStatus::Saved(t(2))),
        SaveStatus::Saved(t(2))
    );
    assert_eq!(
        SaveStatus::Clean.combine(SaveStatus::Saved(t(2))),
        SaveStatus::Saved(t(2))
    );
}

#[test]
fn another_tabs_change_updates_a_clean_record_and_conflicts_with_a_dirty_one() {
    let store = shared(MemoryKv::new());
    let mut tab_a = Repository::new(store.clone(), APP);
    let mut tab_b = Repository::new(store.clone(), APP);
    let mut plan = ke_hoach("kh-01", "Gốc");
    tab_a.save(&mut plan, t(0)).unwrap();
    tab_b.load_all::<KeHoach>(t(0)).unwrap();

    let mut remote = plan.clone();
    remote.ten = "Sửa ở tab A".into();
    tab_a.save(&mut remote, t(1)).unwrap();
    let new_value = store
        .borrow()
        .raw("kiemtra:plan:kh-01")
        .unwrap()
        .to_string();

    // Tab B has no unsaved edit: take it.
    let change = tab_b.on_external_change::<KeHoach>("kiemtra:plan:kh-01", Some(&new_value), None);
    assert_eq!(change, ExternalChange::Updated(remote.clone()));
    assert_eq!(tab_b.base_rev("kiemtra:plan:kh-01"), Some(2));
    // The same event again is nothing new.
    let again = tab_b.on_external_change::<KeHoach>("kiemtra:plan:kh-01", Some(&new_value), None);
    assert_eq!(again, ExternalChange::Ignored);

    // Tab B edits locally, tab A writes again: conflict, nothing adopted.
    let mut q = queue::<KeHoach>();
    let mut local = remote.clone();
    local.ten = "Sửa ở tab B".into();
    q.mark_dirty(&local, t(2));
    let mut remote2 = remote.clone();
    remote2.ten = "Sửa lần hai ở tab A".into();
    tab_a.save(&mut remote2, t(3)).unwrap();
    let v2 = store
        .borrow()
        .raw("kiemtra:plan:kh-01")
        .unwrap()
        .to_string();
    let change = tab_b.on_external_change(
        "kiemtra:plan:kh-01",
        Some(&v2),
        q.pending("kiemtra:plan:kh-01"),
    );
    assert_eq!(
        change,
        ExternalChange::Conflict {
            local: local.clone(),
            remote: remote2
        }
    );
    assert_eq!(tab_b.base_rev("kiemtra:plan:kh-01"), Some(2));
}

#[test]
fn external_removal_other_kinds_and_unusable_values_are_reported() {
    let mut repo = Repository::new(MemoryKv::new(), APP);
    let mut plan = ke_hoach("kh-01", "Gốc");
    repo.save(&mut plan, t(0)).unwrap();

    assert_eq!(
        repo.on_external_change::<KeHoach>("kiemtra:inspection:kt-01", Some("{}"), None),
        ExternalChange::Ignored
    );
    assert_eq!(
        repo.on_external_change::<KeHoach>("kiemtra:index", Some("{}"), None),
        ExternalChange::Ignored
    );
    assert_eq!(
        repo.on_external_change::<KeHoach>("khac", None, None),
        ExternalChange::Ignored
    );
    let bad =
        repo.on_external_change::<KeHoach>("kiemtra:plan:kh-01", Some("không phải JSON"), None);
    assert!(matches!(
        bad,
        ExternalChange::Unreadable {
            reason: QuarantineReason::Corrupt(_),
            ..
        }
    ));
    assert_eq!(
        repo.on_external_change::<KeHoach>("kiemtra:plan:kh-01", None, None),
        ExternalChange::Removed
    );
    assert_eq!(repo.base_rev("kiemtra:plan:kh-01"), None);
    // A never-known record removed elsewhere is nothing to us.
    assert_eq!(
        repo.on_external_change::<KeHoach>("kiemtra:plan:kh-77", None, None),
        ExternalChange::Ignored
    );
}
