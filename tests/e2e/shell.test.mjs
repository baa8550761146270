// The app shell: language, navigation, deep links, no errors, no foreign requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage, appReady } from './harness.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const AREAS = [
  ['/', 'Tổng quan', 'page-overview'],
  ['/ke-hoach', 'Kế hoạch', 'page-plans'],
  ['/kiem-tra', 'Kiểm tra', 'page-inspections'],
  ['/bao-cao', 'Báo cáo', 'page-reports'],
  ['/tong-hop', 'Tổng hợp', 'page-consolidation'],
  ['/cai-dat', 'Cài đặt', 'page-settings'],
];

test('first screen is in Vietnamese on an English-language browser', async () => {
  const { page, context, watch } = await newPage(env);
  await page.goto(env.url + '/');
  await appReady(page);
  assert.equal(await page.evaluate(() => navigator.language), 'en-US');
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  const nav = await page.textContent('[data-testid="main-nav"]');
  for (const [, label] of AREAS) assert.ok(nav.includes(label), `nav has ${label}`);
  assert.deepEqual(watch.consoleErrors, []);
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});

test('every navigation entry opens its page, and each URL reloads in place', async () => {
  const { page, context, watch } = await newPage(env);
  await page.goto(env.url + '/');
  await appReady(page);
  for (const [path, label, testid] of AREAS) {
    await page.getByRole('navigation').getByRole('link', { name: label, exact: true }).click();
    await page.waitForSelector(`[data-testid="${testid}"]`);
    assert.equal(new URL(page.url()).pathname, path);
    const current = await page.getAttribute('[aria-current="page"]', 'href');
    assert.equal(current, path);
    await page.reload();
    await page.waitForSelector(`[data-testid="${testid}"]`);
  }
  assert.deepEqual(watch.consoleErrors, []);
  assert.deepEqual(watch.pageErrors, []);
  assert.deepEqual(watch.foreignRequests, []);
  await context.close();
});

test('a deep link typed into the address bar opens its page', async () => {
  const { page, context } = await newPage(env);
  await page.goto(env.url + '/bao-cao');
  await page.waitForSelector('[data-testid="page-reports"]');
  await context.close();
});

test('an unknown address shows the not-found page in Vietnamese', async () => {
  const { page, context, watch } = await newPage(env);
  await page.goto(env.url + '/khong-co-trang-nay');
  await page.waitForSelector('[data-testid="page-not-found"]');
  assert.match(await page.textContent('h1'), /Không tìm thấy trang/);
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});

test('switching to English works and survives a reload; switching back restores Vietnamese', async () => {
  const { page, context, watch } = await newPage(env);
  await page.goto(env.url + '/cai-dat');
  await appReady(page);
  await page.selectOption('[data-testid="lang-select"]', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.ok((await page.textContent('[data-testid="main-nav"]')).includes('Settings'));
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.ok((await page.textContent('[data-testid="main-nav"]')).includes('Inspections'));
  assert.equal(await page.inputValue('[data-testid="lang-select"]'), 'en');
  await page.selectOption('[data-testid="lang-select"]', 'vi');
  await page.waitForFunction(() => document.documentElement.lang === 'vi');
  // The texts follow the switch at once, without a reload (ui::i18n::text).
  assert.ok((await page.textContent('[data-testid="main-nav"]')).includes('Cài đặt'));
  await page.reload();
  await appReady(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  assert.ok((await page.textContent('[data-testid="main-nav"]')).includes('Cài đặt'));
  assert.deepEqual(watch.consoleErrors, []);
  await context.close();
});

test('the page carries a strict Content-Security-Policy and no inline script', async () => {
  const { page, context } = await newPage(env);
  await page.goto(env.url + '/');
  await appReady(page);
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline|'unsafe-eval'/);
  // Leptos leaves an empty `<script><!----></script>` marker; nothing with code may be inline.
  const inline = await page.evaluate(() =>
    [...document.scripts].filter((s) => !s.src && s.textContent.replace('<!---->', '').trim() !== '').length);
  assert.equal(inline, 0);
  // Walk every area: the browser must report no CSP violation anywhere.
  for (const path of ['/ke-hoach', '/kiem-tra', '/bao-cao', '/tong-hop', '/cai-dat']) {
    await page.goto(env.url + path);
    await appReady(page);
  }
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await context.close();
});
