// Accessibility: axe-core finds no serious or critical violation on any
// area, empty and with data, in both languages; every area is usable from
// the keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { start, newPage, appReady } from './harness.mjs';
import { seed, ID, DRAFT_ID, writeSeed } from './seed.mjs';
import { jcs, signText, testKey } from './sign-files.mjs';
import { createHash } from 'node:crypto';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const PATHS = ['/', '/ke-hoach', '/kiem-tra', '/bao-cao', '/bao-cao/kiem-tra-tep', '/bao-cao/theo-doi-thpl', '/tong-hop',
  '/cai-dat', '/cai-dat/khoi-phuc', '/cai-dat/mau-phieu', '/khong-co'];

/** Runs axe in the page (through the driver, so the page's CSP does not apply). */
async function serious(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
  return result;
}

for (const lang of ['vi', 'en']) {
  test(`axe finds nothing serious on any area (${lang})`, async () => {
    const { page, context } = await newPage(env);
    await page.goto(env.url + '/');
    await appReady(page);
    if (lang === 'en') await page.selectOption('[data-testid="lang-select"]', 'en');
    const found = {};
    for (const path of PATHS) {
      await page.goto(env.url + path);
      await appReady(page);
      await page.waitForTimeout(100);
      const v = await serious(page);
      if (v.length) found[path] = v;
    }
    assert.deepEqual(found, {});
    await context.close();
  });
}

// Every screen again WITH data: the seeded plan (editor and print), the
// inspection under way (full checklist, print) and the draft, a periodic
// report (editor and print), a template editor, the overview, lists and
// consolidation with records, and the recovery page showing a set-aside
// record and a missing one.
for (const lang of ['vi', 'en']) {
  test(`axe finds nothing serious on any screen with data (${lang})`, async () => {
    const { page, context } = await newPage(env);
    await page.goto(env.url + '/');
    await appReady(page);
    await writeSeed(page, { v2: true });
    // A damaged record (set aside at the next start).
    await page.evaluate(() => localStorage.setItem('kiemtra:plan:00000000-0000-4000-8000-0000000000aa', '{"schema":"kiemtra/plan","version":1,"data":{"id":'));
    if (lang === 'en') await page.selectOption('[data-testid="lang-select"]', 'en');
    // A periodic report created through its own screen.
    await page.goto(env.url + '/bao-cao');
    await appReady(page);
    await page.click('[data-testid="create-report"]');
    await page.selectOption('[data-testid="create-regime"]', 'tt_16_2018');
    await page.fill('[data-testid="create-year"]', '2021');
    await page.selectOption('[data-testid="create-level"]', 'gui_bo_tu_phap');
    await page.click('[data-testid="create-confirm"]');
    await page.waitForSelector('[data-testid="page-periodic-report"]');
    const report = new URL(page.url()).pathname;
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('kiemtra:report:')));
    // A yearly THPL report of the seeded monitoring plan's year, filled from
    // the seeded (finalized) inspection with its amendment proposal.
    await page.goto(env.url + '/bao-cao/theo-doi-thpl');
    await appReady(page);
    await page.fill('[data-testid="thpl-new-unit"]', 'Ủy ban nhân dân thành phố Cần Thơ');
    await page.fill('[data-testid="thpl-new-year"]', '2021');
    await page.click('[data-testid="thpl-create-btn"]');
    await page.waitForSelector('[data-testid="thpl-header"]');
    const thpl = new URL(page.url()).pathname;
    await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('kiemtra:thpl:')));
    const screens = [
      '/', '/ke-hoach', `/ke-hoach/${seed.plan.id}`, `/ke-hoach/${seed.plan.id}/in`,
      '/kiem-tra', `/kiem-tra/${ID}`, `/kiem-tra/${ID}/in`, `/kiem-tra/${DRAFT_ID}`,
      '/bao-cao', report, `${report}/in`, '/bao-cao/theo-doi-thpl', thpl, `${thpl}/in`, `${thpl}/kien-nghi`, '/tong-hop',
      '/cai-dat', '/cai-dat/mau-phieu', '/cai-dat/mau-phieu/theo-doi-thpl-nd59-2012',
    ];
    const found = {};
    for (const path of screens) {
      await page.goto(env.url + path);
      await appReady(page);
      await page.waitForTimeout(100);
      const v = await serious(page);
      if (v.length) found[path] = v;
    }
    // The recovery page with its lists filled: an index entry whose record
    // is gone is reported as missing by the next start.
    await page.evaluate((index) => localStorage.setItem('kiemtra:index', index), JSON.stringify({
      schema: 'kiemtra/index', version: 1, app_version: '0.1.0', saved_at: '2021-01-04T02:00:00Z', rev: 99,
      data: { records: { 'kiemtra:inspection:00000000-0000-4000-8000-0000000000bb': 3 } },
    }));
    await page.goto(env.url + '/cai-dat/khoi-phuc');
    await appReady(page);
    await page.waitForSelector('[data-testid="quarantine-list"]');
    await page.waitForSelector('[data-testid="missing-record"]');
    const v = await serious(page);
    if (v.length) found['/cai-dat/khoi-phuc'] = v;
    assert.deepEqual(found, {});
    await context.close();
  });
}

