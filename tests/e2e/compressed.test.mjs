// Compressed stored values (issue #14, src/storage/codec.rs), end to end in
// Chromium: a workspace stored compressed (tests/fixtures/persist/
// v4_workspace_kz1.json, as the app writes it, locked by
// tests/persist_format.rs) opens with every answer; a value compressed by
// another zlib (fflate) reads the same; an answer is saved compressed and
// reloads; a compressed value that does not decompress is set aside byte for
// byte and offered on the recovery page, never overwritten.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, newPage, appReady } from './harness.mjs';
import { answersOf } from './seed.mjs';
import { decodeStored, encodeCompressed, isCompressed, parseStored, waitForStored } from './stored.mjs';

const stored = JSON.parse(readFileSync(new URL('../fixtures/persist/v4_workspace_kz1.json', import.meta.url), 'utf8'));
const INSP_KEY = Object.keys(stored).find((k) => k.startsWith('kiemtra:inspection:'));
const PLAN_KEY = Object.keys(stored).find((k) => k.startsWith('kiemtra:plan:'));
const ANSWERS_KEY = Object.keys(stored).find((k) => k.startsWith('kiemtra:answers:'));
const INSP = parseStored(stored[INSP_KEY]).data.id;
const ANSWERS = answersOf(parseStored(stored[ANSWERS_KEY]));
const note = '[data-testid="item-I.1"] [data-testid="note"]';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

async function seed(page, entries) {
  await page.goto(`${env.url}/kiem-tra`);
  await appReady(page);
  await page.evaluate((e) => {
    for (const k of Object.keys(localStorage)) localStorage.removeItem(k);
    for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
  }, entries);
}

test('a compressed workspace opens, an answer is saved compressed and reloads', async () => {
  assert.ok(isCompressed(stored[INSP_KEY]) && isCompressed(stored[ANSWERS_KEY]), 'the fixture is compressed');
  const { page, watch } = await newPage(env);
  // The plan re-compressed by fflate: any valid zlib stream is read.
  const plan = encodeCompressed(decodeStored(stored[PLAN_KEY]));
  assert.notEqual(plan, stored[PLAN_KEY]);
  await seed(page, { ...stored, [PLAN_KEY]: plan });

  await page.goto(`${env.url}/kiem-tra/${INSP}`);
  await appReady(page);
  await page.waitForSelector(note);
  assert.equal(await page.inputValue(note), ANSWERS['I#0/I.1'].note);
  assert.equal(await page.$eval('[data-testid="item-I.1"] [data-testid="status-khong_dat"]', (el) => el.checked), true);

  // Nothing was rewritten at start: values are stored as they were.
  const kept = await page.evaluate((k) => localStorage.getItem(k), INSP_KEY);
  assert.equal(kept, stored[INSP_KEY]);

  const text = 'Đã ban hành kế hoạch năm 2021; biên bản lập đúng thời hạn (kiểm tra lại).';
  await page.fill(note, text);
  await page.press(note, 'Tab');
  await waitForStored(page, ANSWERS_KEY, (t) => answersOf(JSON.parse(t))['I#0/I.1']?.note === text);
  const raw = await page.evaluate((k) => localStorage.getItem(k), ANSWERS_KEY);
  assert.ok(isCompressed(raw), 'saved in the compressed encoding');
  assert.ok(!raw.includes('kiểm tra lại'), 'not plain text');

  await page.reload();
  await appReady(page);
  await page.waitForSelector(note);
  assert.equal(await page.inputValue(note), text);
  assert.deepEqual(watch.pageErrors, []);
  assert.deepEqual(watch.foreignRequests, []);
  await page.context().close();
});

