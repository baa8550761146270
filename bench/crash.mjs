// Crash durability (issue #18, item 2): how much typing is lost when the
// whole browser process is killed (SIGKILL: power cut, OOM killer, a forced
// quit) some time after the last keystroke. For each delay: start Chromium on
// a fresh profile, type steadily into the settings' unit name (one character
// every 100 ms for 3 s, then Tab: the field is stored on change), wait the
// delay, kill the browser process, start it
// again on the same profile and read what localStorage kept (a page with no
// app code) and what the app shows (it writes back the edits its IndexedDB
// journal kept). Prints, per delay, how many characters were lost each way.
// Reading it: the settings record is absent from localStorage for a minute
// or more after the first start, not only for the few seconds the --floor
// page shows: with the app's start writes (about 150 KB of built-in
// templates) Chromium put off committing later writes that long; the
// script's reading was right, the loss was real.
// A measurement, never a test: nothing here is asserted.
//
// Usage: node bench/crash.mjs [--dist DIR] [--delays 0,500,1000,...] [--repeat N] [--floor]
// `--floor` first measures the browser alone: localStorage against IndexedDB
// with strict durability, written by a page with no app code.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/static-server.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const DIST = opt('dist', 'dist');
const DELAYS = opt('delays', '0,500,1000,2000,3000,4000,5000,6000,8000,10000').split(',').map(Number);
const REPEAT = Number(opt('repeat', '2'));
const TEXT = 'Sở Tư pháp thành phố Cần Thơ'; // 28 characters, typed at 100 ms each
const FIELD = '[data-testid="settings-unit-name"]';

