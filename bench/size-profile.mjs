// Where the bytes of the WebAssembly go (issue #17): runs the twiggy size
// profiler on the wasm that cargo wrote for the last release build (before
// wasm-bindgen and wasm-opt, so every function still has its name) and sums
// the shallow sizes per crate: the first path segment of each item's
// demangled name (`<tachys::… as …>::build` counts for tachys), data
// segments and the wasm's own structure apart. Proportions carry over to
// the shipped file, which wasm-opt makes smaller without names.
// twiggy comes from `scripts/setup.sh --bench` (cargo install, once).
// Usage: node bench/size-profile.mjs [path/to/kiemtra.wasm] [--top N]
import { execFileSync } from 'node:child_process';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const ti = args.indexOf('--top');
const TOP = ti >= 0 ? Number(args[ti + 1]) : 25;
const target = process.env.CARGO_TARGET_DIR || join(here, '..', 'target');
const wasm = args.find((a, j) => !a.startsWith('--') && (ti < 0 || j !== ti + 1))
  || join(target, 'wasm32-unknown-unknown', 'release', 'kiemtra.wasm');

/** The crate (or kind of item) an item of twiggy's list belongs to. */
export function crateOf(name) {
  if (/^"function names" subsection|^custom section/.test(name)) return '(names, custom sections: not shipped)';
  if (/^data segment|^data\[\d+\]$/.test(name)) return '(data: constants, strings)';
  if (/^code\[\d+\]$/.test(name)) return '(unnamed code)';
  if (/^(table|elem|type|import|export|global|memory|func)\b/.test(name) || /^\w+\[\d+\]$/.test(name)) return '(wasm structure)';
  const bare = name.replace(/^(?:[<&\s]|(?:dyn|mut|impl|const)\s)+/, '');
  // `<T as tachys::view::Render>::build` with a generic T: the trait's crate.
  const generic = /^[A-Z]\w*(?:<[^>]*>)? as (?:[<&\s]|(?:dyn|mut)\s)*([A-Za-z_]\w*)::/.exec(bare);
  if (generic) return generic[1];
  const m = /^([A-Za-z_]\w*)::/.exec(bare);
  return m ? m[1] : '(other)';
}

const info = await stat(wasm).catch(() => null);
if (!info) {
  console.error(`size-profile: ${wasm} not found; run a release build first (trunk build --release)`);
  process.exit(1);
}
let items;
try {
  items = JSON.parse(execFileSync('twiggy', ['top', '-n', '1000000', '--format', 'json', wasm], { maxBuffer: 1 << 30 }));
} catch (e) {
  console.error(`size-profile: twiggy failed (${e.message.split('\n')[0]}); install it with scripts/setup.sh --bench`);
  process.exit(1);
}
const crates = new Map();
for (const it of items) {
  const c = crateOf(it.name);
  crates.set(c, (crates.get(c) ?? 0) + it.shallow_size);
}
// Names and custom sections never reach the browser (wasm-bindgen and
// wasm-opt drop them): percentages are of what remains.
const NOT_SHIPPED = '(names, custom sections: not shipped)';
const total = items.reduce((s, it) => s + it.shallow_size, 0) - (crates.get(NOT_SHIPPED) ?? 0);
const rows = [...crates].filter(([c]) => c !== NOT_SHIPPED)
  .map(([crate, bytes]) => ({ crate, bytes, percent: (100 * bytes) / total })).sort((a, b) => b.bytes - a.bytes);
await mkdir(join(here, 'out'), { recursive: true });
await writeFile(join(here, 'out', 'size-profile.json'), JSON.stringify({ wasm, bytes: info.size, code_and_data: total, crates: rows }, null, 2));
console.log(`size profile of ${wasm} (${(info.size / 1024).toFixed(0)} KB before wasm-bindgen and wasm-opt, `
  + `${(total / 1024).toFixed(0)} KB of code and data without names), per crate:`);
for (const r of rows.slice(0, TOP)) {
  console.log(`${(r.bytes / 1024).toFixed(1).padStart(9)} KB ${r.percent.toFixed(1).padStart(5)} %  ${r.crate}`);
}
const rest = rows.slice(TOP).reduce((s, r) => s + r.bytes, 0);
if (rest > 0) console.log(`${(rest / 1024).toFixed(1).padStart(9)} KB         ${rows.length - TOP} other crates`);
