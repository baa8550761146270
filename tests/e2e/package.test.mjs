// The export package (issue #16 item 4): two images and a PDF attached to a
// checklist answer, the inspection finalized, the report exported as a
// package (.zip); here the package is read with a small zip reader (its
// entries are stored, not compressed) and every file is checked with Node's
// SHA-256 against its name, the manifest and the stored references, and
// report.json is the signed report file. Then the file check page accepts
// the package (all intact), and names the one attachment whose byte was
// changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { start, newPage, appReady } from './harness.mjs';
import { ID, KEY, row, writeSeed, storedWhen } from './seed.mjs';
import {
  sha256, pdfBytes, drawImage, attachAsTheyAre, finalizeSeeded, unzip, deleteStoredFile,
} from './evidence-steps.mjs';

const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious or critical axe violations in the page (as tests/e2e/a11y.test.mjs). */
async function serious(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
}

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test('a finalized inspection exports as a package whose every file matches its hash; the file check names an altered one; a file missing here stops the export', async () => {
  const { page, context, watch } = await newPage(env);
  await page.goto(env.url + '/kiem-tra');
  await appReady(page);
  await writeSeed(page);
  const photo = await drawImage(page, { width: 800, height: 600, type: 'image/jpeg', label: 'Bảng niêm yết' });
  const scan = await drawImage(page, { width: 400, height: 300, type: 'image/png', label: 'Sổ theo dõi' });
  const pdf = pdfBytes();
  await page.goto(env.url + `/kiem-tra/${ID}`);
  await appReady(page);
  await page.waitForSelector(row('1a'));
  const r = row('1a');
  await attachAsTheyAre(page, r, [
    { name: 'bang-niem-yet.jpg', mimeType: 'image/jpeg', buffer: photo },
    { name: 'so-theo-doi.png', mimeType: 'image/png', buffer: scan },
    { name: 'quyet-dinh.pdf', mimeType: 'application/pdf', buffer: pdf },
  ]);
  await page.waitForFunction((sel) => document.querySelectorAll(`${sel} [data-testid="attachment"]`).length === 3, r);
  await page.fill(`${r} [data-testid="attachment-caption"] >> nth=1`, 'Sổ theo dõi xử lý vi phạm');
  await page.press(`${r} [data-testid="attachment-caption"] >> nth=1`, 'Tab');
  const stored = await storedWhen(page, KEY, (d) => d.checklists[0].answers['1#0/1a']?.attachments?.[1]?.caption === 'Sổ theo dõi xử lý vi phạm')
    .then((d) => d.checklists[0].answers['1#0/1a'].attachments);

  await finalizeSeeded(page);

  // Export the package.
  await page.goto(env.url + '/bao-cao');
  await appReady(page);
  await page.click('[data-testid="plan-export-open"]');
  await page.waitForSelector('[data-testid="export-package"]');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="export-package"]'),
  ]);
  assert.match(download.suggestedFilename(), /\.zip$/);
  const path = '/tmp/kiemtra-package-e2e.zip';
  await download.saveAs(path);
  const zip = await readFile(path);
  const entries = unzip(zip);
  const names = [...entries.keys()];
  assert.deepEqual(names.slice(0, 2), ['report.json', 'attachments.json']);
  assert.equal(names.length, 5);
  const report = JSON.parse(entries.get('report.json').data.toString('utf8'));
  assert.equal(report.schema, 'urn:kiemtra:report:v1', 'report.json is the report file');
  assert.match(report.content_sha256, /^[0-9a-f]{64}$/);
  const manifest = JSON.parse(entries.get('attachments.json').data.toString('utf8'));
  assert.equal(manifest.report_sha256, sha256(entries.get('report.json').data));
  assert.equal(manifest.attachments.length, 3);
  for (const a of stored) {
    const m = manifest.attachments.find((x) => x.hash === a.hash);
    assert.ok(m, `listed ${a.name}`);
    assert.equal(m.type, a.type);
    assert.equal(m.size, a.size);
    assert.equal(m.caption ?? '', a.caption ?? '');
    assert.equal(m.name, a.name);
    assert.match(m.file, new RegExp(`^attachments/${a.hash}\\.(jpg|png|pdf)$`));
    assert.ok(m.attached_to.some((p) => p.startsWith(`${ID}|answer:`)));
    const bytes = entries.get(m.file)?.data;
    assert.ok(bytes, `${m.file} in the package`);
    assert.equal(sha256(bytes), a.hash);
    assert.equal(bytes.length, a.size);
  }
  assert.deepEqual(entries.get(manifest.attachments.find((x) => x.type === 'image/png').file).data, scan);

  // The file check: everything intact.
  await page.goto(env.url + '/bao-cao/kiem-tra-tep');
  await appReady(page);
  await page.setInputFiles('[data-testid="verify-input"]', { name: 'goi.zip', mimeType: 'application/zip', buffer: zip });
  await page.waitForSelector('[data-testid="package-result"]');
  await page.waitForSelector('[data-testid="verify-valid"]');
  assert.equal(await page.getAttribute('[data-testid="package-result"]', 'data-ok'), 'true');
  assert.equal(await page.locator('[data-testid="package-file"][data-ok="true"]').count(), 3);
  assert.match(await page.textContent('[data-testid="package-result"]'), /Mọi tệp đính kèm đều nguyên vẹn/);

  // One byte of the PNG changed in the zip: that file is named as altered.
  const png = manifest.attachments.find((x) => x.type === 'image/png');
  const altered = Buffer.from(zip);
  altered[entries.get(png.file).offset + 40] ^= 0x01;
  await page.setInputFiles('[data-testid="verify-input"]', { name: 'goi-sua.zip', mimeType: 'application/zip', buffer: altered });
  await page.waitForSelector('[data-testid="package-result"][data-ok="false"]');
  const bad = page.locator('[data-testid="package-file"][data-ok="false"]');
  assert.equal(await bad.count(), 1);
  const badText = await bad.textContent();
  assert.ok(badText.includes(png.file), badText);
  assert.match(badText, /Đã bị thay đổi/);
  assert.equal(await page.locator('[data-testid="package-file"][data-ok="true"]').count(), 2);
  // The report itself is still intact.
  await page.waitForSelector('[data-testid="verify-valid"]');
  assert.deepEqual(await serious(page), [], 'the package result passes axe (vi)');

  // In English.
  await page.selectOption('[data-testid="lang-select"]', 'en');
  await page.setInputFiles('[data-testid="verify-input"]', { name: 'altered.zip', mimeType: 'application/zip', buffer: altered });
  await page.waitForFunction(() => /Altered: actual SHA-256/.test(document.querySelector('[data-testid="package-file"][data-ok="false"]')?.textContent ?? ''));
  assert.deepEqual(await serious(page), [], 'the package result passes axe (en)');
  await page.selectOption('[data-testid="lang-select"]', 'vi');

  // A file no longer in this browser: the export names it and makes no package.
  const jpg = manifest.attachments.find((x) => x.type === 'image/jpeg');
  await deleteStoredFile(page, jpg.hash);
  await page.goto(env.url + '/bao-cao');
  await appReady(page);
  await page.click('[data-testid="plan-export-open"]');
  let downloads = 0;
  page.on('download', () => { downloads += 1; });
  await page.click('[data-testid="export-package"]');
  await page.waitForSelector('[data-testid="plan-export-form"] .error-text');
  const msg = await page.textContent('[data-testid="plan-export-form"] .error-text');
  assert.match(msg, /Chưa xuất gói/);
  assert.ok(msg.includes('bang-niem-yet.jpg'), msg);
  assert.ok(!msg.includes('so-theo-doi.png'), msg);
  assert.equal(downloads, 0);

  assert.deepEqual(watch.pageErrors, []);
  assert.deepEqual(watch.foreignRequests, []);
  await context.close();
});
