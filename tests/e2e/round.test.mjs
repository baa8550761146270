// Reporting round (đợt báo cáo) of the Department of Justice: a round with
// 12 expected units receives 14 files (a correction, an identical
// duplicate, an altered file, a file from an unknown unit, a non-JSON file);
// the status table and the count line, the totals against sums computed
// here, a reload that keeps everything, an urging letter for each missing
// unit, and the consolidated JSON validated against the committed schema
// (Ajv, JSON Schema 2020-12) with its hash recomputed here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { start, newPage, appReady } from './harness.mjs';
import { canonical, sha256, COUNTS, get, reportFile } from './report-files.mjs';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats');
const ExcelJS = require('exceljs');

let env;
before(async () => { env = await start({ dist: process.env.DIST || 'dist' }); });
after(async () => { await env?.close(); });

const UNITS = [
  'Sở Tài chính', 'Sở Y tế', 'Sở Xây dựng', 'Sở Công Thương',
  'Ủy ban nhân dân quận Ninh Kiều', 'Ủy ban nhân dân quận Bình Thủy', 'Ủy ban nhân dân quận Cái Răng',
  'Ủy ban nhân dân quận Ô Môn', 'Ủy ban nhân dân quận Thốt Nốt', 'Ủy ban nhân dân huyện Phong Điền',
  'Ủy ban nhân dân huyện Thới Lai', 'Ủy ban nhân dân huyện Vĩnh Thạnh',
];
const UNKNOWN = 'Ủy ban nhân dân huyện Cờ Đỏ';

const DIR = '/tmp/round-e2e';

