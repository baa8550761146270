// Publishes a changed copy of a build, as the next release of the app would
// be: the WebAssembly changes (a custom section is appended, as any change of
// the Rust code changes the wasm), so its hashed name and its integrity
// change, every file that names it changes too (and is renamed when its own
// name is hashed), and the service worker and the precompressed copies are
// made again exactly as the build makes them. Used by the delivery e2e test
// and by the benchmark's update figure.
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { isCopy, precompress } from '../../scripts/precompress.mjs';
import { buildServiceWorker, HASHED_NAME } from '../../scripts/service-worker.mjs';

const TEXT = new Set(['.html', '.js', '.css', '.webmanifest']);
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** A wasm custom section (id 0) named `name` holding `payload` (both short). */
function customSection(name, payload) {
  const n = Buffer.from(name);
  const p = Buffer.from(payload);
  const size = 1 + n.length + p.length;
  if (n.length > 127 || size > 127) throw new Error('customSection: keep it short');
  return Buffer.concat([Buffer.from([0, size, n.length]), n, p]);
}

/**
 * Copies `dist` into a new temporary directory and changes its wasm.
 * Resolves to { dir, changed }: `changed` lists the URL paths whose content
 * differs from `dist` (new hashed names, index.html, sw.js).
 */
export async function nextBuild(dist, { marker = 'next', fast = true } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'kiemtra-next-'));
  await cp(dist, dir, { recursive: true });
  const names = (await readdir(dir)).filter((f) => !isCopy(f));
  for (const f of await readdir(dir)) if (isCopy(f)) await rm(join(dir, f));

  const renamed = new Map(); // old name -> new name
  const integrity = new Map(); // old SRI -> new SRI
  const changed = new Set();
  async function replaceFile(name, oldBytes, newBytes) {
    let target = name;
    if (HASHED_NAME.test(name)) {
      const hash = createHash('sha256').update(newBytes).digest('hex').slice(0, 16);
      target = name.replace(/-[0-9a-f]{12,16}(?=[._])/, `-${hash}`);
      renamed.set(name, target);
      await rm(join(dir, name));
    }
    integrity.set(sri(oldBytes), sri(newBytes));
    await writeFile(join(dir, target), newBytes);
    changed.add(`/${target}`);
    return target;
  }

  const wasm = names.find((f) => f.endsWith('.wasm'));
  if (!wasm) throw new Error(`nextBuild: no wasm in ${dist}`);
  const wasmBytes = await readFile(join(dir, wasm));
  await replaceFile(wasm, wasmBytes, Buffer.concat([wasmBytes, customSection('kiemtra-next', marker)]));

  // Follow the names through the text files until nothing changes (the boot
  // script names the wasm, index.html names the boot script).
  for (let again = true; again;) {
    again = false;
    for (const name of (await readdir(dir)).filter((f) => TEXT.has(extname(f)) && f !== 'sw.js')) {
      const before = await readFile(join(dir, name), 'utf8');
      let after = before;
      for (const [from, to] of [...renamed, ...integrity]) after = after.split(from).join(to);
      if (after !== before) {
        await replaceFile(name, Buffer.from(before), Buffer.from(after));
        again = true;
      }
    }
  }
  await buildServiceWorker(dir);
  changed.add('/sw.js');
  await precompress(dir, { fast });
  return { dir, changed: [...changed].filter((p) => !renamed.has(p.slice(1))) };
}
