// Where the time goes: records a Chromium trace (devtools.timeline) of the
// benchmark's slow paths with M stored and prints, per scenario, the self
// time of the renderer main thread by trace event (script in wasm/JS,
// style, layout, paint, GC, parsing…). A diagnostic beside bench/run.mjs,
// not a figure of the benchmark. Needs what run.mjs needs.
// Usage: node bench/profile.mjs [--dist DIR] [--only cold,answer,typing,start,export]
import { chromium } from 'playwright-core';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/static-server.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';
import { newContext, seed, installServiceWorker, instrumentedPage, clickCentre, breakdown } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const exists = (p) => stat(p).then(() => true, () => false);
const DIST = opt('dist', (await exists(join(root, 'dist-bench'))) ? join(root, 'dist-bench') : join(root, 'dist'));
const ONLY = opt('only', '').split(',').filter(Boolean);
const want = (s) => ONLY.length === 0 || ONLY.includes(s);

const meta = JSON.parse(await readFile(join(here, 'out', 'workspace-M.meta.json'), 'utf8'));
const dump = JSON.parse(await readFile(join(here, 'out', 'workspace-M.json'), 'utf8'));
const CHECK_URL = `/kiem-tra/${meta.checklist_inspection}`;
const last = meta.item_codes[meta.item_codes.length - 1];
const readySel = `[data-testid="item-${last}"] input[data-testid="status-dat"]`;

const CATEGORIES = ['devtools.timeline', 'v8', 'v8.execute', 'blink', 'loading', 'disabled-by-default-devtools.timeline'];

function print(name, wall, b) {
  console.log(`\n${name}: ${wall.toFixed(0)} ms wall, main thread busy ${b.busy.toFixed(0)} ms; self time by trace event:`);
  for (const [n, ms] of b.self.slice(0, 12)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${n}`);
}

const app = await serve(DIST, 0);
const browser = await chromium.launch({ executablePath: process.env.CHROME_BIN || '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const ctx = await newContext(browser);
  await seed(ctx, app.url, dump);
  await installServiceWorker(ctx, app.url);
  const traced = async (page, name, fn) => {
    await browser.startTracing(page, { categories: CATEGORIES });
    const t0 = Date.now();
    await fn();
    const wall = Date.now() - t0;
    const buf = await browser.stopTracing();
    print(name, wall, breakdown(buf.toString()));
  };

  if (want('cold')) {
    const page = await instrumentedPage(ctx, readySel);
    await page.goto(`${app.url}${CHECK_URL}`);
    await page.evaluate(() => window.__bench.ready);
    await traced(page, 'cold open of the 500-item checklist', async () => {
      await page.goto(`${app.url}${CHECK_URL}`);
      await page.evaluate(() => window.__bench.ready);
    });
    await page.close();
  }
  if (want('start')) {
    const page = await instrumentedPage(ctx, '[data-testid="page-overview"]');
    await page.goto(`${app.url}/`);
    await page.evaluate(() => window.__bench.ready);
    await traced(page, 'start (overview) with M', async () => {
      await page.goto(`${app.url}/`);
      await page.evaluate(() => window.__bench.ready);
    });
    await page.close();
  }
  if (want('answer') || want('typing')) {
    const page = await instrumentedPage(ctx);
    await page.goto(`${app.url}${CHECK_URL}`);
    await page.waitForSelector(readySel, { timeout: 60000 });
    if (want('answer')) {
      for (const [i, code] of [[0, meta.item_codes[400]], [1, meta.item_codes[401]]]) {
        const row = `[data-testid="item-${code}"]`;
        await page.locator(row).scrollIntoViewIfNeeded();
        await page.evaluate(({ key, text, row }) => {
          const B = window.__bench;
          B.writes = []; B.watchKey = key; B.watchText = text;
          B.painted = B.waitFor(() => document.querySelector(row).className.includes('item-row--dat'));
        }, { key: meta.checklist_key, text: `"${meta.group}#0/${code}":{"status":"dat"`, row });
        const go = async () => {
          await clickCentre(page, `${row} input[data-testid="status-dat"]`);
          await page.evaluate(() => window.__bench.painted);
        };
        if (i === 0) await go(); else await traced(page, 'answer: click to painted', go);
      }
    }
    if (want('typing')) {
      await clickCentre(page, `[data-testid="item-${meta.item_codes[450]}"] textarea[data-testid="note"]`);
      await traced(page, 'typing 20 Vietnamese characters', async () => {
        await page.keyboard.type('Đơn vị chưa cập nhật', { delay: 80 });
        await page.waitForTimeout(100);
      });
    }
    await page.close();
  }
  if (want('export')) {
    const page = await instrumentedPage(ctx);
    await page.goto(`${app.url}/bao-cao`);
    const item = page.locator('[data-testid="plan-exports"] > li', { hasText: meta.export_plan_title });
    await item.locator('[data-testid="plan-export-open"]').click();
    const texts = item.locator('[data-testid="plan-export-form"] input[type="text"]');
    await texts.nth(0).fill('Sở Tư pháp thành phố Cần Thơ');
    await texts.nth(2).fill('318/BC-STP');
    await traced(page, `export: inspection report of ${meta.export_plan_inspections} inspections`, async () => {
      await clickCentre(page, `[data-testid="plan-exports"] > li:has-text("${meta.export_plan_title}") [data-testid="export-inspection"]`);
      await page.waitForFunction(() => window.__bench.objectUrls.length > 0, null, { timeout: 120000 });
    });
    await page.close();
  }
  await ctx.close();
} finally {
  await browser.close();
  await new Promise((ok) => app.server.close(ok));
}
