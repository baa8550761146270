// Delivery (issue #17, #18 item 4): the server sends the build's
// precompressed copies by Accept-Encoding; the Content-Security-Policy header
// forbids framing; a first visit moves each file once (the service worker's
// precache takes what the page has just loaded); an update moves only what
// changed; the static shell paints before the WebAssembly arrives; the wasm
// is compiled while it streams in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { start, newPage, appReady } from './harness.mjs';
import { metaPolicy } from '../../scripts/static-server.mjs';
import { bundleSize } from '../../scripts/bundle-size.mjs';
import { createRequire } from 'node:module';
import { nextBuild } from './next-build.mjs';
import { HASHED_NAME } from '../../scripts/service-worker.mjs';

const DIST = process.env.DIST || 'dist';
const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let env;
let files;
before(async () => {
  env = await start();
  files = await readdir(DIST);
});
after(async () => { await env?.close(); });

/** GET `path` with the given Accept-Encoding; resolves to { status, headers, body }. */
function get(path, acceptEncoding) {
  return new Promise((ok, fail) => {
    const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
    request(env.url + path, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    }).on('error', fail).end();
  });
}
const decode = (r) => ({ br: brotliDecompressSync, gzip: gunzipSync }[r.headers['content-encoding']] ?? ((b) => b))(r.body);
const one = (re) => {
  const f = files.find((n) => re.test(n));
  assert.ok(f, `the build has a file matching ${re}`);
  return f;
};

test('the server answers with the precompressed copy the browser accepts, with Vary and the right type', async () => {
  const cases = [
    [one(/_bg\.wasm$/), 'application/wasm'],
    [one(/^kiemtra-[0-9a-f]{12,16}\.js$/), 'text/javascript; charset=utf-8'],
    [one(/\.css$/), 'text/css; charset=utf-8'],
    ['index.html', 'text/html; charset=utf-8'],
    ['sw.js', 'text/javascript; charset=utf-8'],
  ];
  for (const [name, type] of cases) {
    const raw = await readFile(join(DIST, name));
    for (const [accept, encoding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['identity', undefined],
      [undefined, undefined],
    ]) {
      const r = await get(`/${name}`, accept);
      const what = `${name} with Accept-Encoding ${accept}`;
      assert.equal(r.status, 200, what);
      assert.equal(r.headers['content-type'], type, what);
      assert.equal(r.headers['content-encoding'], encoding, what);
      assert.equal(r.headers.vary, 'Accept-Encoding', what);
      assert.equal(Number(r.headers['content-length']), r.body.length, what);
      if (encoding) assert.ok(r.body.length < raw.length, `${what}: the copy is smaller`);
      assert.ok(decode(r).equals(raw), `${what}: decodes to the file itself`);
    }
  }
  // A deep link gets index.html, compressed as well.
  const deep = await get('/ke-hoach/abc', 'br');
  assert.equal(deep.headers['content-encoding'], 'br');
  assert.ok(decode(deep).equals(await readFile(join(DIST, 'index.html'))));
});

test('every answer carries the page policy as a header, with frame-ancestors none; no page can frame the app', async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const meta = metaPolicy(html);
  assert.match(meta, /script-src 'self' 'wasm-unsafe-eval'/);
  for (const path of ['/', '/kiem-tra/abc', '/sw.js', `/${one(/_bg\.wasm$/)}`]) {
    const r = await get(path, 'br');
    assert.equal(r.headers['content-security-policy'], `${meta}; frame-ancestors 'none'`, path);
  }
  // A page of another origin that tries to show the app in a frame.
  const { page, context } = await newPage(env);
  await page.goto('about:blank');
  await page.setContent(`<iframe src="${env.url}/" title="app"></iframe>`);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  await frame.waitForLoadState('load');
  assert.equal(await frame.locator('[data-testid="boot-shell"], [data-testid="main-nav"]').count(), 0);
  assert.doesNotMatch(frame.url(), /^http:\/\/127\.0\.0\.1/, 'the browser refused to show the app in a frame');
  await context.close();
  // The README's nginx configuration sends the same header.
  const nginx = await readFile('scripts/nginx-kiemtra.conf', 'utf8');
  const line = /add_header Content-Security-Policy "([^"]*)" always;/.exec(nginx);
  assert.equal(line?.[1], `${metaPolicy(await readFile('index.html', 'utf8'))}; frame-ancestors 'none'`);
});

