// The steps the evidence tests share (issue #16): drawing an image in the
// page, attaching files to a checklist row, finalizing the seeded
// inspection, reading a zip the app wrote (backup and export packages) and
// looking into the app's IndexedDB database of files. Used by
// evidence.test.mjs, backup-files.test.mjs, package.test.mjs and
// inspection.test.mjs.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { KEY, row, storedWhen } from './seed.mjs';

export const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

/** A small PDF (not checked by the app beyond its type). */
export const pdfBytes = (text = '1 0 obj<<>>endobj') => Buffer.from(`%PDF-1.4\n${text}\ntrailer<<>>\n%%EOF\n`, 'latin1');

/**
 * An image drawn in the page and encoded as `type`: a `background` with a
 * `label`, or with `tiles` a "photo" with detail (coloured squares), which a
 * scaling re-encodes into different bytes.
 */
export async function drawImage(page, { width, height, type, label, background = '#fff', tiles = false, font = 30 }) {
  const bytes = await page.evaluate(async (o) => {
    const c = new OffscreenCanvas(o.width, o.height);
    const g = c.getContext('2d');
    if (o.tiles) {
      for (let y = 0; y < o.height; y += 50) {
        for (let x = 0; x < o.width; x += 50) {
          g.fillStyle = `rgb(${(x * 7) % 255},${(y * 3) % 255},${(x + y) % 255})`;
          g.fillRect(x, y, 50, 50);
        }
      }
    } else {
      g.fillStyle = o.background;
      g.fillRect(0, 0, o.width, o.height);
    }
    g.fillStyle = '#000';
    g.font = `${o.font}px sans-serif`;
    g.fillText(o.label, 20, 60);
    const blob = await c.convertToBlob({ type: o.type, quality: 0.95 });
    return Array.from(new Uint8Array(await blob.arrayBuffer()));
  }, { width, height, type, label, background, tiles, font });
  return Buffer.from(bytes);
}

/**
 * Attaches `files` ({ name, mimeType, buffer }) to the row or addendum
 * `scope` as they are (size "original": the bytes are the test's).
 */
export async function attachAsTheyAre(page, scope, files) {
  await page.click(`${scope} [data-testid="attach-open"]`);
  await page.selectOption(`${scope} [data-testid="attach-size"]`, '0');
  await page.setInputFiles(`${scope} [data-testid="attach-files"]`, files);
}

/**
 * Finalizes the seeded inspection from its page: every item answered "không
 * áp dụng" from the keyboard (3, then j to the next row), the end date, the
 * conclusion; then waits for the lock and for the stored status.
 */
export async function finalizeSeeded(page) {
  await page.focus(row('1a'));
  for (let i = 0; i < 21; i += 1) {
    await page.keyboard.press('3');
    await page.keyboard.press('j');
  }
  await page.fill('[data-testid="actual-end"]', '13/01/2021');
  await page.press('[data-testid="actual-end"]', 'Tab');
  await page.fill('[data-testid="conclusion-text"]', 'Đơn vị đã thực hiện cơ bản đầy đủ.');
  await page.waitForFunction(() => !document.querySelector('[data-testid="missing-list"]'));
  await page.click('[data-testid="finalize"]');
  await page.waitForSelector('[data-testid="locked-banner"]');
  await storedWhen(page, KEY, (d) => d.status === 'finalized');
}

/** The entries of a zip: name → { data, offset } (stored entries only). */
export function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  assert.ok(eocd >= 0, 'end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map();
  for (let i = 0; i < count; i += 1) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'central directory entry');
    assert.equal(buf.readUInt16LE(p + 10), 0, 'stored, not compressed');
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const skip = nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const local = buf.readUInt32LE(p + 42);
    const offset = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    out.set(name, { data: buf.subarray(offset, offset + size), offset });
    p += 46 + skip;
  }
  return out;
}

/**
 * One operation on the app's database of files (src/platform/evidence.js),
 * opened as the app opens it: 'all' gives hash → { type, b64 } of every
 * stored file, 'delete' removes the file `hash`.
 */
function evidenceDb(page, op, hash = null) {
  return page.evaluate(async ({ op, hash }) => {
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open('kiemtra-evidence', 1);
      r.onupgradeneeded = () => r.result.createObjectStore('files', { keyPath: 'hash' });
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    try {
      if (op === 'delete') {
        await new Promise((ok, fail) => {
          const t = db.transaction('files', 'readwrite');
          t.objectStore('files').delete(hash);
          t.oncomplete = ok;
          t.onerror = () => fail(t.error);
        });
        return null;
      }
      const t = db.transaction('files', 'readonly');
      const all = await new Promise((ok, fail) => {
        const r = t.objectStore('files').getAll();
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      const out = {};
      for (const e of all) {
        const b = new Uint8Array(await e.blob.arrayBuffer());
        let s = '';
        for (const x of b) s += String.fromCharCode(x);
        out[e.hash] = { type: e.type, b64: btoa(s) };
      }
      return out;
    } finally {
      db.close();
    }
  }, { op, hash });
}

/** Every file stored in the app's IndexedDB database: hash → { type, b64 }. */
export const storedFiles = (page) => evidenceDb(page, 'all');

/** The hashes of the stored files, sorted. */
export const storedHashes = async (page) => Object.keys(await storedFiles(page)).sort();

/** The stored bytes of file `hash` (undefined when not stored). */
export async function storedFileBytes(page, hash) {
  const f = (await storedFiles(page))[hash];
  return f && Buffer.from(f.b64, 'base64');
}

/** Removes file `hash` from the app's database (a file lost in this browser). */
export const deleteStoredFile = (page, hash) => evidenceDb(page, 'delete', hash);
