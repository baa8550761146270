// Offline-first: after one visit the service worker serves the app with the
// network off, on / and on deep links; an inspection created and filled
// offline survives an offline reload; a new build is offered, not forced,
// and a form being filled loses nothing across the update.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSW } from 'workbox-build';
import { start, newPage, appReady } from './harness.mjs';
import { seed, row, writeSeed, storedData, storedWhen } from './seed.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Visits once and waits until the service worker controls the page. */
async function installed(page) {
  await page.goto(env.url + '/');
  await appReady(page);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('after one visit the app starts, reloads and opens deep links with no network', async () => {
  const { page, context, watch } = await newPage(env);
  await installed(page);
  await context.setOffline(true);
  await page.reload();
  await appReady(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  for (const [path, testid] of [['/bao-cao', 'page-reports'], ['/ke-hoach', 'page-plans'], ['/cai-dat', 'page-settings']]) {
    await page.goto(env.url + path);
    await page.waitForSelector(`[data-testid="${testid}"]`);
  }
  // Work done offline is kept across an offline reload: a settings edit
  // (a stored record, not only a preference) and the language.
  await page.fill('[data-testid="settings-unit-name"]', 'Sở Tư pháp thành phố Cần Thơ');
  await page.press('[data-testid="settings-unit-name"]', 'Tab');
  await page.waitForFunction(() => {
    const v = localStorage.getItem('kiemtra:settings');
    return v && JSON.parse(v).data.settings.unit_name === 'Sở Tư pháp thành phố Cần Thơ';
  });
  await page.selectOption('[data-testid="lang-select"]', 'en');
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.goto(env.url + '/cai-dat');
  await page.waitForSelector('[data-testid="settings-unit-name"]');
  assert.equal(await page.inputValue('[data-testid="settings-unit-name"]'), 'Sở Tư pháp thành phố Cần Thơ');
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});

test('an inspection created and filled with the network off is there after an offline reload', async () => {
  const { page, context, watch } = await newPage(env);
  await installed(page);
  await writeSeed(page); // the plan with its units, prepared while online
  await context.setOffline(true);
  await page.goto(env.url + '/kiem-tra');
  await appReady(page);
  // New inspection of UBND quận Cái Răng under the seeded plan.
  await page.click('[data-testid="new-inspection"] summary');
  await page.selectOption('[data-testid="new-plan"]', seed.plan.id);
  const unit = seed.plan.inspected_units.find((u) => u.name === 'UBND quận Cái Răng');
  await page.selectOption('[data-testid="new-unit"]', unit.id);
  await page.click('[data-testid="new-create"]');
  await page.waitForURL(/\/kiem-tra\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop();
  await page.selectOption('[data-testid="add-checklist-select"]', 'theo-doi-thpl-nd59-2012');
  await page.click('[data-testid="add-checklist-button"]');
  await page.waitForSelector(row('1a'));
  await page.click(`${row('1a')} [data-testid="status-khong_dat"]`);
  await page.fill(`${row('1a')} [data-testid="note"]`, 'Chưa ban hành kế hoạch theo dõi năm 2021');
  await page.press(`${row('1a')} [data-testid="note"]`, 'Tab');
  await page.click(`${row('1c')} [data-testid="status-dat"]`);
  const key = `kiemtra:inspection:${id}`;
  await storedWhen(page, key, (r) => r.checklists[0]?.answers['1#0/1c']?.status === 'dat');

  await page.reload();
  await appReady(page);
  await page.waitForSelector(row('1a'));
  assert.equal(await page.$eval(`${row('1a')} [data-testid="status-khong_dat"]`, (el) => el.checked), true);
  assert.equal(await page.$eval(`${row('1c')} [data-testid="status-dat"]`, (el) => el.checked), true);
  assert.equal(await page.inputValue(`${row('1a')} [data-testid="note"]`), 'Chưa ban hành kế hoạch theo dõi năm 2021');
  assert.match(await page.textContent('[data-testid="inspection-title"]'), /Cái Răng/);
  const rec = await storedData(page, key);
  assert.equal(rec.unit_id, unit.id);
  assert.deepEqual(watch.pageErrors, []);
  assert.deepEqual(watch.foreignRequests, []);
  await context.close();
});

test('a new build is announced and applied only when the user asks; a note being typed loses nothing', async () => {
  const { page, context } = await newPage(env);
  await installed(page);
  await writeSeed(page);
  // Publish a changed build at the same address.
  const next = await mkdtemp(join(tmpdir(), 'kiemtra-next-'));
  await cp(process.env.DIST || 'dist', next, { recursive: true });
  const indexPath = join(next, 'index.html');
  await writeFile(indexPath, (await readFile(indexPath, 'utf8')).replace('</body>', '<!-- next build --></body>'));
  await generateSW({
    globDirectory: next,
    globPatterns: ['**/*.{html,js,css,wasm,webmanifest,svg,png}'],
    globIgnores: ['sw.js'],
    swDest: join(next, 'sw.js'),
    navigateFallback: '/index.html',
    skipWaiting: false,
    clientsClaim: false,
    inlineWorkboxRuntime: true,
    mode: 'production',
  });
  env.setRoot(next);
  try {
    await page.goto(`${env.url}/kiem-tra/${seed.inspection_id}`);
    await appReady(page);
    await page.waitForSelector(row('1a'));
    // Someone is in the middle of a note when the new version arrives.
    const note = `${row('1a')} [data-testid="note"]`;
    const text = 'Biên bản số 12/BB-VPHC thiếu chữ ký';
    await page.click(note);
    await page.keyboard.type(text);
    await page.evaluate(async () => { const r = await navigator.serviceWorker.getRegistration(); await r.update(); });
    await page.waitForSelector('[data-testid="update-banner"]', { timeout: 20000 });
    // The page did not reload by itself: still the old document, the note
    // still being typed, the focus still in it.
    assert.ok(!(await page.content()).includes('next build'));
    assert.equal(await page.inputValue(note), text);
    assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid), 'note');
    await page.keyboard.type(' và dấu');
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Tải lại để cập nhật' }).click(),
    ]);
    await appReady(page);
    const html = await page.evaluate(async () => (await fetch('/index.html')).text());
    assert.ok(html.includes('next build'), 'the new version serves the page');
    // What was typed before the update is there after it.
    await page.waitForSelector(note);
    assert.equal(await page.inputValue(note), `${text} và dấu`);
    const stored = await storedData(page, `kiemtra:inspection:${seed.inspection_id}`);
    assert.equal(stored.checklists[0].answers['1#0/1a'].note, `${text} và dấu`);
  } finally {
    env.setRoot(process.env.DIST || 'dist');
    await rm(next, { recursive: true, force: true });
    await context.close();
  }
});
