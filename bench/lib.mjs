// Helpers shared by bench/run.mjs and bench/profile.mjs: statistics, the
// in-page instrumentation, seeding localStorage, the service worker, real
// mouse clicks, the JS heap.

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
export const stats = (xs) => ({ min: Math.min(...xs), median: median(xs), max: Math.max(...xs), runs: xs.length, values: xs });

// In-page instrumentation, injected before any page script. Times are
// performance.now() of the page (milliseconds since its navigation start).
// - `__bench.waitFor(pred)`: resolves at the first frame in which pred()
//   holds, timed after that frame (a message posted from its rAF callback
//   runs once the frame's rendering steps are done);
// - `__bench.ready`: the same for `__benchTarget` (a selector set by an
//   earlier init script), polled from document start: the first frame whose
//   target exists and is enabled (cold open, start);
// - input timestamps (`lastDown`: mousedown/keydown/beforeinput event times);
// - localStorage writes (`writes`: key, time) through a wrapped setItem;
// - typing latency: from each input's start (keydown, or beforeinput for
//   characters typed without a key event) to its handling done (`handled`)
//   and to the end of the next frame (`frame`);
// - downloads (`objectUrls`: time and Blob of each URL.createObjectURL);
// - the wasm exports (memory) from Trunk's TrunkApplicationStarted event.
export const INSTRUMENT = () => {
  const B = (window.__bench = {
    writes: [], typing: [], lastDown: 0, lastKey: 0, wasm: null, started: 0, watchKey: null, watchText: null,
  });
  B.afterFrame = () => new Promise((res) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => res(performance.now());
    ch.port2.postMessage(0);
  }));
  // Mean time of fn, repeated until 50 ms have passed (the page timer's
  // resolution, 0.1 ms, is too coarse for one small run).
  B.repeat = (fn) => {
    let n = 0; const t0 = performance.now(); let t = t0;
    do { fn(); n++; t = performance.now(); } while (t - t0 < 50);
    return (t - t0) / n;
  };
  B.waitFor = (pred, timeout = 60000) => new Promise((res, rej) => {
    const t0 = performance.now();
    const tick = () => {
      let ok = false;
      try { ok = !!pred(); } catch (e) { ok = false; }
      if (ok) {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => res(performance.now());
        ch.port2.postMessage(0);
      } else if (performance.now() - t0 > timeout) rej(new Error('timeout'));
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const enabled = (sel) => { const el = document.querySelector(sel); return el && !el.disabled; };
  if (window.__benchTarget) B.ready = B.waitFor(() => enabled(window.__benchTarget));
  addEventListener('TrunkApplicationStarted', (e) => { B.wasm = e.detail && e.detail.wasm; B.started = performance.now(); });
  addEventListener('mousedown', (e) => { B.lastDown = e.timeStamp; }, true);
  let pending = null;
  addEventListener('keydown', (e) => { B.lastKey = e.timeStamp; if (pending === null) pending = e.timeStamp; }, true);
  addEventListener('beforeinput', (e) => { if (pending === null) pending = e.timeStamp; }, true);
  // Bubble phase on window: runs after the page's own handler on the
  // element (Leptos attaches handlers to elements; no delegation) and after
  // the microtasks it queued (the reactive updates).
  addEventListener('input', () => {
    const start = pending;
    pending = null;
    if (start === null || !B.recordTyping) return;
    const handled = performance.now() - start;
    B.afterFrame().then((end) => B.typing.push({ handled, frame: end - start }));
  });
  // Downloads: the app offers files through a Blob URL.
  B.objectUrls = [];
  const createObjectURL = URL.createObjectURL;
  URL.createObjectURL = function (blob) {
    const at = performance.now();
    B.objectUrls.push({ at, blob });
    return createObjectURL.call(URL, blob);
  };
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (k, v) {
    const r = setItem.call(this, k, v);
    if (B.watchKey === k && (B.watchText === null || String(v).includes(B.watchText))) {
      B.writes.push({ key: k, at: performance.now() });
    }
    return r;
  };
};

export async function newContext(browser) {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
  return context;
}

/** Length and FNV-1a of every localStorage value, computed in the page. */
export const FINGERPRINT = () => {
  const out = {};
  for (let i = 0; i < localStorage.length; i += 1) {
    const k = localStorage.key(i);
    const v = localStorage.getItem(k);
    let h = 0x811c9dc5;
    for (let j = 0; j < v.length; j += 1) { h ^= v.charCodeAt(j); h = Math.imul(h, 0x01000193) >>> 0; }
    out[k] = `${v.length}:${h.toString(16)}`;
  }
  return out;
};

/** What a fresh page of `context` sees, as FINGERPRINT gives it. */
async function freshView(context, url, name) {
  const check = await context.newPage();
  await check.goto(`${url}/${name}.txt`);
  const seen = await check.evaluate(FINGERPRINT);
  await check.close();
  return seen;
}

/**
 * Keeps `writer` open until a fresh page of the same context sees exactly
 * the entries `writer` sees, then closes it, and checks once more with a
 * fresh page that nothing went with it. Chromium drops the writes a page
 * still has on their way to its storage service when the page is closed
 * (issue #19: the benchmark's seed page closed at once, and up to 300 of 586
 * keys never reached the browser, whatever the app did; reproduced on demand
 * by tests/e2e/seed-loss.test.mjs), so the writer's own view proves nothing.
 * Nor does the view of a check page that shares the writer's renderer
 * process (it reads the same copy): with `--process-per-site` the first
 * check passed and the writes were lost with the writer all the same, hence
 * the check after the close, which throws rather than seed less in silence.
 */
export async function closeWhenStored(context, url, writer, timeoutMs = 60000) {
  const want = await writer.evaluate(FINGERPRINT);
  const total = Object.keys(want).length;
  const t0 = Date.now();
  for (let attempt = 0; ; attempt += 1) {
    const seen = await freshView(context, url, `__check-${attempt}`);
    const differ = Object.keys(want).filter((k) => seen[k] !== want[k]);
    if (differ.length === 0) break;
    if (Date.now() - t0 > timeoutMs) throw new Error(`${differ.length} of ${total} keys never reached the browser`);
    await new Promise((ok) => setTimeout(ok, 250));
  }
  await writer.close();
  const after = await freshView(context, url, '__check-after-close');
  const lost = Object.keys(want).filter((k) => after[k] !== want[k]);
  if (lost.length > 0) {
    throw new Error(`${lost.length} of ${total} keys were lost with the closed writer (its check page shared its renderer process?)`);
  }
  return total;
}

/** Puts a localStorage dump into the origin of `url` (before any app page
 *  runs there); returns the number of keys a fresh page sees. */
export async function seed(context, url, entries) {
  const page = await context.newPage();
  // A file path answers 404 (text), so no app code runs on this page.
  await page.goto(`${url}/__bench-seed.txt`);
  await page.evaluate((e) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
  }, entries);
  return closeWhenStored(context, url, page);
}

/** Loads the app once and waits until its service worker controls the origin. */
export async function installServiceWorker(context, url) {
  const page = await context.newPage();
  await page.goto(`${url}/`);
  await page.waitForSelector('[data-testid="main-nav"]', { timeout: 60000 });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await page.waitForSelector('[data-testid="main-nav"]', { timeout: 60000 });
  const controlled = await page.evaluate(() => !!navigator.serviceWorker.controller);
  await page.close();
  return controlled;
}

/** A page whose init scripts instrument it and, optionally, poll for `target`. */
export async function instrumentedPage(context, target = null) {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', String(e).slice(0, 300)));
  if (target) await page.addInitScript((t) => { window.__benchTarget = t; }, target);
  await page.addInitScript(INSTRUMENT);
  return page;
}

/** A real mouse click at the centre of the element's first box (an inline
 *  link that wraps has two; the centre of their union may miss both). */
export async function clickCentre(page, selector) {
  const el = page.locator(selector).first();
  await el.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.__bench.afterFrame());
  const r = await el.evaluate((e) => {
    const b = e.getClientRects()[0] || e.getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  });
  await page.mouse.click(r.x, r.y);
}

