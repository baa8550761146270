// Shared set-up for the end-to-end tests: serves the release build (dist/)
// on 127.0.0.1 with the same static server users run, launches Debian's
// Chromium through playwright-core, and records console errors and any
// request that leaves the app's own origin.
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/static-server.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Starts the server and the browser. Call `close()` when done. */
export async function start({ dist = process.env.DIST || 'dist' } = {}) {
  const { server, url, setRoot, transfers } = await serve(dist, 0);
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
  } catch (e) {
    // Without this the listening server keeps the test process alive: a
    // missing Chromium would hang the e2e gate instead of failing it.
    await new Promise((ok) => server.close(ok));
    throw e;
  }
  return {
    url,
    browser,
    server,
    setRoot,
    // Every answer of the server (path, encoding, bytes), for counting bytes.
    transfers,
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/**
 * A fresh browser context (empty storage) on an English-language browser, so
 * every test also checks that the app does not follow the browser's language.
 * `watch` collects console errors, page errors and foreign requests.
 */
export async function newPage(env, options = {}) {
  const context = await env.browser.newContext({ locale: 'en-US', acceptDownloads: true, ...options });
  // Collects Content-Security-Policy violations (injected by the driver, so
  // the page's own CSP does not apply to this listener).
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const page = await context.newPage();
  const watch = watchPage(page, env.url);
  return { context, page, watch };
}

/** Records problems on a page: console errors, uncaught errors, foreign requests. */
export function watchPage(page, origin) {
  const problems = { consoleErrors: [], pageErrors: [], foreignRequests: [] };
  page.on('console', (m) => { if (m.type() === 'error') problems.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => problems.pageErrors.push(String(e)));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) {
      problems.foreignRequests.push(u);
    }
  });
  return problems;
}

/** Waits until the app has rendered its navigation bar (wasm started). */
export async function appReady(page) {
  await page.waitForSelector('[data-testid="main-nav"]', { timeout: 20000 });
}
