// What a first visit transfers: every file of the build (the service worker
// precaches all of them, sw.js included), each counted once at the size the
// server sends it: its precompressed copy (scripts/precompress.mjs) when there
// is one, the file itself otherwise. Two figures: Brotli (what the project's
// server sends a current browser) and gzip (a server with gzip_static only).
// The .br/.gz copies are never counted as files of their own.
//
// Usage: node scripts/bundle-size.mjs dist [--json] [--check scripts/bundle-ceiling.json]
// --check fails (exit 1) when either figure is above the ceiling kept in the
// repository: the bundle-size gate of scripts/test.sh. Lower the ceiling with
// every size improvement; raise it only with a reason in the commit.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isCopy } from './precompress.mjs';

async function* walk(dir) {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p); else yield p;
  }
}

const sizeOf = (p) => stat(p).then((s) => s.size, () => null);

/** Per file and in total: raw bytes, bytes sent with gzip, bytes sent with Brotli. */
export async function bundleSize(dir) {
  const files = [];
  for await (const p of walk(dir)) {
    if (isCopy(p)) continue;
    const raw = (await readFile(p)).length;
    const gz = await sizeOf(`${p}.gz`);
    const br = await sizeOf(`${p}.br`);
    // The server's order: Brotli, then gzip, then the file itself.
    files.push({ file: relative(dir, p), raw, gzip: gz ?? raw, br: br ?? gz ?? raw });
  }
  files.sort((a, b) => b.br - a.br);
  const total = files.reduce(
    (s, f) => ({ raw: s.raw + f.raw, gzip: s.gzip + f.gzip, br: s.br + f.br }),
    { raw: 0, gzip: 0, br: 0 },
  );
  return { files, total };
}

/** Problems of `total` against `ceiling` ({ br_bytes, gzip_bytes }); empty when within. */
export function overCeiling(total, ceiling) {
  const out = [];
  for (const [key, figure] of [['br_bytes', total.br], ['gzip_bytes', total.gzip]]) {
    if (!Number.isInteger(ceiling[key])) out.push(`the ceiling file has no integer ${key}`);
    else if (figure > ceiling[key]) out.push(`${key}: ${figure} B is above the ceiling of ${ceiling[key]} B`);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--check');
  const ceilingFile = i >= 0 ? args[i + 1] : null;
  const dir = args.find((a, j) => !a.startsWith('--') && (i < 0 || j !== i + 1)) || 'dist';
  const { files, total } = await bundleSize(dir);
  if (files.length === 0) { console.error(`no files in ${dir}`); process.exit(1); }
  if (args.includes('--json')) {
    console.log(JSON.stringify({ files, total }, null, 2));
  } else {
    for (const f of files) {
      console.log(`${String(f.br).padStart(9)} B br ${String(f.gzip).padStart(9)} B gzip ${String(f.raw).padStart(9)} B raw  ${f.file}`);
    }
    console.log(`first visit transfers ${(total.br / 1024).toFixed(1)} KB with Brotli, ${(total.gzip / 1024).toFixed(1)} KB with gzip `
      + `(${(total.raw / 1024).toFixed(1)} KB raw) in ${files.length} files`);
  }
  if (ceilingFile) {
    const ceiling = JSON.parse(await readFile(ceilingFile, 'utf8'));
    const problems = overCeiling(total, ceiling);
    if (problems.length > 0) {
      for (const p of problems) console.error(`bundle-size: ${p}`);
      console.error('bundle-size: FAILED (make the bundle smaller, or raise the ceiling with a reason)');
      process.exit(1);
    }
    console.log(`bundle-size: within the ceiling (${ceiling.br_bytes} B Brotli, ${ceiling.gzip_bytes} B gzip)`);
  }
}
