// The browser half of the write-ahead journal of unsaved edits
// (src/storage/journal.rs has the rules, src/platform/journal.rs the Rust
// side). One IndexedDB object store, one entry per record key:
// { key, base, value, session, at }. Every write is a transaction with
// `durability: 'strict'`, which Chromium puts on disk when it completes
// (bench/crash.mjs --floor), unlike localStorage, written seconds later.
// Written in JavaScript rather than through web-sys because web-sys has no
// binding for the transaction's durability option in the version we use,
// and a handful of calls does not justify a new crate.
const DB = 'kiemtra-journal';
const STORE = 'entries';
// Each tab holds a Web Lock named after its session for as long as it
// lives, so a start can tell a live tab's journal entries (its save is on
// its way) from those of a tab that crashed (every lock is gone then).
const SESSION = (globalThis.crypto?.randomUUID?.() ?? String(Math.random())).toString();
const LOCK = (s) => `kiemtra-journal-${s}`;
if (globalThis.navigator?.locks) {
  navigator.locks.request(LOCK(SESSION), () => new Promise(() => {})).catch(() => {});
}

// The IndexedDB plumbing below (`opener`, `completed`) is shared with
// evidence.js, which imports it from here: wasm-bindgen ships only the
// JavaScript files Rust imports from, so a third file for it would not be
// shipped.
/**
 * A function giving the database `name` (created with one object store
 * `store` keyed by `keyPath`), opened once and shared; a failed opening is
 * tried again at the next call.
 */
export function opener(name, store, keyPath) {
  let opening = null;
  return () => {
    if (!opening) {
      opening = new Promise((ok, fail) => {
        const r = indexedDB.open(name, 1);
        r.onupgradeneeded = () => r.result.createObjectStore(store, { keyPath });
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
        r.onblocked = () => fail(new Error('blocked'));
      }).catch((e) => {
        opening = null;
        throw e;
      });
    }
    return opening;
  };
}

/**
 * Resolves when the transaction `t` is complete; rejects with its error
 * (a quota error may surface on the request, on the transaction's error or
 * on its abort).
 */
export function completed(t) {
  return new Promise((ok, fail) => {
    t.oncomplete = () => ok();
    t.onerror = () => fail(t.error ?? new Error('error'));
    t.onabort = () => fail(t.error ?? new Error('abort'));
  });
}

const open = opener(DB, STORE, 'key');

function tx(db) {
  return db.transaction(STORE, 'readwrite', { durability: 'strict' });
}

/** Journals the value the save of `key` would store (made on revision `base`, or null). */
export function journalPut(key, base, value) {
  open()
    .then((db) => tx(db).objectStore(STORE).put({ key, base, value, session: SESSION, at: Date.now() }))
    .catch(() => {});
}

// localStorage reaches the disk seconds after a write (bench/crash.mjs
// --floor: lost 1 s after, kept 3 s after), so an entry is forgotten only
// this long after localStorage holds its edit.
const CLEAR_AFTER_MS = 10000;
const later = (f) => setTimeout(f, CLEAR_AFTER_MS);

/** Forgets `key`'s entry once its save at revision `rev` (after its base) is on disk. */
export function journalSaved(key, rev) {
  later(() => open()
    .then((db) => {
      const store = tx(db).objectStore(STORE);
      const g = store.get(key);
      g.onsuccess = () => {
        const e = g.result;
        if (e && (e.base === null || e.base === undefined || rev > e.base)) store.delete(key);
      };
    })
    .catch(() => {}));
}

/** Forgets `key`'s entry whatever it holds (the record was deleted). */
export function journalDelete(key) {
  open()
    .then((db) => tx(db).objectStore(STORE).delete(key))
    .catch(() => {});
}

/**
 * Forgets `key`'s entry if it still holds `value` (at start: at once when
 * stale, once on disk when it was written back to localStorage).
 */
export function journalForget(key, value, wait) {
  const go = () => open()
    .then((db) => forgetIn(tx(db).objectStore(STORE), key, value))
    .catch(() => {});
  if (wait) later(go);
  else go();
}

function forgetIn(store, key, value) {
  const g = store.get(key);
  g.onsuccess = () => {
    if (g.result && g.result.value === value) store.delete(key);
  };
}

/**
 * Forgets a restore that was not made, at once and in one transaction:
 * resolves once it is complete, so that the failure is reported only when
 * a reload can no longer replay it. `entries` is a JSON array of
 * { key, value }; each entry goes only if it still holds that value.
 * Resolves too when IndexedDB cannot be used (nothing was journaled then).
 */
export async function journalForgetNow(entries) {
  const list = JSON.parse(entries);
  try {
    const db = await open();
    const t = tx(db);
    const store = t.objectStore(STORE);
    for (const e of list) forgetIn(store, e.key, e.value);
    await completed(t);
  } catch {
    // Nothing more can be done: the start's replay still applies an entry
    // only while its key holds exactly the value the restore replaced.
  }
}

/**
 * Journals a restore's writes and removals (issue #19), every entry in one
 * strict-durability transaction: resolves once it is complete (on disk),
 * rejects when IndexedDB cannot be used. `entries` is a JSON array of
 * { key, value, replaced, removes }.
 */
export async function journalPutRestore(entries) {
  const list = JSON.parse(entries);
  const db = await open();
  const t = tx(db);
  const store = t.objectStore(STORE);
  const at = Date.now();
  for (const e of list) {
    store.put({
      key: e.key, base: null, value: e.value, session: SESSION, at,
      restore: true, replaced: e.replaced ?? null, removes: e.removes === true,
    });
  }
  await completed(t);
}

/**
 * Forgets the edits journaled so far (storage was just replaced by a
 * restore, they belong to what it replaced); a restore's own entries stay
 * until localStorage has held them long enough (journalForget).
 */
export function journalClearAll() {
  open()
    .then((db) => {
      const req = tx(db).objectStore(STORE).openCursor();
      req.onsuccess = () => {
        const c = req.result;
        if (!c) return;
        if (c.value?.restore !== true) c.delete();
        c.continue();
      };
    })
    .catch(() => {});
}

/**
 * Every entry left by a tab that is no longer running, as a JSON array of
 * { key, base, value }; "[]" when IndexedDB cannot be used or does not answer
 * within `waitMs` (the app then starts from localStorage alone).
 */
export async function journalReadAll(waitMs) {
  const read = (async () => {
    const db = await open();
    const all = await new Promise((ok, fail) => {
      const r = db.transaction(STORE, 'readonly').objectStore(STORE).getAll();
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    let live = new Set();
    if (globalThis.navigator?.locks?.query) {
      const state = await navigator.locks.query();
      live = new Set((state.held ?? []).map((l) => l.name));
    }
    return all
      .filter((e) => typeof e?.key === 'string' && typeof e?.value === 'string')
      .filter((e) => e.session === SESSION || !live.has(LOCK(e.session)))
      .map((e) => ({
        key: e.key,
        base: Number.isSafeInteger(e.base) ? e.base : null,
        value: e.value,
        restore: e.restore === true
          ? { replaced: typeof e.replaced === 'string' ? e.replaced : null, removes: e.removes === true }
          : null,
      }));
  })();
  const timeout = new Promise((ok) => setTimeout(() => ok([]), waitMs));
  try {
    return JSON.stringify(await Promise.race([read, timeout]));
  } catch {
    return '[]';
  }
}
