// The yearly report on monitoring law implementation (theo dõi THPL): with
// the sample data loaded (Cần Thơ's monitoring plan 08/KH-UBND), Cần Thơ's
// People's Committee starts its 2021 report: the data window 01/12/2020 –
// 30/11/2021 and the due date 10/12/2021 come from NĐ 59/2012 as amended by
// NĐ 32/2020; the plan is drawn from the app; every section is written;
// the completeness list empties; the date sent makes it on time; the file
// is exported, validated against the committed schema (Ajv, JSON Schema
// 2020-12) with its hash recomputed here, and loaded into the file check;
// reload keeps everything; the printed report says the official outline was
// not found and follows the decree's headings. Before that, the notice to the
// inspected unit lists what it prepares and the date its report is due.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { start, newPage, appReady } from './harness.mjs';
import { canonical, sha256 } from './report-files.mjs';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats');

let env;
before(async () => { env = await start({ dist: process.env.DIST || 'dist' }); });
after(async () => { await env?.close(); });

const UNIT = 'Ủy ban nhân dân thành phố Cần Thơ';

/** Types into a field of the editor (data-testid "t-<code>"). */
async function write(page, code, text) {
  const sel = `[data-testid="t-${code}"]`;
  await page.fill(sel, '');
  await page.type(sel, text);
}

