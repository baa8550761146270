// Follow-up until closed (issue #12): an inspection with three findings (a
// sai sót with a recommendation to the unit, a violation with a discipline
// proposal, a chồng chéo with an amendment proposal) is finalized; the
// browser's clock then moves past the recommendation's deadline; the overdue
// item shows on the overview; the unit's response, the discipline decision
// and the closing are recorded on the locked inspection; the amendment list
// prints and downloads; the exported inspection report carries the counts.
// The clock is Playwright's fake clock (as in two-tabs.test.mjs), so every
// date below is fixed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { start, newPage, appReady } from './harness.mjs';
import { ID, KEY, writeSeed, storedWhen } from './seed.mjs';

let env;
before(async () => { env = await start({ dist: process.env.DIST || 'dist' }); });
after(async () => { await env?.close(); });

/** 09:00 in Vietnam on a day of 2021. */
const vnMorning = (month, day) => new Date(Date.UTC(2021, month - 1, day, 2, 0, 0));
const finding = (n) => `[data-testid="finding"] >> nth=${n}`;
const inFinding = (n, tid) => `${finding(n)} >> [data-testid="${tid}"]`;
const stored = (page, pred) => storedWhen(page, KEY, pred, 15000);

/** Polls `check` until it is true (10 s at most). */
async function until(check) {
  const end = Date.now() + 10000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition never met');
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** Types into a field and leaves it (dates are read when the field loses focus). */
async function type(page, selector, text) {
  await page.fill(selector, text);
  await page.press(selector, 'Tab');
}

async function addFinding(page, n, kind, description) {
  await page.click('[data-testid="finding-add"]');
  await page.waitForSelector(finding(n));
  await page.selectOption(inFinding(n, 'finding-kind'), kind);
  await page.fill(inFinding(n, 'finding-description'), description);
}

test('a recommendation, a discipline proposal and an amendment proposal are followed up until closed', async () => {
  const { page, context, watch } = await newPage(env);
  await context.clock.install({ time: vnMorning(1, 13) });
  await page.goto(env.url + '/kiem-tra');
  await appReady(page);
  await writeSeed(page);
  await page.goto(`${env.url}/kiem-tra/${ID}`);
  await appReady(page);

  // Every item answered "không áp dụng" from the keyboard, as in inspection.test.mjs.
  await page.click('[data-testid="finalize"]');
  await page.waitForSelector('[data-testid="missing-list"]');
  await page.click('[data-testid="missing-list"] a >> nth=0');
  await page.waitForFunction(() => document.activeElement?.dataset?.testid === 'item-1a');
  for (let i = 0; i < 21; i += 1) {
    await page.keyboard.press('3');
    await page.keyboard.press('j');
  }

  // 1. A sai sót with a recommendation to the unit, due 28/02/2021.
  await addFinding(page, 0, 'sai_sot', 'Biên bản vi phạm hành chính số 12/BB-VPHC lập quá thời hạn.');
  await page.selectOption(inFinding(0, 'finding-addressee'), 'don_vi_duoc_kiem_tra');
  await page.fill(inFinding(0, 'finding-recommendation'), 'Chấn chỉnh việc lập biên bản vi phạm hành chính đúng thời hạn.');
  await page.waitForSelector(`${finding(0)} >> input[data-testid$="-rec-deadline"]`);
  await type(page, `${finding(0)} >> input[data-testid$="-rec-deadline"]`, '28/02/2021');

  // 2. A violation with a discipline proposal. The violation happened in
  // 2021, before NĐ 93/2025: bãi nhiệm is not offered, and only the one
  // behaviour of the 2020 list the reference gives.
  await addFinding(page, 1, 'vi_pham', 'Giữ lại vụ việc có dấu hiệu tội phạm để xử phạt hành chính.');
  await page.selectOption(inFinding(1, 'finding-discipline'), 'khien_trach');
  await page.fill(inFinding(1, 'finding-official'), 'Nguyễn Văn Hùng');
  await page.fill(inFinding(1, 'finding-position'), 'Phó Trưởng Công an phường An Hòa');
  await type(page, `${finding(1)} >> input[data-testid$="-violation-date"]`, '05/01/2021');
  await until(async () => (await page.locator(inFinding(1, 'finding-violation')).locator('option').count()) === 2);
  const forms = await page.$$eval(`${finding(1)} >> [data-testid="finding-discipline"] option`, (os) => os.map((o) => o.value));
  assert.ok(!forms.includes('bai_nhiem'), `no bãi nhiệm before 15/06/2025: ${forms}`);
  await page.selectOption(inFinding(1, 'finding-violation'), 'giu_lai_vu_co_dau_hieu_toi_pham');

  // 3. A chồng chéo with a proposal to amend the text.
  await addFinding(page, 2, 'chong_cheo', 'Hai văn bản quy định khác nhau về thẩm quyền lập biên bản.');
  await page.waitForSelector(inFinding(2, 'amendment-fields'));
  await page.fill(inFinding(2, 'amend-document'), 'Nghị định số 19/2020/NĐ-CP');
  await page.fill(inFinding(2, 'amend-article'), 'Điều 22');
  await page.fill(inFinding(2, 'amend-clause'), 'khoản 5');
  await page.fill(inFinding(2, 'amend-problem'), 'Chồng chéo với quy định về thẩm quyền lập biên bản.');
  await page.fill(inFinding(2, 'amend-proposal'), 'Sửa đổi để thống nhất thẩm quyền lập biên bản.');
  await page.fill(inFinding(2, 'amend-body'), 'Bộ Tư pháp');

  // Fieldwork end, conclusion issued, finalize.
  await type(page, '[data-testid="actual-end"]', '13/01/2021');
  await page.fill('[data-testid="conclusion-text"]', 'Đơn vị đã thực hiện cơ bản đầy đủ; còn sai sót nêu tại kết luận.');
  await type(page, '[data-testid="conclusion-issue-date"]', '13/01/2021');
  await stored(page, (r) => r.findings.length === 3 && r.findings[2].amendment?.addressed_to === 'Bộ Tư pháp'
    && r.findings[0].recommendation?.deadline === '2021-02-28'
    && r.findings[1].violation?.code === 'giu_lai_vu_co_dau_hieu_toi_pham'
    && r.conclusion.issue_date === '2021-01-13');
  await page.waitForFunction(() => !document.querySelector('[data-testid="missing-list"]'));
  await page.click('[data-testid="finalize"]');
  await page.waitForSelector('[data-testid="locked-banner"]');
  await page.waitForSelector('[data-testid="followup-section"]');
  assert.match(await page.textContent('[data-testid="tracked-status"]'), /Chưa thực hiện/);

  // Ten days past the deadline: the overview shows the overdue item first.
  await context.clock.setSystemTime(vnMorning(3, 10));
  await page.goto(env.url + '/');
  await appReady(page);
  await page.waitForSelector('[data-testid="ov-followup-item"]');
  const ov = await page.textContent('[data-testid="ov-followup"]');
  assert.match(ov, /Chấn chỉnh việc lập biên bản/);
  assert.match(ov, /Quá hạn 10 ngày/);
  const cards = await page.$$eval('.overview .card h2', (hs) => hs.map((h) => h.textContent));
  assert.equal(cards[0], 'Kiến nghị quá hạn', `overdue card first: ${cards}`);

  // The follow-up view lists it with its age and lateness; filters work.
  await page.click('[data-testid="main-nav"] >> text=Theo dõi kiến nghị');
  await page.waitForSelector('[data-testid="followup-row"]');
  assert.match(await page.textContent('[data-testid="followup-overdue"]'), /Quá hạn 10 ngày/);
  assert.match(await page.textContent('[data-testid="followup-table"]'), /56 ngày/);
  assert.match(await page.textContent('[data-testid="fu-count-overdue"]'), /1/);
  assert.match(await page.textContent('[data-testid="fu-count-discipline_proposed"]'), /1/);
  await page.selectOption('[data-testid="filter-status"]', 'da_thuc_hien');
  await page.waitForSelector('[data-testid="followup-row"]', { state: 'detached' });
  await page.selectOption('[data-testid="filter-status"]', '');
  await page.check('[data-testid="filter-overdue"]');
  await page.waitForSelector('[data-testid="followup-row"]');

  // The unit's response, recorded on the locked inspection.
  await page.click('[data-testid="followup-row"] a');
  await page.waitForSelector('[data-testid="tracked-item"]');
  await page.selectOption('[data-testid="upd-status"]', 'dang_thuc_hien');
  await page.fill('[data-testid="upd-action"]', 'Đã tổ chức rút kinh nghiệm việc lập biên bản.');
  await page.fill('[data-testid="upd-document"]', 'Báo cáo số 45/BC-UBND ngày 05/03/2021');
  await page.click('[data-testid="upd-save"]');
  await page.waitForSelector('[data-testid="tracked-update"]');
  assert.match(await page.textContent('[data-testid="tracked-status"]'), /Đang thực hiện/);
  assert.match(await page.textContent('[data-testid="tracked-overdue"]'), /Quá hạn 10 ngày/);

  // The discipline decision; closing without a date is refused.
  await page.fill('[data-testid="disc-number"]', '123/QĐ-UBND');
  await page.fill('[data-testid="disc-date"]', '01/03/2021');
  await page.fill('[data-testid="disc-by"]', 'Chủ tịch Ủy ban nhân dân quận Ninh Kiều');
  await page.click('[data-testid="disc-save"]');
  await page.waitForSelector('[data-testid="discipline-decision"]');
  assert.match(await page.textContent('[data-testid="discipline-decision"]'), /123\/QĐ-UBND.*01\/03\/2021.*Khiển trách/);

  await page.selectOption('[data-testid="upd-status"]', 'da_thuc_hien');
  await page.fill('[data-testid="upd-action"]', 'Đã ban hành văn bản chấn chỉnh.');
  await page.click('[data-testid="upd-save"]');
  await page.waitForSelector('[data-testid="upd-message"]');
  assert.match(await page.textContent('[data-testid="upd-message"]'), /Cần nhập ngày kết thúc/);
  await page.fill('[data-testid="upd-closed-on"]', '09/03/2021');
  await page.click('[data-testid="upd-save"]');
  await page.waitForFunction(() => /Đã thực hiện/.test(document.querySelector('[data-testid="tracked-status"]')?.textContent ?? ''));
  assert.equal(await page.$('[data-testid="tracked-overdue"]'), null, 'no longer overdue once closed');
  await stored(page, (r) => r.status === 'finalized'
    && r.findings[0].recommendation.tracking.status === 'da_thuc_hien'
    && r.findings[0].recommendation.tracking.closed_on === '2021-03-09'
    && r.findings[0].recommendation.tracking.updates.length === 2
    && r.findings[1].discipline.decision?.number === '123/QĐ-UBND');

  // The overview has nothing overdue any more.
  await page.goto(env.url + '/');
  await appReady(page);
  await page.waitForSelector('[data-testid="ov-followup"]');
  assert.match(await page.textContent('[data-testid="ov-followup"]'), /Không có kiến nghị quá hạn/);

  // The amendment-proposal list prints and downloads.
  await page.goto(env.url + '/theo-doi-kien-nghi/sua-doi-van-ban');
  await appReady(page);
  await page.waitForSelector('[data-testid="amendment-row"]');
  const row = await page.textContent('[data-testid="amendment-row"]');
  for (const s of ['Nghị định số 19/2020/NĐ-CP', 'Điều 22', 'khoản 5', 'Bộ Tư pháp', 'Chồng chéo']) {
    assert.ok(row.includes(s), `amendment row has ${s}`);
  }
  await page.evaluate(() => {
    window.__printed = 0;
    const fake = () => { window.__printed += 1; };
    Window.prototype.print = fake;
    window.print = fake;
  });
  await page.click('[data-testid="amendments-print"]');
  assert.equal(await page.evaluate(() => window.__printed), 1);
  const [amendFile] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="amendments-export"]'),
  ]);
  assert.equal(amendFile.suggestedFilename(), 'kien-nghi-sua-doi-van-ban_2021-03-10.json');
  await amendFile.saveAs('/tmp/followup-amendments.json');
  const list = JSON.parse(await readFile('/tmp/followup-amendments.json', 'utf8'));
  assert.equal(list.kien_nghi.length, 1);
  assert.equal(list.kien_nghi[0].co_quan_nhan, 'Bộ Tư pháp');

  // The exported inspection report carries the follow-up counts.
  await page.goto(env.url + '/bao-cao');
  await appReady(page);
  await page.click('[data-testid="plan-export-open"]');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="export-inspection"]'),
  ]);
  await download.saveAs('/tmp/followup-report.json');
  const file = JSON.parse(await readFile('/tmp/followup-report.json', 'utf8'));
  const entry = file.content.cuoc_kiem_tra.find((e) => e.theo_doi);
  assert.ok(entry, 'a finalized inspection with follow-up counts');
  assert.deepEqual(
    {
      made: entry.theo_doi.so_kien_nghi, done: entry.theo_doi.da_thuc_hien, overdue: entry.theo_doi.qua_han,
      proposed: entry.theo_doi.de_nghi_ky_luat, decided: entry.theo_doi.da_quyet_dinh_ky_luat,
      amend: entry.theo_doi.kien_nghi_sua_doi_van_ban,
    },
    { made: 1, done: 1, overdue: 0, proposed: 1, decided: 1, amend: 1 },
  );
  assert.equal(entry.theo_doi.ngay_tinh, '2021-03-10');
  assert.equal(file.content.tong_hop.theo_doi.so_kien_nghi, 1);
  assert.equal(entry.phat_hien[0].kien_nghi.theo_doi.trang_thai, 'da_thuc_hien');
  assert.equal(entry.phat_hien[1].ky_luat.so_quyet_dinh, '123/QĐ-UBND');
  assert.equal(entry.phat_hien[2].kien_nghi_sua_doi.dieu, 'Điều 22');
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});
