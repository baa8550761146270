//! The write-ahead journal of unsaved edits in IndexedDB (issue #18): the
//! browser half of [`crate::storage::journal`], over the small JavaScript
//! module `journal.js` beside this file (strict-durability transactions).
//! The save path calls [`journal`] for every marked change, [`saved`] after a
//! save, [`deleted`] after a delete, [`journal_restore`] before a restore
//! writes, [`restore_done`] and [`forget_all`] after it; the
//! start calls [`replay`] once, before the records are loaded.

use crate::platform::local_storage::LocalStorageKv;
use crate::storage::journal::{replay as replay_entries, JournalEntry, RestoreOf};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/platform/journal.js")]
extern "C" {
    #[wasm_bindgen(js_name = journalPut)]
    fn journal_put(key: &str, base: Option<f64>, value: &str);
    #[wasm_bindgen(js_name = journalSaved)]
    fn journal_saved(key: &str, rev: f64);
    #[wasm_bindgen(js_name = journalDelete)]
    fn journal_delete(key: &str);
    #[wasm_bindgen(js_name = journalForget)]
    fn journal_forget(key: &str, value: &str, wait: bool);
    #[wasm_bindgen(js_name = journalForgetNow)]
    fn journal_forget_now(entries: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = journalPutRestore)]
    fn journal_put_restore(entries: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = journalClearAll)]
    fn journal_clear_all();
    #[wasm_bindgen(js_name = journalReadAll)]
    fn journal_read_all(wait_ms: u32) -> js_sys::Promise;
}

/// How long the start waits for IndexedDB before going on without the
/// journal (a browser that never answers must not keep the app from
/// starting).
const READ_WAIT_MS: u32 = 1500;

/// Journals `entry` at once (its IndexedDB transaction commits on its own).
pub fn journal(entry: &JournalEntry) {
    // Revisions stay far below 2^53: as f64 they are exact.
    journal_put(&entry.key, entry.base_rev.map(|r| r as f64), &entry.value);
}

/// `key` was saved at revision `rev`: its entry goes once localStorage has
/// had time to put that save on disk (if no later edit replaced it).
pub fn saved(key: &str, rev: u64) {
    journal_saved(key, rev as f64);
}

/// `key`'s record was deleted: its entry goes.
pub fn deleted(key: &str) {
    journal_delete(key);
}

/// Storage was replaced wholesale (a restore): the edits journaled before
/// belong to what it replaced and must not come back at the next start
/// (the restore's own entries stay, see [`restore_done`]).
pub fn forget_all() {
    journal_clear_all();
}

/// A restore's entries journaled and on disk (issue #19), before the
/// restore writes anything. `Err` when IndexedDB cannot be used.
pub async fn journal_restore(entries: &[JournalEntry]) -> Result<(), ()> {
    let list: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            serde_json::json!({
                "key": e.key,
                "value": e.value,
                "replaced": e.restore.as_ref().and_then(|r| r.replaced.clone()),
                "removes": e.restore.as_ref().is_some_and(|r| r.removes),
            })
        })
        .collect();
    let text = serde_json::to_string(&list).map_err(|_| ())?;
    wasm_bindgen_futures::JsFuture::from(journal_put_restore(&text))
        .await
        .map(|_| ())
        .map_err(|_| ())
}

/// After a restore: each of its entries is forgotten once localStorage
/// holds its write long enough to have it on disk (`written`), or at once
/// (the restore did not make it). A restore that was not made left every
/// key as it was, so each of its entries would still apply at the next
/// start: this then resolves only once they are forgotten, and the caller
/// reports the failure after it.
pub async fn restore_done(entries: &[JournalEntry], written: bool) {
    if written {
        for e in entries {
            journal_forget(&e.key, &e.value, true);
        }
        return;
    }
    let list: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| serde_json::json!({ "key": e.key, "value": e.value }))
        .collect();
    let Ok(text) = serde_json::to_string(&list) else {
        return;
    };
    // `journalForgetNow` never rejects.
    let _ = wasm_bindgen_futures::JsFuture::from(journal_forget_now(&text)).await;
}

#[derive(serde::Deserialize)]
struct RawRestore {
    replaced: Option<String>,
    removes: bool,
}

#[derive(serde::Deserialize)]
struct Raw {
    key: String,
    base: Option<u64>,
    value: String,
    #[serde(default)]
    restore: Option<RawRestore>,
}

/// At start: writes back to localStorage every journal entry newer than
/// what it holds (the edits a crash kept from reaching the disk) and forgets
/// the entries that are applied or stale. Returns how many were applied.
pub async fn replay() -> usize {
    let text = wasm_bindgen_futures::JsFuture::from(journal_read_all(READ_WAIT_MS))
        .await
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    // Each entry on its own: one that does not parse is skipped, not all.
    let entries: Vec<JournalEntry> = serde_json::from_str::<Vec<serde_json::Value>>(&text)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| serde_json::from_value::<Raw>(v).ok())
        .map(|r| JournalEntry {
            key: r.key,
            base_rev: r.base,
            value: r.value,
            restore: r.restore.map(|x| RestoreOf {
                replaced: x.replaced,
                removes: x.removes,
            }),
        })
        .collect();
    if entries.is_empty() {
        return 0;
    }
    let outcomes = replay_entries(&mut LocalStorageKv, &entries);
    let mut applied = 0;
    for (e, o) in entries.iter().zip(&outcomes) {
        let written = *o == crate::storage::Replayed::Applied;
        if written {
            applied += 1;
        }
        // A written-back edit is forgotten only once localStorage has had
        // time to put it on disk.
        if o.clears() {
            journal_forget(&e.key, &e.value, written);
        }
    }
    applied
}
