// Checklist templates: copy a built-in, edit it and save version 2 with its
// content hash; editing a template in a second tab leaves an inspection open
// on the old version unchanged; a malformed or clashing import is refused
// with nothing changed; export downloads the template as valid JSON.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { start, newPage, appReady, watchPage } from './harness.mjs';
import { ID, KEY, row, writeSeed, storedData, storedWhen } from './seed.mjs';
import { decodeStored, waitForStored } from './stored.mjs';

let env;
before(async () => { env = await start({ dist: process.env.DIST || 'dist' }); });
after(async () => { await env?.close(); });

/** Every localStorage entry, decoded from the storage encoding
 * (compressed values: src/storage/codec.rs). */
async function dump(page) {
  const raw = await page.evaluate(() => {
    const out = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      out[k] = localStorage.getItem(k);
    }
    return out;
  });
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, k.startsWith('kiemtra:') ? decodeStored(v) : v]));
}

async function openList(page) {
  await page.goto(env.url + '/cai-dat/mau-phieu');
  await appReady(page);
  await page.waitForSelector('[data-testid="template-row"][data-id="xlvphc-nd19-2020"]');
  // Built-ins are written shortly after the first start.
  await page.waitForFunction(() => localStorage.getItem('kiemtra:template:xlvphc-nd19-2020') !== null);
}

function family(all, id) {
  return JSON.parse(all[`kiemtra:template:${id}`]).data;
}

test('copy a built-in, edit an item label, save: version 2 with a content hash; the built-in is untouched', async () => {
  const { page, context, watch } = await newPage(env);
  await openList(page);
  const original = (await dump(page))['kiemtra:template:linh-vuc-qd49-2021'];
  await page.click('[data-testid="template-row"][data-id="linh-vuc-qd49-2021"] [data-testid="template-copy"]');
  await page.waitForURL(/\/cai-dat\/mau-phieu\/linh-vuc-qd49-2021-ban-sao$/);
  await page.waitForSelector('[data-testid="template-preview"]');
  assert.match(await page.textContent('[data-testid="editor-version"]'), /phiên bản 1/);

  const first = page.locator('[data-testid="item-editor"]').first();
  await first.locator('summary').click();
  const label = 'Ban hành kế hoạch theo dõi (đã sửa thử)';
  await first.locator('[data-testid="item-label-vi"]').fill(label);
  assert.ok((await page.textContent('[data-testid="template-preview"]')).includes(label), 'preview follows the draft');
  // Nothing is stored before "Lưu phiên bản mới".
  await page.waitForTimeout(600);
  assert.equal(family(await dump(page), 'linh-vuc-qd49-2021-ban-sao').versions.length, 1);

  await page.click('[data-testid="template-save"]');
  await page.waitForSelector('[data-testid="saved-hash"]');
  assert.match(await page.textContent('[data-testid="save-result"]'), /Đã lưu phiên bản 2/);
  assert.match(await page.textContent('[data-testid="saved-hash"]'), /^[0-9a-f]{64}$/);
  await waitForStored(page, 'kiemtra:template:linh-vuc-qd49-2021-ban-sao', (v) => JSON.parse(v).data.versions.length === 2);
  const all = await dump(page);
  const fam = family(all, 'linh-vuc-qd49-2021-ban-sao');
  assert.equal(fam.versions[1].version, 2);
  assert.equal(fam.versions[1].groups[0].items[0].label.vi, label);
  assert.notEqual(fam.versions[0].groups[0].items[0].label.vi, label, 'version 1 is kept as it was');
  assert.equal(all['kiemtra:template:linh-vuc-qd49-2021'], original);

  // Saving again without a change makes no version.
  await page.click('[data-testid="template-save"]');
  await page.waitForFunction(() => /Không có thay đổi/.test(document.querySelector('[data-testid="save-result"]').textContent));

  await page.goto(env.url + '/cai-dat/mau-phieu');
  const row = page.locator('[data-testid="template-row"][data-id="linh-vuc-qd49-2021-ban-sao"]');
  assert.equal((await row.locator('[data-testid="template-version"]').textContent()).trim(), '2');
  assert.deepEqual(watch.pageErrors, []);
  assert.deepEqual(watch.consoleErrors, []);
  await context.close();
});

test('importing a malformed file, or one whose id exists, shows a clear error and changes nothing', async () => {
  const { page, context, watch } = await newPage(env);
  await openList(page);
  await page.waitForTimeout(600);
  const before = await dump(page);

  await page.setInputFiles('[data-testid="template-import"]', {
    name: 'hong.json', mimeType: 'application/json', buffer: Buffer.from('{"id": "mau-hong", "version": 1, "groups": ['),
  });
  await page.waitForSelector('[data-testid="import-message"]');
  let msg = await page.textContent('[data-testid="import-message"]');
  assert.match(msg, /Tệp bị hỏng, không phải JSON hợp lệ/);
  assert.match(msg, /Không có gì thay đổi/);

  const builtin = JSON.parse(before['kiemtra:template:xlvphc-nd19-2020']).data.versions[0];
  await page.setInputFiles('[data-testid="template-import"]', {
    name: 'trung.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...builtin, title: { vi: 'Khác', en: '' } })),
  });
  await page.waitForFunction(() => /Đã có mẫu mã xlvphc-nd19-2020/.test(document.querySelector('[data-testid="import-message"]').textContent));

  await page.setInputFiles('[data-testid="template-import"]', {
    name: 'sai.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...builtin, id: 'mau-sai', legal_basis: [] })),
  });
  await page.waitForFunction(() => /Chưa có căn cứ pháp lý của mẫu/.test(document.querySelector('[data-testid="import-message"]').textContent));
  await page.waitForTimeout(600);
  assert.deepEqual(await dump(page), before);

  // A valid file with a new id is imported as version 1.
  await page.setInputFiles('[data-testid="template-import"]', {
    name: 'moi.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...builtin, id: 'mau-nhap-thu' })),
  });
  await page.waitForSelector('[data-testid="template-row"][data-id="mau-nhap-thu"]');
  assert.match(await page.textContent('[data-testid="import-message"]'), /Đã nhập mẫu mau-nhap-thu, phiên bản 1/);
  assert.deepEqual(watch.pageErrors, []);
  await context.close();
});

