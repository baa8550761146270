// Plans area: create and edit a plan (number validation, units, teams and
// the NĐ 19/2020 team warning), reload, create an inspection, the NĐ 30/2020
// print view, confirmed and undoable deletion, and the sample data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage, appReady } from './harness.mjs';
import { storedData } from './seed.mjs';
import { parseStored } from './stored.mjs';

let env;
let shared; // one browser context for the plan workflow (its storage persists across steps)
let planUrl;

before(async () => {
  env = await start({ dist: process.env.DIST || 'dist' });
  shared = await newPage(env);
});
after(async () => {
  await shared?.context.close();
  await env?.close();
});

const tid = (id) => `[data-testid="${id}"]`;
const settle = (page) => page.waitForTimeout(700); // autosave debounce is 400 ms

test('a new plan is created, edited, validated and kept across a reload', async () => {
  const { page, watch } = shared;
  await page.goto(env.url + '/ke-hoach');
  await appReady(page);
  await page.waitForSelector(tid('plans-empty'));
  assert.match(await page.textContent(tid('plans-empty')), /Tạo kế hoạch/);
  await page.click(tid('plan-create'));
  await page.waitForURL(/\/ke-hoach\/[0-9a-f-]{36}$/);
  planUrl = new URL(page.url()).pathname;
  await page.waitForSelector(tid('plan-title'));

  await page.fill(tid('plan-title'), 'Kiểm tra công tác thi hành pháp luật về xử lý vi phạm hành chính năm 2021');
  // An invalid number is explained in Vietnamese and the typed text stays.
  await page.fill(tid('plan-number'), '9/KH-UBND');
  await page.waitForSelector(tid('plan-number-error'));
  assert.match(await page.textContent(tid('plan-number-error')), /số 0 ở trước/);
  assert.equal(await page.inputValue(tid('plan-number')), '9/KH-UBND');
  await page.fill(tid('plan-number'), '09/kh-ubnd');
  assert.match(await page.textContent(tid('plan-number-error')), /in hoa/);
  await page.fill(tid('plan-number'), '09/KH-UBND');
  await page.waitForSelector(tid('plan-number-error'), { state: 'detached' });

  await page.fill(tid('plan-issue-date'), '13/01/2021');
  await page.fill(tid('plan-place-name'), 'Cần Thơ');
  await page.fill(tid('plan-issuer-upper'), 'ỦY BAN NHÂN DÂN');
  await page.fill(tid('plan-issuer-lower'), 'THÀNH PHỐ CẦN THƠ');
  await page.selectOption(tid('plan-signer-prefix'), 'tm');
  await page.fill(tid('plan-signer-on-behalf'), 'ỦY BAN NHÂN DÂN');
  await page.fill(tid('plan-signer-position'), 'CHỦ TỊCH');
  await page.fill(tid('plan-funding-amount'), '15.000.000');
  assert.equal((await page.textContent(tid('plan-funding-formatted'))).trim(), '15.000.000 đ');

  await page.click(tid('basis-add'));
  await page.fill(tid('basis-type'), 'Nghị định');
  await page.fill(tid('basis-number'), '19/2020/NĐ-CP');
  await page.fill(tid('basis-date'), '12/02/2020');
  await page.fill(tid('basis-issuer'), 'Chính phủ');

  await page.click(tid('unit-add'));
  await page.fill(tid('unit-name'), 'Ủy ban nhân dân quận Ninh Kiều');

  await page.click(tid('team-add'));
  await page.click(tid('team-add-head'));
  await page.locator(tid('person-name')).nth(0).fill('Nguyễn Văn A');
  await page.click(tid('team-add-member'));
  await page.locator(tid('person-name')).nth(1).fill('Trần Thị B');
  // Two people under the 2020 text of NĐ 19/2020 Điều 8: at least 5 are needed.
  const warnings = await page.textContent(tid('team-warnings'));
  assert.match(warnings, /ít nhất 5 thành viên/);
  assert.match(warnings, /Đoàn có 2 người/);
  assert.match(await page.textContent(tid('team-rules')), /văn bản năm 2020/);

  await settle(page);
  await page.reload();
  await page.waitForSelector(tid('plan-title'));
  assert.equal(await page.inputValue(tid('plan-title')), 'Kiểm tra công tác thi hành pháp luật về xử lý vi phạm hành chính năm 2021');
  assert.equal(await page.inputValue(tid('plan-number')), '09/KH-UBND');
  assert.equal(await page.inputValue(tid('plan-issue-date')), '13/01/2021');
  assert.equal(await page.inputValue(tid('unit-name')), 'Ủy ban nhân dân quận Ninh Kiều');
  assert.equal(await page.inputValue(tid('basis-number')), '19/2020/NĐ-CP');
  assert.equal(await page.locator(tid('person-name')).count(), 2);
  assert.equal(await page.locator(tid('person-name')).nth(1).inputValue(), 'Trần Thị B');
  assert.match(await page.textContent(tid('team-warnings')), /ít nhất 5 thành viên/);
  assert.deepEqual(watch.pageErrors, []);
});