test('THPL yearly report 2021 of Cần Thơ: window, due date, fill, export, schema, file check', async () => {
  const { page, context } = await newPage(env);
  await page.goto(env.url + '/');
  await appReady(page);
  await page.click('[data-testid="demo-load"]');
  await page.waitForURL(/\/ke-hoach\/[0-9a-f-]{36}$/);
  await page.waitForTimeout(700);

  // Before the inspection: the notice page lists what the inspected unit
  // prepares and its date (planned from Monday 07/06/2021: 03 working days
  // before is Wednesday 02/06/2021).
  const demo = await page.evaluate(() => JSON.parse(localStorage.getItem('kiemtra:ui:demo')));
  await page.goto(env.url + `/kiem-tra/${demo.inspections[0]}/thong-bao`);
  await appReady(page);
  await page.waitForSelector('[data-testid="unit-preparation"]');
  assert.match(await page.textContent('[data-testid="unit-preparation-due"]'), /chậm nhất ngày 02\/06\/2021 \(trước ngày kiểm tra 03 ngày làm việc/);
  assert.match(await page.textContent('[data-testid="unit-preparation"]'), /đề cương báo cáo/);

  // From the reports area to the THPL page; the outline note is shown.
  await page.goto(env.url + '/bao-cao');
  await appReady(page);
  await page.click('[data-testid="link-thpl"]');
  await page.waitForSelector('[data-testid="page-thpl-list"]');
  assert.match(await page.textContent('[data-testid="thpl-outline-note"]'), /Phụ lục I[\s\S]*chưa được tìm thấy/);

  // A district without a date of its own is refused with the rule.
  await page.fill('[data-testid="thpl-new-unit"]', 'Ủy ban nhân dân quận Ninh Kiều');
  await page.fill('[data-testid="thpl-new-year"]', '2021');
  await page.selectOption('[data-testid="thpl-new-level"]', 'huyen_xa');
  assert.match(await page.textContent('[data-testid="thpl-new-rule"]'), /cấp trên trực tiếp/);
  await page.click('[data-testid="thpl-create-btn"]');
  assert.match(await page.textContent('[data-testid="thpl-create-error"]'), /Chưa có hạn gửi báo cáo: .*cấp trên trực tiếp/);

  // Cần Thơ's People's Committee, provincial level, 2021.
  await page.fill('[data-testid="thpl-new-unit"]', UNIT);
  await page.selectOption('[data-testid="thpl-new-level"]', 'tinh_bo');
  await page.waitForFunction(() => /10\/12\/2021/.test(document.querySelector('[data-testid="thpl-new-rule"]').textContent));
  assert.match(await page.textContent('[data-testid="thpl-new-rule"]'), /từ ngày 01\/12\/2020 đến ngày 30\/11\/2021/);
  await page.click('[data-testid="thpl-create-btn"]');
  await page.waitForSelector('[data-testid="page-thpl-report"] [data-testid="thpl-header"]');
  const url = page.url();
  assert.match(await page.textContent('[data-testid="thpl-window"]'), /từ ngày 01\/12\/2020 đến ngày 30\/11\/2021/);
  assert.match(await page.textContent('[data-testid="thpl-due"]'), /10\/12\/2021 \(theo nghị định\)/);
  assert.match(await page.textContent('[data-testid="thpl-texts"]'), /04\/2021\/TT-BTP/);

  // The sample monitoring plan is drawn from the app.
  assert.match(await page.textContent('[data-testid="thpl-plans"]'), /08\/KH-UBND/);
  assert.match(await page.textContent('[data-testid="thpl-inspections"]'), /Số cuộc kiểm tra: \d+/);
  await page.waitForSelector('[data-testid="thpl-missing-van_ban_quy_dinh_chi_tiet"]');

  // Every section written.
  await write(page, 'so_ky_hieu', '320/BC-UBND');
  await write(page, 'ke_hoach.nhan_xet', 'Kế hoạch 08/KH-UBND được ban hành đúng hạn.');
  await write(page, 'van_ban_quy_dinh_chi_tiet.so_van_ban', '1');
  await page.click('[data-testid="thpl-doc-add"]');
  await page.fill('[data-testid="thpl-doc-0-form"]', 'Quyết định');
  await page.fill('[data-testid="thpl-doc-0-name"]', 'Quyết định quy định chi tiết về bồi thường, hỗ trợ');
  await page.check('[data-testid="thpl-doc-0-late"]');
  await page.fill('[data-testid="thpl-doc-0-reason"]', 'Chờ ý kiến thẩm định');
  await write(page, 'van_ban_quy_dinh_chi_tiet.so_cham_tien_do', '1');
  await write(page, 'van_ban_quy_dinh_chi_tiet.so_khong_thong_nhat_dong_bo', '0');
  await write(page, 'van_ban_quy_dinh_chi_tiet.so_kha_thi_khong_cao', '0');
  await write(page, 'van_ban_quy_dinh_chi_tiet.danh_gia_kip_thoi_day_du', 'Cơ bản kịp thời.');
  await write(page, 'van_ban_quy_dinh_chi_tiet.danh_gia_thong_nhat_dong_bo', 'Thống nhất, đồng bộ.');
  await write(page, 'van_ban_quy_dinh_chi_tiet.danh_gia_kha_thi', 'Khả thi.');
  await write(page, 'dieu_kien_bao_dam.tap_huan_pho_bien', 'Tổ chức 02 hội nghị tập huấn.');
  await write(page, 'dieu_kien_bao_dam.to_chuc_bo_may_nhan_luc', 'Công chức kiêm nhiệm.');
  await write(page, 'dieu_kien_bao_dam.kinh_phi_co_so_vat_chat', 'Bảo đảm.');
  await write(page, 'huong_dan_ap_dung.huong_dan_ap_dung', 'Hướng dẫn kịp thời.');
  await write(page, 'huong_dan_ap_dung.ap_dung_phap_luat', 'Áp dụng thống nhất.');
  await write(page, 'xu_ly_vi_pham.tinh_hinh_xu_ly', 'Xử lý kịp thời.');
  await write(page, 'xu_ly_vi_pham.muc_do_tuan_thu', 'Tuân thủ tốt.');
  await write(page, 'tac_dong', 'Tác động tích cực đến công tác quản lý đất đai.');
  await write(page, 'kiem_tra.nhan_xet', 'Các cuộc kiểm tra đúng kế hoạch.');
  await write(page, 'kien_nghi_de_xuat', 'Đề nghị Bộ Tư pháp hướng dẫn thống nhất.');
  await write(page, 'nguoi_ky.tham_quyen', 'TM. ỦY BAN NHÂN DÂN');
  await write(page, 'nguoi_ky.chuc_vu', 'CHỦ TỊCH');
  await write(page, 'nguoi_ky.ho_ten', 'Nguyễn Văn A');
  await write(page, 'noi_nhan', 'Bộ Tư pháp');
  await page.waitForSelector('[data-testid="thpl-done-van_ban_quy_dinh_chi_tiet"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid^="thpl-missing-"]').length === 0);

  // Sent on 09/12/2021: on time against its own due date.
  await page.fill('[data-testid="thpl-sent-on"]', '09/12/2021');
  await page.waitForFunction(() => /Đúng hạn/.test(document.querySelector('[data-testid="thpl-timeliness"]').textContent));

  // Export.
  await page.fill('[data-testid="thpl-exporter"]', 'Trần Thị B');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="thpl-export-btn"]'),
  ]);
  assert.equal(download.suggestedFilename(), 'bao-cao-theo-doi-thpl_320-BC-UBND_2021_ubnd-thanh-pho-can-tho.json');
  const path = '/tmp/thpl-e2e-export.json';
  await download.saveAs(path);
  const file = JSON.parse(await readFile(path, 'utf8'));
  const schema = JSON.parse(await readFile(new URL('../../schema/report-v1.schema.json', import.meta.url), 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('uint64', { type: 'number', validate: (n) => Number.isInteger(n) && n >= 0 });
  const validate = ajv.compile(schema);
  assert.ok(validate(file), JSON.stringify(validate.errors, null, 2));
  assert.equal(file.report_kind, 'theo_doi_thpl');
  assert.equal(sha256(canonical(file.content)), file.content_sha256);
  assert.deepEqual(file.period, { loai: 'dinh_ky_nam', tu_ngay: '2020-12-01', den_ngay: '2021-11-30' });
  assert.deepEqual(file.content.han_nop, { han_nop: '2021-12-10', nguon: 'mac_dinh_che_do' });
  assert.equal(file.content.cap_bao_cao, 'tinh_bo');
  assert.equal(file.content.van_ban_quy_dinh_chi_tiet.danh_sach[0].cham_tien_do, true);
  assert.equal(file.content.van_ban_quy_dinh_chi_tiet.so_khong_thong_nhat_dong_bo, 0);
  assert.equal(file.content.ke_hoach.ke_hoach[0].so_ky_hieu, '08/KH-UBND');
  assert.equal(file.reporting_unit.ten, UNIT);
  await page.waitForSelector('[data-testid="thpl-export-message"]');

  // Reload keeps the report, the date sent and the export stamp.
  await page.reload();
  await page.waitForSelector('[data-testid="thpl-header"]');
  assert.equal(await page.inputValue('[data-testid="t-tac_dong"]'), 'Tác động tích cực đến công tác quản lý đất đai.');
  assert.equal(await page.inputValue('[data-testid="thpl-sent-on"]'), '09/12/2021');
  assert.match(await page.textContent('[data-testid="thpl-export-status"]'), new RegExp(file.content_sha256));

  // The file check recognises the kind, the unit and the window.
  await page.goto(env.url + '/bao-cao/kiem-tra-tep');
  await page.waitForSelector('[data-testid="page-verify"]');
  await page.setInputFiles('[data-testid="verify-input"]', path);
  await page.waitForSelector('[data-testid="verify-valid"]');
  const valid = await page.textContent('[data-testid="verify-valid"]');
  assert.match(valid, /hợp lệ/);
  assert.match(valid, /theo dõi tình hình thi hành pháp luật/);
  assert.match(valid, new RegExp(UNIT));
  assert.equal(await page.textContent('[data-testid="verify-hash"]'), file.content_sha256);

  // Printed: NĐ 30/2020 header, the decree's headings, the outline note, the hash.
  await page.goto(url + '/in');
  await page.waitForSelector('[data-testid="thpl-print-doc"]');
  const doc = await page.textContent('[data-testid="thpl-print-doc"]');
  assert.match(doc, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
  assert.match(doc, /Công tác theo dõi tình hình thi hành pháp luật năm 2021/);
  assert.match(doc, /Phụ lục I kèm theo Thông tư số 04\/2021\/TT-BTP chưa được tìm thấy/);
  assert.match(doc, /TÌNH HÌNH BẢO ĐẢM CÁC ĐIỀU KIỆN CHO THI HÀNH PHÁP LUẬT/);
  assert.match(doc, /từ ngày 01\/12\/2020 đến ngày 30\/11\/2021/);
  assert.match(await page.textContent('[data-testid="doc-number"]'), /Số: 320\/BC-UBND/);
  assert.equal(await page.textContent('[data-testid="print-hash"]'), `Mã kiểm tra tệp dữ liệu (SHA-256): ${file.content_sha256}`);
  await page.goto(url + '/kien-nghi');
  await page.waitForSelector('[data-testid="thpl-amendments-doc"]');
  assert.match(await page.textContent('[data-testid="thpl-amendments-doc"]'), /Tình hình xử lý kiến nghị sửa đổi/);
  await context.close();
});
