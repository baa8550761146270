// The compact stored format (issue #14), end to end: a workspace exactly as
// the current release writes it (tests/fixtures/persist/v2_workspace.json:
// the inspection record at version 2 with its answers inside) opens in this
// version, every answer is there, the answers move to their own record
// (kiemtra:answers:<inspection>:<run>) while the raw version-2 text waits
// under its backup key; after the user confirms the migration on the
// recovery page, a reload finds only the compact format, with every answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, newPage, appReady } from './harness.mjs';
import { answersOf, storedData } from './seed.mjs';
import { parseStored } from './stored.mjs';

const released = JSON.parse(readFileSync(new URL('../fixtures/persist/v2_workspace.json', import.meta.url), 'utf8'));
const INSP_KEY = Object.keys(released).find((k) => k.startsWith('kiemtra:inspection:'));
const V2 = JSON.parse(released[INSP_KEY]);
const INSP = V2.data.id;
const RUN = V2.data.checklists[0].id;
const ANSWERS_KEY = `kiemtra:answers:${INSP}:${RUN}`;
const BACKUP_KEY = `kiemtra:backup:${INSP_KEY}:v2`;
const ANSWERS = V2.data.checklists[0].answers;

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

/** Every kiemtra: key with its value. */
const dump = (page) => page.evaluate(() => Object.fromEntries(
  Object.keys(localStorage).filter((k) => k.startsWith('kiemtra:')).map((k) => [k, localStorage.getItem(k)]),
));

/** Waits until `pred(dump)` holds. */
async function storedUntil(page, pred, what, timeout = 15000) {
  const until = Date.now() + timeout;
  for (;;) {
    const d = await dump(page);
    if (pred(d)) return d;
    if (Date.now() > until) throw new Error(`${what}: ${JSON.stringify(Object.keys(d))}`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** The answers in the record of the run, as the app stores them apart. */
const apart = (d) => (d[ANSWERS_KEY] ? answersOf(parseStored(d[ANSWERS_KEY])) : null);

test('a workspace written by the current release migrates to the compact format keeping every answer', async () => {
  const { page, watch } = await newPage(env);
  await page.goto(`${env.url}/kiem-tra`);
  await appReady(page);
  // The release's workspace, as it stored it (and no index: the release
  // writes one, but it is never the truth and is rebuilt).
  await page.evaluate((entries) => {
    for (const k of Object.keys(localStorage)) localStorage.removeItem(k);
    for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
  }, released);

  // First start: the inspection is there with its answer.
  await page.goto(`${env.url}/kiem-tra/${INSP}`);
  await appReady(page);
  const note = '[data-testid="item-I.1"] [data-testid="note"]';
  await page.waitForSelector(note);
  assert.equal(await page.inputValue(note), ANSWERS['I#0/I.1'].note);
  assert.equal(await page.$eval('[data-testid="item-I.1"] [data-testid="status-khong_dat"]', (el) => el.checked), true);

  // The answers move to their own record; the inspection record is at the
  // current version (4 since attachments, issue #16) without them; the raw
  // version-2 text waits, byte for byte.
  const d = await storedUntil(page, (x) => apart(x) && !parseStored(x[INSP_KEY]).data.checklists[0].answers,
    'answers stored apart');
  assert.equal(parseStored(d[INSP_KEY]).version, 4);
  assert.equal(d[BACKUP_KEY], released[INSP_KEY]);
  assert.deepEqual(Object.keys(apart(d)), Object.keys(ANSWERS));
  const a = apart(d)['I#0/I.1'];
  assert.equal(a.status, ANSWERS['I#0/I.1'].status);
  assert.equal(a.note, ANSWERS['I#0/I.1'].note);
  assert.deepEqual(a.evidence, ANSWERS['I#0/I.1'].evidence);
  // Every other record of the release is kept as it was.
  for (const [k, v] of Object.entries(released)) {
    if (k !== INSP_KEY) assert.equal(d[k], v, k);
  }

  // The user confirms the migration on the recovery page.
  await page.goto(`${env.url}/cai-dat/khoi-phuc`);
  await appReady(page);
  await page.waitForSelector('[data-testid="migration-item"]');
  assert.match(await page.textContent('[data-testid="migration-list"]'), new RegExp(INSP_KEY));
  await page.click('[data-testid="migration-confirm"]');
  await page.waitForSelector('[data-testid="migration-item"]', { state: 'detached' });

  // A reload finds the compact format only, and every answer.
  await page.reload();
  await appReady(page);
  const after = await dump(page);
  assert.deepEqual(Object.keys(after).filter((k) => k.startsWith('kiemtra:backup:')), []);
  for (const [k, v] of Object.entries(after)) {
    if (k.startsWith('kiemtra:inspection:')) {
      assert.equal(parseStored(v).version, 4, k);
      assert.equal(parseStored(v).data.checklists[0].answers, undefined, k);
    }
  }
  const whole = await storedData(page, INSP_KEY);
  assert.deepEqual(whole.checklists[0].answers['I#0/I.1'].evidence, ANSWERS['I#0/I.1'].evidence);
  await page.goto(`${env.url}/kiem-tra/${INSP}`);
  await appReady(page);
  await page.waitForSelector(note);
  assert.equal(await page.inputValue(note), ANSWERS['I#0/I.1'].note);

  // An answer now writes the run's record, not the inspection record.
  const inspBefore = (await dump(page))[INSP_KEY];
  await page.fill(note, 'Đã ban hành kế hoạch năm 2021 (bổ sung sau khi chuyển đổi)');
  await page.press(note, 'Tab');
  await storedUntil(page, (x) => apart(x)?.['I#0/I.1']?.note === 'Đã ban hành kế hoạch năm 2021 (bổ sung sau khi chuyển đổi)',
    'answer saved in its record');
  assert.equal((await dump(page))[INSP_KEY], inspBefore);

  assert.deepEqual(watch.pageErrors, []);
  assert.deepEqual(watch.foreignRequests, []);
  await page.context().close();
});
