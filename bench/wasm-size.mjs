// What one release build of the Rust code weighs on the wire (issue #17),
// without the rest of a Trunk build: runs the steps Trunk runs on the wasm
// cargo wrote (wasm-bindgen, then wasm-opt at the level index.html names,
// -Oz) and prints the raw size and the sizes after Brotli (quality 11) and
// gzip (level 9), as scripts/precompress.mjs writes them. Used to measure
// each size step of the README's "Delivery" table, and to compare wasm-opt
// levels on the same cargo output without rebuilding (`--opt s`), or with
// extra wasm-opt flags as index.html's data-wasm-opt-params would pass them
// (`--params "--converge"`).
// Tools from `source scripts/env.sh` (wasm-bindgen, wasm-opt).
// Usage: node bench/wasm-size.mjs [path/to/kiemtra.wasm] [--opt z|s|3] [--params "flags"]
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const oi = args.indexOf('--opt');
const level = oi >= 0 ? args[oi + 1] : 'z';
const pi = args.indexOf('--params');
const params = pi >= 0 ? args[pi + 1].split(/\s+/).filter(Boolean) : [];
const target = process.env.CARGO_TARGET_DIR || 'target';
const wasm = args.find((a, j) => !a.startsWith('--') && (oi < 0 || j !== oi + 1) && (pi < 0 || j !== pi + 1))
  || join(target, 'wasm32-unknown-unknown', 'release', 'kiemtra.wasm');

const dir = await mkdtemp(join(tmpdir(), 'wasm-size-'));
try {
  execFileSync('wasm-bindgen', ['--target', 'web', '--no-typescript', '--out-name', 'app', '--out-dir', dir, wasm]);
  const out = join(dir, 'opt.wasm');
  execFileSync('wasm-opt', [`--output=${out}`, `-O${level}`, ...params, join(dir, 'app_bg.wasm')]);
  const raw = await readFile(out);
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_GENERIC,
    },
  }).length;
  const gz = gzipSync(raw, { level: 9 }).length;
  console.log(JSON.stringify({ wasm, wasm_opt: [`-O${level}`, ...params].join(' '), raw: raw.length, br, gzip: gz }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
