// Backup and restore with the attached files (issue #16): an image and a PDF
// attached to a checklist answer, the inspection finalized, a PDF added to
// an addendum afterwards (the answer's files stay locked); the full backup
// is then a package (.zip) whose sao-luu.json is the JSON backup and whose
// files match their hashes (checked here with Node's SHA-256). In a FRESH
// browser context (empty storage) the package restores: the preview says
// how many files and their size, the records come back and the viewer shows
// the image's very bytes. A package with one changed byte is refused with
// the file named, and nothing is stored; an old JSON backup (backup format
// 1, records of earlier versions) still restores.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { start, newPage, appReady } from './harness.mjs';
import { ID, KEY, row, writeSeed, storedData, storedWhen } from './seed.mjs';
import {
  sha256, pdfBytes, drawImage, attachAsTheyAre, finalizeSeeded, unzip, storedHashes, storedFileBytes,
} from './evidence-steps.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Chooses a file in the restore input and waits for the preview or the refusal. */
async function chooseBackup(page, name, mimeType, buffer) {
  await page.setInputFiles('[data-testid="restore-file"]', { name, mimeType, buffer });
  await page.waitForSelector('[data-testid="restore-preview"], [data-testid="restore-error"]');
}

const kiemtraKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('kiemtra:')
  && !k.startsWith('kiemtra:template:') && !k.startsWith('kiemtra:ui:') && k !== 'kiemtra:index' && k !== 'kiemtra:settings').sort());

