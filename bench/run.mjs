// The benchmark of what users feel (issue #8). Serves the release build and
// the floor page with scripts/static-server.mjs, drives Debian's headless
// Chromium through playwright-core, and for every figure does one warm-up
// then RUNS measured runs (min / median / max). Prints a table and writes
// bench/out/results.json. Targets are reported, never enforced.
//
// Needs: the release build (dist-bench, or --dist), the workspaces and the
// floor page (bench/run.sh makes all three).
// Usage: node bench/run.mjs [--dist DIR] [--runs N] [--only a,b,...]
//   series: bundle floor cold open answer typing start export memory
import { chromium } from 'playwright-core';
import { readFile, writeFile, stat } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/static-server.mjs';
import { bundleSize } from '../scripts/bundle-size.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';
import { decodeStored } from '../tests/e2e/stored.mjs';
import {
  median, pct, stats, newContext, seed, installServiceWorker, instrumentedPage, clickCentre, cdpHeap,
} from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const out = join(here, 'out');

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const exists = (p) => stat(p).then(() => true, () => false);
const DIST = opt('dist', (await exists(join(root, 'dist-bench'))) ? join(root, 'dist-bench') : join(root, 'dist'));
const RUNS = Math.max(5, Number(opt('runs', '5')));
const ONLY = opt('only', '').split(',').filter(Boolean);
const want = (s) => ONLY.length === 0 || ONLY.includes(s);

// 100 Vietnamese characters (NFC) typed into a note.
const VI_TEXT = 'Đơn vị chưa cập nhật sổ theo dõi, thiếu chữ ký ở biên bản; đề nghị bổ sung hồ sơ trước ngày 30/6 nhé';
if ([...VI_TEXT].length !== 100) throw new Error(`VI_TEXT has ${[...VI_TEXT].length} characters, not 100`);

// ---------------------------------------------------------------- helpers


/** Runs `fn(i)` once as a warm-up and RUNS times measured; returns the measured values. */
async function series(name, fn) {
  process.stderr.write(`  ${name}: warm-up`);
  await fn(-1);
  const values = [];
  for (let i = 0; i < RUNS; i++) {
    values.push(await fn(i));
    process.stderr.write(` ${fmtVal(values[i])}`);
  }
  process.stderr.write('\n');
  return values;
}
// Per run: p50 / p95 / max of the keystrokes, to handled and to next frame.
const typingStats = (lat) => {
  const h = lat.map((x) => x.handled);
  const f = lat.map((x) => x.frame);
  return { n: lat.length, handled_p50: pct(h, 50), handled_p95: pct(h, 95), frame_p50: pct(f, 50), frame_p95: pct(f, 95), frame_max: Math.max(...f) };
};
const typingSummary = (runs) => Object.fromEntries(
  ['handled_p50', 'handled_p95', 'frame_p50', 'frame_p95', 'frame_max'].map((k) => [`${k}_ms`, stats(runs.map((r) => r[k]))]),
);
const fmtVal = (v) => (typeof v === 'number' ? v.toFixed(1) : JSON.stringify(v));

// ---------------------------------------------------------------- main

const meta = {};
const dumps = {};
for (const size of ['S', 'M', 'L']) {
  meta[size] = JSON.parse(await readFile(join(out, `workspace-${size}.meta.json`), 'utf8'));
  dumps[size] = JSON.parse(await readFile(join(out, `workspace-${size}.json`), 'utf8'));
}
const M = meta.M;
const CHECK_URL = `/kiem-tra/${M.checklist_inspection}`;
const lastItem = M.item_codes[M.item_codes.length - 1];
const appReadySel = `[data-testid="item-${lastItem}"] input[data-testid="status-dat"]`;
const floorReadySel = `input[name="${lastItem}"][value="dat"]`;

