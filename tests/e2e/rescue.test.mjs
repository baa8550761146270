// The rescue paths of issue #18 as a user meets them: a browser whose
// storage throws on every read still starts and says why; settings edited
// after the damaged ones were set aside are saved and survive a reload; a
// stored value that is not valid UTF-16 is left exactly as it was; an edit
// still waiting for its pause is written when the page is hidden; a report
// file the parser refuses is explained in the interface's language, never in
// the parser's English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { start, newPage, appReady } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('storage that throws on read: the app starts and explains, no blank page', async () => {
  const { page, context, watch } = await newPage(env);
  await page.goto(env.url + '/');
  await appReady(page);
  await page.evaluate(() => localStorage.setItem('kiemtra:ui:lang', '"en"'));
  // A privacy setting or a sandboxed frame: every getItem throws.
  await context.addInitScript(() => {
    Storage.prototype.getItem = function () { throw new DOMException('blocked', 'SecurityError'); };
  });
  await page.reload();
  await appReady(page);
  await page.waitForSelector('[data-testid="storage-problem"]');
  assert.match(await page.textContent('[data-testid="storage-problem"]'), /không cho lưu dữ liệu/);
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});

test('settings edited after damaged settings were set aside are saved and kept', async () => {
  const { page, context, watch } = await newPage(env);
  await page.goto(env.url + '/');
  await appReady(page);
  const damaged = '{"schema":"kiemtra/settings","version":1,"data":{"settings":{"unit_name":';
  await page.evaluate((d) => localStorage.setItem('kiemtra:settings', d), damaged);
  await page.goto(env.url + '/cai-dat');
  await page.waitForSelector('[data-testid="quarantine-notice"]');
  await page.fill('[data-testid="settings-unit-name"]', 'Sở Tư pháp thành phố Cần Thơ');
  await page.press('[data-testid="settings-unit-name"]', 'Tab');
  await page.waitForFunction(() => {
    const v = localStorage.getItem('kiemtra:settings');
    return v && JSON.parse(v).data.settings.unit_name === 'Sở Tư pháp thành phố Cần Thơ';
  });
  assert.doesNotMatch(await page.textContent('[data-testid="save-indicator"]'), /thất bại/);
  await page.reload();
  await page.waitForSelector('[data-testid="settings-unit-name"]');
  assert.equal(await page.inputValue('[data-testid="settings-unit-name"]'), 'Sở Tư pháp thành phố Cần Thơ');
  // The damaged text is still set aside, byte for byte, and listed.
  assert.equal(await page.evaluate(() => localStorage.getItem('kiemtra:quarantine:kiemtra:settings')), damaged);
  await page.goto(env.url + '/cai-dat/khoi-phuc');
  await page.waitForSelector('[data-testid="quarantine-list"]');
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});

test('a stored value that is not valid UTF-16 stays exactly where it was', async () => {
  const { page, context, watch } = await newPage(env);
  await page.goto(env.url + '/');
  await appReady(page);
  const key = 'kiemtra:plan:00000000-0000-4000-8000-0000000000cc';
  await page.evaluate((k) => localStorage.setItem(k, '{"schema":"kiemtra/plan","x":"\uD800"}'), key);
  await page.reload();
  await appReady(page);
  await page.waitForSelector('[data-testid="quarantine-notice"]');
  const after = await page.evaluate((k) => {
    const v = localStorage.getItem(k);
    return {
      same: v === '{"schema":"kiemtra/plan","x":"\uD800"}',
      copy: localStorage.getItem(`kiemtra:quarantine:${k}`),
    };
  }, key);
  assert.ok(after.same, 'the original is neither deleted nor replaced by a lossy copy');
  assert.match(after.copy, /\\ud800/, 'the set-aside copy escapes the lone surrogate');
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});

test('an edit still waiting for its pause is written when the page is hidden', async () => {
  const { page, context, watch } = await newPage(env);
  await page.goto(env.url + '/cai-dat');
  await page.waitForSelector('[data-testid="settings-unit-name"]');
  // Typed, then the tab is hidden at once (well inside the 400 ms pause the
  // save waits for): what localStorage holds right after the hide.
  const stored = await page.evaluate(async () => {
    const input = document.querySelector('[data-testid="settings-unit-name"]');
    input.value = 'Phòng Tư pháp huyện Phong Điền';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    const v = localStorage.getItem('kiemtra:settings');
    return v && JSON.parse(v).data.settings.unit_name;
  });
  assert.equal(stored, 'Phòng Tư pháp huyện Phong Điền');
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});

test("a report file the parser refuses is explained in Vietnamese (English in English mode), never in the parser's words", async () => {
  // A real exported file whose header period is a number: the hash of the
  // content still matches, so only the structure check can refuse it.
  const good = JSON.parse(await readFile(new URL('../fixtures/report/dinh_ky_ninh_kieu_2021.golden.json', import.meta.url), 'utf8'));
  const bad = Buffer.from(JSON.stringify({ ...good, period: 2024 }));
  const { page, context, watch } = await newPage(env);
  const verify = async () => {
    await page.goto(env.url + '/bao-cao/kiem-tra-tep');
    await page.waitForSelector('[data-testid="page-verify"]');
    await page.setInputFiles('[data-testid="verify-input"]', { name: 'bao-cao.json', mimeType: 'application/json', buffer: bad });
    await page.waitForSelector('[data-testid="verify-invalid"]');
    return page.textContent('[data-testid="verify-invalid"]');
  };
  const vi = await verify();
  assert.match(vi, /không đúng cấu trúc của báo cáo/);
  assert.doesNotMatch(vi, /invalid type|expected|ReportPeriod|integer/);
  await page.evaluate(() => localStorage.setItem('kiemtra:ui:lang', '"en"'));
  const en = await verify();
  assert.match(en, /does not have the structure of a report/);
  assert.doesNotMatch(en, /invalid type|expected struct|ReportPeriod/);
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});
