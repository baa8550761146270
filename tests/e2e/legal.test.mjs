// Legal fidelity, tried as a new user would: the sample data's KH 09/KH-UBND
// gets its decision establishing the team and its notice to the inspected
// unit (with the date by which the unit sends its report, three working
// days before), every printed document keeps its NĐ 30/2020 parts in
// Vietnamese in English mode too, checklist items show their binding basis
// apart from their non-binding source, the 2021 findings offer only the
// texts in force in 2021, and a new periodic report takes the regime of its
// own period.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage, appReady } from './harness.mjs';

let env;
before(async () => { env = await start({ dist: process.env.DIST || 'dist' }); });
after(async () => { await env?.close(); });

const tid = (id) => `[data-testid="${id}"]`;

async function loadDemo(page) {
  await page.goto(env.url + '/');
  await appReady(page);
  await page.click(tid('demo-load'));
  await page.waitForURL(/\/ke-hoach\/[0-9a-f-]{36}$/);
  await page.waitForTimeout(700);
  return page.evaluate(() => JSON.parse(localStorage.getItem('kiemtra:ui:demo')));
}

test('the decision and the notice of the sample inspection have every NĐ 30/2020 part, in Vietnamese', async () => {
  const { page, context, watch } = await newPage(env);
  const ids = await loadDemo(page);
  const insp = ids.inspections[0];

  await page.goto(`${env.url}/kiem-tra/${insp}`);
  await page.click(tid('decision-link'));
  await page.waitForSelector(tid('decision-document'));
  let doc = await page.textContent(tid('decision-document'));
  for (const part of ['ỦY BAN NHÂN DÂN', 'THÀNH PHỐ CẦN THƠ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc',
    'QUYẾT ĐỊNH', 'Căn cứ Nghị định số 19/2020/NĐ-CP', 'Căn cứ Kế hoạch số 09/KH-UBND ngày 13/01/2021.',
    'Thành lập Đoàn kiểm tra', 'Nguyễn Văn A, Trưởng đoàn (mẫu), Sở Tư pháp, Trưởng đoàn',
    'Điều 9, Điều 10 Nghị định số 19/2020/NĐ-CP', 'Nơi nhận:', 'Lưu: VT.']) {
    assert.ok(doc.includes(part), `decision lacks ${part}`);
  }
  assert.match(await page.textContent(tid('doc-number')), /^Số:\s+\/QĐ-UBND$/);
  assert.match(await page.textContent(tid('doc-signer')), /TM\. ỦY BAN NHÂN DÂN\s*CHỦ TỊCH/);
  // No number or date yet: the number is left blank after its code, which NĐ 30/2020 allows.
  assert.equal(await page.locator(tid('doc-missing')).count(), 0);

  await page.goto(`${env.url}/kiem-tra/${insp}`);
  await page.click(tid('notice-link'));
  await page.waitForSelector(tid('notice-document'));
  doc = await page.textContent(tid('notice-document'));
  assert.ok(doc.includes('THÔNG BÁO'));
  // Inspection on Monday 07/6/2021: three working days before is Wednesday 02/6/2021.
  assert.ok(doc.includes('chậm nhất ngày 02/06/2021 (trước ngày kiểm tra 03 ngày làm việc)'), doc);
  assert.match(await page.textContent(tid('doc-recipients')), /Nơi nhận:\s*- Ủy ban nhân dân quận Ninh Kiều;[\s\S]*- Lưu: VT\./);

  // English interface: the documents stay Vietnamese (place-and-date line included).
  await page.goto(env.url + '/');
  await page.selectOption(tid('lang-select'), 'en');
  await page.goto(`${env.url}/kiem-tra/${insp}/quyet-dinh`);
  await page.waitForSelector(tid('decision-document'));
  assert.match(await page.textContent(tid('doc-date')), /^Cần Thơ, ngày\s+tháng\s+năm 2021$/);
  await page.goto(`${env.url}/kiem-tra/${insp}/in`);
  await page.waitForSelector(tid('inspection-document'));
  assert.match(await page.textContent(tid('doc-date')), /^Cần Thơ, ngày \d{2} tháng \d{1,2} năm \d{4}$/);
  const report = await page.textContent(tid('inspection-document'));
  for (const part of ['BÁO CÁO', 'Kết quả kiểm tra việc thi hành pháp luật về xử lý vi phạm hành chính',
    'Thời gian kiểm tra', 'Từ ngày 07/06/2021 đến ngày 15/06/2021', 'KẾT LUẬN KIỂM TRA', 'Tài liệu, chứng cứ',
    'TRƯỞNG ĐOÀN KIỂM TRA', 'Nơi nhận:']) {
    assert.ok(report.includes(part), `inspection report lacks ${part}`);
  }
  assert.match(await page.textContent(tid('doc-number')), /^Số:\s+\/BC-UBND$/);

  assert.deepEqual(watch.pageErrors, []);
  assert.deepEqual(watch.foreignRequests, []);
  await context.close();
});

