// Lighthouse (issue #17): the release build served by the project's own
// static server (scripts/static-server.mjs, with its precompressed copies),
// audited by Lighthouse 12 with its mobile preset (the default: a mid-range
// phone, slow 4G simulated) and its desktop preset, in Debian's Chromium.
// Prints each category's score and the main metrics and writes
// bench/out/lighthouse-<preset>.json. A measurement, never a test.
// Usage: node bench/lighthouse.mjs [--dist DIR] [--path /] [--runs N]
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromium } from 'playwright-core';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/static-server.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';
import { median } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : dflt; };
const DIST = opt('dist', join(here, '..', 'dist'));
const PATH = opt('path', '/');
const RUNS = Math.max(1, Number(opt('runs', '3')));

/** A free TCP port for Chromium's DevTools endpoint. */
const freePort = () => new Promise((ok) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => ok(port)); });
});

const METRICS = {
  'first-contentful-paint': 'FCP',
  'largest-contentful-paint': 'LCP',
  'total-blocking-time': 'TBT',
  'cumulative-layout-shift': 'CLS',
  'speed-index': 'SI',
  interactive: 'TTI',
};

const app = await serve(DIST, 0);
try {
  await mkdir(join(here, 'out'), { recursive: true });
  for (const [preset, config] of [['mobile', undefined], ['desktop', desktopConfig]]) {
    const runs = [];
    for (let r = 0; r < RUNS; r += 1) {
      // A new browser each run: a first visit, nothing cached.
      const port = await freePort();
      const browser = await chromium.launch({
        executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
        args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`],
      });
      try {
        const result = await lighthouse(`${app.url}${PATH}`, {
          port, output: 'json', logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
        }, config);
        const lhr = result.lhr;
        runs.push({
          scores: Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, Math.round(c.score * 100)])),
          metrics: Object.fromEntries(Object.entries(METRICS).map(([id, name]) => [name, lhr.audits[id]?.numericValue])),
          lighthouse: lhr.lighthouseVersion,
          userAgent: lhr.environment?.hostUserAgent,
        });
      } finally {
        await browser.close();
      }
    }
    const med = (f) => median(runs.map(f));
    const summary = {
      preset, runs: runs.length, lighthouse: runs[0].lighthouse, path: PATH,
      scores: Object.fromEntries(Object.keys(runs[0].scores).map((k) => [k, med((x) => x.scores[k])])),
      metrics: Object.fromEntries(Object.values(METRICS).map((k) => [k, med((x) => x.metrics[k])])),
      all: runs,
    };
    await writeFile(join(here, 'out', `lighthouse-${preset}.json`), JSON.stringify(summary, null, 2));
    const ms = (v) => `${Math.round(v)} ms`;
    console.log(`${preset} (median of ${runs.length}): `
      + Object.entries(summary.scores).map(([k, v]) => `${k} ${v}`).join(', ') + '; '
      + Object.entries(summary.metrics).map(([k, v]) => `${k} ${k === 'CLS' ? v.toFixed(3) : ms(v)}`).join(', '));
  }
} finally {
  await new Promise((ok) => app.server.close(ok));
}