const app = await serve(DIST, 0);
const floor = await serve(join(out, 'floor'), 0);
const browser = await chromium.launch({
  executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
const version = browser.version();
console.error(`benchmark: ${DIST}, Chromium ${version}, ${RUNS} runs after one warm-up`);

const R = {
  chromium: version, dist: DIST, runs: RUNS, date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, load_average_before: loadavg() },
  workspaces: {}, results: {},
};
for (const s of ['S', 'M', 'L']) {
  const { size, plans, inspections, answers, keys, utf16_units } = meta[s];
  R.workspaces[s] = { size, plans, inspections, answers, keys, utf16_units };
}

let floorRes = null;
R.errors = [];
/** Runs one part; a failure is recorded and the benchmark goes on. */
async function guarded(name, fn) {
  try {
    await fn();
  } catch (e) {
    console.error(`  ${name} FAILED: ${String(e.message || e).split('\n')[0]}`);
    R.errors.push({ part: name, error: String(e.message || e) });
  }
}
try {
  // ---- bundle
  if (want('bundle')) {
    const { files, total } = await bundleSize(DIST);
    R.results.bundle = {
      br_bytes: total.br, gzip_bytes: total.gzip, raw_bytes: total.raw,
      files: files.map(({ file, br, gzip, raw }) => ({ file, br, gzip, raw })),
    };
  }

  // ---- floor page
  if (want('floor') || want('cold') || want('answer') || want('typing')) {
    console.error('floor page');
    const ctx = await newContext(browser);
    const page = await instrumentedPage(ctx, floorReadySel);
    let floorNodes = 0;
    const nav = await series('navigation to interactive', async () => {
      await page.goto(`${floor.url}/`);
      const ready = await page.evaluate(() => window.__bench.ready);
      floorNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
      return ready;
    });
    const click = await series('click to change', async (i) => {
      const code = M.item_codes[20 + 3 * (i + 1)];
      const before = await page.evaluate(() => window.__floor.changedAt);
      await clickCentre(page, `input[name="${code}"][value="khong_dat"]`);
      await page.waitForFunction((b) => window.__floor.changedAt > b, before);
      return page.evaluate(() => window.__floor.changedAt - window.__bench.lastDown);
    });
    // A key that answers on keydown, like the app's "1": the arrow key
    // moves the choice of a focused radio group (Space would act on keyup).
    const key = await series('key press to change', async (i) => {
      const code = M.item_codes[60 + 3 * (i + 1)];
      await page.locator(`input[name="${code}"][value="dat"]`).focus();
      const before = await page.evaluate(() => window.__floor.changedAt);
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((b) => window.__floor.changedAt > b, before);
      return page.evaluate(() => window.__floor.changedAt - window.__bench.lastKey);
    });
    const typing = await series('typing (p95 per run)', async (i) => {
      const code = M.item_codes[100 + (i + 1)];
      await clickCentre(page, `textarea[name="note-${code}"]`);
      await page.evaluate(() => { window.__bench.typing = []; window.__bench.recordTyping = true; });
      await page.keyboard.type(VI_TEXT, { delay: 80 });
      await page.waitForTimeout(200);
      const lat = await page.evaluate(() => { window.__bench.recordTyping = false; return window.__bench.typing; });
      return typingStats(lat);
    });
    floorRes = {
      nav_to_interactive_ms: stats(nav),
      dom_elements: floorNodes,
      click_to_change_ms: stats(click),
      key_to_change_ms: stats(key),
      typing: typingSummary(typing),
    };
    R.results.floor = floorRes;
    await ctx.close();
  }

  // ---- the app with M stored and served by its service worker
  const needM = ['cold', 'open', 'answer', 'typing'].some(want);
  if (needM) {
    console.error('app with M stored');
    const ctx = await newContext(browser);
    const n = await seed(ctx, app.url, dumps.M);
    const controlled = await installServiceWorker(ctx, app.url);
    console.error(`  seeded ${n} keys; service worker controls the page: ${controlled}`);

    if (want('cold')) await guarded('cold open', async () => {
      const page = await instrumentedPage(ctx, appReadySel);
      const parts = [];
      const cold = await series('cold open (navigation to interactive)', async (i) => {
        await page.goto(`${app.url}${CHECK_URL}`);
        const ready = await page.evaluate(() => window.__bench.ready);
        const p = await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0];
          const wasm = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.wasm'));
          return {
            controlled: !!navigator.serviceWorker.controller,
            html_response_end: nav && nav.responseEnd,
            dom_content_loaded: nav && nav.domContentLoadedEventEnd,
            wasm_response_end: wasm && wasm.responseEnd,
            app_started: window.__bench.started,
            dom_elements: document.getElementsByTagName('*').length,
          };
        });
        if (i >= 0) parts.push({ ...p, ready });
        return ready;
      });
      R.results.cold_open = {
        ms: stats(cold),
        breakdown_median: Object.fromEntries(
          ['html_response_end', 'dom_content_loaded', 'wasm_response_end', 'app_started'].map((k) => [k, median(parts.map((x) => x[k] || 0))]),
        ),
        served_by_service_worker: parts.every((x) => x.controlled),
        dom_elements: parts[0].dom_elements,
      };
      await page.close();
    });

    if (want('open')) await guarded('open in app', async () => {
      const page = await instrumentedPage(ctx);
      const link = `a[href="${CHECK_URL}"]`;
      const openMs = await series('open in app (click to painted)', async () => {
        await page.goto(`${app.url}/kiem-tra`);
        await page.waitForSelector(link, { timeout: 60000 });
        await page.evaluate((sel) => { window.__bench.pending = window.__bench.waitFor(() => { const el = document.querySelector(sel); return el && !el.disabled; }); }, appReadySel);
        await clickCentre(page, link);
        return page.evaluate(async () => (await window.__bench.pending) - window.__bench.lastDown);
      });
      R.results.open_in_app = { ms: stats(openMs) };
      await page.close();
    });

    if (want('answer')) await guarded('answer', async () => {
      const page = await instrumentedPage(ctx);
      await page.goto(`${app.url}${CHECK_URL}`);
      await page.waitForSelector(appReadySel, { timeout: 60000 });
      let k = 0;
      const answerOnce = async (how) => {
        const code = M.item_codes[200 + k++];
        const row = `[data-testid="item-${code}"]`;
        // The answers record's dense form (version 2): `"<group>#0":{…,"<code>":"d",…}`.
        const text = `"${code}":"d"`;
        await page.evaluate(({ key, text, row }) => {
          const B = window.__bench;
          B.writes = []; B.watchKey = key; B.watchText = text;
          B.painted = B.waitFor(() => { const el = document.querySelector(row); return el && el.className.includes('item-row--dat'); });
        }, { key: M.checklist_key, text, row });
        if (how === 'click') {
          await clickCentre(page, `${row} input[data-testid="status-dat"]`);
        } else {
          await page.locator(row).first().scrollIntoViewIfNeeded();
          await page.locator(row).first().focus();
          await page.evaluate(() => window.__bench.afterFrame());
          await page.keyboard.press('1');
        }
        await page.waitForFunction(() => window.__bench.writes.length > 0, null, { timeout: 10000 });
        const r = await page.evaluate(async (how) => {
          const B = window.__bench;
          const start = how === 'click' ? B.lastDown : B.lastKey;
          const painted = await B.painted;
          return { painted: painted - start, stored: B.writes[0].at - start };
        }, how);
        await page.waitForTimeout(100);
        return r;
      };
      const clicks = await series('answer by click (painted, stored)', () => answerOnce('click'));
      const keys = await series('answer by key (painted, stored)', () => answerOnce('key'));
      R.results.answer = {
        click_to_painted_ms: stats(clicks.map((x) => x.painted)),
        click_to_stored_ms: stats(clicks.map((x) => x.stored)),
        key_to_painted_ms: stats(keys.map((x) => x.painted)),
        key_to_stored_ms: stats(keys.map((x) => x.stored)),
      };
      await page.close();
    });

    if (want('typing')) await guarded('typing', async () => {
      const page = await instrumentedPage(ctx);
      await page.goto(`${app.url}${CHECK_URL}`);
      await page.waitForSelector(appReadySel, { timeout: 60000 });
      const runs = await series('typing 100 Vietnamese characters (p50/p95 per run)', async (i) => {
        const code = M.item_codes[300 + (i + 1)];
        await clickCentre(page, `[data-testid="item-${code}"] textarea[data-testid="note"]`);
        await page.evaluate(() => { window.__bench.typing = []; window.__bench.recordTyping = true; });
        await page.keyboard.type(VI_TEXT, { delay: 80 });
        await page.waitForTimeout(300);
        const lat = await page.evaluate(() => { window.__bench.recordTyping = false; return window.__bench.typing; });
        const value = await page.locator(`[data-testid="item-${code}"] textarea[data-testid="note"]`).inputValue();
        if (value !== VI_TEXT) throw new Error(`typed text differs: ${value}`);
        return typingStats(lat);
      });
      R.results.typing = typingSummary(runs);
      await page.close();
    });
    await ctx.close();
  }

  // ---- start and memory for S, M, L
  if (want('start') || want('memory')) {
    R.results.start = {};
    R.results.memory = {};
    for (const size of ['S', 'M', 'L']) await guarded(`start ${size}`, async () => {
      console.error(`start with ${size} stored`);
      const ctx = await newContext(browser);
      const seeded = await seed(ctx, app.url, dumps[size]);
      if (seeded !== Object.keys(dumps[size]).length) throw new Error(`seeded ${seeded} keys of ${Object.keys(dumps[size]).length}`);
      await installServiceWorker(ctx, app.url);
      // The first screen: the overview page inside the app's chrome.
      const page = await instrumentedPage(ctx, '[data-testid="page-overview"]');
      const runs = await series(`start ${size} (ms, JSON.parse ms)`, async () => {
        await page.goto(`${app.url}/`);
        const ready = await page.evaluate(() => window.__bench.ready);
        await page.waitForSelector('[data-testid="page-overview"]', { timeout: 60000 });
        const read = await page.evaluate(() => {
          const t0 = performance.now();
          const raw = [];
          for (let i = 0; i < localStorage.length; i++) {
            const k = localStorage.key(i);
            if (k.startsWith('kiemtra:')) raw.push(localStorage.getItem(k));
          }
          return { read: performance.now() - t0, raw };
        });
        // The baseline stays `JSON.parse` of the stored JSON: compressed
        // values (src/storage/codec.rs) are decoded here, outside the timing.
        const json = read.raw.map(decodeStored);
        const base = await page.evaluate((texts) => {
          const repeat = window.__bench.repeat;
          const parse = repeat(() => { for (const r of texts) JSON.parse(r); });
          return { parse, n: texts.length };
        }, json);
        base.read = read.read;
        if (base.n < seeded) throw new Error(`only ${base.n} of ${seeded} stored keys are left`);
        const mem = await page.evaluate(() => (window.__bench.wasm && window.__bench.wasm.memory ? window.__bench.wasm.memory.buffer.byteLength : null));
        const heap = await cdpHeap(page);
        return { ready, ...base, wasm: mem, heap };
      });
      R.results.start[size] = {
        ms: stats(runs.map((x) => x.ready)),
        json_parse_ms: stats(runs.map((x) => x.parse)),
        get_item_ms: stats(runs.map((x) => x.read)),
        ratio_median: median(runs.map((x) => x.ready / x.parse)),
      };
      R.results.memory[size] = {
        js_heap_bytes: stats(runs.map((x) => x.heap)),
        wasm_memory_bytes: stats(runs.map((x) => x.wasm)),
        total_bytes: stats(runs.map((x) => x.heap + x.wasm)),
      };
      await ctx.close();
    });
  }

  // ---- export
  if (want('export')) await guarded('export', async () => {
    const { measureExport } = await import('./export.mjs');
    console.error('export with M stored');
    const ctx = await newContext(browser);
    await seed(ctx, app.url, dumps.M);
    await installServiceWorker(ctx, app.url);
    R.results.export = await measureExport({ ctx, url: app.url, meta: M, series, stats, instrumentedPage, clickCentre });
    await ctx.close();
  });
} finally {
  await browser.close();
  await new Promise((ok) => app.server.close(ok));
  await new Promise((ok) => floor.server.close(ok));
}