test('a first visit moves each file once, compressed, and the service worker precaches from what the page loaded', async () => {
  const { page, context, watch } = await newPage(env);
  env.transfers.length = 0;
  await page.goto(env.url + '/');
  await appReady(page);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  const cached = await page.evaluate(async () => {
    const out = [];
    for (const name of await caches.keys()) {
      for (const req of await (await caches.open(name)).keys()) out.push(new URL(req.url).pathname);
    }
    return out;
  });
  // Everything the server sent, by file (the page at / is index.html).
  const sent = new Map();
  for (const t of env.transfers) sent.set(t.file, [...(sent.get(t.file) ?? []), t]);
  const wasm = `/${one(/_bg\.wasm$/)}`;
  assert.ok(cached.includes(wasm), 'the wasm is precached');
  assert.ok(!cached.some((p) => /\.(br|gz)$/.test(p)), 'no precompressed copy is precached as a file');
  // Hashed files (the wasm, the JS, the CSS) once: the precache takes them
  // from the HTTP cache. Files without a hash in their name (index.html, the
  // manifest, the icon) carry a revision, which Workbox fetches afresh: at
  // most twice, and they are small.
  const hashed = (p) => HASHED_NAME.test(p);
  let again = 0;
  for (const [path, answers] of sent) {
    assert.ok(answers.length <= (hashed(path) ? 1 : 2), `${path} sent ${answers.length} times`);
    if (answers.length > 1) again += answers[1].bytes;
  }
  assert.equal(sent.get(wasm)?.length, 1);
  assert.equal(sent.get(wasm)[0].encoding, 'br');
  // All of it at the size of the copy that is sent: the figure that
  // scripts/bundle-size.mjs gates, plus the revisioned files fetched again.
  const wire = env.transfers.reduce((s, t) => s + t.bytes, 0);
  const { total } = await bundleSize(DIST);
  assert.ok(wire <= total.br + again, `${wire} B on the wire, bundle ${total.br} B, again ${again} B`);
  assert.ok(again < 16 * 1024, `${again} B fetched a second time`);
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});

test('an update downloads only the files that changed', async () => {
  const { page, context } = await newPage(env);
  await page.goto(env.url + '/');
  await appReady(page);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const next = await nextBuild(DIST, { fast: true });
  env.setRoot(next.dir);
  try {
    env.transfers.length = 0;
    await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration()).update(); });
    await page.waitForSelector('[data-testid="update-banner"]', { timeout: 30000 });
    const paths = new Set(env.transfers.map((t) => t.path));
    const newWasm = next.changed.find((p) => p.endsWith('.wasm'));
    assert.ok(paths.has(newWasm), 'the new wasm is downloaded');
    for (const p of paths) assert.ok(next.changed.includes(p), `${p} did not change, yet was downloaded`);
    for (const p of [`/${one(/^kiemtra-[0-9a-f]{12,16}\.js$/)}`, `/${one(/\.css$/)}`]) {
      assert.ok(!paths.has(p), `${p} is not downloaded again`);
    }
  } finally {
    env.setRoot(DIST);
    await rm(next.dir, { recursive: true, force: true });
    await context.close();
  }
});

test('the static shell paints text before the WebAssembly arrives, and the app replaces it', async () => {
  const { page, context, watch } = await newPage(env);
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await page.goto(env.url + '/ke-hoach');
  const shell = page.getByTestId('boot-shell');
  await shell.waitFor({ state: 'visible' });
  assert.match(await shell.textContent(), /KiểmTra[\s\S]*Đang mở ứng dụng/);
  assert.equal(await page.locator('[data-testid="main-nav"]').count(), 0, 'the app has not started yet');
  // The shell is a screen too: axe finds nothing serious on it (run through
  // the driver, so the page's CSP does not apply).
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
  });
  assert.deepEqual(violations, []);
  release();
  await appReady(page);
  await page.waitForSelector('[data-testid="page-plans"]');
  assert.equal(await page.locator('#boot-shell').count(), 0, 'the shell is gone once the app runs');
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});

test('the wasm is compiled while it streams in, from the server and from the service worker', async () => {
  const { page, context, watch } = await newPage(env);
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await context.addInitScript(() => {
    window.__wasmCalls = [];
    const streaming = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = (...a) => { window.__wasmCalls.push('streaming'); return streaming(...a); };
    const whole = WebAssembly.instantiate;
    WebAssembly.instantiate = (...a) => { window.__wasmCalls.push('whole'); return whole(...a); };
  });
  await page.goto(env.url + '/');
  await appReady(page);
  assert.deepEqual(await page.evaluate(() => window.__wasmCalls), ['streaming']);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await appReady(page);
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'served by the service worker');
  assert.deepEqual(await page.evaluate(() => window.__wasmCalls), ['streaming']);
  assert.deepEqual(warnings.filter((w) => /instantiateStreaming|MIME/i.test(w)), []);
  assert.deepEqual(watch.consoleErrors, []);
  await context.close();
});

test('a Trunk hash of fewer than 16 hex digits (written without leading zeros) still counts as hashed', () => {
  assert.ok(HASHED_NAME.test('kiemtra-c47162515fe68fe_bg.wasm'));
  assert.ok(HASHED_NAME.test('main-0a06adc1af808fc4.css'));
  assert.ok(!HASHED_NAME.test('icon-192.png'));
  assert.ok(!HASHED_NAME.test('index.html'));
});