// The screens that only show something with data: the sample data's plan,
// inspection, its printed report, decision and notice, in both languages.
for (const lang of ['vi', 'en']) {
  test(`axe finds nothing serious on the screens with sample data (${lang})`, async () => {
    const { page, context } = await newPage(env);
    await page.goto(env.url + '/');
    await appReady(page);
    if (lang === 'en') await page.selectOption('[data-testid="lang-select"]', 'en');
    await page.click('[data-testid="demo-load"]');
    await page.waitForURL(/\/ke-hoach\/[0-9a-f-]{36}$/);
    await page.waitForTimeout(700);
    const ids = await page.evaluate(() => JSON.parse(localStorage.getItem('kiemtra:ui:demo')));
    const insp = ids.inspections[0];
    const paths = [`/ke-hoach/${ids.plans[0]}`, `/ke-hoach/${ids.plans[0]}/in`, `/ke-hoach/${ids.plans[1]}`,
      `/kiem-tra/${insp}`, `/kiem-tra/${insp}/in`, `/kiem-tra/${insp}/quyet-dinh`, `/kiem-tra/${insp}/thong-bao`];
    const found = {};
    for (const path of paths) {
      await page.goto(env.url + path);
      await appReady(page);
      await page.waitForTimeout(200);
      const v = await serious(page);
      if (v.length) found[path] = v;
    }
    assert.deepEqual(found, {});
    await context.close();
  });
}

/**
 * Stores the seed inspection as a finalized version-2 record with follow-up
 * data: an overdue recommendation with one update, a discipline proposal
 * with its decision, and an amendment proposal.
 */
async function writeFollowUp(page) {
  const base = seed.inspections.find((i) => i.id === ID);
  const tracking = (status, updates = []) => ({ status, reason: '', closed_on: null, updates });
  const f = (n, kind, description, extra) => ({
    id: `00000000-0000-4000-8000-0000000001${n}0`, kind, source: null, description, evidence: [],
    responsible: '', violation: null, proposed_discipline: null, recommendation: null,
    discipline: null, amendment: null, created_at: '2021-01-13T02:00:00Z', ...extra,
  });
  const insp = {
    ...base,
    status: 'finalized',
    actual_end: '2021-01-13',
    findings: [
      f(1, 'sai_sot', 'Biên bản lập quá thời hạn.', {
        recommendation: {
          text: 'Chấn chỉnh việc lập biên bản.', addressee: 'don_vi_duoc_kiem_tra', deadline: '2021-02-28',
          tracking: tracking('dang_thuc_hien', [{
            at: '2021-03-05T02:00:00Z', date: '2021-03-05', status: 'dang_thuc_hien',
            action: 'Đã rút kinh nghiệm.', document: 'Báo cáo số 45/BC-UBND', note: '', closed_on: null, reason: '',
          }]),
        },
      }),
      f(2, 'vi_pham', 'Giữ lại vụ việc có dấu hiệu tội phạm.', {
        violation: { code: 'giu_lai_vu_co_dau_hieu_toi_pham', version: 'NĐ 19/2020/NĐ-CP Điều 22 (bản năm 2020)' },
        proposed_discipline: 'khien_trach',
        discipline: { official: 'Nguyễn Văn Hùng', position: 'Phó Trưởng Công an phường', violation_date: '2021-01-05', decision: null, execution: null },
      }),
      f(3, 'chong_cheo', 'Chồng chéo về thẩm quyền.', {
        amendment: { document: 'Nghị định số 19/2020/NĐ-CP', article: 'Điều 22', clause: 'khoản 5', problem: 'Chồng chéo.', proposal: 'Sửa đổi.', addressed_to: 'Bộ Tư pháp' },
      }),
    ],
    conclusion: { text: 'Kết luận.', draft_date: null, issue_date: '2021-01-13', recommendations: [] },
  };
  await page.evaluate((i) => {
    localStorage.setItem(`kiemtra:inspection:${i.id}`, JSON.stringify({
      schema: 'kiemtra/inspection', version: 2, app_version: '0.1.0', saved_at: '2021-03-05T02:00:00Z', rev: 2, data: i,
    }));
  }, insp);
}