export async function cdpHeap(page) {
  const s = await page.context().newCDPSession(page);
  await s.send('HeapProfiler.enable');
  await s.send('HeapProfiler.collectGarbage');
  const { usedSize } = await s.send('Runtime.getHeapUsage');
  await s.detach();
  return usedSize;
}

/** Self time (ms) per event name on the busiest renderer main thread. */
export function breakdown(traceJson) {
  const { traceEvents } = JSON.parse(traceJson);
  const mains = new Set(traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map();
  for (const e of traceEvents) {
    const k = `${e.pid}:${e.tid}`;
    if (!mains.has(k) || e.ph !== 'X' || typeof e.dur !== 'number') continue;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k).push(e);
  }
  let best = null;
  for (const [k, evs] of byThread) {
    const busy = evs.filter((e) => e.name === 'RunTask').reduce((s, e) => s + e.dur, 0);
    if (!best || busy > best.busy) best = { k, evs, busy };
  }
  if (!best) return { busy: 0, self: [] };
  const evs = best.evs.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  const add = (name, d) => self.set(name, (self.get(name) || 0) + d);
  for (const e of evs) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.childDur += Math.min(e.dur, parent.end - e.ts);
    stack.push({ e, end: e.ts + e.dur, childDur: 0 });
    e.__frame = stack[stack.length - 1];
  }
  for (const e of evs) add(e.name, Math.max(0, e.dur - e.__frame.childDur));
  const rows = [...self.entries()].map(([n, us]) => [n, us / 1000]).sort((a, b) => b[1] - a[1]);
  return { busy: best.busy / 1000, self: rows };
}
