//! Issue #19 over an in-memory store: two starts of the app on one store
//! (two tabs sharing one localStorage), one of them migrating a version-2
//! workspace (so its start writes), interleaved at every single storage
//! operation; and a start cut off after each of its operations (the page
//! closed while its start-up writes were pending). After each, a later start
//! must find every record of the workspace, and every stored value must still
//! be somewhere in storage, byte for byte (the migration keeps the old text
//! under a backup key until the user confirms).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "domain_support.rs"]
mod support;

use kiemtra::domain::clock::Clock;
use kiemtra::domain::workspace::Workspace;
use kiemtra::persist::WorkspaceStore;
use kiemtra::storage::{KvError, KvStore, MemoryKv};
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::rc::Rc;

type Shared = Rc<RefCell<MemoryKv>>;
/// The other tab's whole start, run once in the middle of this one's.
type Interleave = Rc<RefCell<Option<Box<dyn FnOnce()>>>>;

fn now() -> chrono::DateTime<chrono::Utc> {
    support::clock().now()
}

fn fixture(name: &str) -> BTreeMap<String, String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/persist")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn store_of(map: &BTreeMap<String, String>) -> Shared {
    let kv: Shared = Rc::default();
    for (k, v) in map {
        kv.borrow_mut().insert_raw(k, v);
    }
    kv
}

/// One tab's view of the shared store. Before its operation number `at`
/// it runs `interleave` once (the other tab's whole start happening right
/// then); from operation `cut` on, nothing it does reaches storage (the page
/// was closed: it never runs again).
struct Tab {
    kv: Shared,
    ops: Rc<Cell<usize>>,
    at: Option<usize>,
    interleave: Interleave,
    cut: Option<usize>,
}

impl Tab {
    fn new(kv: &Shared) -> Self {
        Tab {
            kv: kv.clone(),
            ops: Rc::default(),
            at: None,
            interleave: Rc::default(),
            cut: None,
        }
    }

    /// Counts the operation; `false` once the page is closed.
    fn step(&self) -> bool {
        let n = self.ops.get();
        self.ops.set(n + 1);
        if self.at == Some(n) {
            if let Some(other) = self.interleave.borrow_mut().take() {
                other();
            }
        }
        self.cut.is_none_or(|c| n < c)
    }
}

impl KvStore for Tab {
    fn get(&self, key: &str) -> Result<Option<String>, KvError> {
        if !self.step() {
            return Err(KvError::Unavailable);
        }
        self.kv.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), KvError> {
        if !self.step() {
            return Err(KvError::Unavailable);
        }
        self.kv.borrow_mut().set(key, value)
    }
    fn remove(&mut self, key: &str) -> Result<(), KvError> {
        if !self.step() {
            return Err(KvError::Unavailable);
        }
        self.kv.borrow_mut().remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, KvError> {
        if !self.step() {
            return Err(KvError::Unavailable);
        }
        self.kv.keys()
    }
}

/// A tab's whole life in these tests: start, then hide (flush everything).
fn start_and_hide(tab: Tab) -> Workspace {
    let (mut store, ws, _) = WorkspaceStore::open(tab, "0.2.0", now());
    store.flush_now(now());
    ws
}

/// The workspace without its records' revisions (how many times a record
/// was written is bookkeeping: the second tab's flush writes some again).
fn content(ws: &Workspace) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                map.remove("rev");
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(ws).unwrap();
    strip(&mut v);
    v
}

/// What one start alone makes of the fixture: the workspace to find.
fn reference(fixture_map: &BTreeMap<String, String>) -> (Workspace, usize) {
    let kv = store_of(fixture_map);
    let tab = Tab::new(&kv);
    let ops = tab.ops.clone();
    let ws = start_and_hide(tab);
    (ws, ops.get())
}

/// Every original value is still stored (under its key or as a backup copy),
/// and a start now loads the same workspace as a single start did.
fn assert_nothing_lost(
    kv: &Shared,
    original: &BTreeMap<String, String>,
    expected: &Workspace,
    case: &str,
) {
    let entries = kv.borrow().entries().clone();
    for (key, value) in original {
        assert!(
            entries.contains_key(key) && entries.values().any(|v| v == value),
            "{case}: {key} or its stored bytes are gone"
        );
    }
    let (_, ws, summary) = WorkspaceStore::open(kv.clone(), "0.2.0", now());
    assert!(summary.quarantined.is_empty(), "{case}: {summary:?}");
    assert!(summary.missing.is_empty(), "{case}: {summary:?}");
    assert!(summary.failed.is_empty(), "{case}: {summary:?}");
    assert_eq!(
        content(&ws),
        content(expected),
        "{case}: the workspace a later start loads"
    );
}

#[test]
fn two_starts_interleaved_at_every_operation_one_migrating_lose_nothing() {
    // Both fixtures migrate at start (version 2 and version 1 records).
    for name in ["v2_workspace.json", "v1_workspace.json"] {
        let original = fixture(name);
        let (expected, ops) = reference(&original);
        assert!(ops > 4, "{name}: a start makes {ops} storage operations");
        for at in 0..=ops {
            let kv = store_of(&original);
            let mut first = Tab::new(&kv);
            first.at = Some(at);
            let second_kv = kv.clone();
            *first.interleave.borrow_mut() = Some(Box::new(move || {
                let ws = start_and_hide(Tab::new(&second_kv));
                assert_eq!(ws.plans().count(), 1, "the second tab's start");
            }));
            let ws = start_and_hide(first);
            let case = format!("{name}, second start before operation {at} of {ops}");
            assert_eq!(
                content(&ws),
                content(&expected),
                "{case}: the first tab's start"
            );
            assert_nothing_lost(&kv, &original, &expected, &case);
        }
    }
}

#[test]
fn a_start_cut_off_after_any_operation_loses_nothing() {
    for name in [
        "v2_workspace.json",
        "v1_workspace.json",
        "v3_workspace.json",
    ] {
        let original = fixture(name);
        let (expected, ops) = reference(&original);
        for cut in 0..=ops {
            let kv = store_of(&original);
            let mut tab = Tab::new(&kv);
            tab.cut = Some(cut);
            let _ = start_and_hide(tab);
            let case = format!("{name}, page closed after operation {cut} of {ops}");
            assert_nothing_lost(&kv, &original, &expected, &case);
        }
    }
}
