//! The workspace's durable storage end to end over an in-memory store: first
//! start, autosave of changed records only, reload, corrupt records, other
//! tabs, and a full store.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use chrono::Duration;
use kiemtra::domain::clock::Clock;
use kiemtra::domain::ids::{PlanId, SeqIds, TemplateId};
use kiemtra::domain::workspace::Workspace;
use kiemtra::persist::{ChangeKey, ExternalOutcome, WorkspaceStore};
use kiemtra::storage::{KvStore, MemoryKv, SaveStatus};
use std::cell::RefCell;
use std::rc::Rc;

type Shared = Rc<RefCell<MemoryKv>>;

fn open(
    kv: &Shared,
) -> (
    WorkspaceStore<Shared>,
    Workspace,
    kiemtra::persist::LoadSummary,
) {
    WorkspaceStore::open(kv.clone(), "test", support::clock().now())
}

fn add_plan(store: &mut WorkspaceStore<Shared>, ws: &mut Workspace, ids: &mut SeqIds) -> PlanId {
    let c = support::clock();
    let plan = support::plan_can_tho(ids, &c);
    let id = ws.add_plan(plan).unwrap();
    store.mark(ws, &ChangeKey::Plan(id), c.now());
    id
}

#[test]
fn first_start_stores_the_built_in_templates_and_a_second_start_finds_them() {
    let kv: Shared = Rc::default();
    let (mut store, ws, summary) = open(&kv);
    assert_eq!(summary.builtin_updates.len(), 3);
    let id = TemplateId::new("xlvphc-nd19-2020").unwrap();
    assert_eq!(ws.templates().versions(&id).len(), 1);
    store.flush_now(support::clock().now());
    assert!(kv
        .borrow()
        .raw("kiemtra:template:xlvphc-nd19-2020")
        .is_some());
    let (_, ws2, summary2) = open(&kv);
    assert!(summary2.builtin_updates.is_empty());
    assert_eq!(ws2.templates().versions(&id).len(), 1);
}

#[test]
fn a_changed_plan_is_written_after_the_pause_and_survives_a_reload() {
    let kv: Shared = Rc::default();
    let (mut store, mut ws, _) = open(&kv);
    let mut ids = SeqIds::default();
    let now = support::clock().now();
    store.flush_now(now);
    let id = add_plan(&mut store, &mut ws, &mut ids);
    assert_eq!(store.status(), SaveStatus::Pending);
    // Before the debounce nothing is written.
    store.flush(now);
    assert!(kv.borrow().raw(&format!("kiemtra:plan:{id}")).is_none());
    store.flush(now + Duration::seconds(1));
    assert!(kv.borrow().raw(&format!("kiemtra:plan:{id}")).is_some());
    assert!(matches!(store.status(), SaveStatus::Saved(_)));
    let (_, ws2, _) = open(&kv);
    assert_eq!(ws2.plan(id).unwrap().title, ws.plan(id).unwrap().title);
}

#[test]
fn a_corrupt_inspection_is_quarantined_and_the_rest_still_loads() {
    let kv: Shared = Rc::default();
    let (mut store, mut ws, _) = open(&kv);
    let mut ids = SeqIds::default();
    let id = add_plan(&mut store, &mut ws, &mut ids);
    store.flush_now(support::clock().now());
    kv.borrow_mut().insert_raw(
        "kiemtra:inspection:00000000-0000-4000-8000-000000000099",
        "{\"schema\": trunc",
    );
    let (mut store2, mut ws2, summary) = open(&kv);
    assert!(ws2.plan(id).is_some());
    assert_eq!(summary.quarantined.len(), 1);
    // The raw text is kept, byte for byte, for download.
    let q = store2.repo().quarantined_entries().unwrap();
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].raw, "{\"schema\": trunc");
    // Saving other records never touches it.
    ws2.plan(id).unwrap();
    store2.mark(&ws2, &ChangeKey::Plan(id), support::clock().now());
    store2.flush_now(support::clock().now());
    let _ = &mut ws2;
    assert_eq!(store2.repo().quarantined_entries().unwrap().len(), 1);
}