test('export downloads the latest version as valid JSON', async () => {
  const { page, context } = await newPage(env);
  await openList(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="template-row"][data-id="xlvphc-nd19-2020"] [data-testid="template-export"]'),
  ]);
  assert.equal(download.suggestedFilename(), 'mau-phieu_xlvphc-nd19-2020_v1.json');
  const t = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(t.id, 'xlvphc-nd19-2020');
  assert.equal(t.version, 1);
  assert.ok(Array.isArray(t.groups) && t.groups.length > 0);
  const stored = JSON.parse((await dump(page))['kiemtra:template:xlvphc-nd19-2020']).data.versions[0];
  assert.deepEqual(t, stored);
  await context.close();
});

test('editing a template in another tab while an inspection is open on its old version leaves that inspection unchanged', async () => {
  const { page: insp, context, watch } = await newPage(env);
  await insp.goto(env.url + '/kiem-tra');
  await appReady(insp);
  await writeSeed(insp);
  await insp.goto(`${env.url}/kiem-tra/${ID}`);
  await insp.waitForSelector(row('1a'));
  await insp.click(`${row('1a')} [data-testid="status-dat"]`);
  await insp.fill(`${row('1a')} [data-testid="note"]`, 'Kế hoạch ban hành ngày 13/01/2021');
  await insp.press(`${row('1a')} [data-testid="note"]`, 'Tab');
  const before = await storedWhen(insp, KEY, (r) => r.checklists[0].answers['1#0/1a']?.note === 'Kế hoạch ban hành ngày 13/01/2021');
  const pinned = before.checklists[0].template;
  assert.equal(pinned.id, 'theo-doi-thpl-nd59-2012');
  assert.equal(pinned.version, 1);
  const oldLabel = (await insp.textContent(`${row('1a')} .item-label`)).trim();

  // A second tab edits the same template and saves version 2.
  const editor = await context.newPage();
  const watchEditor = watchPage(editor, env.url);
  await editor.goto(`${env.url}/cai-dat/mau-phieu/${pinned.id}`);
  await editor.waitForSelector('[data-testid="template-preview"]');
  const first = editor.locator('[data-testid="item-editor"]').first();
  await first.locator('summary').click();
  assert.equal(await first.locator('[data-testid="item-code"]').inputValue(), '1a');
  const newLabel = 'Tiêu chí 1a đã sửa ở thẻ khác';
  await first.locator('[data-testid="item-label-vi"]').fill(newLabel);
  await editor.click('[data-testid="template-save"]');
  await editor.waitForSelector('[data-testid="saved-hash"]');
  assert.match(await editor.textContent('[data-testid="save-result"]'), /Đã lưu phiên bản 2/);

  // The open inspection hears of version 2 and offers it, but keeps version 1.
  await insp.waitForSelector('[data-testid="newer-version"]', { timeout: 10000 });
  assert.equal((await insp.textContent(`${row('1a')} .item-label`)).trim(), oldLabel);
  assert.notEqual(oldLabel, newLabel);
  assert.equal(await insp.$eval(`${row('1a')} [data-testid="status-dat"]`, (el) => el.checked), true);
  assert.equal(await insp.inputValue(`${row('1a')} [data-testid="note"]`), 'Kế hoạch ban hành ngày 13/01/2021');
  // Work goes on against version 1.
  await insp.click(`${row('1c')} [data-testid="status-khong_dat"]`);
  const after = await storedWhen(insp, KEY, (r) => r.checklists[0].answers['1#0/1c']?.status === 'khong_dat');
  assert.deepEqual(after.checklists[0].template, pinned, 'still pinned to version 1 with the same hash');
  assert.deepEqual(after.checklists[0].answers['1#0/1a'], before.checklists[0].answers['1#0/1a']);
  const family = await storedData(insp, `kiemtra:template:${pinned.id}`);
  assert.deepEqual(family.versions.map((v) => v.version), [1, 2]);
  assert.equal(family.versions[1].groups[0].items[0].label.vi, newLabel);

  // After a reload the inspection still shows version 1.
  await insp.reload();
  await insp.waitForSelector(row('1a'));
  assert.equal((await insp.textContent(`${row('1a')} .item-label`)).trim(), oldLabel);
  await insp.waitForSelector('[data-testid="newer-version"]');
  assert.deepEqual(watch.pageErrors, []);
  assert.deepEqual(watchEditor.pageErrors, []);
  await context.close();
});