test('a reporting round: 12 units, 14 files, status, totals, reload, letters, consolidated JSON', async () => {
  await mkdir(DIR, { recursive: true });
  const { page, context, watch } = await newPage(env);
  await page.goto(env.url + '/tong-hop');
  await appReady(page);

  // Create the round: TT 16/2018, yearly 2021, due 17/12/2021; paste 12 units.
  await page.fill('[data-testid="round-title"]', 'Báo cáo năm 2021');
  await page.selectOption('[data-testid="round-regime"]', 'tt_16_2018');
  await page.selectOption('[data-testid="round-kind"]', 'dinh_ky_nam');
  await page.fill('[data-testid="round-year"]', '2021');
  await page.fill('[data-testid="round-due"]', '2021-12-17');
  await page.click('[data-testid="round-create"]');
  await page.waitForSelector('[data-testid="page-round"] [data-testid="round-units"]');
  const roundUrl = page.url();
  await page.fill('[data-testid="units-paste"]', UNITS.map((u, i) => (i % 3 === 0 ? `- ${u}` : u)).join('\n'));
  await page.click('[data-testid="units-add"]');
  await page.waitForSelector('[data-testid="units-message"].ok-text');
  assert.match(await page.textContent('[data-testid="count-line"]'), /^0\/12 đơn vị đã nộp, 0 chậm, 12 chưa nộp/);

  // Batch A, received 15/12 (on time): units 0-5; unit 2 leaves a count empty.
  const files = {};
  const write = async (name, text) => { await writeFile(`${DIR}/${name}`, text); return `${DIR}/${name}`; };
  const batchA = [];
  for (let i = 0; i < 6; i++) {
    const f = reportFile(UNITS[i], i + 1, i === 2 ? (c) => { c.xu_phat.tong_so_quyet_dinh = null; } : undefined);
    files[UNITS[i]] = f;
    batchA.push(await write(`a${i}.json`, f.text));
  }
  await page.fill('[data-testid="receive-date"]', '2021-12-15');
  await page.setInputFiles('[data-testid="receive-input"]', batchA);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="log-ok"]').length === 6);

  // Batch B, received 20/12 (3 days late): units 6-8, a correction of unit 0,
  // an identical copy of unit 1's file, unit 9's file altered after export,
  // a file of a unit not on the list, and a spreadsheet that is not JSON.
  const batchB = [];
  for (let i = 6; i < 9; i++) {
    const f = reportFile(UNITS[i], i + 1);
    files[UNITS[i]] = f;
    batchB.push(await write(`b${i}.json`, f.text));
  }
  const correction = reportFile(UNITS[0], 40);
  files[UNITS[0]] = correction;
  batchB.push(await write('b-correction.json', correction.text));
  batchB.push(await write('b-duplicate.json', files[UNITS[1]].text));
  const altered = reportFile(UNITS[9], 10).text.replace(/"so_vu_phat_hien": \d+/, '"so_vu_phat_hien": 999');
  batchB.push(await write('b-altered.json', altered));
  const unknown = reportFile(UNKNOWN, 11);
  batchB.push(await write('b-unknown.json', unknown.text));
  batchB.push(await write('b-table.csv', 'Đơn vị,Số vụ\nSở Y tế,3\n'));
  assert.equal(batchA.length + batchB.length, 14);
  await page.fill('[data-testid="receive-date"]', '2021-12-20');
  await page.setInputFiles('[data-testid="receive-input"]', batchB);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="receive-log"] li').length === 14);
  const log = await page.textContent('[data-testid="receive-log"]');
  assert.match(log, /b-correction\.json: đã nhận báo cáo của Sở Tài chính; thay thế tệp số 1/);
  assert.match(log, /b-duplicate\.json: trùng nội dung với tệp số 2/);
  assert.match(log, /b-altered\.json: không nhận: nội dung tệp đã bị thay đổi sau khi xuất/);
  assert.match(log, /b-unknown\.json: .*không có trong danh sách/);
  assert.match(log, /b-table\.csv: không nhận: tệp không phải tệp dữ liệu báo cáo/);
  assert.equal(await page.locator('[data-testid="log-refused"]').count(), 2);

  // Status table and count line.
  const countLine = async () => (await page.textContent('[data-testid="count-line"]')).trim();
  assert.equal(await countLine(), '9/12 đơn vị đã nộp, 3 chậm, 3 chưa nộp, 1 báo cáo chưa đầy đủ');
  const statusOf = async (unit) => page.textContent(`[data-testid="status-row"][data-unit="${unit}"] [data-testid="status-text"]`);
  assert.equal(await statusOf(UNITS[0]), 'Đúng hạn');
  assert.equal(await statusOf(UNITS[6]), 'Chậm 3 ngày');
  assert.equal(await statusOf(UNITS[9]), 'Chưa nộp');
  assert.match(await page.textContent(`[data-testid="status-row"][data-unit="${UNITS[0]}"]`), /a0\.json/);
  assert.match(await page.textContent(`[data-testid="status-row"][data-unit="${UNITS[2]}"] [data-testid="status-completeness"]`), /Tổng số quyết định xử phạt/);
  await page.selectOption('[data-testid="status-filter"]', 'missing');
  assert.equal(await page.locator('[data-testid="status-row"]').count(), 3);
  await page.selectOption('[data-testid="status-filter"]', 'late');
  assert.equal(await page.locator('[data-testid="status-row"]').count(), 3);
  await page.selectOption('[data-testid="status-filter"]', 'all');

  // The unknown unit is flagged; added to the list, it counts.
  assert.match(await page.textContent('[data-testid="unknown-units"]'), /Cờ Đỏ/);
  await page.click('[data-testid="unknown-add"]');
  await page.waitForFunction(() => /^10\/13/.test(document.querySelector('[data-testid="count-line"]').textContent));
  assert.equal(await countLine(), '10/13 đơn vị đã nộp, 4 chậm, 3 chưa nộp, 1 báo cáo chưa đầy đủ');
  files[UNKNOWN] = unknown;

  // Totals: every count against the sums computed here ("Chưa nhập" apart from 0).
  const counted = Object.values(files).map((f) => f.content);
  assert.equal(counted.length, 10);
  const expected = Object.fromEntries(COUNTS.map((code) => {
    const vals = counted.map((c) => get(c, code)).filter((v) => v !== null);
    return [code, vals.length ? vals.reduce((a, b) => a + b, 0) : null];
  }));
  const checkTotals = async () => {
    for (const code of COUNTS) {
      const cell = (await page.textContent(`[data-testid="total-${code}"]`)).trim();
      const want = expected[code];
      if (want === null) assert.equal(cell, 'Chưa nhập', code);
      else assert.equal(Number(cell.replace(/[.\sđ]/g, '')), want, `${code}: ${cell}`);
    }
  };
  assert.equal(COUNTS.length, 35);
  assert.equal(await page.locator('[data-testid="total-row"]').count(), 35);
  await checkTotals();

  // Charts: units by status and the main figures by unit, each an SVG image
  // with a title and description, and its table beside it with the same figures.
  const statusSvg = page.locator('svg[data-testid="chart-status"]');
  assert.equal(await statusSvg.getAttribute('role'), 'img');
  assert.equal((await page.textContent('#chart-status-title')).trim(), 'Đơn vị theo tình trạng gửi báo cáo');
  const statusRows = await page.$$eval('[data-testid="chart-status-table"] tbody tr',
    (trs) => trs.map((tr) => [tr.querySelector('th').textContent.trim(), tr.querySelector('td').textContent.trim()]));
  assert.deepEqual(statusRows, [['Đúng hạn', '6'], ['Chậm', '4'], ['Chưa nộp', '3'], ['Chưa đầy đủ', '1']]);
  const statusBars = await statusSvg.locator('rect').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('width'))));
  assert.deepEqual(statusBars, [280, Math.floor(4 * 280 / 6), Math.floor(3 * 280 / 6), Math.floor(280 / 6)]);
  const figSvg = page.locator('svg[data-testid="chart-xu_phat-so_vu_phat_hien"]');
  assert.equal(await figSvg.getAttribute('role'), 'img');
  assert.equal(await figSvg.locator('[data-testid="chart-bar"]').count(), 13);
  const figRows = await page.$$eval('[data-testid="chart-xu_phat-so_vu_phat_hien-figure"] table tbody tr',
    (trs) => trs.map((tr) => [tr.querySelector('th').textContent.trim(), tr.querySelector('td').textContent.trim()]));
  assert.equal(figRows.length, 13);
  for (const [unit, cell] of figRows) {
    const f = files[unit];
    if (!f) assert.equal(cell, 'Chưa nộp', unit);
    else assert.equal(Number(cell.replace(/\./g, '')), f.content.xu_phat.so_vu_phat_hien, unit);
  }
  const maxDetected = Math.max(...counted.map((c) => c.xu_phat.so_vu_phat_hien));
  const figWidths = await figSvg.locator('rect').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('width'))));
  assert.equal(Math.max(...figWidths), 280);
  assert.equal(figWidths.filter((w) => w > 0).length, counted.filter((c) => c.xu_phat.so_vu_phat_hien > 0).length);
  assert.ok(maxDetected > 0);
  assert.equal(await page.locator('svg[data-testid="chart-xu_phat-tong_tien_thu_vnd"]').count(), 1);

  // Reload keeps the round, its files and the figures.
  await page.waitForTimeout(600);
  await page.reload();
  await page.waitForSelector('[data-testid="count-line"]');
  assert.equal(page.url(), roundUrl);
  assert.equal(await countLine(), '10/13 đơn vị đã nộp, 4 chậm, 3 chưa nộp, 1 báo cáo chưa đầy đủ');
  await checkTotals();

  // An urging letter for each missing unit, recorded in the status table.
  const missing = [UNITS[9], UNITS[10], UNITS[11]];
  for (const u of missing) await page.check(`[data-testid="status-row"][data-unit="${u}"] [data-testid="status-choose"]`);
  await page.check('[data-testid="letter-one-each"]');
  await page.fill('[data-testid="letter-date"]', '2021-12-22');
  await page.fill('[data-testid="letter-deadline"]', '2021-12-29');
  // No issuing body yet (the settings name no unit): no letter that asks
  // on nobody's behalf, but a plain message saying what to fill in.
  await page.click('[data-testid="letter-make"]');
  assert.match(await page.textContent('[data-testid="letter-error"]'), /chưa nhập tên cơ quan ban hành công văn/);
  assert.equal(await page.locator('[data-testid="letter"]').count(), 0);
  await page.click('[data-testid="round-settings"] details.issuer summary');
  await page.fill('[data-testid="issuer-body"]', 'Sở Tư pháp');
  await page.press('[data-testid="issuer-body"]', 'Tab');
  await page.click('[data-testid="letter-make"]');
  await page.waitForSelector('[data-testid="letter"]');
  const letters = await page.locator('[data-testid="letter"]').allTextContents();
  assert.equal(letters.length, 3);
  letters.forEach((text, i) => {
    assert.match(text, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
    assert.match(text, /V\/v đôn đốc gửi báo cáo công tác thi hành pháp luật về xử lý vi phạm hành chính năm 2021/);
    assert.ok(text.includes(`Kính gửi: ${missing[i]}`), text);
    assert.ok(text.includes(`${missing[i]}: chưa gửi báo cáo`), text);
    assert.match(text, /chậm nhất ngày 29\/12\/2021\.\/\./);
    assert.match(text, /Nơi nhận:- Như trên;- Lưu: VT\./);
    assert.match(text, /Sở Tư pháp đề nghị các cơ quan, đơn vị/);
  });
  for (const u of missing) {
    assert.equal(await page.textContent(`[data-testid="status-row"][data-unit="${u}"] [data-testid="status-urged"]`), '22/12/2021');
  }
  await page.waitForTimeout(600);
  await page.reload();
  await page.waitForSelector('[data-testid="count-line"]');
  assert.equal(await page.textContent(`[data-testid="status-row"][data-unit="${UNITS[9]}"] [data-testid="status-urged"]`), '22/12/2021');

  // Consolidated report: JSON validated against the committed schema, its hash recomputed.
  await page.fill('[data-testid="report-number"]', '12/BC-STP');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="report-export"]'),
  ]);
  const path = `${DIR}/consolidated.json`;
  await download.saveAs(path);
  const file = JSON.parse(await readFile(path, 'utf8'));
  const schema = JSON.parse(await readFile(new URL('../../schema/report-v1.schema.json', import.meta.url), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  // schemars marks u64 counts with format "uint64": a non-negative integer.
  ajv.addFormat('uint64', { type: 'number', validate: (n) => Number.isInteger(n) && n >= 0 });
  const validate = ajv.compile(schema);
  assert.ok(validate(file), JSON.stringify(validate.errors, null, 2));
  assert.equal(file.report_kind, 'tong_hop');
  assert.equal(sha256(canonical(file.content)), file.content_sha256);
  assert.equal(file.content.so_don_vi_phai_bao_cao, 13);
  assert.equal(file.content.so_don_vi_da_bao_cao, 10);
  assert.equal(file.content.nguon.length, 10);
  const src = file.content.nguon.find((s) => s.don_vi.ten === UNITS[0]);
  assert.equal(src.ten_tep, 'b-correction.json');
  assert.equal(src.content_sha256, sha256(canonical(correction.content)));
  assert.equal(src.ngay_nhan, '2021-12-20');
  for (const f of file.content.so_lieu) assert.equal(f.tong, expected[f.ma], f.ma);
  assert.match(await page.textContent('[data-testid="report-doc"]'), /Nơi nhận:/);

  // The Excel workbook, opened by an independent reader (exceljs): the status
  // of every unit and every count by unit, with the same figures.
  const [xlsxDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="report-xlsx"]'),
  ]);
  assert.equal(xlsxDownload.suggestedFilename(), 'tong-hop_bao-cao-nam-2021.xlsx');
  const xlsxPath = `${DIR}/round.xlsx`;
  await xlsxDownload.saveAs(xlsxPath);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(xlsxPath);
  const statusSheet = book.getWorksheet('Tình hình gửi báo cáo');
  assert.equal(statusSheet.getCell('A1').value, 'Đơn vị');
  const sheetStatus = {};
  for (let r = 2; r <= 14; r++) sheetStatus[statusSheet.getCell(r, 1).value] = [statusSheet.getCell(r, 2).value, statusSheet.getCell(r, 3).value];
  assert.equal(Object.keys(sheetStatus).length, 13);
  assert.deepEqual(sheetStatus[UNITS[0]], ['Đúng hạn', null]);
  assert.deepEqual(sheetStatus[UNITS[6]], ['Chậm', 3]);
  assert.deepEqual(sheetStatus[UNITS[9]], ['Chưa nộp', null]);
  const figures = book.getWorksheet('Số liệu');
  const unitCols = {};
  figures.getRow(1).eachCell((cell, c) => { if (c > 3) unitCols[cell.value] = c; });
  assert.equal(Object.keys(unitCols).length, 13);
  let figureRows = 0;
  for (let r = 2; r <= figures.rowCount; r++) {
    const code = figures.getCell(r, 2).value;
    if (!code) continue;
    figureRows++;
    const total = figures.getCell(r, 3).value;
    if (expected[code] === null) assert.equal(total, 'Chưa nhập', code);
    else assert.equal(total, expected[code], code);
    for (const [unit, c] of Object.entries(unitCols)) {
      const cell = figures.getCell(r, c).value;
      const f = files[unit];
      if (!f) assert.equal(cell, 'Chưa nộp', `${code} ${unit}`);
      else if (get(f.content, code) === null) assert.equal(cell, 'Chưa nhập', `${code} ${unit}`);
      else assert.equal(cell, get(f.content, code), `${code} ${unit}`);
    }
  }
  assert.equal(figureRows, 35);

  assert.deepEqual(watch.pageErrors, []);
  assert.deepEqual(watch.consoleErrors, []);
  assert.deepEqual(watch.foreignRequests, []);
  await context.close();
});