for (const lang of ['vi', 'en']) {
  test(`axe finds nothing serious on the follow-up screens with data (${lang})`, async () => {
    const { page, context } = await newPage(env);
    await context.clock.install({ time: new Date('2021-03-10T02:00:00Z') });
    await page.goto(env.url + '/');
    await appReady(page);
    await writeSeed(page);
    await writeFollowUp(page);
    if (lang === 'en') await page.selectOption('[data-testid="lang-select"]', 'en');
    const found = {};
    const screens = [
      ['/', '[data-testid="ov-followup-item"]'],
      ['/theo-doi-kien-nghi', '[data-testid="followup-row"]'],
      ['/theo-doi-kien-nghi/sua-doi-van-ban', '[data-testid="amendment-row"]'],
      [`/kiem-tra/${ID}`, '[data-testid="discipline-item"]'],
    ];
    for (const [path, data] of screens) {
      await page.goto(env.url + path);
      await appReady(page);
      await page.waitForSelector(data);
      const v = await serious(page);
      if (v.length) found[path] = v;
    }
    assert.deepEqual(found, {});
    await context.close();
  });
}

test('the navigation is reachable from the keyboard, with a skip link first', async () => {
  const { page, context } = await newPage(env);
  await page.goto(env.url + '/');
  await appReady(page);
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement.className);
  assert.match(first, /skip-link/);
  // Tab to the "Kế hoạch" link and open it with Enter.
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => document.activeElement.textContent);
    if (text === 'Kế hoạch') break;
  }
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/ke-hoach$/);
  await context.close();
});

test('axe finds nothing serious on a reporting round with files, totals and a letter', async () => {
  const { page, context } = await newPage(env);
  await page.goto(env.url + '/tong-hop');
  await appReady(page);
  await page.click('[data-testid="round-demo"]');
  await page.waitForSelector('[data-testid="round-receive"]');
  // The golden periodic report (Ninh Kiều, 2021, TT 16/2018) is one of the demo's units.
  const golden = await readFile(new URL('../fixtures/report/dinh_ky_ninh_kieu_2021.golden.json', import.meta.url));
  await page.setInputFiles('[data-testid="receive-input"]', [
    { name: 'ninh-kieu.json', mimeType: 'application/json', buffer: golden },
    { name: 'not-json.txt', mimeType: 'text/plain', buffer: Buffer.from('không phải JSON') },
  ]);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="receive-log"] li').length === 2);
  await page.click('[data-testid="choose-needing"]');
  await page.click('[data-testid="letter-make"]');
  await page.waitForSelector('[data-testid="letter"]');
  for (const lang of ['vi', 'en']) {
    if (lang === 'en') await page.selectOption('[data-testid="lang-select"]', 'en');
    await page.waitForTimeout(100);
    assert.deepEqual(await serious(page), [], lang);
  }
  await context.close();
});

