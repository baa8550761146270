// Precompressed copies of a build (issue #17): next to every text and wasm
// file, `name.br` (Brotli) and `name.gz` (gzip), so the web server sends the
// small copy with no work per request (scripts/static-server.mjs, nginx's
// gzip_static/brotli_static). Node's own zlib does both, so no tool is needed.
//
// A copy is written only when it is smaller than the file. The copies are not
// files of the app: the service worker does not precache them (post-build.mjs
// ignores them) and scripts/bundle-size.mjs counts each file once, at the size
// of the copy a browser is sent.
import { readdir, readFile, writeFile, rm } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

/** Extensions worth compressing (images such as PNG are compressed already). */
export const COMPRESSIBLE = new Set([
  '.html', '.js', '.mjs', '.css', '.wasm', '.json', '.webmanifest', '.svg', '.txt', '.ico', '.map',
]);
/** Suffixes of the copies, in the order a server prefers them. */
export const ENCODINGS = [
  { suffix: '.br', name: 'br' },
  { suffix: '.gz', name: 'gzip' },
];
export const isCopy = (file) => ENCODINGS.some((e) => file.endsWith(e.suffix));

async function* walk(dir) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p); else yield p;
  }
}

/**
 * Writes `.br` and `.gz` copies of every compressible file under `dir`.
 * `fast` trades size for time (debug builds: a 30 MB debug wasm at Brotli's
 * best quality would take minutes). Stale copies of a file are replaced.
 * Returns the number of files compressed.
 */
export async function precompress(dir, { fast = false } = {}) {
  let n = 0;
  for await (const file of walk(dir)) {
    if (isCopy(file) || !COMPRESSIBLE.has(extname(file))) continue;
    const raw = await readFile(file);
    const copies = {
      '.br': brotliCompressSync(raw, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: fast ? 5 : constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          [constants.BROTLI_PARAM_MODE]: extname(file) === '.wasm'
            ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
        },
      }),
      '.gz': gzipSync(raw, { level: fast ? 6 : 9 }),
    };
    for (const [suffix, body] of Object.entries(copies)) {
      // A copy that is not smaller would only cost bytes: the server then
      // sends the file itself.
      if (body.length < raw.length) await writeFile(file + suffix, body);
      else await rm(file + suffix, { force: true });
    }
    n += 1;
  }
  return n;
}