test('checklist items show their binding basis apart from their source; 2021 findings offer the 2021 texts', async () => {
  const { page, context, watch } = await newPage(env);
  const ids = await loadDemo(page);
  await page.goto(`${env.url}/kiem-tra/${ids.inspections[0]}`);
  const row = '[data-testid="item-I.1"]';
  await page.waitForSelector(row);
  assert.match(await page.textContent(`${row} [data-testid="item-basis"]`),
    /^Căn cứ pháp lý: Chưa xác định được căn cứ pháp lý ràng buộc/);
  assert.match(await page.textContent(`${row} [data-testid="item-origin"]`),
    /^Nguồn tham khảo \(không có giá trị pháp lý\): Kế hoạch kiểm tra của Bộ Tư pháp: QĐ 542\/QĐ-BTP/);

  // The sample plan reviews 2020–2021: NĐ 93/2025's list and bãi nhiệm are not offered.
  const finding = page.locator(tid('finding')).first();
  const discipline = await finding.locator(tid('finding-discipline')).evaluate((s) => [...s.options].map((o) => o.value));
  assert.deepEqual(discipline, ['', 'khien_trach', 'canh_cao', 'ha_bac_luong', 'giang_chuc', 'cach_chuc', 'buoc_thoi_viec']);
  const violations = await finding.locator(tid('finding-violation')).evaluate((s) => [...s.options].map((o) => o.value));
  assert.deepEqual(violations, ['', 'giu_lai_vu_co_dau_hieu_toi_pham']);
  assert.match(await finding.locator(tid('violation-list-note')).textContent(), /bản năm 2020[\s\S]*18 hành vi còn lại chưa được tìm thấy/);
  // The new finding kinds of the seed and the reference.
  const kinds = await finding.locator(tid('finding-kind')).evaluate((s) => [...s.options].map((o) => o.value));
  assert.ok(kinds.includes('kho_khan') && kinds.includes('ton_tai'));

  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});

test('a new periodic report takes the regime of its own period', async () => {
  const { page, context, watch } = await newPage(env);
  await page.goto(env.url + '/bao-cao');
  await appReady(page);
  await page.click(tid('create-report'));
  const regimeFor = async (year) => {
    await page.fill(tid('create-year'), String(year));
    return page.inputValue(tid('create-regime'));
  };
  assert.equal(await regimeFor(2021), 'tt_16_2018');
  assert.equal(await regimeFor(2024), 'tt_01_2023_truoc_sua_doi');
  assert.equal(await regimeFor(2026), 'tt_01_2023');
  // The rule's text and the date rule agree: "by 21/12", sending on 21/12 is on time.
  await page.selectOption(tid('create-level'), 'gui_bo_tu_phap');
  assert.match(await page.textContent('.rule-text'), /chậm nhất ngày 21\/12 \(gửi trong ngày 21\/12 là đúng hạn\)/);
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});
