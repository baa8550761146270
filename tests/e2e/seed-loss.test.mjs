// Issue #19, reproduced on demand: the localStorage writes a page still has
// on their way to Chromium's storage service are lost when the page is
// closed (see storage-stall.mjs for the mechanism). The benchmark's old
// seeding wrote megabytes and closed the page at once, and lost the last
// keys now and then (the storage service was behind on a loaded machine);
// here the storage service is held still while the page writes and closes,
// which makes the loss certain, then let go:
// - the old seeding (write, close at once) loses the last keys written, and
//   they never come: the evidence of the cause;
// - `closeWhenStored` (bench/lib.mjs, the fix) loses none under the same
//   stall, nor when the service is only behind, and throws when its check
//   page shared the writer's process (it then proved nothing);
// - the app: an edit typed and the tab closed at once while the service is
//   held still is shown again after the next start (its small save fits in
//   what the socket holds); behind 2 MB of writes its save is lost with the
//   tab, and the journal (IndexedDB, not held by the stall) brings it back;
// - the app: a restore of 150 plans whose tab is closed at once under the
//   stall kept 10 of them and said nothing of the rest; the restore now
//   journals its writes first, and the next start brings back every plan.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { start, newPage, appReady } from './harness.mjs';
import { stallStorage, rendererPids, untilOneExits } from './storage-stall.mjs';
import { seed as fixture } from './seed.mjs';
import { closeWhenStored, FINGERPRINT } from '../../bench/lib.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
const KEYS = 300;

// About 3.6 million UTF-16 units (70 % of the quota) in 300 keys, written in
// order by a page that runs no app code; returns the keys in write order.
const WRITE_BURST = (n) => {
  const body = 'Dữ liệu đo thử của kế hoạch kiểm tra, không phải nội dung pháp lý. '.repeat(200);
  const keys = [];
  for (let i = 0; i < n; i += 1) {
    const k = `seed-loss:${String(i).padStart(4, '0')}`;
    localStorage.setItem(k, `${i} ${body}`.slice(0, 12000));
    keys.push(k);
  }
  return keys;
};

/** A page of the context on a plain-text URL of the origin (no app code). */
async function plainPage(context, name) {
  const page = await context.newPage();
  await page.goto(`${env.url}/__seed-loss-${name}.txt`);
  return page;
}

/** What a fresh page of the context sees, as FINGERPRINT gives it. */
async function seenByFreshPage(context, name) {
  const page = await plainPage(context, name);
  const seen = await page.evaluate(FINGERPRINT);
  await page.close();
  return seen;
}

/** The keys of `order` a fresh page sees with the writer's bytes, in order. */
function kept(order, want, seen) {
  return order.filter((k) => seen[k] === want[k]);
}

test('the old seeding, closed at once while the storage service is held still, loses its last writes for good', async () => {
  for (let round = 0; round < 2; round += 1) {
    const context = await env.browser.newContext();
    const writer = await plainPage(context, `writer-${round}`);
    await writer.evaluate(() => localStorage.length); // the area is opened before the stall
    const resume = stallStorage();
    let order;
    let want;
    try {
      order = await writer.evaluate(WRITE_BURST, KEYS);
      want = await writer.evaluate(FINGERPRINT);
      // The writer's own view has every key: it proves nothing.
      assert.equal(kept(order, want, want).length, KEYS);
      const renderers = rendererPids();
      await writer.close();
      await untilOneExits(renderers);
    } finally {
      resume();
    }
    const first = kept(order, want, await seenByFreshPage(context, `check-${round}`));
    await sleep(1000);
    const later = kept(order, want, await seenByFreshPage(context, `later-${round}`));
    assert.ok(first.length < KEYS, `round ${round}: all ${KEYS} keys arrived, the stall did not reproduce the loss`);
    assert.deepEqual(first, order.slice(0, first.length), 'what arrived is the first keys written, in order');
    assert.deepEqual(later, first, 'the lost keys never arrive later');
    await context.close();
  }
});