// ---------------------------------------------------------------- report

const f = floorRes;
const ratio = (a, b) => (a && b ? a / b : null);
const rows = [];
const row = (figure, s, unit, extra = {}) => rows.push({ figure, min: s?.min, median: s?.median, max: s?.max, unit, ...extra });
const res = R.results;
const targets = [];
const target = (name, value, limit, how) => targets.push({ name, value, limit, met: value !== null && value !== undefined && value <= limit, how });

if (res.bundle) {
  rows.push({ figure: 'bundle (Brotli, first visit)', median: res.bundle.br_bytes / 1024, unit: 'KB' });
  rows.push({ figure: 'bundle (gzip, first visit)', median: res.bundle.gzip_bytes / 1024, unit: 'KB' });
  target('bundle ≤ 250 KB gzip', res.bundle.gzip_bytes / 1024, 250, 'KB (1024 B)');
}
if (f) {
  row('floor: navigation to interactive', f.nav_to_interactive_ms, 'ms');
  row('floor: click to change', f.click_to_change_ms, 'ms');
  row('floor: key press to change', f.key_to_change_ms, 'ms');
  row('floor: typing p50, keystroke to handled', f.typing.handled_p50_ms, 'ms');
  row('floor: typing p95, keystroke to handled', f.typing.handled_p95_ms, 'ms');
  row('floor: typing p50, keystroke to next frame', f.typing.frame_p50_ms, 'ms');
  row('floor: typing p95, keystroke to next frame', f.typing.frame_p95_ms, 'ms');
}
if (res.cold_open) {
  const r = ratio(res.cold_open.ms.median, f?.nav_to_interactive_ms.median);
  const b = res.cold_open.breakdown_median;
  row('cold open, 500 items, M, service worker', res.cold_open.ms, 'ms', {
    ratio: r, ratio_to: 'floor navigation to interactive',
    detail: `median: wasm loaded ${b.wasm_response_end.toFixed(0)}, app mounted ${b.app_started.toFixed(0)}; ${res.cold_open.dom_elements} elements (floor ${f?.dom_elements})`,
  });
  target('cold open ≤ 1.5× floor (Enketo 2.7×)', r, 1.5, '× floor');
}
if (res.open_in_app) row('open in app: click to 500 items painted', res.open_in_app.ms, 'ms');
if (res.answer) {
  const a = res.answer;
  row('answer: click to painted', a.click_to_painted_ms, 'ms', { ratio: ratio(a.click_to_painted_ms.median, f?.click_to_change_ms.median), ratio_to: 'floor click to change' });
  const r = ratio(a.click_to_stored_ms.median, f?.click_to_change_ms.median);
  row('answer: click to localStorage', a.click_to_stored_ms, 'ms', { ratio: r, ratio_to: 'floor click to change' });
  row('answer: key "1" to painted', a.key_to_painted_ms, 'ms', { ratio: ratio(a.key_to_painted_ms.median, f?.key_to_change_ms.median), ratio_to: 'floor key to change' });
  row('answer: key "1" to localStorage', a.key_to_stored_ms, 'ms', { ratio: ratio(a.key_to_stored_ms.median, f?.key_to_change_ms.median), ratio_to: 'floor key to change' });
  target('answer (click to stored) ≤ 2× floor click-to-change (Enketo ~10×)', r, 2, '× floor');
}
if (res.typing) {
  const t = res.typing;
  for (const [k, label] of [['handled_p50', 'p50, keystroke to handled'], ['handled_p95', 'p95, keystroke to handled'], ['frame_p50', 'p50, keystroke to next frame'], ['frame_p95', 'p95, keystroke to next frame']]) {
    row(`typing ${label}, M`, t[`${k}_ms`], 'ms', { ratio: ratio(t[`${k}_ms`].median, f?.typing[`${k}_ms`].median), ratio_to: `floor` });
  }
  target('typing p95 ≤ 16 ms (keystroke to handled)', t.handled_p95_ms.median, 16, 'ms');
  target('typing p95 ≤ 16 ms (keystroke to next frame)', t.frame_p95_ms.median, 16, 'ms');
}
for (const size of ['S', 'M', 'L']) {
  const s = res.start?.[size];
  if (!s) continue;
  row(`start ${size}: navigation to first screen`, s.ms, 'ms', { ratio: ratio(s.ms.median, s.json_parse_ms.median), ratio_to: 'JSON.parse of the stored values' });
  row(`start ${size}: JSON.parse baseline`, s.json_parse_ms, 'ms');
  if (size === 'M') target('start ≤ 3× JSON.parse (M)', ratio(s.ms.median, s.json_parse_ms.median), 3, '× JSON.parse');
}
if (res.export) {
  for (const [name, e] of Object.entries(res.export)) {
    if (!e.ms) continue;
    const r = ratio(e.ms.median, e.stringify_ms.median);
    row(`export: ${name}`, e.ms, 'ms', { ratio: r, ratio_to: 'JSON.stringify of the same data' });
    row(`export: ${name}, JSON.stringify baseline`, e.stringify_ms, 'ms');
    target(`export ${name} ≤ 3× JSON.stringify`, r, 3, '× JSON.stringify');
  }
}
for (const size of ['S', 'M', 'L']) {
  const m = res.memory?.[size];
  if (!m) continue;
  const mb = (s) => ({ min: s.min / 1048576, median: s.median / 1048576, max: s.max / 1048576 });
  row(`memory ${size}: JS heap + wasm`, mb(m.total_bytes), 'MB', { detail: `JS ${(m.js_heap_bytes.median / 1048576).toFixed(1)} + wasm ${(m.wasm_memory_bytes.median / 1048576).toFixed(1)}` });
  if (size === 'M') target('memory ≤ 64 MB with M', m.total_bytes.median / 1048576, 64, 'MB');
}
R.machine.load_average_after = loadavg();
R.table = rows;
R.targets = targets;
await writeFile(join(out, 'results.json'), JSON.stringify(R, null, 2) + '\n');

