// A THPL round (đợt báo cáo theo dõi tình hình thi hành pháp luật): two
// districts make their 2021 THPL reports in the app (district level, due
// date 05/12/2021 set by the city) and export them; the Department creates a
// THPL round for 2021 (window 01/12/2020 – 30/11/2021), lists three units,
// receives both files (one on time, one 3 days late), refuses an XLVPHC
// periodic file with its reason, and sees the status table, the count
// line, the completeness by section, the totals of the THPL counts, the
// consolidated view and an urging letter; reload keeps everything. Both
// files are signed by the districts' key: the round records it; a later
// Ninh Kiều file signed by another key is held uncounted until refused, and
// the refusal is recorded with its date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdir, readFile } from 'node:fs/promises';
import { start, newPage, appReady } from './harness.mjs';
import { reportFile, canonical, sha256 } from './report-files.mjs';
import { signText, testKey } from './sign-files.mjs';
import { storedJson } from './stored.mjs';

let env;
before(async () => { env = await start({ dist: process.env.DIST || 'dist' }); });
after(async () => { await env?.close(); });

const NINH_KIEU = 'Ủy ban nhân dân quận Ninh Kiều';
const BINH_THUY = 'Ủy ban nhân dân quận Bình Thủy';
const CAI_RANG = 'Ủy ban nhân dân quận Cái Răng';
const DIR = '/tmp/thpl-round-e2e';

/** Makes and exports a district's 2021 THPL report; returns the file's path. */
async function exportThpl(page, unit, docs, path) {
  await page.goto(env.url + '/bao-cao/theo-doi-thpl');
  await appReady(page);
  await page.waitForSelector('[data-testid="page-thpl-list"]');
  await page.fill('[data-testid="thpl-new-unit"]', unit);
  await page.fill('[data-testid="thpl-new-year"]', '2021');
  await page.selectOption('[data-testid="thpl-new-level"]', 'huyen_xa');
  await page.fill('[data-testid="thpl-new-due"]', '05/12/2021');
  await page.click('[data-testid="thpl-create-btn"]');
  await page.waitForSelector('[data-testid="page-thpl-report"] [data-testid="thpl-header"]');
  const sel = '[data-testid="t-van_ban_quy_dinh_chi_tiet.so_van_ban"]';
  await page.fill(sel, '');
  await page.type(sel, String(docs));
  await page.fill('[data-testid="t-tac_dong"]', '');
  await page.type('[data-testid="t-tac_dong"]', 'Tác động tích cực.');
  await page.fill('[data-testid="thpl-exporter"]', 'Trần Thị B');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="thpl-export-btn"]'),
  ]);
  await download.saveAs(path);
  return path;
}