test('closeWhenStored (the fix) loses no key under the same stall, nor when the storage service is only behind', async () => {
  for (const how of ['held still', 'behind']) {
    const context = await env.browser.newContext();
    const writer = await plainPage(context, 'writer');
    await writer.evaluate(() => localStorage.length);
    const resume = stallStorage();
    let order;
    let want;
    try {
      order = await writer.evaluate(WRITE_BURST, KEYS);
      want = await writer.evaluate(FINGERPRINT);
      if (how === 'held still') {
        // The check page of closeWhenStored waits for the service; let it
        // go a second later.
        const closing = closeWhenStored(context, env.url, writer);
        await sleep(1000);
        resume();
        assert.equal(await closing, KEYS);
      } else {
        // Let go just before closing: the service has megabytes to take.
        resume();
        assert.equal(await closeWhenStored(context, env.url, writer), KEYS);
      }
    } finally {
      resume();
    }
    assert.ok(writer.isClosed(), 'closeWhenStored closed the writer');
    assert.equal(kept(order, want, await seenByFreshPage(context, 'check')).length, KEYS, `${how}: every key arrived`);
    await sleep(1000);
    assert.equal(kept(order, want, await seenByFreshPage(context, 'later')).length, KEYS, `${how}: every key stays`);
    await context.close();
  }
});

// A check page in the writer's renderer process reads the writer's own copy
// and proves nothing: with every page of a site in one process
// (`--process-per-site`) the writer is closed under the stall with its writes
// still on their way; closeWhenStored must then say so, not return.
test('closeWhenStored throws, never seeds less in silence, when its check page shares the writer\'s process', async () => {
  const { chromium } = await import('playwright-core');
  const { CHROMIUM_ARGS } = await import('./harness.mjs');
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--process-per-site'],
  });
  try {
    const context = await browser.newContext();
    const writer = await plainPage(context, 'writer');
    await writer.evaluate(() => localStorage.length);
    const resume = stallStorage();
    try {
      await writer.evaluate(WRITE_BURST, KEYS);
      const closing = closeWhenStored(context, env.url, writer);
      await sleep(1000);
      resume();
      await assert.rejects(closing, /keys were lost with the closed writer/);
    } finally {
      resume();
    }
    assert.ok(writer.isClosed());
  } finally {
    await browser.close();
  }
});

const FIELD = '[data-testid="settings-unit-name"]';
const SETTINGS = 'kiemtra:settings';

/** The journal entry of `key` (IndexedDB `kiemtra-journal`), or null. */
const JOURNAL_ENTRY = (k) => new Promise((ok, fail) => {
  const r = indexedDB.open('kiemtra-journal');
  r.onerror = () => fail(r.error);
  r.onsuccess = () => {
    const db = r.result;
    if (!db.objectStoreNames.contains('entries')) { db.close(); ok(null); return; }
    const g = db.transaction('entries').objectStore('entries').get(k);
    g.onsuccess = () => { db.close(); ok(g.result?.value ?? null); };
    g.onerror = () => { db.close(); fail(g.error); };
  };
});

// The app's pages are closed with no service worker running: a running
// service worker of the origin shares the page's renderer process and keeps
// it alive after the tab closes, and then its queued writes still arrive (a
// restore under the stall lost nothing with it). A first visit, or a worker
// stopped after its idle time, leaves the page alone in its process.
/** A settings edit typed into the app, the tab closed while the storage
 *  service is held still, then the app started again; `backlog` first
 *  writes 2 MB from the page, so that the edit's save waits behind them. */