#[test]
fn another_tabs_change_updates_this_tab_and_simultaneous_edits_conflict() {
    let kv: Shared = Rc::default();
    let now = support::clock().now();
    let (mut a, mut ws_a, _) = open(&kv);
    let mut ids = SeqIds::default();
    let id = add_plan(&mut a, &mut ws_a, &mut ids);
    a.flush_now(now);
    let (mut b, mut ws_b, _) = open(&kv);

    // Tab B edits and saves; tab A (no unsaved edit) takes it.
    let mut p = ws_b.plan(id).unwrap().clone();
    p.title = "Kế hoạch kiểm tra năm 2021 (sửa ở thẻ B)".into();
    ws_b.update_plan(p, &support::clock()).unwrap();
    b.mark(&ws_b, &ChangeKey::Plan(id), now);
    b.flush_now(now);
    let key = format!("kiemtra:plan:{id}");
    let raw = kv.borrow().raw(&key).map(str::to_string);
    assert_eq!(
        a.on_external_change(&key, raw.as_deref(), &mut ws_a, now),
        ExternalOutcome::Applied
    );
    assert_eq!(
        ws_a.plan(id).unwrap().title,
        "Kế hoạch kiểm tra năm 2021 (sửa ở thẻ B)"
    );

    // Both edit: A has an unsaved edit when B's save arrives.
    let mut pa = ws_a.plan(id).unwrap().clone();
    pa.title = "Thẻ A".into();
    ws_a.update_plan(pa, &support::clock()).unwrap();
    a.mark(&ws_a, &ChangeKey::Plan(id), now);
    let mut pb = ws_b.plan(id).unwrap().clone();
    pb.title = "Thẻ B".into();
    ws_b.update_plan(pb, &support::clock()).unwrap();
    b.mark(&ws_b, &ChangeKey::Plan(id), now);
    b.flush_now(now);
    let raw = kv.borrow().raw(&key).map(str::to_string);
    let out = a.on_external_change(&key, raw.as_deref(), &mut ws_a, now);
    assert_eq!(out, ExternalOutcome::Conflict { key: key.clone() });
    assert_eq!(
        ws_a.plan(id).unwrap().title,
        "Thẻ A",
        "nothing replaced silently"
    );
    // A's own save is refused by the revision check rather than overwriting B.
    a.flush_now(now);
    assert!(decoded(kv.borrow().raw(&key).unwrap()).contains("Thẻ B"));
    // The user keeps A's version.
    a.keep_mine(&key, now).unwrap();
    assert!(decoded(kv.borrow().raw(&key).unwrap()).contains("Thẻ A"));
    assert!(a.conflicts().is_empty());
}

/// Sets the plan's title in one tab's memory and marks it for saving.
fn retitle(
    store: &mut WorkspaceStore<Shared>,
    ws: &mut Workspace,
    id: PlanId,
    title: &str,
    now: chrono::DateTime<chrono::Utc>,
) {
    let mut p = ws.plan(id).unwrap().clone();
    p.title = title.into();
    ws.update_plan(p, &support::clock()).unwrap();
    store.mark(ws, &ChangeKey::Plan(id), now);
}

/// Two tabs, each with its own view of one store, that both saved the plan
/// from the same revision (A with `title_a`, B with `title_b`).
struct Raced {
    kv_a: Shared,
    kv_b: Shared,
    a: WorkspaceStore<Shared>,
    ws_a: Workspace,
    b: WorkspaceStore<Shared>,
    ws_b: Workspace,
    id: PlanId,
    key: String,
}

fn raced(title_a: &str, title_b: &str, now: chrono::DateTime<chrono::Utc>) -> Raced {
    let kv_a: Shared = Rc::default();
    let (mut a, mut ws_a, _) = open(&kv_a);
    let mut ids = SeqIds::default();
    let id = add_plan(&mut a, &mut ws_a, &mut ids);
    a.flush_now(now);
    let kv_b: Shared = Rc::new(RefCell::new(kv_a.borrow().clone()));
    let (mut b, mut ws_b, _) = open(&kv_b);
    retitle(&mut a, &mut ws_a, id, title_a, now);
    retitle(&mut b, &mut ws_b, id, title_b, now);
    a.flush_now(now);
    b.flush_now(now);
    let key = format!("kiemtra:plan:{id}");
    Raced {
        kv_a,
        kv_b,
        a,
        ws_a,
        b,
        ws_b,
        id,
        key,
    }
}

#[test]
fn two_saves_from_the_same_revision_are_a_conflict_for_the_tab_whose_save_was_replaced() {
    // Chromium's localStorage reaches other tabs only eventually: two tabs
    // saving at the same moment each see the old revision and both write
    // revision n+1; the browser keeps the later one. Each tab here has its
    // own copy of the store (what it sees), synchronised as the browser
    // would do it.
    let now = support::clock().now();
    let Raced {
        kv_a,
        kv_b,
        mut a,
        mut ws_a,
        mut b,
        mut ws_b,
        id,
        key,
    } = raced("Bản của thẻ A", "Bản của thẻ B", now);
    assert_eq!(a.status(), b.status(), "both saves succeeded");
    let raw_a = kv_a.borrow().raw(&key).unwrap().to_string();
    let raw_b = kv_b.borrow().raw(&key).unwrap().to_string();
    // The browser applied A's write, then B's: B's value wins in storage,
    // A hears of B's write, B of A's (already replaced).
    kv_a.borrow_mut().insert_raw(&key, &raw_b);
    assert_eq!(
        a.on_external_change(&key, Some(&raw_b), &mut ws_a, now),
        ExternalOutcome::Conflict { key: key.clone() },
        "A's save was replaced: A must be asked, not left believing it is saved"
    );
    assert_eq!(
        b.on_external_change(&key, Some(&raw_a), &mut ws_b, now),
        ExternalOutcome::Ignored,
        "B's value is the stored one; A's older event changes nothing"
    );
    assert_eq!(ws_a.plan(id).unwrap().title, "Bản của thẻ A");
    assert!(
        matches!(a.status(), SaveStatus::Failed(_)),
        "A shows the conflict"
    );
    // Nothing is written for A before the user decides.
    a.flush_now(now + Duration::seconds(5));
    assert_eq!(kv_a.borrow().raw(&key).unwrap(), raw_b);

    // "Giữ bản của tôi": A's version is written over B's, with a new revision.
    a.keep_mine(&key, now).unwrap();
    let kept = kv_a.borrow().raw(&key).unwrap().to_string();
    assert!(decoded(&kept).contains("Bản của thẻ A"));
    assert!(a.conflicts().is_empty());
    kv_b.borrow_mut().insert_raw(&key, &kept);
    assert_eq!(
        b.on_external_change(&key, Some(&kept), &mut ws_b, now),
        ExternalOutcome::Applied
    );
    assert_eq!(ws_b.plan(id).unwrap().title, "Bản của thẻ A");
}