test('axe finds nothing serious on a THPL round with a file, totals, the consolidated view and a letter', async () => {
  const { page, context } = await newPage(env);
  await page.goto(env.url + '/tong-hop');
  await appReady(page);
  await page.selectOption('[data-testid="round-collects"]', 'thpl');
  await page.fill('[data-testid="round-year"]', '2021');
  await page.click('[data-testid="round-create"]');
  await page.waitForSelector('[data-testid="round-receive"]');
  await page.fill('[data-testid="units-paste"]', 'Ủy ban nhân dân thành phố Cần Thơ\nỦy ban nhân dân quận Ninh Kiều');
  await page.click('[data-testid="units-add"]');
  await page.waitForSelector('[data-testid="units-message"].ok-text');
  const golden = await readFile(new URL('../fixtures/report/theo_doi_thpl_can_tho_2021.golden.json', import.meta.url));
  await page.setInputFiles('[data-testid="receive-input"]', [
    { name: 'can-tho.json', mimeType: 'application/json', buffer: golden },
  ]);
  await page.waitForSelector('[data-testid="log-ok"]');
  await page.click('[data-testid="round-settings"] details.issuer summary');
  await page.fill('[data-testid="issuer-body"]', 'Sở Tư pháp');
  await page.press('[data-testid="issuer-body"]', 'Tab');
  await page.click('[data-testid="choose-needing"]');
  await page.click('[data-testid="letter-make"]');
  await page.waitForSelector('[data-testid="letter"]');
  await page.waitForSelector('[data-testid="thpl-round-doc"]');
  for (const lang of ['vi', 'en']) {
    if (lang === 'en') await page.selectOption('[data-testid="lang-select"]', 'en');
    await page.waitForTimeout(100);
    assert.deepEqual(await serious(page), [], lang);
  }
  await context.close();
});

test('axe finds nothing serious on the signing key settings and a round holding a file whose key changed', async () => {
  const { page, context } = await newPage(env);
  await page.goto(env.url + '/cai-dat');
  await appReady(page);
  await page.click('[data-testid="unit-key-create"]');
  await page.waitForSelector('[data-testid="unit-key-fingerprint"]');
  await page.click('[data-testid="unit-key-replace"]');
  await page.waitForSelector('[data-testid="unit-key-replace-yes"]');
  for (const lang of ['vi', 'en']) {
    if (lang === 'en') await page.selectOption('[data-testid="lang-select"]', 'en');
    await page.waitForTimeout(100);
    assert.deepEqual(await serious(page), [], `settings ${lang}`);
  }
  await page.selectOption('[data-testid="lang-select"]', 'vi');
  // The signed golden (test key A), then a correction signed by test key B.
  const signedText = await readFile(new URL('../fixtures/report/dinh_ky_ninh_kieu_2021.signed.golden.json', import.meta.url), 'utf8');
  const file = JSON.parse(signedText);
  file.content.so_ky_hieu = '216/BC-UBND';
  file.content_sha256 = createHash('sha256').update(jcs(file.content)).digest('hex');
  const changed = signText(JSON.stringify(file), testKey('unit_a_new'));
  await page.goto(env.url + '/tong-hop');
  await appReady(page);
  await page.click('[data-testid="round-demo"]');
  await page.waitForSelector('[data-testid="round-receive"]');
  await page.setInputFiles('[data-testid="receive-input"]', [
    { name: 'ninh-kieu.json', mimeType: 'application/json', buffer: Buffer.from(signedText) },
  ]);
  await page.waitForSelector('[data-testid="accepted-keys"]');
  await page.setInputFiles('[data-testid="receive-input"]', [
    { name: 'ninh-kieu-2.json', mimeType: 'application/json', buffer: Buffer.from(changed) },
  ]);
  await page.waitForSelector('[data-testid="held-file"]');
  for (const lang of ['vi', 'en']) {
    if (lang === 'en') await page.selectOption('[data-testid="lang-select"]', 'en');
    await page.waitForTimeout(100);
    assert.deepEqual(await serious(page), [], `round ${lang}`);
  }
  await context.close();
});

test('axe finds nothing serious on the archive section with inspections to archive and a file made', async () => {
  const { page, context } = await newPage(env);
  const archiveSeed = JSON.parse(await readFile(new URL('./fixtures/archive-seed.json', import.meta.url), 'utf8'));
  await page.goto(env.url + '/cai-dat');
  await appReady(page);
  await page.evaluate((records) => {
    for (const [k, v] of Object.entries(records)) localStorage.setItem(k, v);
  }, archiveSeed.records);
  await page.goto(env.url + '/cai-dat');
  await appReady(page);
  await page.waitForSelector('[data-testid="archive-list"]');
  await page.check('[data-testid="archive-pick"]');
  await Promise.all([page.waitForEvent('download'), page.click('[data-testid="archive-make"]')]);
  await page.waitForSelector('[data-testid="archive-confirm"]');
  for (const lang of ['vi', 'en']) {
    if (lang === 'en') await page.selectOption('[data-testid="lang-select"]', 'en');
    await page.waitForTimeout(100);
    assert.deepEqual(await serious(page), [], `archive ${lang}`);
  }
  await context.close();
});