const n = (v) => (v === undefined || v === null ? '' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
console.log(`\nKiểmTra benchmark — Chromium ${version}, ${RUNS} runs after a warm-up (min / median / max)`);
console.log(`  ${R.machine.cpus} × ${R.machine.model}; load average before ${R.machine.load_average_before.map((x) => x.toFixed(1)).join(' ')}, after ${R.machine.load_average_after.map((x) => x.toFixed(1)).join(' ')}`);
for (const s of ['S', 'M', 'L']) {
  const w = R.workspaces[s];
  console.log(`  workspace ${s}: ${w.plans} plans, ${w.inspections} inspections, ${w.answers} answers, ${w.utf16_units} UTF-16 units stored`);
}
console.log('');
console.log(`| figure | min | median | max | unit | ratio (median) |`);
console.log(`|---|---:|---:|---:|---|---|`);
for (const r of rows) {
  const rr = [r.ratio ? `${r.ratio.toFixed(1)}× ${r.ratio_to}` : '', r.detail || ''].filter(Boolean).join('; ');
  console.log(`| ${r.figure} | ${n(r.min)} | ${n(r.median)} | ${n(r.max)} | ${r.unit} | ${rr} |`);
}
console.log('\nTargets (reported, not enforced):');
for (const t of targets) {
  console.log(`  ${t.met ? 'met   ' : 'MISSED'} ${t.name}: ${t.value === null ? 'n/a' : t.value.toFixed(2)} ${t.how}`);
}
for (const e of R.errors) console.log(`FAILED ${e.part}: ${e.error.split('\n')[0]}`);
console.log(`\nwritten: ${join(out, 'results.json')}`);
