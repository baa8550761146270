// Issue #19: stored records must never vanish at start. A nearly full
// workspace (about 99 % of Chromium's localStorage quota) is seeded into a
// fresh browser context, then the app is loaded the way the benchmark did
// when records went missing (load, wait for the service worker, reload,
// close, load again at once), plus two loads at the same moment and a page
// closed while its start-up writes are still pending. After each round every
// seeded key must still hold exactly its bytes. Every setItem, removeItem and
// clear the pages make is logged, so a failure says who touched what. The
// second test does the same with a version-2 workspace that every start
// migrates, at 99 % and at 90 % of the quota.
//
// The cause of the benchmark's lost keys was not the app: Chromium drops the
// localStorage writes a page still has queued when it is closed right after
// a burst of megabytes, and the benchmark's seed page closed at once (see
// `closeWhenStored` in bench/lib.mjs and the last test below).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { start } from './harness.mjs';
import { seed as fixture } from './seed.mjs';
import { closeWhenStored } from '../../bench/lib.mjs';

const ROUNDS = Number(process.env.OVERLAP_ROUNDS || 4);
let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

// Logs every localStorage write the page makes, with the page's label.
const LOG_WRITES = () => {
  const label = () => `${location.pathname}#${window.__pageLabel || '?'}`;
  const S = Storage.prototype;
  const { setItem, removeItem, clear } = S;
  S.setItem = function (k, v) {
    try { return setItem.call(this, k, v); } catch (e) {
      console.log(`[ls] ${label()} setItem ${k} (${String(v).length}) FAILED ${e.name}`);
      throw e;
    } finally { console.log(`[ls] ${label()} setItem ${k} (${String(v).length})`); }
  };
  S.removeItem = function (k) { console.log(`[ls] ${label()} removeItem ${k}`); return removeItem.call(this, k); };
  S.clear = function () { console.log(`[ls] ${label()} clear`); return clear.call(this); };
};

// Length and FNV-1a of every kiemtra: value, computed in the page.
const FINGERPRINT = () => {
  const out = {};
  for (let i = 0; i < localStorage.length; i += 1) {
    const k = localStorage.key(i);
    if (!k.startsWith('kiemtra:')) continue;
    const v = localStorage.getItem(k);
    let h = 0x811c9dc5;
    for (let j = 0; j < v.length; j += 1) { h ^= v.charCodeAt(j); h = Math.imul(h, 0x01000193) >>> 0; }
    out[k] = `${v.length}:${h.toString(16)}`;
  }
  return out;
};

// Plans cloned from the e2e seed with their own ids and a long scope, until
// the quota refuses one; then some are removed so that about 1 % stays free.
// No index and no built-in templates: the app writes both at start, so the
// start-up writes meet a nearly full store.
const SEED_FULL = ({ plan, fill }) => {
  localStorage.clear();
  const hex = (n) => n.toString(16).padStart(12, '0');
  const keys = [];
  for (let n = 1; ; n += 1) {
    const id = `00000000-0000-4000-8000-${hex(n)}`;
    const data = { ...plan, id, title: `Kế hoạch đo thử số ${n}`, scope: fill };
    const text = JSON.stringify({
      schema: 'kiemtra/plan', version: 1, app_version: '0.1.0', saved_at: '2021-01-04T02:00:00Z', rev: 1, data,
    });
    try { localStorage.setItem(`kiemtra:plan:${id}`, text); } catch (e) { break; }
    keys.push(`kiemtra:plan:${id}`);
  }
  // Chromium counts UTF-16 units of keys and values: 5,242,880 per origin.
  let used = 0;
  for (let i = 0; i < localStorage.length; i += 1) {
    const k = localStorage.key(i);
    used += k.length + localStorage.getItem(k).length;
  }
  while (used > 5242880 * 0.99) {
    const k = keys.pop();
    used -= k.length + localStorage.getItem(k).length;
    localStorage.removeItem(k);
  }
  return { keys: keys.length, used };
};

async function pageIn(context, label, log) {
  const page = await context.newPage();
  await page.addInitScript((l) => { window.__pageLabel = l; }, label);
  page.on('console', (m) => { if (m.text().startsWith('[ls]')) log.push(m.text()); });
  page.on('pageerror', (e) => log.push(`[error] ${label}: ${String(e).slice(0, 300)}`));
  return page;
}

async function appOpen(page) {
  await page.goto(`${env.url}/`);
  await page.waitForSelector('[data-testid="main-nav"]', { timeout: 120000 });
}

