// A small static file server for the release build (dist/), used by
// scripts/serve.sh, the end-to-end tests and the benchmark. It binds to
// 127.0.0.1 only and answers deep links (paths without a file extension) with
// index.html, as an intranet web server configured per README.md would.
// Usage: node scripts/static-server.mjs <dir> [port]   (port 0 = any free port)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

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

/** Starts a server on `port` (0 = any) and resolves to { server, url }. */
export function serve(dir, port = 0) {
  let root = resolve(dir);
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
      const body = await readFile(file);
      const type = TYPES[extname(file)] || 'application/octet-stream';
      // Hashed assets may be cached for ever; index.html and the service worker never.
      const hashed = /-[0-9a-f]{16}\./.test(file);
      res.writeHead(200, {
        'content-type': type,
        'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
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
      });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  const { url } = await serve(dir, Number(port));
  console.log(`Serving ${dir} at ${url}/`);
}
