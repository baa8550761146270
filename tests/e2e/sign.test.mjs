// Signed report files (issue #15): the unit makes its signing key in the
// settings (WebCrypto, kept in IndexedDB), the key survives a reload, an
// exported periodic report is signed and verifies in an independent
// verifier (scripts/verify-report.mjs: Node's crypto, standard library
// only), the fingerprint is printed on the report, a file edited and
// rehashed after export is refused by the verifier, the file check and the
// round, and a file from a unit whose key changed is held with a warning in
// the round until it is deliberately accepted (the choice is kept across a
// reload).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { start, newPage, appReady } from './harness.mjs';
import { jcs } from './sign-files.mjs';

let env;
before(async () => { env = await start({ dist: process.env.DIST || 'dist' }); });
after(async () => { await env?.close(); });

const VERIFIER = fileURLToPath(new URL('../../scripts/verify-report.mjs', import.meta.url));
const UNIT = 'Ủy ban nhân dân quận Ninh Kiều';

/** Runs the independent verifier; returns its exit code and output. */
function nodeVerify(path, fingerprint) {
  const r = spawnSync(process.execPath, [VERIFIER, path, ...(fingerprint ? [fingerprint] : [])], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

async function fingerprintShown(page) {
  await page.goto(env.url + '/cai-dat');
  await page.waitForSelector('[data-testid="unit-key-fingerprint"]');
  return (await page.textContent('[data-testid="unit-key-fingerprint"]')).trim();
}

async function exportReport(page, url, path) {
  await page.goto(url);
  await page.waitForSelector('[data-testid="export-open"]');
  await page.click('[data-testid="export-open"]');
  await page.fill('[data-testid="exporter-name"]', 'Nguyễn Văn An');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="export-confirm-btn"]'),
  ]);
  await download.saveAs(path);
  await page.waitForSelector('[data-testid="export-message"]');
  return { text: await readFile(path, 'utf8'), message: await page.textContent('[data-testid="export-message"]') };
}