async function editThenClose({ backlog }) {
  const { context, page, watch } = await newPage(env, { serviceWorkers: 'block' });
  await page.goto(`${env.url}/cai-dat`);
  await appReady(page);
  await page.fill(FIELD, 'Sở Tư pháp thành phố Cần Thơ');
  await page.press(FIELD, 'Tab');
  await page.waitForFunction((k) => (localStorage.getItem(k) ?? '').includes('thành phố Cần Thơ'), SETTINGS);
  const resume = stallStorage();
  try {
    if (backlog) {
      await page.evaluate(() => localStorage.setItem('seed-loss:backlog', 'Tồn đọng. '.repeat(100000)));
    }
    // Typed, then the tab closed: the save is still waiting for its pause,
    // so the page-hide flush writes it. IndexedDB is not in the storage
    // service's process here, so the journal's entry completes under the
    // stall; with a backlog the close waits for it, as a person's hand
    // moving to the tab's close button does (a few milliseconds).
    await page.fill(FIELD, 'Sở Tư pháp tỉnh An Giang');
    await page.press(FIELD, 'Tab');
    if (backlog) {
      for (let tries = 0; !((await page.evaluate(JOURNAL_ENTRY, SETTINGS)) ?? '').includes('tỉnh An Giang'); tries += 1) {
        assert.ok(tries < 200, 'the journal entry never completed');
        await sleep(20);
      }
    }
    const renderers = rendererPids();
    await page.close();
    await untilOneExits(renderers);
  } finally {
    resume();
  }
  // What reached storage, before any app code runs again.
  const probe = await plainPage(context, 'probe');
  const stored = (await probe.evaluate((k) => localStorage.getItem(k), SETTINGS)) ?? '';
  const journaled = (await probe.evaluate(JOURNAL_ENTRY, SETTINGS)) ?? '';
  await probe.close();
  const again = await context.newPage();
  await again.goto(`${env.url}/cai-dat`);
  await appReady(again);
  const shown = await again.inputValue(FIELD);
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
  return { stored: stored.includes('tỉnh An Giang'), journaled: journaled.includes('tỉnh An Giang'), shown };
}

test('the app: an edit typed and its tab closed at once while the storage service is held still is there at the next start', async () => {
  const r = await editThenClose({ backlog: false });
  console.log(`# alone: localStorage ${r.stored ? 'has' : 'lacks'} the edit after the close, the journal ${r.journaled ? 'has' : 'lacks'} it`);
  assert.equal(r.shown, 'Sở Tư pháp tỉnh An Giang');
});

test('the app: an edit whose save is lost with the closed tab (behind 2 MB of writes, storage service held still) comes back from the journal', async (t) => {
  const r = await editThenClose({ backlog: true });
  // The loss is reproduced in every run here, but once (a clean-clone CI
  // run) the save still arrived: then there is nothing for the journal to
  // bring back, and the test says it was skipped rather than pass or fail.
  if (r.stored) {
    t.skip('the save reached storage before the tab ended: the loss was not reproduced this time');
    return;
  }
  assert.equal(r.journaled, true, 'the journal kept the edit');
  assert.equal(r.shown, 'Sở Tư pháp tỉnh An Giang', 'the next start shows the edit');
});

// Plans cloned from the e2e seed with their own ids and a long scope
// (150 of them: a backup file of about 1.6 MB).
const SEED_PLANS = ({ plan, fill, n }) => {
  const hex = (i) => i.toString(16).padStart(12, '0');
  const keys = [];
  for (let i = 1; i <= n; i += 1) {
    const id = `00000000-0000-4000-8000-${hex(i)}`;
    const data = { ...plan, id, title: `Kế hoạch đo thử số ${i}`, scope: fill };
    localStorage.setItem(`kiemtra:plan:${id}`, JSON.stringify({
      schema: 'kiemtra/plan', version: 1, app_version: '0.1.0', saved_at: '2021-01-04T02:00:00Z', rev: 1, data,
    }));
    keys.push(`kiemtra:plan:${id}`);
  }
  return keys;
};

/** A backup file made by the app of 150 plans, and the plans' keys. */
async function backupOfManyPlans() {
  const fill = 'Phạm vi kiểm tra: dữ liệu đo thử, không phải nội dung pháp lý. '.repeat(140);
  const context = await env.browser.newContext({ locale: 'vi-VN', acceptDownloads: true });
  const seeder = await plainPage(context, 'plans');
  const keys = await seeder.evaluate(SEED_PLANS, { plan: fixture.plan, fill, n: 150 });
  await closeWhenStored(context, env.url, seeder);
  const app = await context.newPage();
  await app.goto(`${env.url}/cai-dat`);
  await appReady(app);
  const [download] = await Promise.all([app.waitForEvent('download'), app.click('[data-testid="backup-download"]')]);
  const text = await readFile(await download.path(), 'utf8');
  await context.close();
  return { text, keys };
}