test('a THPL round receives two districts\' THPL files, refuses an XLVPHC file, shows status and totals', async () => {
  await mkdir(DIR, { recursive: true });
  const { page, context, watch } = await newPage(env);
  // The districts' browser has a signing key: their exports are signed.
  await page.goto(env.url + '/cai-dat');
  await appReady(page);
  await page.click('[data-testid="unit-key-create"]');
  await page.waitForSelector('[data-testid="unit-key-fingerprint"]');
  const nk = await exportThpl(page, NINH_KIEU, 2, `${DIR}/ninh-kieu.json`);
  const bt = await exportThpl(page, BINH_THUY, 3, `${DIR}/binh-thuy.json`);
  const xlvphc = `${DIR}/xlvphc.json`;
  await writeFile(xlvphc, reportFile(CAI_RANG, 5).text);

  // The round: yearly THPL reports of 2021, due 05/12/2021.
  await page.goto(env.url + '/tong-hop');
  await appReady(page);
  await page.fill('[data-testid="round-title"]', 'Báo cáo THPL năm 2021');
  await page.selectOption('[data-testid="round-collects"]', 'thpl');
  assert.equal(await page.locator('[data-testid="round-regime"]').count(), 0);
  assert.match(await page.textContent('[data-testid="round-thpl-note"]'), /01\/12 năm trước đến ngày 30\/11/);
  await page.fill('[data-testid="round-year"]', '2021');
  await page.fill('[data-testid="round-due"]', '2021-12-05');
  await page.click('[data-testid="round-create"]');
  await page.waitForSelector('[data-testid="page-round"] [data-testid="round-units"]');
  const roundUrl = page.url();
  assert.match(await page.textContent('[data-testid="round-period"]'), /01\/12\/2020[\s\S]*30\/11\/2021[\s\S]*theo dõi tình hình thi hành pháp luật hằng năm/);
  await page.fill('[data-testid="units-paste"]', [NINH_KIEU, BINH_THUY, CAI_RANG].join('\n'));
  await page.click('[data-testid="units-add"]');
  await page.waitForSelector('[data-testid="units-message"].ok-text');
  assert.match(await page.textContent('[data-testid="count-line"]'), /^0\/3 đơn vị đã nộp, 0 chậm, 3 chưa nộp/);

  // Ninh Kiều on 05/12 (on time); Bình Thủy and an XLVPHC file on 08/12.
  await page.fill('[data-testid="receive-date"]', '2021-12-05');
  await page.setInputFiles('[data-testid="receive-input"]', [nk]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="log-ok"]').length === 1);
  await page.fill('[data-testid="receive-date"]', '2021-12-08');
  await page.setInputFiles('[data-testid="receive-input"]', [bt, xlvphc]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="log-ok"]').length === 2
    && document.querySelectorAll('[data-testid="log-refused"]').length === 1);
  const refused = await page.textContent('[data-testid="log-refused"]');
  assert.match(refused, /xlvphc\.json/);
  assert.match(refused, /báo cáo định kỳ về xử lý vi phạm hành chính; đợt báo cáo này thu báo cáo công tác theo dõi tình hình thi hành pháp luật hằng năm/);

  const countLine = () => page.textContent('[data-testid="count-line"]');
  const check = async () => {
    assert.equal(await countLine(), '2/3 đơn vị đã nộp, 1 chậm, 1 chưa nộp, 2 báo cáo chưa đầy đủ');
    const status = (u) => page.textContent(`[data-testid="status-row"][data-unit="${u}"] [data-testid="status-text"]`);
    assert.equal(await status(NINH_KIEU), 'Đúng hạn');
    assert.equal(await status(BINH_THUY), 'Chậm 3 ngày');
    assert.equal(await status(CAI_RANG), 'Chưa nộp');
    // Completeness by the THPL report's own sections.
    assert.match(await page.textContent(`[data-testid="status-row"][data-unit="${NINH_KIEU}"] [data-testid="status-completeness"]`),
      /Tình hình bảo đảm các điều kiện cho thi hành pháp luật/);
    // Totals: 2 + 3 detailing regulations; the late ones left empty by both
    // (not entered, not 0); no inspection in the app, so 0 from both.
    const total = (code) => page.textContent(`[data-testid="thpl-total-row"][data-code="${code}"] [data-testid="thpl-total"]`);
    assert.equal(await total('van_ban_quy_dinh_chi_tiet.so_van_ban'), '5');
    const docsRow = await page.textContent('[data-testid="thpl-total-row"][data-code="van_ban_quy_dinh_chi_tiet.so_van_ban"]');
    assert.match(docsRow, /520$/);
    const late = await page.textContent('[data-testid="thpl-total-row"][data-code="van_ban_quy_dinh_chi_tiet.so_cham_tien_do"]');
    assert.match(late, /002$/);
    const insp = await page.textContent('[data-testid="thpl-total-row"][data-code="kiem_tra.so_cuoc_kiem_tra"]');
    assert.match(insp, /020$/);
    // The consolidated view: summary and the per-unit table.
    const doc = await page.textContent('[data-testid="thpl-round-doc"]');
    assert.match(doc, /Tổng hợp công tác theo dõi tình hình thi hành pháp luật năm 2021/);
    assert.match(doc, /Đã nhận được báo cáo công tác theo dõi tình hình thi hành pháp luật năm 2021 của 2\/3 cơ quan, đơn vị phải báo cáo \(kỳ báo cáo từ ngày 01\/12\/2020 đến ngày 30\/11\/2021; hạn gửi: 05\/12\/2021\); trong đó 1 cơ quan, đơn vị gửi chậm/);
    assert.match(doc, new RegExp(`${BINH_THUY}Chậm 3 ngày08/12/2021`));
    assert.match(doc, new RegExp(`${CAI_RANG}Chưa nộp`));
  };
  await check();

  // Both files came signed by the browser's key: recorded for each unit.
  assert.equal(await page.locator('[data-testid="accepted-keys"] tbody tr').count(), 2);
  // A correction of Ninh Kiều (9 detailing regulations) signed by another
  // key: held with a warning, not counted (the checks above still hold).
  const nkFile = JSON.parse(await readFile(nk, 'utf8'));
  const browserKey = nkFile.signature.public_key_sha256;
  nkFile.content.van_ban_quy_dinh_chi_tiet.so_van_ban = 9;
  nkFile.content_sha256 = sha256(canonical(nkFile.content));
  const other = testKey('unit_a');
  const changed = `${DIR}/ninh-kieu-khoa-khac.json`;
  await writeFile(changed, signText(JSON.stringify(nkFile), other));
  await page.fill('[data-testid="receive-date"]', '2021-12-09');
  await page.setInputFiles('[data-testid="receive-input"]', [changed]);
  await page.waitForSelector('[data-testid="held-file"]');
  assert.match(await page.textContent('[data-testid="receive-log"]'), /ninh-kieu-khoa-khac\.json: .*tệp chờ quyết định vì khóa ký thay đổi/);
  const held = await page.textContent('[data-testid="held-file"]');
  assert.ok(held.includes(NINH_KIEU), held);
  assert.match(held, /Cảnh báo: tệp được ký bằng khóa khác/);
  await check();
  // Refused by a deliberate choice: gone, still not counted, recorded.
  await page.click('[data-testid="held-refuse"]');
  await page.waitForSelector('[data-testid="held-message"]');
  assert.equal(await page.locator('[data-testid="held-file"]').count(), 0);
  await check();
  // The stored round (written shortly after the change) keeps the choice.
  // Stored values may be compressed (src/storage/codec.rs): read decoded.
  const rounds = async () => Object.entries(await storedJson(page))
    .filter(([k]) => k.startsWith('kiemtra:round:')).map(([, v]) => JSON.parse(v).data.round);
  for (let until = Date.now() + 20000; !(await rounds()).some((r) => r.quyet_dinh_khoa.length === 1);) {
    if (Date.now() > until) throw new Error('the round was not stored');
    await new Promise((ok) => setTimeout(ok, 100));
  }
  const stored = await rounds();
  assert.equal(stored.length, 1);
  const [decision] = stored[0].quyet_dinh_khoa;
  assert.deepEqual(
    { don_vi: decision.don_vi, chap_nhan: decision.chap_nhan, khoa_truoc: decision.khoa_truoc, khoa_moi: decision.khoa_moi },
    { don_vi: NINH_KIEU, chap_nhan: false, khoa_truoc: browserKey, khoa_moi: other.fingerprint });
  assert.ok(stored[0].tep_thpl.every((f) => f.khoa_ky === browserKey));

  // Reload keeps the round and its files.
  await page.reload();
  await page.waitForSelector('[data-testid="page-round"] [data-testid="status-table"]');
  assert.equal(page.url(), roundUrl);
  await check();

  // An urging letter to the late and the missing units.
  await page.click('[data-testid="round-settings"] details.issuer summary');
  await page.fill('[data-testid="issuer-body"]', 'Sở Tư pháp');
  await page.press('[data-testid="issuer-body"]', 'Tab');
  for (const u of [BINH_THUY, CAI_RANG]) await page.check(`[data-testid="status-row"][data-unit="${u}"] [data-testid="status-choose"]`);
  await page.fill('[data-testid="letter-date"]', '2021-12-09');
  await page.fill('[data-testid="letter-deadline"]', '2021-12-15');
  await page.click('[data-testid="letter-make"]');
  await page.waitForSelector('[data-testid="letter"]');
  const letter = await page.textContent('[data-testid="letter"]');
  assert.match(letter, /V\/v đôn đốc gửi báo cáo công tác theo dõi tình hình thi hành pháp luật năm 2021/);
  assert.match(letter, /Nghị định số 59\/2012\/NĐ-CP/);
  assert.ok(letter.includes(`${CAI_RANG}: chưa gửi báo cáo`), letter);
  assert.ok(letter.includes(`${BINH_THUY}: gửi báo cáo chậm 3 ngày`), letter);
  assert.match(await page.textContent('[data-testid="thpl-round-summary"]'), /^Sở Tư pháp đã nhận được báo cáo/);

  assert.deepEqual(watch.pageErrors, []);
  assert.deepEqual(watch.foreignRequests, []);
  await context.close();
});
