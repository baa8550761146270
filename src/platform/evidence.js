// The browser half of evidence attachments (issue #16; rules in
// src/domain/evidence.rs, Rust side in src/platform/evidence.rs): the stored
// files in their own IndexedDB database, one entry per file keyed by the
// SHA-256 of its bytes: { hash, type, size, at, blob }; and preparing a
// chosen file (scaling an image on a canvas, which re-encodes it and so
// drops its EXIF location and camera data).
// Written in JavaScript, like journal.js, rather than through web-sys or an
// IndexedDB crate: five small calls with promises are shorter here than the
// request/callback plumbing in Rust, and add nothing to the wasm. Opening
// the database and waiting for a transaction are journal.js's (one way to
// use IndexedDB for both).
import { opener, completed } from './journal.js';

const DB = 'kiemtra-evidence';
const STORE = 'files';

const open = opener(DB, STORE, 'hash');

const failName = (e) => (e && e.name) ? e.name : String(e);

/** Stores `bytes` (Uint8Array) under `hash`; resolves when on disk. Rejects with the error's name. */
export async function evidencePut(hash, type, bytes) {
  try {
    const db = await open();
    const t = db.transaction(STORE, 'readwrite', { durability: 'strict' });
    const blob = new Blob([bytes], { type });
    t.objectStore(STORE).put({ hash, type, size: bytes.length, at: Date.now(), blob });
    await completed(t);
  } catch (e) {
    throw failName(e);
  }
}

/** The stored bytes of `hash` as a Uint8Array, or null. */
export async function evidenceGet(hash) {
  const db = await open();
  const t = db.transaction(STORE, 'readonly');
  const r = t.objectStore(STORE).get(hash);
  await completed(t);
  const e = r.result;
  if (!e) return null;
  return new Uint8Array(await e.blob.arrayBuffer());
}

/** An object URL of the stored file (the caller revokes it), or null. */
export async function evidenceUrl(hash) {
  const db = await open();
  const t = db.transaction(STORE, 'readonly');
  const r = t.objectStore(STORE).get(hash);
  await completed(t);
  return r.result ? URL.createObjectURL(r.result.blob) : null;
}

/** Every stored file as JSON: [{ hash, size, at }]. */
export async function evidenceList() {
  const db = await open();
  const t = db.transaction(STORE, 'readonly');
  const out = [];
  const c = t.objectStore(STORE).openCursor();
  c.onsuccess = () => {
    const cur = c.result;
    if (cur) {
      const v = cur.value;
      out.push({ hash: v.hash, size: v.size, at: v.at });
      cur.continue();
    }
  };
  await completed(t);
  return JSON.stringify(out);
}

/** Deletes the stored files `hashes` (an array of strings). */
export async function evidenceDelete(hashes) {
  const db = await open();
  const t = db.transaction(STORE, 'readwrite');
  for (const h of hashes) t.objectStore(STORE).delete(h);
  await completed(t);
}

/**
 * Reads a chosen file; images other than GIF are scaled so that their longer
 * side is at most `maxSide` pixels (0 or `keep`: as they are) and re-encoded
 * as JPEG at `quality`. Resolves to { type, bytes }; rejects with "decode"
 * when the image cannot be read.
 */
export async function evidencePrepare(file, maxSide, quality, scale) {
  if (!scale) {
    return { type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
  }
  let bmp;
  try {
    bmp = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (e) {
    throw 'decode';
  }
  const long = Math.max(bmp.width, bmp.height);
  const k = maxSide > 0 && long > maxSide ? maxSide / long : 1;
  const w = Math.max(1, Math.round(bmp.width * k));
  const h = Math.max(1, Math.round(bmp.height * k));
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d');
  // JPEG has no transparency: a transparent PNG gets a white page.
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.drawImage(bmp, 0, 0, w, h);
  bmp.close();
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality });
  return { type: 'image/jpeg', bytes: new Uint8Array(await blob.arrayBuffer()) };
}
