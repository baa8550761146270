// Evidence attachments (issue #16): with the network off, two images and a
// PDF are attached to a checklist answer (one image scaled, which re-encodes
// it, one kept as the original, byte for byte), a caption is written; the
// bytes are in IndexedDB under the SHA-256 of the stored bytes (checked here
// with Node's own SHA-256), the answers record holds only references; after
// an offline reload the thumbnails come back; the viewer works from the
// keyboard; a removal is undone; finalizing locks the attachments; the
// storage health page counts the files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage, appReady } from './harness.mjs';
import { ID, KEY, row, writeSeed, storedData, storedWhen } from './seed.mjs';
import { decodeStored } from './stored.mjs';
import { sha256, pdfBytes, drawImage, finalizeSeeded, storedFiles } from './evidence-steps.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Visits once and waits until the service worker controls the page. */
async function installed(page) {
  await page.goto(env.url + '/kiem-tra');
  await appReady(page);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await appReady(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

const answerOf = async (page) => (await storedData(page, KEY)).checklists[0].answers['1#0/1a'];

test('two images and a PDF attached offline are stored by hash, survive a reload and lock on finalizing', async () => {
  const { page, context, watch } = await newPage(env);
  await installed(page);
  await writeSeed(page);
  const detail = { label: 'Bảng niêm yết', tiles: true, font: 40 };
  const photo = await drawImage(page, { width: 3000, height: 2000, type: 'image/jpeg', ...detail });
  const scan = await drawImage(page, { width: 400, height: 300, type: 'image/png', ...detail });
  const pdf = pdfBytes();
  await context.setOffline(true);
  await page.goto(env.url + `/kiem-tra/${ID}`);
  await appReady(page);
  await page.waitForSelector(row('1a'));
  const r = row('1a');

  // The photo at the default size (scaled, re-encoded), then the scan and
  // the PDF kept as they are.
  await page.click(`${r} [data-testid="attach-open"]`);
  await page.setInputFiles(`${r} [data-testid="attach-files"]`, [{ name: 'anh-bang-niem-yet.jpg', mimeType: 'image/jpeg', buffer: photo }]);
  await page.waitForSelector(`${r} [data-testid="attachment"]`);
  await page.selectOption(`${r} [data-testid="attach-size"]`, '0');
  assert.match(await page.textContent(`${r} [data-testid="attach-panel"]`), /kể cả thông tin vị trí và máy chụp/);
  await page.setInputFiles(`${r} [data-testid="attach-files"]`, [
    { name: 'so-theo-doi.png', mimeType: 'image/png', buffer: scan },
    { name: 'quyet-dinh.pdf', mimeType: 'application/pdf', buffer: pdf },
  ]);
  await page.waitForFunction((sel) => document.querySelectorAll(`${sel} [data-testid="attachment"]`).length === 3, r);
  // A file of another type is refused with a Vietnamese message.
  await page.setInputFiles(`${r} [data-testid="attach-files"]`, [{ name: 'ghi-chu.txt', mimeType: 'text/plain', buffer: Buffer.from('x') }]);
  await page.waitForSelector(`${r} [data-testid="attachment-error"]`);
  assert.match(await page.textContent(`${r} [data-testid="attachment-error"]`), /“ghi-chu.txt” không phải ảnh/);

  await page.fill(`${r} [data-testid="attachment-caption"] >> nth=0`, 'Bảng niêm yết thủ tục tại trụ sở');
  await page.press(`${r} [data-testid="attachment-caption"] >> nth=0`, 'Tab');
  const answer = await storedWhen(page, KEY, (d) => {
    const a = d.checklists[0].answers['1#0/1a'];
    return a?.attachments?.length === 3 && a.attachments[0].caption === 'Bảng niêm yết thủ tục tại trụ sở';
  }).then((d) => d.checklists[0].answers['1#0/1a']);
  const [a1, a2, a3] = answer.attachments;
  assert.deepEqual([a1.type, a2.type, a3.type], ['image/jpeg', 'image/png', 'application/pdf']);
  assert.deepEqual([a1.name, a2.name, a3.name], ['anh-bang-niem-yet.jpg', 'so-theo-doi.png', 'quyet-dinh.pdf']);
  // Kept as they are: the hash is the original's.
  assert.equal(a2.hash, sha256(scan));
  assert.equal(a2.size, scan.length);
  assert.equal(a3.hash, sha256(pdf));
  // Scaled: a new, smaller JPEG.
  assert.notEqual(a1.hash, sha256(photo));
  // Only references in localStorage: no bytes.
  const rawAnswers = await page.evaluate((id) => Object.keys(localStorage)
    .filter((k) => k.startsWith(`kiemtra:answers:${id}:`)).map((k) => localStorage.getItem(k)), ID)
    .then((vs) => vs.map(decodeStored).join(''));
  assert.ok(rawAnswers.length < 5000, `answers record stays small: ${rawAnswers.length}`);

  // IndexedDB holds each file under the SHA-256 of its bytes.
  const files = await storedFiles(page);
  for (const a of [a1, a2, a3]) {
    const f = files[a.hash];
    assert.ok(f, `stored ${a.name}`);
    const bytes = Buffer.from(f.b64, 'base64');
    assert.equal(sha256(bytes), a.hash);
    assert.equal(bytes.length, a.size);
    assert.equal(f.type, a.type);
  }
  assert.deepEqual(Buffer.from(files[a2.hash].b64, 'base64'), scan, 'original kept byte for byte');
  // The scaled photo: longer side 2000 px, no EXIF (a JPEG re-encoded by the canvas).
  const dims = await page.evaluate(async (b64) => {
    const bin = atob(b64);
    const u = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i += 1) u[i] = bin.charCodeAt(i);
    const bmp = await createImageBitmap(new Blob([u], { type: 'image/jpeg' }));
    return [bmp.width, bmp.height];
  }, files[a1.hash].b64);
  assert.deepEqual(dims, [2000, 1333]);

  // Offline reload: the thumbnails come back from IndexedDB.
  await page.reload();
  await appReady(page);
  await page.waitForFunction((sel) => {
    const imgs = [...document.querySelectorAll(`${sel} [data-testid="attachment-img"]`)];
    return imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0);
  }, r);
  assert.equal(await page.getAttribute(`${r} [data-testid="attachment-img"] >> nth=0`, 'alt'), 'Bảng niêm yết thủ tục tại trụ sở');

  // The viewer: opened from the thumbnail, arrows move, Esc closes and
  // gives the focus back.
  await page.click(`${r} .attachment-thumb >> nth=0`);
  await page.waitForSelector('[data-testid="attachment-viewer"]');
  assert.match(await page.textContent('[data-testid="attachment-viewer"] h3'), /Bảng niêm yết thủ tục tại trụ sở \(1\/3\)/);
  // The focus moves into the dialog at the next frame (it is mounted
  // then); keys go to the dialog from there, as a keyboard user sees it.
  await page.waitForFunction(() => document.querySelector('[data-testid="attachment-viewer"]')?.contains(document.activeElement));
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /\(2\/3\)/.test(document.querySelector('[data-testid="attachment-viewer"] h3')?.textContent ?? ''));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[data-testid="attachment-viewer"]'));
  await page.waitForFunction(() => document.activeElement?.classList.contains('attachment-thumb'));

  // Removing is undoable; the file stays stored meanwhile.
  await page.click(`${r} [data-testid="attachment-remove"] >> nth=2`);
  await storedWhen(page, KEY, (d) => d.checklists[0].answers['1#0/1a'].attachments.length === 2);
  assert.ok((await storedFiles(page))[a3.hash], 'the removed file is still stored');
  await page.click(`${r} [data-testid="attachment-undo-button"]`);
  await storedWhen(page, KEY, (d) => d.checklists[0].answers['1#0/1a'].attachments.length === 3);

  // Finalize: answer everything, end date, conclusion.
  await finalizeSeeded(page);
  assert.equal(await page.$(`${r} [data-testid="attach-open"]`), null);
  assert.equal(await page.$(`${r} [data-testid="attachment-remove"]`), null);
  assert.equal(await page.isDisabled(`${r} [data-testid="attachment-caption"] >> nth=0`), true);
  assert.equal((await answerOf(page)).attachments.length, 3);

  // Storage health counts the stored files.
  await page.goto(env.url + '/cai-dat');
  await page.waitForFunction(() => /^3 tệp, /.test(document.querySelector('[data-testid="attachments-total"]')?.textContent ?? ''));

  assert.deepEqual(watch.pageErrors, []);
  assert.deepEqual(watch.foreignRequests, []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  await context.close();
});
