// Trunk post-build hook (see Trunk.toml). Runs in the staging directory
// before Trunk moves it to dist/:
// 1. moves Trunk's inline module loader into a hashed file, so the
//    Content-Security-Policy can forbid inline scripts ('unsafe-inline');
// 2. generates the service worker with Workbox: it precaches every file of
//    this build (the list comes from the hashed output itself) and answers
//    deep links with index.html, so the app starts with no network;
// 3. writes precompressed .br and .gz copies of every text and wasm file,
//    sw.js included (scripts/precompress.mjs), for the web server to send.
//    (The service worker's options and why: scripts/service-worker.mjs.)
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { precompress } from './precompress.mjs';
import { buildServiceWorker } from './service-worker.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('post-build: TRUNK_STAGING_DIR is not set (run through trunk build)');
  process.exit(1);
}
const indexPath = join(dir, 'index.html');
let html = await readFile(indexPath, 'utf8');

// Trunk's release build minifies index.html, so attributes may lack quotes.
const inline = /<script\b(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g;
let moved = 0;
for (const [whole, attrs, body] of [...html.matchAll(inline)]) {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  const name = `boot-${hash}.js`;
  await writeFile(join(dir, name), body.trim() + '\n');
  if (!/\btype="?module"?/.test(attrs)) {
    console.error(`post-build: unexpected inline script: ${whole.slice(0, 200)}`);
    process.exit(1);
  }
  html = html.replace(whole, `<script type="module" src="/${name}"></script>`);
  moved += 1;
}
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html)) {
  console.error('post-build: an inline script is left in index.html; the CSP would block it:');
  console.error(html);
  process.exit(1);
}
await writeFile(indexPath, html);

const { count, size, warnings } = await buildServiceWorker(dir);
for (const w of warnings) console.warn('post-build: workbox:', w);
// Trunk tells hooks the profile; a debug build is compressed quickly (its
// wasm is ten times bigger), a release build as small as Brotli can.
const release = process.env.TRUNK_PROFILE === 'release';
const compressed = await precompress(dir, { fast: !release });
console.log(`post-build: moved ${moved} inline script(s); service worker precaches ${count} files (${size} bytes); `
  + `${compressed} files precompressed (${release ? 'best' : 'fast'})`);