test('a backup with attached files is a package that restores in a fresh browser; an altered one is refused; an old JSON backup restores', async () => {
  const { page, context, watch } = await newPage(env);
  await page.goto(env.url + '/kiem-tra');
  await appReady(page);
  await writeSeed(page);
  const png = await drawImage(page, {
    width: 320, height: 200, type: 'image/png', label: 'Sổ theo dõi', background: '#2a6', font: 24,
  });
  const pdf = pdfBytes();
  const pdf2 = pdfBytes('% bien ban khac phuc');
  await page.goto(env.url + `/kiem-tra/${ID}`);
  await appReady(page);
  await page.waitForSelector(row('1a'));
  const r = row('1a');

  // An image kept as it is (so its bytes are the test's) and a PDF.
  await attachAsTheyAre(page, r, [
    { name: 'so-theo-doi.png', mimeType: 'image/png', buffer: png },
    { name: 'quyet-dinh.pdf', mimeType: 'application/pdf', buffer: pdf },
  ]);
  await storedWhen(page, KEY, (d) => d.checklists[0].answers['1#0/1a']?.attachments?.length === 2);

  // Finalize: answer everything, end date, conclusion.
  await finalizeSeeded(page);

  // An addendum takes a new file; the answer's files stay locked.
  assert.equal(await page.$(`${r} [data-testid="attach-open"]`), null);
  await page.fill('[data-testid="addendum-text"]', 'Bổ sung: đơn vị đã gửi biên bản khắc phục.');
  await page.click('[data-testid="addendum-add"]');
  const add = '[data-testid="addendum"] >> nth=0';
  await page.waitForSelector(add);
  await page.click(`${add} >> [data-testid="attach-open"]`);
  await page.setInputFiles(`${add} >> [data-testid="attach-files"]`, [
    { name: 'bien-ban-khac-phuc.pdf', mimeType: 'application/pdf', buffer: pdf2 },
  ]);
  const stored = await storedWhen(page, KEY, (d) => d.addenda?.[0]?.attachments?.length === 1);
  assert.equal(stored.addenda[0].attachments[0].hash, sha256(pdf2));
  assert.equal(stored.checklists[0].answers['1#0/1a'].attachments.length, 2);
  await page.waitForSelector(`${add} >> [data-testid="attachment"]`);
  assert.equal(await page.$(`${add} >> [data-testid="attachment-remove"]`), null, 'added files stay as they are');
  // The printed report lists it with the answer's files.
  await page.goto(env.url + `/kiem-tra/${ID}/in`);
  await page.waitForSelector('[data-testid="print-attachments"]');
  assert.equal(await page.locator('[data-testid="print-attachment"]').count(), 3);
  assert.match(await page.textContent('[data-testid="print-attachment"] >> nth=2'), /Bổ sung ngày .*bien-ban-khac-phuc\.pdf|bien-ban-khac-phuc\.pdf.*Bổ sung ngày/s);

  // The backup: a package.
  await page.goto(env.url + '/cai-dat');
  await appReady(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="backup-download"]'),
  ]);
  assert.match(download.suggestedFilename(), /^kiemtra-sao-luu_\d{4}-\d{2}-\d{2}\.zip$/);
  const zip = await readFile(await download.path());
  const entries = unzip(zip);
  const names = [...entries.keys()];
  assert.equal(names[0], 'sao-luu.json');
  assert.equal(names[1], 'attachments.json');
  const backup = JSON.parse(entries.get('sao-luu.json').data.toString('utf8'));
  assert.equal(backup.schema, 'kiemtra/backup');
  assert.ok(backup.records[KEY], 'the inspection is in the backup');
  const manifest = JSON.parse(entries.get('attachments.json').data.toString('utf8'));
  assert.equal(manifest.format, 'kiemtra-goi-sao-luu');
  assert.equal(manifest.report_sha256, sha256(entries.get('sao-luu.json').data));
  assert.equal(manifest.attachments.length, 3);
  for (const e of manifest.attachments) {
    const f = entries.get(e.file);
    assert.ok(f, `${e.file} in the package`);
    assert.equal(sha256(f.data), e.hash);
    assert.equal(f.data.length, e.size);
  }
  assert.deepEqual(entries.get(`attachments/${sha256(png)}.png`).data, png);
  await page.waitForFunction(() => /3 tệp đính kèm/.test(document.querySelector('[data-testid="backup-status"]')?.textContent ?? ''));
  assert.equal(await page.$('[data-testid="backup-missing"]'), null);
  assert.deepEqual(watch.pageErrors, []);
  await context.close();

  // A fresh browser: nothing stored. An altered package first: refused,
  // the file named, nothing stored.
  const fresh = await newPage(env);
  const p2 = fresh.page;
  await p2.goto(env.url + '/cai-dat');
  await appReady(p2);
  await p2.waitForSelector('[data-testid="restore-file"]');
  const bad = Buffer.from(zip);
  const target = entries.get(`attachments/${sha256(png)}.png`);
  bad[target.offset + 40] ^= 0xff;
  await chooseBackup(p2, 'kiemtra-sao-luu.zip', 'application/zip', bad);
  const refusal = await p2.textContent('[data-testid="restore-error"]');
  assert.match(refusal, /Không thể khôi phục từ tệp này/);
  assert.match(refusal, new RegExp(`attachments/${sha256(png)}\\.png: Đã bị thay đổi`));
  assert.match(refusal, /Không có dữ liệu nào bị thay đổi/);
  assert.equal(await p2.$('[data-testid="restore-apply"]'), null);
  assert.deepEqual(await kiemtraKeys(p2), []);
  assert.deepEqual(await storedHashes(p2), []);

  // The real package: preview with its files, then restore.
  await chooseBackup(p2, download.suggestedFilename(), 'application/zip', zip);
  const files = await p2.textContent('[data-testid="restore-files"]');
  assert.match(files, /3 tệp, tổng dung lượng/);
  await p2.click('[data-testid="restore-apply"]');
  await p2.waitForSelector('[data-testid="restore-done"]');
  assert.match(await p2.textContent('[data-testid="restore-done-files"]'), /Đã lưu 3 tệp đính kèm mới/);
  assert.deepEqual(await storedHashes(p2), manifest.attachments.map((e) => e.hash).sort());
  const restored = await storedData(p2, KEY);
  assert.equal(restored.status, 'finalized');
  assert.equal(restored.checklists[0].answers['1#0/1a'].attachments.length, 2);
  assert.equal(restored.addenda[0].attachments[0].hash, sha256(pdf2));

  // The viewer shows the image's own bytes.
  await p2.goto(env.url + `/kiem-tra/${ID}`);
  await appReady(p2);
  await p2.waitForFunction((sel) => {
    const img = document.querySelector(`${sel} [data-testid="attachment-img"]`);
    return img && img.complete && img.naturalWidth > 0;
  }, r);
  // (The page's CSP forbids fetching the blob URL back: the test compares
  // the stored bytes by hash and the shown pixels with the original's.)
  assert.equal(await p2.getAttribute(`${r} [data-testid="attachment"] >> nth=0`, 'data-hash'), sha256(png));
  const storedPng = await storedFileBytes(p2, sha256(png));
  assert.equal(sha256(storedPng), sha256(png));
  const samePixels = await p2.evaluate(async ({ sel, original }) => {
    const pixels = (source, w, h) => {
      const c = new OffscreenCanvas(w, h);
      const g = c.getContext('2d');
      g.drawImage(source, 0, 0);
      return g.getImageData(0, 0, w, h).data;
    };
    const img = document.querySelector(`${sel} [data-testid="attachment-img"]`);
    const bmp = await createImageBitmap(new Blob([new Uint8Array(original)], { type: 'image/png' }));
    if (img.naturalWidth !== bmp.width || img.naturalHeight !== bmp.height) return false;
    const a = pixels(img, bmp.width, bmp.height);
    const b = pixels(bmp, bmp.width, bmp.height);
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }, { sel: r, original: Array.from(png) });
  assert.ok(samePixels, 'the thumbnail shows the original image');
  assert.equal(await p2.$(`${r} [data-testid="attachment-missing"]`), null);
  assert.deepEqual(fresh.watch.pageErrors, []);
  assert.deepEqual(fresh.watch.foreignRequests, []);
  await fresh.context.close();

  // An old JSON backup (backup format 1, records of earlier versions).
  const old = await newPage(env);
  await old.page.goto(env.url + '/cai-dat');
  await appReady(old.page);
  await old.page.waitForSelector('[data-testid="restore-file"]');
  const oldFile = await readFile(new URL('./fixtures/backup-v1-json.json', import.meta.url));
  await chooseBackup(old.page, 'kiemtra-sao-luu_2021-01-14.json', 'application/json', oldFile);
  assert.equal(await old.page.$('[data-testid="restore-files"]'), null, 'no files in a JSON backup');
  await old.page.click('[data-testid="restore-apply"]');
  await old.page.waitForSelector('[data-testid="restore-done"]');
  const oldKeys = JSON.parse(oldFile.toString('utf8')).records;
  const inspKey = Object.keys(oldKeys).find((k) => k.startsWith('kiemtra:inspection:'));
  assert.ok((await kiemtraKeys(old.page)).includes(inspKey));
  assert.deepEqual(old.watch.pageErrors, []);
  await old.context.close();
});