function compare(seeded, now, log, what) {
  const lost = Object.keys(seeded).filter((k) => now[k] !== seeded[k]);
  assert.deepEqual(
    lost.map((k) => `${k}: ${seeded[k]} -> ${now[k] ?? 'absent'}`),
    [],
    `${what}: ${lost.length} of ${Object.keys(seeded).length} seeded keys changed or vanished.\n`
      + `writes and removals:\n${log.filter((l) => lost.some((k) => l.includes(k)) || l.includes('removeItem') || l.includes('clear') || l.includes('[error]')).slice(0, 80).join('\n')}`,
  );
}

test('a nearly full workspace keeps every record through overlapping loads and closes', async () => {
  const fill = 'Phạm vi kiểm tra: dữ liệu đo thử, không phải nội dung pháp lý. '.repeat(140);
  for (let round = 0; round < ROUNDS; round += 1) {
    const log = [];
    const context = await env.browser.newContext({ locale: 'vi-VN' });
    await context.addInitScript(LOG_WRITES);
    // Seed from a page on the origin that runs no app code (a 404 text).
    const seeder = await context.newPage();
    await seeder.goto(`${env.url}/__seed.txt`);
    const seededInfo = await seeder.evaluate(SEED_FULL, { plan: fixture.plan, fill });
    const seeded = await seeder.evaluate(FINGERPRINT);
    // Closed only once a fresh page sees every byte: Chromium drops what a
    // page closed right after megabytes of writes still had queued (the
    // benchmark's lost keys), which is no fault of the app.
    await closeWhenStored(context, env.url, seeder);
    assert.ok(seededInfo.keys > 100, `only ${seededInfo.keys} plans fit`);

    // The benchmark's sequence: load, service worker, reload, close, load again.
    const a = await pageIn(context, `a${round}`, log);
    await appOpen(a);
    await a.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await a.reload();
    await a.waitForSelector('[data-testid="main-nav"]', { timeout: 120000 });
    await a.close();
    const b = await pageIn(context, `b${round}`, log);
    await appOpen(b);
    compare(seeded, await b.evaluate(FINGERPRINT), log, `round ${round}, after load-reload-close-load`);

    // Two loads at the same moment; one closed before its start finished.
    const c = await pageIn(context, `c${round}`, log);
    const d = await pageIn(context, `d${round}`, log);
    const openD = appOpen(d);
    await c.goto(`${env.url}/`, { waitUntil: 'commit' });
    // Closing a page in the middle of its start now and then never returns
    // in Playwright with this Chromium (seen once in four rounds); the page
    // is gone from the test's view either way, and what is checked below is
    // storage, so the test does not wait on it for ever.
    await Promise.race([c.close(), new Promise((ok) => setTimeout(ok, 5000))]);
    await openD;
    await b.reload();
    await b.waitForSelector('[data-testid="main-nav"]', { timeout: 120000 });
    compare(seeded, await d.evaluate(FINGERPRINT), log, `round ${round}, after overlapping loads`);
    // Hiding and closing both (page hide flushes) changes nothing either.
    await d.close();
    await b.close();
    const e = await pageIn(context, `e${round}`, log);
    await appOpen(e);
    compare(seeded, await e.evaluate(FINGERPRINT), log, `round ${round}, after closes`);
    const removals = log.filter((l) => / (removeItem|clear)\b/.test(l));
    assert.deepEqual(removals, [], 'the app removed keys at start or on close');
    await context.close();
  }
});

// A version-2 workspace (inspections with their answers inside, as the
// released build before the compact format stored them) filling 99 % of the
// quota (even rounds) or 90 % (odd rounds): every start migrates it, so the
// start-up writes (a backup copy of each old value, the version-3 record, its
// answers records, the index, the built-in templates) meet a nearly full
// store, where they all fail, or a store with room for part of them, so that
// two starts migrate some records at the same time, while loads overlap and
// pages close in the middle of their start.
const SEED_V2_FULL = ({ records, filler, share }) => {
  localStorage.clear();
  const [ikey, itext] = Object.entries(records).find(([k]) => k.startsWith('kiemtra:inspection:'));
  for (const [k, v] of Object.entries(records)) if (k !== ikey) localStorage.setItem(k, v);
  const hex = (n) => n.toString(16).padStart(12, '0');
  const keys = [];
  for (let n = 1; ; n += 1) {
    const text = itext
      .replaceAll('00000000-0000-0000-0000-000000000009', `00000000-0000-4000-8000-${hex(n)}`)
      .replaceAll('00000000-0000-0000-0000-00000000000a', `00000000-0000-4000-9000-${hex(n)}`)
      .replaceAll('00000000-0000-0000-0000-00000000000b', `00000000-0000-4000-a000-${hex(n)}`)
      .replace('"note":"', `"note":"${filler} `);
    const key = `kiemtra:inspection:00000000-0000-4000-8000-${hex(n)}`;
    try { localStorage.setItem(key, text); } catch (e) { break; }
    keys.push(key);
  }
  let used = 0;
  for (let i = 0; i < localStorage.length; i += 1) {
    const k = localStorage.key(i);
    used += k.length + localStorage.getItem(k).length;
  }
  while (used > 5242880 * share) {
    const k = keys.pop();
    used -= k.length + localStorage.getItem(k).length;
    localStorage.removeItem(k);
  }
  return { keys: keys.length, used };
};

