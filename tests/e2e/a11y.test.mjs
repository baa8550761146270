// Accessibility: axe-core finds no serious or critical violation on any
// area, in both languages; every area is usable from the keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { start, newPage, appReady } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const PATHS = ['/', '/ke-hoach', '/kiem-tra', '/bao-cao', '/bao-cao/kiem-tra-tep', '/tong-hop',
  '/cai-dat', '/cai-dat/khoi-phuc', '/cai-dat/mau-phieu', '/khong-co'];

/** Runs axe in the page (through the driver, so the page's CSP does not apply). */
async function serious(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
  return result;
}

for (const lang of ['vi', 'en']) {
  test(`axe finds nothing serious on any area (${lang})`, async () => {
    const { page, context } = await newPage(env);
    await page.goto(env.url + '/');
    await appReady(page);
    if (lang === 'en') await page.selectOption('[data-testid="lang-select"]', 'en');
    const found = {};
    for (const path of PATHS) {
      await page.goto(env.url + path);
      await appReady(page);
      await page.waitForTimeout(100);
      const v = await serious(page);
      if (v.length) found[path] = v;
    }
    assert.deepEqual(found, {});
    await context.close();
  });
}

test('the navigation is reachable from the keyboard, with a skip link first', async () => {
  const { page, context } = await newPage(env);
  await page.goto(env.url + '/');
  await appReady(page);
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement.className);
  assert.match(first, /skip-link/);
  // Tab to the "Kế hoạch" link and open it with Enter.
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => document.activeElement.textContent);
    if (text === 'Kế hoạch') break;
  }
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/ke-hoach$/);
  await context.close();
});

test('axe finds nothing serious on a reporting round with files, totals and a letter', async () => {
  const { page, context } = await newPage(env);
  await page.goto(env.url + '/tong-hop');
  await appReady(page);
  await page.click('[data-testid="round-demo"]');
  await page.waitForSelector('[data-testid="round-receive"]');
  // The golden periodic report (Ninh Kiều, 2021, TT 16/2018) is one of the demo's units.
  const golden = await readFile(new URL('../fixtures/report/dinh_ky_ninh_kieu_2021.golden.json', import.meta.url));
  await page.setInputFiles('[data-testid="receive-input"]', [
    { name: 'ninh-kieu.json', mimeType: 'application/json', buffer: golden },
    { name: 'not-json.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải JSON') },
  ]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="receive-log"] li').length === 2);
  await page.click('[data-testid="choose-needing"]');
  await page.click('[data-testid="letter-make"]');
  await page.waitForSelector('[data-testid="letter"]');
  for (const lang of ['vi', 'en']) {
    if (lang === 'en') await page.selectOption('[data-testid="lang-select"]', 'en');
    await page.waitForTimeout(100);
    assert.deepEqual(await serious(page), [], lang);
  }
  await context.close();
});
