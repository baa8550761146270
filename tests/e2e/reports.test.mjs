// Reports: create a periodic report, fill figures, see a consistency error
// and the completeness list, export the JSON (hash recomputed here in Node,
// required schema fields checked), verify the file in the app (valid, then
// altered), reload keeps the report and its export stamp; print, and the
// file received into a reporting round.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { start, newPage, appReady } from './harness.mjs';

let env;
before(async () => { env = await start({ dist: process.env.DIST || 'dist' }); });
after(async () => { await env?.close(); });

/** Canonical JSON as the app hashes it: sorted keys, no whitespace. */
function canonical(v) {
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (v && typeof v === 'object') {
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canonical(v[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}
const sha256 = (s) => createHash('sha256').update(Buffer.from(s, 'utf8')).digest('hex');

async function createReport(page) {
  await page.goto(env.url + '/bao-cao');
  await appReady(page);
  await page.click('[data-testid="create-report"]');
  await page.selectOption('[data-testid="create-regime"]', 'tt_16_2018');
  await page.fill('[data-testid="create-year"]', '2021');
  await page.selectOption('[data-testid="create-level"]', 'gui_bo_tu_phap');
  await page.click('[data-testid="create-confirm"]');
  await page.waitForSelector('[data-testid="page-periodic-report"] [data-testid="section-b1"]');
}

async function typeInto(page, code, text) {
  const sel = `[data-testid="f-${code}"]`;
  await page.fill(sel, '');
  await page.type(sel, text);
}

test('periodic report: fill, checks, export, verify, reload', async () => {
  const { page, context, watch } = await newPage(env);
  await createReport(page);
  const url = page.url();

  // The regime's default due date and its rule are shown (TT 16/2018: 7 days after cutoff).
  assert.match(await page.textContent('[data-testid="due-rule"]'), /07 ngày/);
  assert.equal(await page.textContent('[data-testid="due-in-use"]'), '21/12/2021');
  assert.ok((await page.locator('[data-testid="basis-note"]').count()) >= 1, 'indirect-source note shown');

  await typeInto(page, 'don_vi_bao_cao.ten', 'Ủy ban nhân dân quận Ninh Kiều');
  await typeInto(page, 'so_ky_hieu', '215/BC-UBND');
  await typeInto(page, 'xu_phat.so_vu_phat_hien', '10');
  await typeInto(page, 'xu_phat.so_vu_bi_xu_phat', '12');
  await typeInto(page, 'xu_phat.tong_tien_thu_vnd', '1.250.000');
  await typeInto(page, 'xu_phat.nhan_xet', 'Tình hình vi phạm giảm so với năm trước.');

  // Consistency error naming both fields; the inputs are marked invalid.
  await page.waitForSelector('[data-testid="issue"]');
  const issues = await page.textContent('[data-testid="issues"]');
  assert.match(issues, /Lỗi/);
  assert.match(issues, /Số lượng vụ vi phạm bị xử phạt = 12/);
  assert.match(issues, /Số lượng vụ vi phạm bị phát hiện = 10/);
  assert.equal(await page.getAttribute('[data-testid="f-xu_phat.so_vu_bi_xu_phat"]', 'aria-invalid'), 'true');

  // Completeness list with Vietnamese labels; a 0 is "entered".
  await page.click('[data-testid="missing-summary"]');
  const missing = await page.textContent('[data-testid="missing"]');
  assert.match(missing, /Tổng số quyết định xử phạt/);
  assert.doesNotMatch(missing, /Số lượng vụ vi phạm bị phát hiện/);
  const before0 = await page.locator('[data-testid="missing-field"]').count();
  await typeInto(page, 'xu_phat.tong_so_quyet_dinh', '0');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="missing-field"]').length === n - 1, before0);

  // Export: warned first, name asked, file downloaded.
  await page.click('[data-testid="export-open"]');
  await page.waitForSelector('[data-testid="export-warn-missing"]');
  await page.waitForSelector('[data-testid="export-warn-errors"]');
  await page.fill('[data-testid="exporter-name"]', 'Nguyễn Văn An');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="export-confirm-btn"]'),
  ]);
  assert.equal(download.suggestedFilename(), 'bao-cao-dinh-ky_215-BC-UBND_2021-nam_ubnd-quan-ninh-kieu.json');
  const path = '/tmp/reports-e2e-export.json';
  await download.saveAs(path);
  const text = await readFile(path, 'utf8');
  const file = JSON.parse(text);

  // Hash recomputed in Node equals the file's content_sha256.
  assert.equal(sha256(canonical(file.content)), file.content_sha256);
  // Schema: id, required top-level fields, content shape.
  const schema = JSON.parse(await readFile(new URL('../../schema/report-v1.schema.json', import.meta.url), 'utf8'));
  for (const f of schema.required) assert.ok(f in file, `required field ${f}`);
  assert.equal(file.schema, 'urn:kiemtra:report:v1');
  assert.match(file.schema_version, /^1\.\d+\.\d+$/);
  assert.equal(file.report_kind, 'dinh_ky');
  assert.match(file.content_sha256, /^[0-9a-f]{64}$/);
  assert.equal(file.content.xu_phat.so_vu_bi_xu_phat, 12);
  assert.equal(file.content.xu_phat.tong_tien_thu_vnd, 1250000);
  assert.equal(file.content.xu_phat.so_gp_cchn_bi_tuoc, null, 'not entered stays null');
  assert.deepEqual(file.reporting_unit, file.content.don_vi_bao_cao);

  await page.waitForSelector('[data-testid="export-message"]');
  assert.match(await page.textContent('[data-testid="export-status"]'), /Đã xuất lúc .*\(mã băm [0-9a-f]{12}/);

  // Reload keeps the report and its stamp.
  await page.reload();
  await page.waitForSelector('[data-testid="section-b1"]');
  assert.equal(await page.inputValue('[data-testid="f-xu_phat.so_vu_bi_xu_phat"]'), '12');
  assert.equal(await page.inputValue('[data-testid="f-xu_phat.tong_tien_thu_vnd"]'), '1.250.000');
  assert.match(await page.textContent('[data-testid="export-status"]'), /Đã xuất lúc/);

  // A change after the export is flagged.
  await typeInto(page, 'xu_phat.so_vu_phat_hien', '15');
  await page.waitForFunction(() => /Đã sửa sau lần xuất/.test(document.querySelector('[data-testid="export-status"]').textContent));

  // List row: unit, timeliness, completeness, export status.
  await page.goto(env.url + '/bao-cao');
  await page.waitForSelector('[data-testid="report-row"]');
  const row = await page.textContent('[data-testid="report-row"]');
  assert.match(row, /Ủy ban nhân dân quận Ninh Kiều/);
  assert.match(row, /21\/12\/2021/);
  assert.match(row, /Chậm \d+ ngày/);
  assert.match(row, /Còn \d+ trường chưa nhập/);
  assert.match(row, /Đã sửa sau lần xuất/);

  // Verify screen: valid file, then one byte changed.
  await page.click('[data-testid="link-verify"]');
  await page.waitForSelector('[data-testid="page-verify"]');
  await page.setInputFiles('[data-testid="verify-input"]', path);
  await page.waitForSelector('[data-testid="verify-valid"]');
  assert.match(await page.textContent('[data-testid="verify-valid"]'), /hợp lệ/);
  assert.equal(await page.textContent('[data-testid="verify-hash"]'), file.content_sha256);
  assert.match(await page.textContent('[data-testid="cmd-jq"]'), /jq -cjS \.content/);
  const altered = text.replace('"so_vu_bi_xu_phat": 12', '"so_vu_bi_xu_phat": 13');
  assert.notEqual(altered, text);
  const alteredPath = '/tmp/reports-e2e-altered.json';
  await writeFile(alteredPath, altered);
  await page.setInputFiles('[data-testid="verify-input"]', alteredPath);
  await page.waitForSelector('[data-testid="verify-mismatch"]');
  assert.match(await page.textContent('[data-testid="verify-mismatch"]'), /không khớp/);
  await page.setInputFiles('[data-testid="verify-input"]', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"schema":"other"}') });
  await page.waitForSelector('[data-testid="verify-invalid"]');

  // Print: NĐ 30/2020 header and the hash of the last export in the footer.
  await page.goto(url + '/in');
  await page.waitForSelector('[data-testid="print-doc"]');
  const doc = await page.textContent('[data-testid="print-doc"]');
  assert.match(doc, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
  assert.match(doc, /Độc lập - Tự do - Hạnh phúc/);
  assert.match(doc, /BÁO CÁO/);
  assert.match(await page.textContent('[data-testid="doc-number"]'), /Số: 215\/BC-UBND/);
  assert.match(await page.textContent('[data-testid="doc-date"]'), /ngày \d{2} tháng \d{1,2} năm \d{4}/);
  // The texts in force for 2021: TT 16/2018, contents under NĐ 81/2013 as amended by NĐ 97/2017.
  assert.match(doc, /Chế độ báo cáo: Thông tư 16\/2018\/TT-BTP/);
  assert.match(doc, /Nghị định số 81\/2013\/NĐ-CP, được sửa đổi, bổ sung bởi Nghị định số 97\/2017\/NĐ-CP/);
  assert.doesNotMatch(doc, /118\/2021\/NĐ-CP, Điều 35 khoản 2\)/);
  assert.match(await page.textContent('[data-testid="doc-recipients"]'), /Nơi nhận:[\s\S]*Lưu: VT\./);
  assert.equal(await page.textContent('[data-testid="print-hash"]'), `Mã kiểm tra tệp dữ liệu (SHA-256): ${file.content_sha256}`);
  await page.waitForSelector('[data-testid="print-changed"]');
  await page.screenshot({ path: '/tmp/reports-print.png', fullPage: true });

  // A reporting round of the same period: the valid file counts, the altered one is refused.
  await page.goto(env.url + '/tong-hop');
  await page.waitForSelector('[data-testid="round-create-form"]');
  await page.selectOption('[data-testid="round-regime"]', 'tt_16_2018');
  await page.fill('[data-testid="round-year"]', '2021');
  await page.fill('[data-testid="round-due"]', '2021-12-21');
  await page.click('[data-testid="round-create"]');
  await page.waitForSelector('[data-testid="round-units"]');
  await page.fill('[data-testid="units-paste"]', 'Ủy ban nhân dân quận Ninh Kiều');
  await page.click('[data-testid="units-add"]');
  await page.setInputFiles('[data-testid="receive-input"]', [path, alteredPath]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="receive-log"] li').length === 2);
  assert.match(await page.textContent('[data-testid="log-refused"]'), /reports-e2e-altered\.json/);
  assert.equal(await page.locator('[data-testid="status-row"]').count(), 1);
  assert.equal(await page.textContent('[data-testid="total-xu_phat.so_vu_bi_xu_phat"]'), '12');

  assert.deepEqual(watch.pageErrors, []);
  assert.deepEqual(watch.consoleErrors, []);
  assert.deepEqual(watch.foreignRequests, []);
  await context.close();
});

test('report list screenshot, empty state and delete with confirmation', async () => {
  const { page, context, watch } = await newPage(env);
  await createReport(page);
  await page.goto(env.url + '/bao-cao');
  await page.waitForSelector('[data-testid="report-row"]');
  await page.screenshot({ path: '/tmp/reports.png', fullPage: true });
  await page.click('[data-testid="report-row"] .btn--danger');
  await page.click('[data-testid="delete-confirm"]');
  await page.waitForSelector('[data-testid="no-reports"]');
  await page.reload();
  await page.waitForSelector('[data-testid="no-reports"]');
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});
