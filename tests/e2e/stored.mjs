// The app's storage encoding (src/storage/codec.rs), for the end-to-end
// tests that read or seed localStorage: a value is plain JSON, or
// `kz1:` + one letter (padding bits of the last unit, 'a' + n) + a zlib
// stream packed 15 bits per UTF-16 unit at U+0020..U+801F. Decoded with
// fflate, an independent zlib implementation (the app uses miniz_oxide).
import { unzlibSync, zlibSync } from 'fflate';

export const COMPRESSED_PREFIX = 'kz1:';

/** Whether a stored value is in the compressed encoding. */
export function isCompressed(raw) {
  return typeof raw === 'string' && raw.startsWith(COMPRESSED_PREFIX);
}

/** The envelope JSON text of a stored value (plain values pass through). */
export function decodeStored(raw) {
  if (!isCompressed(raw)) return raw;
  const pad = raw.charCodeAt(COMPRESSED_PREFIX.length) - 97;
  const units = raw.slice(COMPRESSED_PREFIX.length + 1);
  const totalBits = units.length * 15 - pad;
  if (pad < 0 || pad > 14 || totalBits < 0 || totalBits % 8 !== 0) throw new Error('not a kz1 value');
  const bytes = new Uint8Array(totalBits / 8);
  let acc = 0, bits = 0, n = 0;
  for (let i = 0; i < units.length; i++) {
    const v = units.charCodeAt(i) - 0x20;
    if (v < 0 || v > 0x7fff) throw new Error('not a kz1 value');
    acc = ((acc << 15) | v) >>> 0;
    bits += 15;
    while (bits >= 8) {
      bits -= 8;
      if (n < bytes.length) bytes[n++] = (acc >>> bits) & 0xff;
    }
    acc &= (1 << bits) - 1;
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(unzlibSync(bytes));
}

/** The parsed envelope of a stored value. */
export function parseStored(raw) {
  return JSON.parse(decodeStored(raw));
}

/** A value in the compressed encoding (for seeding; fflate's output, which
 * the app must read like its own). */
export function encodeCompressed(json) {
  const bytes = zlibSync(new TextEncoder().encode(json), { level: 6 });
  const totalBits = bytes.length * 8;
  const pad = (15 - (totalBits % 15)) % 15;
  let out = COMPRESSED_PREFIX + String.fromCharCode(97 + pad);
  let acc = 0, bits = 0;
  for (const b of bytes) {
    acc = ((acc << 8) | b) >>> 0;
    bits += 8;
    if (bits >= 15) {
      bits -= 15;
      out += String.fromCharCode(0x20 + ((acc >>> bits) & 0x7fff));
      acc &= (1 << bits) - 1;
    }
  }
  if (bits > 0) out += String.fromCharCode(0x20 + ((acc << (15 - bits)) & 0x7fff));
  return out;
}

/** Every `kiemtra:` value of the page's localStorage, decoded. */
export async function storedJson(page) {
  const raw = await page.evaluate(() =>
    Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('kiemtra:')).map((k) => [k, localStorage.getItem(k)])));
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, decodeStored(v)]));
}

/** The decoded JSON text stored under `key` (null when absent). */
export async function storedText(page, key) {
  const raw = await page.evaluate((k) => localStorage.getItem(k), key);
  return raw == null ? null : decodeStored(raw);
}

/** Waits until the decoded value under `key` satisfies `pred(text)`;
 * returns that text. */
export async function waitForStored(page, key, pred, timeout = 20000) {
  const end = Date.now() + timeout;
  for (;;) {
    const text = await storedText(page, key);
    if (text != null && pred(text)) return text;
    if (Date.now() > end) throw new Error(`waitForStored ${key}: timed out`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