#[test]
fn after_raced_saves_taking_the_other_tabs_version_replaces_ours() {
    let now = support::clock().now();
    let Raced {
        kv_a,
        kv_b,
        mut a,
        mut ws_a,
        id,
        key,
        ..
    } = raced("A", "B", now);
    let raw_b = kv_b.borrow().raw(&key).unwrap().to_string();
    kv_a.borrow_mut().insert_raw(&key, &raw_b);
    a.on_external_change(&key, Some(&raw_b), &mut ws_a, now);
    a.take_theirs(&key, &mut ws_a, now).unwrap();
    assert_eq!(ws_a.plan(id).unwrap().title, "B");
    assert!(!a.has_pending());
    assert!(a.conflicts().is_empty());
    // A later edit in A saves normally over B's version.
    retitle(&mut a, &mut ws_a, id, "A, sau khi lấy bản B", now);
    a.flush_now(now);
    assert!(decoded(kv_a.borrow().raw(&key).unwrap()).contains("A, sau khi lấy bản B"));
    assert!(matches!(a.status(), SaveStatus::Saved(_)));
}

#[test]
fn taking_the_other_tabs_version_replaces_ours() {
    let kv: Shared = Rc::default();
    let now = support::clock().now();
    let (mut a, mut ws_a, _) = open(&kv);
    let mut ids = SeqIds::default();
    let id = add_plan(&mut a, &mut ws_a, &mut ids);
    a.flush_now(now);
    let (mut b, mut ws_b, _) = open(&kv);
    for (store, ws, title) in [(&mut a, &mut ws_a, "A"), (&mut b, &mut ws_b, "B")] {
        let mut p = ws.plan(id).unwrap().clone();
        p.title = title.into();
        ws.update_plan(p, &support::clock()).unwrap();
        store.mark(ws, &ChangeKey::Plan(id), now);
    }
    b.flush_now(now);
    let key = format!("kiemtra:plan:{id}");
    let raw = kv.borrow().raw(&key).map(str::to_string);
    a.on_external_change(&key, raw.as_deref(), &mut ws_a, now);
    a.take_theirs(&key, &mut ws_a, now).unwrap();
    assert_eq!(ws_a.plan(id).unwrap().title, "B");
    assert!(!a.has_pending());
}

#[test]
fn a_full_store_keeps_stored_data_and_the_unsaved_change_until_space_returns() {
    let kv: Shared = Rc::new(RefCell::new(MemoryKv::new()));
    let now = support::clock().now();
    let (mut store, mut ws, _) = open(&kv);
    store.flush_now(now);
    let mut ids = SeqIds::default();
    let first = add_plan(&mut store, &mut ws, &mut ids);
    store.flush_now(now);
    let used = kv.borrow().used_bytes();
    kv.borrow_mut().set_quota(Some(used + 10));
    let second = add_plan(&mut store, &mut ws, &mut ids);
    store.flush_now(now);
    assert!(matches!(store.status(), SaveStatus::Failed(_)));
    assert!(kv.borrow().raw(&format!("kiemtra:plan:{first}")).is_some());
    assert!(ws.plan(second).is_some(), "the work stays in memory");
    kv.borrow_mut().set_quota(None);
    store.flush_now(now + Duration::seconds(60));
    assert!(kv.borrow().raw(&format!("kiemtra:plan:{second}")).is_some());
    assert!(matches!(store.status(), SaveStatus::Saved(_)));
}

#[test]
fn unavailable_storage_opens_an_in_memory_workspace_and_says_why() {
    let mut kv = MemoryKv::new();
    kv.set_unavailable(true);
    let kv: Shared = Rc::new(RefCell::new(kv));
    let (_, ws, summary) = open(&kv);
    assert!(summary.fatal.is_some());
    assert_eq!(ws.plans().count(), 0);
    assert!(kv.borrow().keys().is_err());
}

/// A stored value's envelope JSON (values may be stored compressed:
/// `storage::codec`).
fn decoded(raw: &str) -> String {
    kiemtra::storage::decode_stored(raw).unwrap().into_owned()
}