// Seeded values still there: the same bytes under the same key, or (an
// inspection the start migrated) a version-3 record under the key and the
// seeded bytes under its backup key.
function compareMigrating(seeded, now, log, what) {
  const lost = Object.keys(seeded).filter((k) => {
    if (now[k] === seeded[k]) return false;
    const moved = k.startsWith('kiemtra:inspection:') && now[k] !== undefined
      && now[`kiemtra:backup:${k}:v2`] === seeded[k];
    return !moved;
  });
  assert.deepEqual(
    lost.map((k) => `${k}: ${seeded[k]} -> ${now[k] ?? 'absent'} (backup ${now[`kiemtra:backup:${k}:v2`] ?? 'absent'})`),
    [],
    `${what}: ${lost.length} of ${Object.keys(seeded).length} seeded values gone.\n`
      + `writes and removals:\n${log.filter((l) => lost.some((k) => l.includes(k)) || l.includes('removeItem') || l.includes('[error]')).slice(0, 80).join('\n')}`,
  );
}

test('a nearly full version-2 workspace that migrates at start keeps every value through overlapping loads and closes', async () => {
  const records = JSON.parse(await readFile(new URL('../fixtures/persist/v2_workspace.json', import.meta.url), 'utf8'));
  const filler = 'Ghi chú đo thử, không phải nội dung pháp lý. '.repeat(60);
  const rounds = Number(process.env.OVERLAP_MIGRATE_ROUNDS || 2);
  for (let round = 0; round < rounds; round += 1) {
    const log = [];
    const context = await env.browser.newContext({ locale: 'vi-VN' });
    await context.addInitScript(LOG_WRITES);
    const seeder = await context.newPage();
    await seeder.goto(`${env.url}/__seed.txt`);
    const share = round % 2 === 0 ? 0.99 : 0.9;
    const info = await seeder.evaluate(SEED_V2_FULL, { records, filler, share });
    const seeded = await seeder.evaluate(FINGERPRINT);
    await closeWhenStored(context, env.url, seeder);
    assert.ok(info.keys > 100, `only ${info.keys} inspections fit`);

    const a = await pageIn(context, `m-a${round}`, log);
    await appOpen(a);
    await a.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await a.reload();
    await a.waitForSelector('[data-testid="main-nav"]', { timeout: 120000 });
    await a.close();
    const b = await pageIn(context, `m-b${round}`, log);
    await appOpen(b);
    compareMigrating(seeded, await b.evaluate(FINGERPRINT), log, `v2 round ${round}, after load-reload-close-load`);

    const c = await pageIn(context, `m-c${round}`, log);
    const d = await pageIn(context, `m-d${round}`, log);
    const openD = appOpen(d);
    await c.goto(`${env.url}/`, { waitUntil: 'commit' });
    await Promise.race([c.close(), new Promise((ok) => setTimeout(ok, 5000))]);
    await openD;
    await d.close();
    await b.close();
    const e = await pageIn(context, `m-e${round}`, log);
    await appOpen(e);
    const last = await e.evaluate(FINGERPRINT);
    compareMigrating(seeded, last, log, `v2 round ${round}, after overlapping loads and closes`);
    const migrated = Object.keys(last).filter((k) => k.startsWith('kiemtra:backup:kiemtra:inspection:')).length;
    const removals = log.filter((l) => / (removeItem|clear)\b/.test(l));
    const seededRemoved = removals.filter((l) => Object.keys(seeded).some((k) => l.endsWith(` ${k}`)));
    assert.deepEqual(seededRemoved, [], 'the app removed a seeded key');
    console.log(`v2 round ${round}: ${info.keys} inspections (${share * 100} % of the quota), ${info.used} units; writes ${log.filter((l) => l.includes('setItem')).length}, failed writes ${log.filter((l) => l.includes('FAILED')).length}, removals ${removals.length}; migrated at the end ${migrated}`);
    await context.close();
  }
});
