// Prints the gzip size of everything a first visit downloads: the whole
// release build, since the service worker precaches every file of it.
// Usage: node scripts/bundle-size.mjs dist [--json]
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

async function* walk(dir) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p); else yield p;
  }
}

export async function bundleSize(dir) {
  const files = [];
  for await (const p of walk(dir)) {
    const raw = await readFile(p);
    files.push({ file: relative(dir, p), raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length });
  }
  files.sort((a, b) => b.gzip - a.gzip);
  const total = files.reduce((s, f) => ({ raw: s.raw + f.raw, gzip: s.gzip + f.gzip }), { raw: 0, gzip: 0 });
  return { files, total };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] || 'dist';
  const { files, total } = await bundleSize(dir);
  if (files.length === 0) { console.error(`no files in ${dir}`); process.exit(1); }
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ files, total }, null, 2));
  } else {
    for (const f of files) console.log(`${String(f.gzip).padStart(9)} B gzip ${String(f.raw).padStart(9)} B raw  ${f.file}`);
    console.log(`first visit downloads ${(total.gzip / 1024).toFixed(1)} KB gzip (${(total.raw / 1024).toFixed(1)} KB raw) in ${files.length} files`);
  }
}