/** The values of `keys` localStorage holds, as the page sees them. */
const VALUES = (ks) => Object.fromEntries(ks.map((k) => [k, localStorage.getItem(k)]));

/** How many restore entries the journal holds (IndexedDB `kiemtra-journal`). */
const RESTORE_ENTRIES = () => new Promise((ok, fail) => {
  const r = indexedDB.open('kiemtra-journal');
  r.onerror = () => fail(r.error);
  r.onsuccess = () => {
    const db = r.result;
    if (!db.objectStoreNames.contains('entries')) { db.close(); ok(0); return; }
    const g = db.transaction('entries').objectStore('entries').getAll();
    g.onsuccess = () => { db.close(); ok(g.result.filter((e) => e.restore === true).length); };
    g.onerror = () => { db.close(); fail(g.error); };
  };
});

// A user bug found by the test below (README, issue #19): the restore wrote
// every record into the page's own copy, said "Đã khôi phục. Đã ghi 150 bản
// ghi", and the tab was closed; the writes still on their way to the storage
// service were lost with the page, and the next start showed the first few
// plans and said nothing of the rest (before the fix, 9 of 10 runs lost 120
// or 140 of the 150). The restore now journals its writes in IndexedDB
// (strict durability, not held by the stall) before it writes localStorage
// and says it is done, and the next start writes back what the close lost.
test('the app: a restore whose tab is closed at once while the storage service is held still keeps every restored record, byte for byte, at the next start', async () => {
  const { text, keys } = await backupOfManyPlans();
  const { context, page, watch } = await newPage(env, { serviceWorkers: 'block' });
  await page.goto(`${env.url}/cai-dat`);
  await appReady(page);
  await page.setInputFiles('[data-testid="restore-file"]', { name: 'sao-luu.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.waitForSelector('[data-testid="restore-preview"]');
  assert.match(await page.textContent('[data-testid="restore-summary"]'), /^150 bản ghi mới/);
  let want;
  const resume = stallStorage();
  try {
    await page.click('[data-testid="restore-apply"]');
    await page.waitForSelector('[data-testid="restore-done"]');
    assert.match(await page.textContent('[data-testid="restore-done"]'), /Đã ghi 150 bản ghi/);
    // What the restore wrote, read from the page's own copy.
    want = await page.evaluate(VALUES, keys);
    const renderers = rendererPids();
    await page.close();
    await untilOneExits(renderers);
  } finally {
    resume();
  }
  assert.ok(keys.every((k) => typeof want[k] === 'string'), 'the page holds every restored plan');
  // What reached storage, before any app code runs again.
  const probe = await plainPage(context, 'after-restore');
  const seen = await probe.evaluate(VALUES, keys);
  const journaled = await probe.evaluate(RESTORE_ENTRIES);
  await probe.close();
  const stored = keys.filter((k) => seen[k] === want[k]).length;
  const again = await context.newPage();
  await again.goto(`${env.url}/cai-dat/khoi-phuc`);
  await appReady(again);
  await again.waitForSelector('[data-testid="page-recovery"]');
  const after = await again.evaluate(VALUES, keys);
  const reported = (await again.$$('[data-testid="missing-record"]')).length;
  const back = keys.filter((k) => after[k] === want[k]).length;
  console.log(`# restore then close: ${stored} of ${keys.length} plans in storage after the close, ${journaled} restore entries journaled; after the next start ${back} of ${keys.length}, ${reported} reported missing`);
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
  assert.equal(back, keys.length, `${back} of ${keys.length} restored plans are stored, byte for byte, after the next start`);
  assert.equal(reported, 0);
});
