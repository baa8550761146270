// What a first visit and an update move over the wire (issue #17), counted at
// the server (scripts/static-server.mjs records every answer's body bytes):
// - first visit: a new browser profile opens the app and waits until the
//   service worker has precached the whole build (page + service worker);
// - update: the next build is published at the same address (the wasm
//   changed, as with any change of the Rust code; tests/e2e/next-build.mjs)
//   and the installed app checks for it, until the new version waits.
// Also the static figure of scripts/bundle-size.mjs. Prints a table and
// writes bench/out/delivery.json. Reported, not enforced.
// Usage: node bench/delivery.mjs [--dist DIR]
import { chromium } from 'playwright-core';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/static-server.mjs';
import { bundleSize } from '../scripts/bundle-size.mjs';
import { CHROMIUM_ARGS, appReady } from '../tests/e2e/harness.mjs';
import { nextBuild } from '../tests/e2e/next-build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const i = args.indexOf('--dist');
const DIST = i >= 0 ? args[i + 1] : join(here, '..', 'dist-bench');

/** Sums the server's answers: total and per path (bytes, encodings, count). */
function tally(transfers) {
  const byPath = new Map();
  for (const t of transfers) {
    const e = byPath.get(t.path) ?? { path: t.path, bytes: 0, answers: 0, encodings: new Set() };
    e.bytes += t.bytes; e.answers += 1; e.encodings.add(t.encoding);
    byPath.set(t.path, e);
  }
  const paths = [...byPath.values()]
    .map((e) => ({ ...e, encodings: [...e.encodings].join(',') }))
    .sort((a, b) => b.bytes - a.bytes);
  return { bytes: transfers.reduce((s, t) => s + t.bytes, 0), requests: transfers.length, paths };
}

const app = await serve(DIST, 0);
const browser = await chromium.launch({ executablePath: process.env.CHROME_BIN || '/usr/bin/chromium', args: CHROMIUM_ARGS });
const R = { dist: DIST, chromium: browser.version(), date: new Date().toISOString() };
let next;
try {
  const { total } = await bundleSize(DIST);
  R.bundle = { br_bytes: total.br, gzip_bytes: total.gzip, raw_bytes: total.raw };

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  app.transfers.length = 0;
  await page.goto(`${app.url}/`);
  await appReady(page);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  R.first_visit = tally(app.transfers);

  // The installed app, controlled by its service worker, meets the next build.
  await page.reload();
  await appReady(page);
  next = await nextBuild(DIST, { fast: false });
  app.setRoot(next.dir);
  app.transfers.length = 0;
  await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration()).update(); });
  await page.waitForSelector('[data-testid="update-banner"]', { timeout: 60000 });
  R.update = { ...tally(app.transfers), changed: next.changed };
  await ctx.close();
} finally {
  await browser.close();
  await new Promise((ok) => app.server.close(ok));
  if (next) await rm(next.dir, { recursive: true, force: true });
}

await mkdir(join(here, 'out'), { recursive: true });
await writeFile(join(here, 'out', 'delivery.json'), JSON.stringify(R, null, 2));
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
console.log(`delivery: ${DIST}, Chromium ${R.chromium}`);
console.log(`bundle on the wire (each file once): ${kb(R.bundle.br_bytes)} Brotli, ${kb(R.bundle.gzip_bytes)} gzip, ${kb(R.bundle.raw_bytes)} raw`);
for (const [name, t] of [['first visit (page + service worker)', R.first_visit], ['update (wasm changed)', R.update]]) {
  console.log(`${name}: ${kb(t.bytes)} in ${t.requests} answers`);
  for (const p of t.paths) console.log(`  ${kb(p.bytes).padStart(10)}  ${p.answers}x ${p.encodings.padEnd(8)} ${p.path}`);
}
console.log('target: first visit ≤ 700 KB this round (on the way to 250 KB):',
  R.first_visit.bytes <= 700 * 1024 ? 'met' : 'missed');