test('axe finds nothing serious on a checklist row and a finding with attachments, the attach panel, the viewer and the printed list', async () => {
  const { page, context } = await newPage(env);
  await page.goto(env.url + '/kiem-tra');
  await appReady(page);
  await writeSeed(page);
  await page.goto(env.url + `/kiem-tra/${ID}`);
  await appReady(page);
  const r = '[data-testid="item-1a"]';
  await page.waitForSelector(r);
  const png = Buffer.from(await page.evaluate(async () => {
    const c = new OffscreenCanvas(200, 120);
    const g = c.getContext('2d');
    g.fillStyle = '#3a6'; g.fillRect(0, 0, 200, 120);
    const b = await c.convertToBlob({ type: 'image/png' });
    return Array.from(new Uint8Array(await b.arrayBuffer()));
  }));
  await page.click(`${r} [data-testid="status-khong_dat"]`);
  await page.click(`${r} [data-testid="attach-open"]`);
  await page.setInputFiles(`${r} [data-testid="attach-files"]`, [
    { name: 'anh.png', mimeType: 'image/png', buffer: png },
    { name: 'quyet-dinh.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') },
  ]);
  await page.waitForFunction((sel) => document.querySelectorAll(`${sel} [data-testid="attachment"]`).length === 2, r);
  await page.fill(`${r} [data-testid="attachment-caption"] >> nth=0`, 'Bảng niêm yết');
  await page.press(`${r} [data-testid="attachment-caption"] >> nth=0`, 'Tab');
  // The finding made from the answer takes the attachments along.
  await page.click(`${r} [data-testid="make-finding"]`);
  await page.waitForSelector('[data-testid="finding"] [data-testid="attachment"]');
  for (const lang of ['vi', 'en']) {
    if (lang === 'en') await page.selectOption('[data-testid="lang-select"]', 'en');
    await page.waitForSelector(`${r} [data-testid="attachment-img"]`);
    assert.deepEqual(await serious(page), [], `checklist ${lang}`);
    await page.click(`${r} .attachment-thumb >> nth=0`);
    await page.waitForSelector('[data-testid="attachment-viewer"] img');
    assert.deepEqual(await serious(page), [], `viewer ${lang}`);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-testid="attachment-viewer"]'));
  }
  await page.goto(env.url + `/kiem-tra/${ID}/in`);
  await page.waitForSelector('[data-testid="print-attachments"]');
  await page.check('[data-testid="print-with-images"]');
  await page.waitForSelector('.print-image');
  assert.equal(await page.locator('[data-testid="print-attachment"]').count(), 4);
  assert.deepEqual(await serious(page), [], 'print');
  await context.close();
});

test('axe finds nothing serious on the restore preview of a backup package with files', async () => {
  const { page, context } = await newPage(env);
  await page.goto(env.url + '/kiem-tra');
  await appReady(page);
  await writeSeed(page);
  await page.goto(env.url + `/kiem-tra/${ID}`);
  await appReady(page);
  const r = '[data-testid="item-1a"]';
  await page.waitForSelector(r);
  await page.click(`${r} [data-testid="attach-open"]`);
  await page.setInputFiles(`${r} [data-testid="attach-files"]`, [
    { name: 'quyet-dinh.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') },
  ]);
  await page.waitForSelector(`${r} [data-testid="attachment"]`);
  await page.goto(env.url + '/cai-dat');
  await appReady(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="backup-download"]')]);
  const zip = await readFile(await download.path());
  await page.setInputFiles('[data-testid="restore-file"]', { name: 'sao-luu.zip', mimeType: 'application/zip', buffer: zip });
  await page.waitForSelector('[data-testid="restore-files"]');
  for (const lang of ['vi', 'en']) {
    if (lang === 'en') await page.selectOption('[data-testid="lang-select"]', 'en');
    await page.waitForTimeout(100);
    assert.deepEqual(await serious(page), [], `restore preview ${lang}`);
  }
  await context.close();
});
