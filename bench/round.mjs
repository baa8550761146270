// Receiving 1,000 report files in a reporting round (issue #11): a round
// with 1,000 expected units (bench data, not legal content), the 1,000
// files chosen at once in the file picker, timed in the page from the
// picker's change event to the first frame whose count line says that all
// 1,000 units reported and whose totals table is there; beside it,
// JSON.parse of the same 1,000 files in the same page. After one warm-up,
// RUNS runs, each in a new browser profile. Reported, never enforced.
// With --profile, one more run records a V8 CPU profile (CDP Profiler) of
// the receive and prints the self time by function: wasm functions, the
// DOM bindings they call, and "(program)" (Blink's own work: style,
// layout, paint) and "(garbage collector)"; and a Chromium trace of the
// same run, by trace event (style, layout, paint, script).
// --signed: every file signed (test key, tests/e2e/sign-files.mjs), so the
// figure includes checking 1,000 signatures.
// Usage: node bench/round.mjs [--dist DIR] [--runs N] [--files N] [--profile] [--signed]
import { chromium } from 'playwright-core';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/static-server.mjs';
import { CHROMIUM_ARGS, appReady } from '../tests/e2e/harness.mjs';
import { reportFile } from '../tests/e2e/report-files.mjs';
import { signText, testKey } from '../tests/e2e/sign-files.mjs';
import { stats, breakdown } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const DIST = opt('dist', join(here, '..', 'dist-bench'));
const RUNS = Math.max(1, Number(opt('runs', '3')));
const N = Math.max(1, Number(opt('files', '1000')));

const units = Array.from({ length: N }, (_, i) => `Đơn vị đo hiệu năng số ${i + 1}`);
const SIGNED = args.includes('--signed');
const key = SIGNED ? testKey('unit_a') : null;
const fileText = (u, i) => (SIGNED ? signText(reportFile(u, i + 1).text, key) : reportFile(u, i + 1).text);
const files = units.map((u, i) => ({ name: `bao-cao-${i + 1}.json`, mimeType: 'application/json', buffer: Buffer.from(fileText(u, i)) }));
const totalBytes = files.reduce((s, f) => s + f.buffer.length, 0);

const app = await serve(DIST, 0);
const browser = await chromium.launch({ executablePath: process.env.CHROME_BIN || '/usr/bin/chromium', args: CHROMIUM_ARGS });

const PROFILE = args.includes('--profile');

/** Self time (ms) by function of a V8 CPU profile, largest first. */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    const f = n.callFrame;
    const name = `${f.functionName || '(anonymous)'}${f.url ? ' ' + f.url.split('/').pop() + ':' + f.lineNumber : ''}`;
    self.set(name, (self.get(name) || 0) + (dt[i] || 0) / 1000);
  }
  return [...self].sort((a, b) => b[1] - a[1]);
}