test('an inspection is created from the editor and linked', async () => {
  const { page, watch } = shared;
  await page.goto(env.url + planUrl);
  await page.waitForSelector(tid('unit-create-inspection'));
  await page.click(tid('unit-create-inspection'));
  const link = page.locator(tid('plan-inspection-link'));
  await link.waitFor();
  assert.match(await link.getAttribute('href'), /^\/kiem-tra\/[0-9a-f-]{36}$/);
  assert.match(await link.textContent(), /Ninh Kiều/);
  await settle(page);
  await page.reload();
  await page.waitForSelector(tid('plan-inspection-link'));
  assert.deepEqual(watch.pageErrors, []);
});

test('the print view follows NĐ 30/2020 and prints', async () => {
  const { page, watch } = shared;
  await page.goto(env.url + planUrl);
  await page.click(tid('plan-print-link'));
  await page.waitForSelector(tid('plan-document'));
  const text = await page.textContent(tid('plan-document'));
  assert.ok(text.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'));
  assert.ok(text.includes('Độc lập - Tự do - Hạnh phúc'));
  assert.ok(text.includes('KẾ HOẠCH'));
  assert.equal((await page.textContent(tid('doc-date'))).trim(), 'Cần Thơ, ngày 13 tháng 01 năm 2021');
  assert.equal((await page.textContent(tid('doc-number'))).trim(), 'Số: 09/KH-UBND');
  assert.ok(text.includes('Căn cứ Nghị định số 19/2020/NĐ-CP ngày 12/02/2020 của Chính phủ'));
  assert.match(await page.textContent(tid('doc-signer')), /TM\. ỦY BAN NHÂN DÂN\s*CHỦ TỊCH/);
  await page.evaluate(() => {
    window.__printed = 0;
    const fake = () => { window.__printed += 1; };
    Window.prototype.print = fake;
    window.print = fake;
  });
  await page.click(tid('print-button'));
  assert.equal(await page.evaluate(() => window.__printed), 1);
  assert.deepEqual(watch.pageErrors, []);
});

test('deleting a plan asks first, and can be undone', async () => {
  const { page, watch } = shared;
  await page.goto(env.url + '/ke-hoach');
  await page.waitForSelector(tid('plan-row'));
  assert.equal(await page.locator(tid('plan-row')).count(), 1);
  await page.click(tid('plan-delete'));
  await page.click(tid('plan-delete-cancel'));
  assert.equal(await page.locator(tid('plan-row')).count(), 1);
  await page.click(tid('plan-delete'));
  // The confirm button takes the focus, so Enter confirms from the keyboard.
  await page.waitForSelector(`${tid('plan-delete-confirm')}:focus`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(tid('plans-empty'));
  await page.waitForSelector(tid('plan-undo-notice'));
  await page.click(tid('plan-undo'));
  await page.waitForSelector(tid('plan-row'));
  assert.equal(await page.locator(tid('plan-row')).count(), 1);
  await settle(page);
  await page.reload();
  await page.waitForSelector(tid('plan-row'));
  // The inspection came back with its plan.
  assert.match(await page.textContent(tid('plan-table')), /09\/KH-UBND/);
  assert.deepEqual(watch.pageErrors, []);
});

test('the plan list searches without diacritics and filters by kind', async () => {
  const { page } = shared;
  await page.goto(env.url + '/ke-hoach');
  await page.waitForSelector(tid('plan-row'));
  await page.fill(tid('plan-search'), 'xu ly vi pham');
  assert.equal(await page.locator(tid('plan-row')).count(), 1);
  await page.fill(tid('plan-search'), '09/kh');
  assert.equal(await page.locator(tid('plan-row')).count(), 1);
  await page.fill(tid('plan-search'), 'khong co ke hoach nay');
  await page.waitForSelector(tid('plan-no-match'));
  await page.fill(tid('plan-search'), '');
  await page.selectOption(tid('plan-filter-kind'), 'theo_doi_thpl');
  await page.waitForSelector(tid('plan-no-match'));
  await page.selectOption(tid('plan-filter-kind'), 'xlvphc');
  assert.equal(await page.locator(tid('plan-row')).count(), 1);
});

test('sample data loads the Cần Thơ 2021 case and is removed in one step', async () => {
  const { page, context, watch } = await newPage(env);
  await page.goto(env.url + '/');
  await appReady(page);
  await page.waitForSelector(tid('overview-empty'));
  await page.click(tid('demo-load'));
  await page.waitForURL(/\/ke-hoach\/[0-9a-f-]{36}$/);
  await page.waitForSelector(tid('plan-heading'));
  assert.match(await page.textContent(tid('plan-heading')), /^\[Mẫu\]/);
  assert.equal(await page.inputValue(tid('plan-number')), '09/KH-UBND');
  assert.equal(await page.inputValue(tid('plan-issue-date')), '13/01/2021');
  assert.match(await page.inputValue(tid('plan-purpose')), /Dữ liệu mẫu/);
  assert.equal(await page.locator(tid('unit-row')).count(), 4);
  assert.equal(await page.locator(tid('team-warnings')).count(), 0);
  assert.equal(await page.locator(tid('plan-inspection-link')).count(), 1);
  const bases = await page.locator(tid('basis-number')).evaluateAll((els) => els.map((e) => e.value));
  // KH 09/KH-UBND manages XLVPHC enforcement: NĐ 19/2020 only (QĐ 49/QĐ-TTg belongs to KH 08).
  assert.deepEqual(bases, ['19/2020/NĐ-CP']);
  // The sample inspection is half filled (XLVPHC checklist) with two findings.
  await settle(page);
  const inspKey = await page.evaluate(() => Object.keys(localStorage).find((k) => k.startsWith('kiemtra:inspection:')));
  const insp = await storedData(page, inspKey);
  assert.equal(insp.checklists[0].template.id, 'xlvphc-nd19-2020');
  assert.ok(Object.keys(insp.checklists[0].answers).length >= 20);
  assert.equal(insp.findings.length, 2);
  assert.deepEqual(insp.findings.map((f) => f.kind), ['han_che', 'sai_sot']);

  await page.goto(env.url + '/');
  await page.waitForSelector(tid('ov-inspections'));
  assert.match(await page.textContent(tid('ov-count-draft')), /1/);
  assert.match(await page.textContent(tid('ov-overdue')), /quá hạn/);
  const ids = await page.evaluate(() => JSON.parse(localStorage.getItem('kiemtra:ui:demo')));
  assert.equal(ids.plans.length, 2);
  assert.equal(ids.inspections.length, 1);
  // The second sample plan, KH 08/KH-UBND, monitors law implementation under QĐ 49/QĐ-TTg.
  const monitoring = parseStored(await page.evaluate((id) => localStorage.getItem('kiemtra:plan:' + id), ids.plans[1])).data;
  assert.equal(monitoring.number, '08/KH-UBND');
  assert.equal(monitoring.kind, 'theo_doi_thpl');
  assert.deepEqual(monitoring.legal_bases.map((b) => b.number), ['59/2012/NĐ-CP', '49/QĐ-TTg']);

  await page.click(tid('demo-remove'));
  await page.waitForSelector(tid('overview-empty'));
  assert.equal(await page.evaluate(() => localStorage.getItem('kiemtra:ui:demo')), null);
  await settle(page);
  await page.reload();
  await page.waitForSelector(tid('overview-empty'));
  await page.goto(env.url + '/ke-hoach');
  await page.waitForSelector(tid('plans-empty'));
  assert.deepEqual(watch.pageErrors, []);
  assert.deepEqual(watch.foreignRequests, []);
  await context.close();
});