/** Starts Chromium on `profile` with a DevTools port; resolves to {proc, browser}. */
async function launch(profile) {
  const proc = spawn(process.env.CHROME_BIN || '/usr/bin/chromium', [
    ...CHROMIUM_ARGS, '--headless=new', `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  const ws = await new Promise((ok, fail) => {
    let err = '';
    proc.stderr.on('data', (d) => {
      err += d;
      const m = err.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) ok(m[1]);
    });
    proc.on('exit', () => fail(new Error(`chromium exited: ${err.slice(-500)}`)));
  });
  const browser = await chromium.connectOverCDP(ws);
  return { proc, browser };
}

async function once(url, delay) {
  const profile = await mkdtemp(join(tmpdir(), 'kiemtra-crash-'));
  try {
    let { proc, browser } = await launch(profile);
    const page = await browser.contexts()[0].newPage();
    await page.goto(`${url}/cai-dat`);
    await page.waitForSelector(FIELD, { timeout: 120000 });
    // Let start-up writes (built-in templates) reach the disk first.
    await page.waitForTimeout(12000);
    await page.click(FIELD);
    await page.keyboard.type(TEXT, { delay: 100 });
    // The settings fields are stored on change: leaving the field is the
    // user's last action, and the delay counts from it.
    await page.keyboard.press('Tab');
    await page.waitForTimeout(delay);
    proc.kill('SIGKILL');
    await new Promise((ok) => proc.once('exit', ok));
    ({ proc, browser } = await launch(profile));
    // What localStorage itself kept, read by a page with no app code before
    // the app starts (the app writes journaled edits back at its start).
    const plain = await browser.contexts()[0].newPage();
    await plain.goto(`${url}/__crash-check.txt`);
    const stored = await plain.evaluate(() => {
      try { return JSON.parse(localStorage.getItem('kiemtra:settings')).data.settings.unit_name ?? ''; } catch { return ''; }
    });
    await plain.close();
    const again = await browser.contexts()[0].newPage();
    await again.goto(`${url}/cai-dat`);
    await again.waitForSelector(FIELD, { timeout: 120000 });
    const kept = await again.inputValue(FIELD);
    await browser.close();
    proc.kill('SIGKILL');
    await new Promise((ok) => proc.once('exit', ok));
    const n = [...TEXT].length;
    return { lost: n - [...kept].length, storage_lost: n - [...stored].length };
  } finally {
    await rm(profile, { recursive: true, force: true, maxRetries: 5 }).catch(() => {});
  }
}

/**
 * The browser's own floor: a page (no app code) writes a counter every
 * 100 ms to localStorage and, in the same tick, to IndexedDB in a
 * transaction with `durability: 'strict'`, for 3 s; the browser process is
 * killed `delay` ms after the last write. Returns how many of the last
 * writes each store lost.
 */
async function floorOnce(url, delay) {
  const profile = await mkdtemp(join(tmpdir(), 'kiemtra-crash-'));
  try {
    let { proc, browser } = await launch(profile);
    const page = await browser.contexts()[0].newPage();
    await page.goto(`${url}/__crash-floor.txt`);
    const last = await page.evaluate(async () => {
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open('crash-floor', 1);
        r.onupgradeneeded = () => r.result.createObjectStore('kv');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      let n = 0;
      for (; n < 30; n += 1) {
        localStorage.setItem('counter', String(n));
        db.transaction('kv', 'readwrite', { durability: 'strict' }).objectStore('kv').put(n, 'counter');
        await new Promise((ok) => setTimeout(ok, 100));
      }
      // Wait for the last IndexedDB commit to be acknowledged.
      await new Promise((ok) => {
        const tx = db.transaction('kv', 'readwrite', { durability: 'strict' });
        tx.objectStore('kv').put(n - 1, 'counter');
        tx.oncomplete = ok;
      });
      return n - 1;
    });
    await page.waitForTimeout(delay);
    proc.kill('SIGKILL');
    await new Promise((ok) => proc.once('exit', ok));
    ({ proc, browser } = await launch(profile));
    const again = await browser.contexts()[0].newPage();
    await again.goto(`${url}/__crash-floor.txt`);
    const kept = await again.evaluate(async () => {
      const ls = Number(localStorage.getItem('counter') ?? -1);
      const idb = await new Promise((ok) => {
        const r = indexedDB.open('crash-floor', 1);
        r.onupgradeneeded = () => r.result.createObjectStore('kv');
        r.onsuccess = () => {
          const g = r.result.transaction('kv').objectStore('kv').get('counter');
          g.onsuccess = () => ok(g.result ?? -1);
          g.onerror = () => ok(-1);
        };
        r.onerror = () => ok(-1);
      });
      return { ls, idb };
    });
    await browser.close();
    proc.kill('SIGKILL');
    await new Promise((ok) => proc.once('exit', ok));
    return { localStorage: last - kept.ls, indexedDB: last - kept.idb };
  } finally {
    await rm(profile, { recursive: true, force: true, maxRetries: 5 }).catch(() => {});
  }
}

const { server, url } = await serve(DIST, 0);
try {
  if (args.includes('--floor')) {
    console.log('browser floor: writes (one per 100 ms) lost by localStorage / IndexedDB strict, per run');
    for (const delay of DELAYS) {
      const runs = [];
      for (let r = 0; r < REPEAT; r += 1) runs.push(await floorOnce(url, delay));
      console.log(`${String(delay).padStart(6)} | ${runs.map((x) => `${x.localStorage}/${x.indexedDB}`).join(' ')}`);
    }
  }
  console.log(`typing ${[...TEXT].length} characters at 100 ms each, then SIGKILL of the browser process`);
  console.log('delay after last keystroke (ms) | characters lost as the app shows them / by localStorage alone, per run');
  for (const delay of DELAYS) {
    const lost = [];
    for (let r = 0; r < REPEAT; r += 1) lost.push(await once(url, delay));
    console.log(`${String(delay).padStart(6)} | ${lost.map((x) => `${x.lost}/${x.storage_lost}`).join(' ')}`);
  }
} finally {
  await new Promise((ok) => server.close(ok));
}