test('signing key, signed export, independent verification, edited file refused, changed key held in the round', async () => {
  const { page, watch } = await newPage(env);
  await page.goto(env.url + '/cai-dat');
  await appReady(page);

  // No key yet: the settings say so and make one.
  await page.waitForSelector('[data-testid="unit-key-none"]');
  assert.match(await page.textContent('[data-testid="backup-no-keys"]'), /Khóa ký không nằm trong tệp sao lưu/);
  await page.click('[data-testid="unit-key-create"]');
  await page.waitForSelector('[data-testid="unit-key-fingerprint"]');
  const fp1 = (await page.textContent('[data-testid="unit-key-fingerprint"]')).trim();
  assert.match(fp1, /^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
  assert.match(await page.textContent('[data-testid="unit-key-message"]'), new RegExp(`Đã tạo khóa ký. Dấu vân tay: ${fp1}`));

  // The key is kept across a reload (IndexedDB opened again).
  await page.reload();
  assert.equal(await fingerprintShown(page), fp1);

  // A periodic report, exported signed.
  await page.goto(env.url + '/bao-cao');
  await page.click('[data-testid="create-report"]');
  await page.selectOption('[data-testid="create-regime"]', 'tt_16_2018');
  await page.fill('[data-testid="create-year"]', '2021');
  await page.selectOption('[data-testid="create-level"]', 'gui_bo_tu_phap');
  await page.click('[data-testid="create-confirm"]');
  await page.waitForSelector('[data-testid="page-periodic-report"] [data-testid="section-b1"]');
  const reportUrl = page.url();
  await page.fill('[data-testid="f-don_vi_bao_cao.ten"]', UNIT);
  await page.fill('[data-testid="f-so_ky_hieu"]', '215/BC-UBND');
  await page.fill('[data-testid="f-xu_phat.so_vu_phat_hien"]', '12');
  await page.fill('[data-testid="f-xu_phat.so_vu_bi_xu_phat"]', '10');
  const first = await exportReport(page, reportUrl, '/tmp/sign-e2e-1.json');
  assert.match(first.message, new RegExp(`Tệp đã được ký bằng khóa của đơn vị \\(dấu vân tay ${fp1}\\)`));
  const file = JSON.parse(first.text);
  assert.equal(file.schema_version, '1.2.0');
  assert.equal(file.canonicalization, 'rfc8785');
  assert.equal(file.signature.algorithm, 'ECDSA-P256-SHA256');
  // The fingerprint is the SHA-256 of the public key, shown as its first 32 hex digits.
  const der = Buffer.from(file.signature.public_key, 'base64');
  assert.equal(createHash('sha256').update(der).digest('hex'), file.signature.public_key_sha256);
  assert.equal(file.signature.public_key_sha256.slice(0, 32).toUpperCase(), fp1.replace(/ /g, ''));

  // The independent verifier (Node's crypto) accepts it, with the paper's fingerprint.
  const ok = nodeVerify('/tmp/sign-e2e-1.json', fp1);
  assert.equal(ok.code, 0, ok.out);
  assert.match(ok.out, /signature valid/);
  assert.match(ok.out, /matches the paper report/);

  // The printed report carries the fingerprint.
  await page.goto(reportUrl + '/in');
  await page.waitForSelector('[data-testid="print-fingerprint"]');
  assert.match(await page.textContent('[data-testid="print-fingerprint"]'), new RegExp(`Dấu vân tay khóa ký tệp dữ liệu: ${fp1}`));

  // Edited after export with the hash recomputed: the hash holds, the signature does not.
  const edited = structuredClone(file);
  edited.content.xu_phat.so_vu_phat_hien = 99;
  edited.content_sha256 = createHash('sha256').update(Buffer.from(jcs(edited.content), 'utf8')).digest('hex');
  await writeFile('/tmp/sign-e2e-edited.json', JSON.stringify(edited, null, 2) + '\n');
  const refused = nodeVerify('/tmp/sign-e2e-edited.json');
  assert.equal(refused.code, 1, refused.out);
  assert.match(refused.out, /content intact/);
  assert.match(refused.out, /REFUSED: the signature does not match/);

  // The file check: the signed file names its key; the edited one is refused.
  await page.goto(env.url + '/bao-cao/kiem-tra-tep');
  await page.setInputFiles('[data-testid="verify-input"]', '/tmp/sign-e2e-1.json');
  await page.waitForSelector('[data-testid="verify-valid"]');
  assert.equal((await page.textContent('[data-testid="verify-fingerprint"]')).trim(), fp1);
  assert.equal(await page.getAttribute('[data-testid="verify-signature"]', 'data-standing'), 'new_key');
  assert.match(await page.textContent('[data-testid="verify-signature"]'), /đối chiếu dấu vân tay/);
  await page.setInputFiles('[data-testid="verify-input"]', '/tmp/sign-e2e-edited.json');
  await page.waitForSelector('[data-testid="verify-invalid"]');
  assert.match(await page.textContent('[data-testid="verify-invalid"]'), /Chữ ký số không hợp lệ: .*Tệp bị từ chối/);

  // The Department's round receives the signed file: the unit's key is recorded.
  await page.goto(env.url + '/tong-hop');
  await page.fill('[data-testid="round-title"]', 'Báo cáo năm 2021');
  await page.selectOption('[data-testid="round-regime"]', 'tt_16_2018');
  await page.selectOption('[data-testid="round-kind"]', 'dinh_ky_nam');
  await page.fill('[data-testid="round-year"]', '2021');
  await page.fill('[data-testid="round-due"]', '2021-12-17');
  await page.click('[data-testid="round-create"]');
  await page.waitForSelector('[data-testid="page-round"] [data-testid="round-units"]');
  const roundUrl = page.url();
  await page.fill('[data-testid="units-paste"]', UNIT);
  await page.click('[data-testid="units-add"]');
  await page.waitForSelector('[data-testid="units-message"].ok-text');
  await page.setInputFiles('[data-testid="receive-input"]', ['/tmp/sign-e2e-1.json', '/tmp/sign-e2e-edited.json']);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="receive-log"] li').length === 2);
  const log1 = await page.textContent('[data-testid="receive-log"]');
  assert.match(log1, new RegExp(`sign-e2e-1\\.json: .*khóa chưa biết.*${fp1}`));
  assert.match(log1, /sign-e2e-edited\.json: không nhận: chữ ký số của tệp không hợp lệ/);
  assert.equal(await page.locator('[data-testid="accepted-keys"] tbody tr').count(), 1);
  assert.match(await page.textContent('[data-testid="accepted-keys"]'), new RegExp(fp1));

  // The unit loses its key and makes a new one, then sends a correction.
  await page.goto(env.url + '/cai-dat');
  await page.waitForSelector('[data-testid="unit-key-fingerprint"]');
  await page.click('[data-testid="unit-key-replace"]');
  await page.click('[data-testid="unit-key-replace-yes"]');
  await page.waitForFunction((old) => {
    const el = document.querySelector('[data-testid="unit-key-fingerprint"]');
    return el && el.textContent.trim() !== old;
  }, fp1);
  const fp2 = (await page.textContent('[data-testid="unit-key-fingerprint"]')).trim();
  assert.notEqual(fp2, fp1);
  await page.goto(reportUrl);
  await page.waitForSelector('[data-testid="section-b1"]');
  await page.fill('[data-testid="f-xu_phat.so_vu_phat_hien"]', '14');
  const second = await exportReport(page, reportUrl, '/tmp/sign-e2e-2.json');
  assert.match(second.message, new RegExp(fp2));
  assert.equal(nodeVerify('/tmp/sign-e2e-2.json', fp2).code, 0);
  assert.equal(nodeVerify('/tmp/sign-e2e-2.json', fp1).code, 1, 'the old paper fingerprint does not vouch for the new key');

  // In the round: held with a warning naming both keys, not counted.
  await page.goto(roundUrl);
  await page.waitForSelector('[data-testid="receive-input"]');
  const countBefore = (await page.textContent('[data-testid="count-line"]')).trim();
  await page.setInputFiles('[data-testid="receive-input"]', '/tmp/sign-e2e-2.json');
  await page.waitForSelector('[data-testid="held-file"]');
  const log2 = await page.textContent('[data-testid="receive-log"]');
  assert.match(log2, /tệp chờ quyết định vì khóa ký thay đổi/);
  const held = await page.textContent('[data-testid="held-file"]');
  assert.match(held, new RegExp(`Cảnh báo: tệp được ký bằng khóa khác.*trước: ${fp1}; nay: ${fp2}`));
  assert.equal((await page.textContent('[data-testid="count-line"]')).trim(), countBefore);

  // Accepted by a deliberate choice: recorded, the new key joins the list.
  await page.click('[data-testid="held-accept"]');
  await page.waitForSelector('[data-testid="held-message"]');
  assert.equal(await page.locator('[data-testid="held-file"]').count(), 0);
  assert.equal(await page.locator('[data-testid="accepted-keys"] tbody tr').count(), 2);
  assert.match(await page.textContent('[data-testid="accepted-keys"]'), /Chọn thay khóa trước/);

  // Kept across a reload (the round's stored record, version 3).
  await page.reload();
  await page.waitForSelector('[data-testid="accepted-keys"]');
  assert.equal(await page.locator('[data-testid="accepted-keys"] tbody tr').count(), 2);
  assert.match(await page.textContent('[data-testid="accepted-keys"]'), new RegExp(fp2));

  assert.deepEqual(watch.pageErrors, []);
  assert.deepEqual(watch.consoleErrors, []);
  assert.deepEqual(watch.foreignRequests, []);
});
