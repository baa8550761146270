// Benchmark of issue #16: attaching a 4 MB camera photo to a checklist
// answer, from choosing the file to the thumbnail shown and to the bytes
// stored in IndexedDB, beside the browser's own decode of the same image
// (createImageBitmap) measured in the same page. Not part of the tests.
//
//   node bench/evidence.mjs [--dist dist] [--runs 5]
import { start, newPage, appReady } from '../tests/e2e/harness.mjs';
import { ID, writeSeed } from '../tests/e2e/seed.mjs';
import { decodeStored } from '../tests/e2e/stored.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const dist = arg('--dist', process.env.DIST || 'dist');
const runs = Number(arg('--runs', '5'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `min ${Math.min(...xs).toFixed(0)} / median ${median(xs).toFixed(0)} / max ${Math.max(...xs).toFixed(0)} ms`;

const env = await start({ dist });
try {
  const { page, context } = await newPage(env);
  await page.goto(env.url + '/kiem-tra');
  await appReady(page);
  await writeSeed(page);
  // A 4000×3000 "photo" with fine detail, so that JPEG at quality 0.8 is about 4 MB.
  const photoB64 = await page.evaluate(async () => {
    const w = 4000; const h = 3000;
    const c = new OffscreenCanvas(w, h);
    const g = c.getContext('2d');
    const img = g.createImageData(w, h);
    let s = 12345;
    for (let i = 0; i < img.data.length; i += 4) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      const p = (i / 4);
      const base = ((p % w) >> 3) + ((p / w) >> 3);
      img.data[i] = (base + (s & 63)) & 255;
      img.data[i + 1] = (base * 2 + ((s >> 6) & 63)) & 255;
      img.data[i + 2] = (base * 3 + ((s >> 12) & 63)) & 255;
      img.data[i + 3] = 255;
    }
    g.putImageData(img, 0, 0);
    const b = await c.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
    const u = new Uint8Array(await b.arrayBuffer());
    let bin = '';
    for (let i = 0; i < u.length; i += 1) bin += String.fromCharCode(u[i]);
    return btoa(bin);
  });
  const photo = Buffer.from(photoB64, 'base64');
  console.log(`photo: ${(photo.length / 1048576).toFixed(2)} MB, 4000×3000 JPEG`);
  const attach = [];
  const stored = [];
  const decode = [];
  for (let run = 0; run <= runs; run += 1) {
    await page.goto(`${env.url}/kiem-tra/${ID}`);
    await appReady(page);
    const r = '[data-testid="item-1a"]';
    await page.waitForSelector(r);
    await page.click(`${r} [data-testid="attach-open"]`);
    // Remove the previous run's attachment so that each run stores anew.
    await page.evaluate(() => new Promise((ok) => {
      const q = indexedDB.open('kiemtra-evidence');
      q.onsuccess = () => {
        const t = q.result.transaction('files', 'readwrite');
        t.objectStore('files').clear();
        t.oncomplete = () => { q.result.close(); ok(); };
      };
      q.onerror = () => ok();
    }));
    await page.evaluate(() => {
      window.__bench = { t0: 0 };
      const input = document.querySelector('[data-testid="item-1a"] [data-testid="attach-files"]');
      input.addEventListener('change', () => { window.__bench.t0 = performance.now(); }, { capture: true, once: true });
    });
    await page.setInputFiles(`${r} [data-testid="attach-files"]`, [{ name: `anh-${run}.jpg`, mimeType: 'image/jpeg', buffer: photo }]);
    const shown = await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid="item-1a"] [data-testid="attachment-img"]');
      return img && img.complete && img.naturalWidth > 0 ? performance.now() - window.__bench.t0 : null;
    }, null, { polling: 'raf', timeout: 60000 }).then((h) => h.jsonValue());
    // Bytes stored: the transaction completed before the reference was
    // saved, so the reference in localStorage marks it. The record may be
    // stored compressed (storage::codec), so it is read here and decoded in
    // Node; the time is taken in the page when the value was read.
    let saved = null;
    for (const until = Date.now() + 60000; saved === null && Date.now() < until;) {
      const seen = await page.evaluate(() => {
        const k = Object.keys(localStorage).find((x) => x.startsWith('kiemtra:answers:'));
        return { v: k ? localStorage.getItem(k) : null, t: performance.now() - window.__bench.t0 };
      });
      if (seen.v && decodeStored(seen.v).includes('"attachments"')) saved = seen.t;
    }
    if (saved === null) throw new Error('the reference was not stored within 60 s');
    const dec = await page.evaluate(async (b64) => {
      const bin = atob(b64);
      const u = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i += 1) u[i] = bin.charCodeAt(i);
      const blob = new Blob([u], { type: 'image/jpeg' });
      const t = performance.now();
      const bmp = await createImageBitmap(blob);
      const d = performance.now() - t;
      bmp.close();
      return d;
    }, photoB64);
    // Clear the answer for the next run.
    await page.click(`${r} [data-testid="attachment-remove"]`);
    if (run === 0) continue; // warm-up
    attach.push(shown);
    stored.push(saved);
    decode.push(dec);
  }
  console.log(`choose → thumbnail shown: ${fmt(attach)}`);
  console.log(`choose → bytes stored and reference saved: ${fmt(stored)}`);
  console.log(`createImageBitmap of the same photo: ${fmt(decode)}`);
  await context.close();
} finally {
  await env.close();
}
