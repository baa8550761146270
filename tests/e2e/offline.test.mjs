// Offline-first: after one visit the service worker serves the app with the
// network off, on / and on deep links; a new build is offered, not forced.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSW } from 'workbox-build';
import { start, newPage, appReady } from './harness.mjs';

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
  // Work done offline is kept across an offline reload.
  await page.selectOption('[data-testid="lang-select"]', 'en');
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});

test('a new build is announced and applied only when the user asks', async () => {
  const { page, context } = await newPage(env);
  await installed(page);
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
    await page.goto(env.url + '/cai-dat');
    await appReady(page);
    await page.evaluate(async () => { const r = await navigator.serviceWorker.getRegistration(); await r.update(); });
    await page.waitForSelector('[data-testid="update-banner"]', { timeout: 20000 });
    // The page did not reload by itself: still the old document.
    assert.ok(!(await page.content()).includes('next build'));
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Tải lại để cập nhật' }).click(),
    ]);
    await appReady(page);
    const html = await page.evaluate(async () => (await fetch('/index.html')).text());
    assert.ok(html.includes('next build'), 'the new version serves the page');
  } finally {
    env.setRoot(process.env.DIST || 'dist');
    await rm(next, { recursive: true, force: true });
    await context.close();
  }
});