async function once(profile = false) {
  const context = await browser.newContext({ locale: 'vi-VN' });
  const page = await context.newPage();
  await page.goto(app.url + '/tong-hop');
  await appReady(page);
  await page.fill('[data-testid="round-title"]', 'Đo hiệu năng: nhận 1.000 tệp');
  await page.selectOption('[data-testid="round-regime"]', 'tt_16_2018');
  await page.selectOption('[data-testid="round-kind"]', 'dinh_ky_nam');
  await page.fill('[data-testid="round-year"]', '2021');
  await page.fill('[data-testid="round-due"]', '2021-12-17');
  await page.click('[data-testid="round-create"]');
  await page.waitForSelector('[data-testid="page-round"] [data-testid="round-units"]');
  await page.fill('[data-testid="units-paste"]', units.join('\n'));
  await page.click('[data-testid="units-add"]');
  await page.waitForSelector('[data-testid="units-message"].ok-text');
  await page.fill('[data-testid="receive-date"]', '2021-12-15');
  // The change event's time, caught before the app's own handler runs.
  await page.evaluate(() => {
    window.__changeAt = null;
    document.querySelector('[data-testid="receive-input"]')
      .addEventListener('change', (e) => { window.__changeAt = e.timeStamp; }, { capture: true, once: true });
  });
  const want = `${N}/${N} đơn vị đã nộp`;
  const done = page.evaluate((w) => new Promise((res, rej) => {
    const t0 = performance.now();
    const tick = () => {
      const line = document.querySelector('[data-testid="count-line"]')?.textContent ?? '';
      if (line.trim().startsWith(w) && document.querySelector('[data-testid="totals-table"]')) {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => res(performance.now());
        ch.port2.postMessage(0);
      } else if (performance.now() - t0 > 300000) rej(new Error(`timeout: "${line}"`));
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }), want);
  let cdp = null;
  if (profile) {
    cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await browser.startTracing(page, { categories: ['devtools.timeline', 'blink', 'v8'] });
  }
  await page.setInputFiles('[data-testid="receive-input"]', files);
  const end = await done;
  if (cdp) {
    const trace = breakdown((await browser.stopTracing()).toString());
    console.error(`  trace: main thread busy ${trace.busy.toFixed(0)} ms; self time by trace event:`);
    for (const [n, ms] of trace.self.slice(0, 14)) console.error(`    ${ms.toFixed(0).padStart(6)} ms  ${n}`);
    const { profile: p } = await cdp.send('Profiler.stop');
    const rows = selfTimes(p);
    const total = rows.reduce((s, [, ms]) => s + ms, 0);
    console.error(`  profile: ${total.toFixed(0)} ms sampled; self time by function:`);
    for (const [name, ms] of rows.slice(0, 30)) console.error(`    ${ms.toFixed(0).padStart(6)} ms  ${name}`);
  }
  const start = await page.evaluate(() => window.__changeAt);
  // The floor: JSON.parse of the same files' text in the same page.
  const parse = await page.evaluate((texts) => {
    const t0 = performance.now();
    for (const t of texts) JSON.parse(t);
    return performance.now() - t0;
  }, files.map((f) => f.buffer.toString('utf8')));
  // What reached storage: the round's record and the save indicator, once
  // the autosave had its chance (a round this size may not fit).
  await page.waitForTimeout(3000);
  const stored = await page.evaluate(() => {
    const keys = Object.keys(localStorage).filter((k) => k.startsWith('kiemtra:round:'));
    return { keys: keys.length, chars: keys.reduce((s, k) => s + localStorage.getItem(k).length, 0) };
  });
  const saved = (await page.textContent('[data-testid="save-indicator"]'))?.trim();
  await context.close();
  if (stored.keys !== 1) throw new Error(`expected one stored round, found ${stored.keys}`);
  return { ms: end - start, parse, stored_chars: stored.chars, saved };
}

if (PROFILE) {
  await once();
  const x = await once(true);
  console.error(`  profiled run: ${x.ms.toFixed(0)} ms`);
  await browser.close();
  await new Promise((ok) => app.server.close(ok));
  process.exit(0);
}
console.error(`round: ${N} files (${(totalBytes / 1048576).toFixed(1)} MB), ${RUNS} runs after one warm-up, ${DIST}`);
await once();
const runs = [];
for (let r = 0; r < RUNS; r++) {
  const x = await once();
  runs.push(x);
  console.error(`  run ${r + 1}: ${x.ms.toFixed(0)} ms (JSON.parse ${x.parse.toFixed(1)} ms); stored round ${x.stored_chars} characters; save indicator "${x.saved}"`);
}
const out = { files: N, bytes: totalBytes, receive_ms: stats(runs.map((x) => x.ms)), json_parse_ms: stats(runs.map((x) => x.parse)), stored_chars: runs.at(-1).stored_chars, saved: runs.at(-1).saved };
await mkdir(join(here, 'out'), { recursive: true });
await writeFile(join(here, 'out', 'round.json'), JSON.stringify(out, null, 2));
console.log(`receive ${N} files to totals shown: median ${out.receive_ms.median.toFixed(0)} ms (min ${out.receive_ms.min.toFixed(0)}, max ${out.receive_ms.max.toFixed(0)}); JSON.parse of the same files ${out.json_parse_ms.median.toFixed(1)} ms; stored round ${out.stored_chars} characters, save indicator "${out.saved}"`);
await browser.close();
await new Promise((ok) => app.server.close(ok));