test('a compressed value that does not decompress is set aside byte for byte', async () => {
  const { page, watch } = await newPage(env);
  // Damaged in the middle: the app's zlib refuses it by its Adler-32 check
  // (fflate, which skips that check, is not asked).
  const good = stored[INSP_KEY];
  const mid = Math.floor(good.length / 2);
  const bad = good.slice(0, mid) + String.fromCharCode(((good.charCodeAt(mid) - 0x20) ^ 0x155) + 0x20) + good.slice(mid + 1);
  assert.notEqual(bad, good);
  await seed(page, { ...stored, [INSP_KEY]: bad });

  await page.goto(`${env.url}/cai-dat/khoi-phuc`);
  await appReady(page);
  await page.waitForSelector(`[data-testid="quarantine-item"][data-key="${INSP_KEY}"]`);
  const q = await page.evaluate((k) => localStorage.getItem(`kiemtra:quarantine:${k}`), INSP_KEY);
  assert.equal(q, bad, 'the exact stored text is kept');
  assert.deepEqual(watch.pageErrors, []);
  await page.context().close();
});

// Issue #14: a start reads an answers record's envelope and leaves its
// answers as text, read when first needed. Answers that then do not read
// (here a status letter no version writes, in a record whose envelope and
// compression are sound) are set aside a moment after the start, byte for
// byte, and said on the banner, before anything could replace them.
test('answers that do not read are set aside after the start, byte for byte', async () => {
  const { page, watch } = await newPage(env);
  const rec = parseStored(stored[ANSWERS_KEY]);
  const group = Object.keys(rec.data.answers)[0];
  const item = Object.keys(rec.data.answers[group])[0];
  rec.data.answers[group][item] = 'x';
  const bad = encodeCompressed(JSON.stringify(rec));
  await seed(page, { ...stored, [ANSWERS_KEY]: bad });

  await page.goto(`${env.url}/kiem-tra/${INSP}`);
  await appReady(page);
  await page.waitForSelector('[data-testid="quarantine-notice"]', { timeout: 15000 });
  const q = await page.evaluate((k) => localStorage.getItem(`kiemtra:quarantine:${k}`), ANSWERS_KEY);
  assert.equal(q, bad, 'the exact stored text is kept');
  // The run shows no answers rather than some of them.
  await page.waitForSelector(note);
  assert.equal(await page.inputValue(note), '');
  // Offered on the recovery page, after a reload too.
  await page.goto(`${env.url}/cai-dat/khoi-phuc`);
  await appReady(page);
  await page.waitForSelector(`[data-testid="quarantine-item"][data-key="${ANSWERS_KEY}"]`);
  assert.deepEqual(watch.pageErrors, []);
  await page.context().close();
});

test('a status click is stored in the click\'s own task, before any frame or timer', async () => {
  // Issue #14: the answer's record is written by the click's handler itself
  // (AppState::commit_now), not a timer hop later (which let the browser
  // render a frame first). The click and the read of localStorage run in
  // one synchronous script, so nothing else (timer, frame, microtask) can
  // run between them: the answer must be there already.
  const { page, watch } = await newPage(env);
  await seed(page, stored);
  await page.goto(`${env.url}/kiem-tra/${INSP}`);
  await appReady(page);
  const radio = '[data-testid="item-I.1"] [data-testid="status-dat"]';
  await page.waitForSelector(radio);
  assert.equal(ANSWERS['I#0/I.1'].status, 'khong_dat', 'I.1 starts as không đạt');
  const before = await page.evaluate((k) => localStorage.getItem(k), ANSWERS_KEY);
  const raw = await page.evaluate(({ sel, key }) => {
    document.querySelector(sel).click();
    return localStorage.getItem(key);
  }, { sel: radio, key: ANSWERS_KEY });
  assert.notEqual(raw, before, 'the record was rewritten by the click');
  const answers = answersOf(parseStored(raw));
  assert.deepEqual(answers['I#0/I.1'], { ...ANSWERS['I#0/I.1'], status: 'dat' }, 'the new status, the note and evidence kept');
  assert.deepEqual(answers['II.B#0/II.B.1'], ANSWERS['II.B#0/II.B.1'], 'the other answers are kept');
  assert.deepEqual(watch.pageErrors, []);
  await page.context().close();
});
