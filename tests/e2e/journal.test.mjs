// The write-ahead journal of unsaved edits (issue #18, crash durability),
// in a real browser with real IndexedDB. A killed browser loses the
// localStorage writes of its last seconds (bench/crash.mjs --floor) but not
// a completed IndexedDB transaction with strict durability. The crash is
// reproduced here as what it leaves on disk: the edit's localStorage write
// is put back to the bytes stored before it, with the app closed, while the
// journal keeps what IndexedDB committed. The next start must show the edit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage, appReady } from './harness.mjs';

let env;
before(async () => { env = await start({ dist: process.env.DIST || 'dist' }); });
after(async () => { await env?.close(); });

const FIELD = '[data-testid="settings-unit-name"]';
const KEY = 'kiemtra:settings';
// A same-origin page without the app, to change storage while no app runs
// (the service worker is blocked so the route answers, not its cache).
const PROBE = '/__journal-probe';

async function probedContext() {
  const { context, page, watch } = await newPage(env, { serviceWorkers: 'block' });
  await context.route(`**${PROBE}`, (route) => route.fulfill({
    status: 200, contentType: 'text/html', body: '<!doctype html><title>probe</title>',
  }));
  return { context, page, watch };
}

/** The journal entry of `key` in the page's IndexedDB (null when none). */
function journalEntry(page, key) {
  return page.evaluate((k) => new Promise((ok, fail) => {
    const r = indexedDB.open('kiemtra-journal');
    r.onerror = () => fail(r.error);
    r.onsuccess = () => {
      const db = r.result;
      if (!db.objectStoreNames.contains('entries')) { db.close(); ok(null); return; }
      const g = db.transaction('entries').objectStore('entries').get(k);
      g.onsuccess = () => { db.close(); ok(g.result ?? null); };
      g.onerror = () => { db.close(); fail(g.error); };
    };
  }), key);
}

async function typeUnitName(page, text) {
  await page.fill(FIELD, text);
  await page.press(FIELD, 'Tab');
}

test('an edit whose localStorage write a crash lost is written back from the journal at the next start', async () => {
  const { context, page, watch } = await probedContext();
  await page.goto(env.url + '/cai-dat');
  await appReady(page);
  await typeUnitName(page, 'Sở Tư pháp thành phố Cần Thơ');
  await page.waitForFunction((k) => (localStorage.getItem(k) ?? '').includes('thành phố Cần Thơ'), KEY);
  // What the disk holds once the first edit is committed.
  const before = await page.evaluate((k) => localStorage.getItem(k), KEY);
  const rev = JSON.parse(before).rev;

  // The edit the crash will take: journaled at once, with the revision it
  // was made on.
  await typeUnitName(page, 'Sở Tư pháp tỉnh An Giang');
  await page.waitForFunction(async (k) => {
    const e = await new Promise((ok) => {
      const r = indexedDB.open('kiemtra-journal');
      r.onsuccess = () => {
        const g = r.result.transaction('entries').objectStore('entries').get(k);
        g.onsuccess = () => { r.result.close(); ok(g.result); };
      };
    });
    return e?.value?.includes('tỉnh An Giang');
  }, KEY, { polling: 100 });
  const entry = await journalEntry(page, KEY);
  assert.equal(entry.base, rev, 'the entry names the revision its edit was made on');
  assert.equal(JSON.parse(entry.value).rev, rev + 1);
  await page.close();

  // The crash: localStorage lost the edit's write; the journal kept it.
  const probe = await context.newPage();
  await probe.goto(env.url + PROBE);
  await probe.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, before]);
  assert.ok((await journalEntry(probe, KEY))?.value.includes('tỉnh An Giang'));
  await probe.close();

  const again = await context.newPage();
  await again.goto(env.url + '/cai-dat');
  await appReady(again);
  assert.equal(await again.inputValue(FIELD), 'Sở Tư pháp tỉnh An Giang');
  const stored = await again.evaluate((k) => localStorage.getItem(k), KEY);
  assert.equal(stored, entry.value, 'the journal entry is stored as it was journaled');
  // The entry is forgotten once localStorage has had time to commit it.
  await again.waitForFunction(async (k) => new Promise((ok) => {
    const r = indexedDB.open('kiemtra-journal');
    r.onsuccess = () => {
      const g = r.result.transaction('entries').objectStore('entries').get(k);
      g.onsuccess = () => { r.result.close(); ok(g.result === undefined); };
    };
  }), KEY, { timeout: 30000, polling: 500 });
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});

test('a journal entry older than the stored record is dropped and never applied', async () => {
  const { context, page } = await probedContext();
  await page.goto(env.url + '/cai-dat');
  await appReady(page);
  await typeUnitName(page, 'Bản đã lưu sau cùng');
  await page.waitForFunction((k) => (localStorage.getItem(k) ?? '').includes('Bản đã lưu sau cùng'), KEY);
  const stored = await page.evaluate((k) => localStorage.getItem(k), KEY);
  await page.waitForFunction(async (k) => new Promise((ok) => {
    const r = indexedDB.open('kiemtra-journal');
    r.onsuccess = () => {
      if (!r.result.objectStoreNames.contains('entries')) { r.result.close(); ok(false); return; }
      const g = r.result.transaction('entries').objectStore('entries').get(k);
      g.onsuccess = () => { r.result.close(); ok(g.result !== undefined); };
    };
  }), KEY, { polling: 100 });
  await page.close();

  // An entry of a record this tab had never seen stored (base null),
  // while a revision of it is stored: saved since (or by another tab), so
  // it is stale.
  const probe = await context.newPage();
  await probe.goto(env.url + PROBE);
  const old = JSON.parse(stored);
  const staleValue = JSON.stringify({ ...old, rev: 1, data: JSON.parse(stored.replace('Bản đã lưu sau cùng', 'Bản cũ không được dùng')).data });
  await probe.evaluate(([k, v, base]) => new Promise((ok, fail) => {
    const r = indexedDB.open('kiemtra-journal');
    r.onsuccess = () => {
      const tx = r.result.transaction('entries', 'readwrite');
      tx.objectStore('entries').put({ key: k, base, value: v, session: 'crashed-tab', at: Date.now() });
      tx.oncomplete = () => { r.result.close(); ok(); };
      tx.onerror = () => fail(tx.error);
    };
  }), [KEY, staleValue, null]);
  await probe.close();

  const again = await context.newPage();
  await again.goto(env.url + '/cai-dat');
  await appReady(again);
  assert.equal(await again.inputValue(FIELD), 'Bản đã lưu sau cùng');
  assert.equal(await again.evaluate((k) => localStorage.getItem(k), KEY), stored);
  await again.waitForFunction(async (k) => new Promise((ok) => {
    const r = indexedDB.open('kiemtra-journal');
    r.onsuccess = () => {
      const g = r.result.transaction('entries').objectStore('entries').get(k);
      g.onsuccess = () => { r.result.close(); ok(g.result === undefined); };
    };
  }), KEY, { polling: 200 });
  await context.close();
});
