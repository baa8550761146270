// Holds Chromium's storage service still, to reproduce issue #19 on demand.
//
// Chromium runs localStorage in a storage service process of its own
// (`--utility-sub-type=storage.mojom.StorageService`); IndexedDB is not held
// by stopping it (a transaction completes in ~50 ms under the stall with
// Chromium 156), which is what lets the app's journal outlive it. A page's
// `setItem` returns at once: the renderer keeps its own copy of the area and
// sends each write to that service as a message. Messages the service has not
// yet taken wait in the renderer (beyond what the socket between the two
// holds, about a hundred kilobytes); when the page is closed the renderer
// process ends and those messages end with it. A fresh page then sees the
// writes that reached the service, always the first ones, and never the rest.
// On a loaded machine the service is only slow, and the loss is intermittent
// (issue #19: about one round in five); stopped with SIGSTOP while the page
// writes and closes, it is certain.
//
// Only the storage service of a browser launched by THIS process is touched
// (found by walking the process tree down from `process.pid`): other browsers
// on the machine are never stopped.
import { execFileSync } from 'node:child_process';

/** The processes descending from this one (the browsers it launched and their children). */
function descendants() {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8', maxBuffer: 1 << 24 })
    .split('\n').map((l) => l.trim()).filter(Boolean)
    .map((l) => { const [pid, ppid, ...rest] = l.split(/\s+/); return { pid: Number(pid), ppid: Number(ppid), args: rest.join(' ') }; });
  const mine = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) if (!mine.has(r.pid) && mine.has(r.ppid)) { mine.add(r.pid); grew = true; }
  }
  return rows.filter((r) => mine.has(r.pid));
}

/** The pids of the storage service processes among this process's descendants. */
export function storageServicePids() {
  return descendants().filter((r) => r.args.includes('--utility-sub-type=storage.mojom.StorageService')).map((r) => r.pid);
}

/**
 * Stops this process's browsers' storage service; returns `resume()`, which
 * continues it (call it in a `finally`: a stopped service freezes every page
 * that reads storage). Throws when no such process is found, so a test
 * relying on the stall never passes without it.
 */
export function stallStorage() {
  const pids = storageServicePids();
  if (pids.length === 0) throw new Error('no storage service process of this browser was found');
  for (const pid of pids) process.kill(pid, 'SIGSTOP');
  let resumed = false;
  return () => {
    if (resumed) return;
    resumed = true;
    for (const pid of pids) {
      try { process.kill(pid, 'SIGCONT'); } catch { /* the browser is gone */ }
    }
  };
}

/** The renderer processes among this process's descendants. */
export function rendererPids() {
  return descendants().filter((r) => r.args.includes('--type=renderer')).map((r) => r.pid);
}

/**
 * Waits (at most `ms`) until one of `pids` (the renderers before a page was
 * closed) has exited. `page.close()` resolves when the tab is gone, but the
 * renderer process may live on a moment longer: the storage service must
 * stay still until then, or the writes still queued in it arrive after all
 * (seen under load). Returns whether one exited.
 */
export async function untilOneExits(pids, ms = 10000) {
  for (const until = Date.now() + ms; Date.now() < until;) {
    const alive = new Set(rendererPids());
    if (pids.some((p) => !alive.has(p))) return true;
    await new Promise((ok) => setTimeout(ok, 20));
  }
  return false;
}
