// A small static file server for the release build (dist/), used by
// scripts/serve.sh, the end-to-end tests and the benchmark. It binds to
// 127.0.0.1 only and answers deep links (paths without a file extension) with
// index.html, as an intranet web server configured per README.md would.
// - Compressed delivery (issue #17): a file with a precompressed copy written
//   by the build (name.br, name.gz; scripts/precompress.mjs) is answered with
//   the copy the browser accepts (Accept-Encoding: Brotli first, then gzip),
//   with Content-Encoding and `Vary: Accept-Encoding`; the Content-Type stays
//   the file's own (application/wasm for the wasm, which streaming
//   compilation needs). A copy older than its file (a file edited after the
//   build) is ignored.
// - Content-Security-Policy header: the policy of index.html's meta tag plus
//   `frame-ancestors 'none'`, which a meta tag cannot carry (no page may put
//   the app in a frame).
// - Every answer is recorded in `transfers` (path, encoding, body bytes), so
//   tests and the benchmark count the bytes a visit moves at the server.
// Usage: node scripts/static-server.mjs <dir> [port]   (port 0 = any free port)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { COMPRESSIBLE, ENCODINGS } from './precompress.mjs';
import { HASHED_NAME } from './service-worker.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** Encodings the request accepts (`q=0` refuses one), lower-cased. */
export function acceptedEncodings(header) {
  const ok = new Set();
  for (const part of String(header || '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) ok.add(name);
  }
  return ok;
}

/** The meta tag's policy in `html`, or null. */
export function metaPolicy(html) {
  const tag = /<meta\b[^>]*http-equiv="?Content-Security-Policy"?[^>]*>/i.exec(html);
  const content = tag && /\bcontent="([^"]*)"/i.exec(tag[0]);
  return content ? content[1] : null;
}

/** The header policy: the page's own (meta tag) plus what only a header can say. */
export function headerPolicy(html) {
  const meta = metaPolicy(html);
  return meta ? `${meta.replace(/;\s*$/, '')}; frame-ancestors 'none'` : "frame-ancestors 'none'";
}

/** The precompressed copy to send for `file`, if the request accepts one. */
async function pickCopy(file, info, accepted) {
  if (!COMPRESSIBLE.has(extname(file))) return null;
  for (const { suffix, name } of ENCODINGS) {
    if (!accepted.has(name)) continue;
    const copy = await stat(file + suffix).catch(() => null);
    if (copy && copy.isFile() && copy.mtimeMs >= info.mtimeMs) return { path: file + suffix, encoding: name };
  }
  return null;
}

/**
 * Starts a server on `port` (0 = any) and resolves to
 * { server, url, setRoot, transfers }.
 */
export function serve(dir, port = 0) {
  let root = resolve(dir);
  const transfers = [];
  // The header policy follows the served index.html (read again when it changes).
  let policy = { key: '', value: "frame-ancestors 'none'" };
  async function currentPolicy() {
    const index = join(root, 'index.html');
    const info = await stat(index).catch(() => null);
    const key = info ? `${index}:${info.mtimeMs}` : '';
    if (key !== policy.key) {
      policy = { key, value: headerPolicy(info ? await readFile(index, 'utf8') : '') };
    }
    return policy.value;
  }
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let path = normalize(decodeURIComponent(url.pathname));
      let file = join(root, path);
      if (!file.startsWith(root + sep) && file !== root) {
        res.writeHead(403).end();
        return;
      }
      let info = await stat(file).catch(() => null);
      if (info && info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info) {
        if (extname(path) !== '') {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
          return;
        }
        // Deep link: the app's router handles it.
        file = join(root, 'index.html');
      }
      const copy = await pickCopy(file, info ?? (await stat(file)), acceptedEncodings(req.headers['accept-encoding']));
      const body = await readFile(copy ? copy.path : file);
      const type = TYPES[extname(file)] || 'application/octet-stream';
      // Hashed assets may be cached for ever; index.html and the service worker never.
      const hashed = HASHED_NAME.test(basename(file));
      const headers = {
        'content-type': type,
        'content-length': body.length,
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
        'content-security-policy': await currentPolicy(),
        'x-frame-options': 'DENY',
      };
      if (copy) headers['content-encoding'] = copy.encoding;
      // Caches between the server and the browser must key on the encoding.
      if (COMPRESSIBLE.has(extname(file))) headers.vary = 'Accept-Encoding';
      res.writeHead(200, headers);
      const head = req.method === 'HEAD';
      transfers.push({ path: url.pathname, file: file.slice(root.length), encoding: copy ? copy.encoding : 'identity', bytes: head ? 0 : body.length });
      res.end(head ? undefined : body);
    } catch (e) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      ok({
        server,
        url: `http://127.0.0.1:${server.address().port}`,
        // Lets a test publish a new build at the same address (update flow).
        setRoot(newDir) { root = resolve(newDir); },
        // What the server sent, one entry per answer (clear with `length = 0`).
        transfers,
      });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  const { url } = await serve(dir, Number(port));
  console.log(`Serving ${dir} at ${url}/`);
}
