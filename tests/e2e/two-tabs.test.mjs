// Two tabs on the same inspection: a change saved in one shows in the other;
// when both changed the record before either saved, the tab that finds the
// other's write asks which version to keep, and nothing is overwritten
// silently. Both tabs share one browser context (one localStorage, storage
// events between them) and one fake clock, paused so that both edits are
// pending at the same time; resuming it lets both autosaves run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, watchPage, appReady } from './harness.mjs';
import { ID, KEY, row, writeSeed, storedData, storedWhen } from './seed.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const START = new Date('2026-03-02T08:00:00+07:00').getTime();
const note = (code) => `${row(code)} [data-testid="note"]`;
const status = (code, s) => `${row(code)} [data-testid="status-${s}"]`;

async function openTab(context) {
  const page = await context.newPage();
  const watch = watchPage(page, env.url);
  await page.goto(`${env.url}/kiem-tra/${ID}`);
  await appReady(page);
  await page.waitForSelector(row('1c'));
  return { page, watch };
}

/** The page, of the two, that shows the conflict banner (waits for one). */
async function conflicted(a, b) {
  const until = Date.now() + 15000;
  for (;;) {
    for (const p of [a, b]) {
      if (await p.$('[data-testid="conflict-banner"]')) return p;
    }
    if (Date.now() > until) {
      const stored = (await storedData(a, KEY)).checklists[0].answers['1#0/1c'];
      const notes = [await a.inputValue(note('1c')), await b.inputValue(note('1c'))];
      throw new Error(`no tab reported the conflict; stored ${JSON.stringify(stored)}, tabs show ${JSON.stringify(notes)}`);
    }
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

/** Both tabs change item 1c's note before either saves, then time runs
 *  again. Notes wait for the typing pause (a timer, held by the paused
 *  clock); a status click would be written at once by its own handler
 *  (AppState::commit_now, issue #14), so it is not what both tabs hold. */
async function editBoth(context, a, b, noteA, noteB) {
  await context.clock.pauseAt((await a.evaluate(() => Date.now())) + 60_000);
  await a.fill(note('1c'), noteA);
  await a.press(note('1c'), 'Tab');
  await b.fill(note('1c'), noteB);
  await b.press(note('1c'), 'Tab');
  await context.clock.resume();
}

test('two tabs on one inspection: changes flow across, and a change made in both asks which to keep', async () => {
  const context = await env.browser.newContext({ locale: 'en-US' });
  await context.clock.install({ time: START });
  const seedPage = await context.newPage();
  await seedPage.goto(env.url + '/kiem-tra');
  await appReady(seedPage);
  await writeSeed(seedPage);
  await seedPage.close();
  const { page: a, watch: wa } = await openTab(context);
  const { page: b, watch: wb } = await openTab(context);

  // 1. A change saved in tab A appears in tab B without a reload.
  await a.click(status('1a', 'dat'));
  await a.fill(note('1a'), 'Đã ban hành kế hoạch đúng hạn');
  await a.press(note('1a'), 'Tab');
  await storedWhen(a, KEY, (r) => r.checklists[0].answers['1#0/1a']?.note === 'Đã ban hành kế hoạch đúng hạn');
  await b.waitForFunction((sel) => document.querySelector(sel)?.checked === true, status('1a', 'dat'));
  await b.waitForFunction((sel) => document.querySelector(sel)?.value === 'Đã ban hành kế hoạch đúng hạn', note('1a'));

  // 2. Both tabs change item 1c before either saves.
  const noteA = 'Thẻ A: chế tài chưa hợp lý';
  const noteB = 'Thẻ B: văn bản khả thi';
  await editBoth(context, a, b, noteA, noteB);
  const loser = await conflicted(a, b);
  const winner = loser === a ? b : a;
  const [mine, theirs] = loser === a ? [noteA, noteB] : [noteB, noteA];
  const banner = await loser.textContent('[data-testid="conflict-banner"]');
  assert.match(banner, /Cuộc kiểm tra tại UBND quận Ninh Kiều vừa được sửa ở cả thẻ này và một thẻ khác/);
  // Nothing was overwritten silently: storage holds the first write, the
  // tab that must choose still shows its own text.
  await storedWhen(a, KEY, (r) => r.checklists[0].answers['1#0/1c']?.note === theirs);
  assert.equal(await loser.inputValue(note('1c')), mine);
  assert.equal(await loser.textContent('[data-testid="save-indicator"]'), 'Chưa lưu: chọn bản cần giữ');
  assert.equal(await winner.$('[data-testid="conflict-banner"]'), null);
  // Answers that only one tab gave are kept whatever the choice.
  assert.equal((await storedData(a, KEY)).checklists[0].answers['1#0/1a'].status, 'dat');

  // 3. "Giữ bản của tôi": this tab's version is stored and reaches the other.
  await loser.click('[data-testid="conflict-keep-mine"]');
  await loser.waitForSelector('[data-testid="conflict-banner"]', { state: 'detached' });
  await storedWhen(a, KEY, (r) => r.checklists[0].answers['1#0/1c']?.note === mine);
  await winner.waitForFunction(([sel, v]) => document.querySelector(sel)?.value === v, [note('1c'), mine]);
  assert.equal((await storedData(a, KEY)).checklists[0].answers['1#0/1a'].note, 'Đã ban hành kế hoạch đúng hạn');

  // 4. Again, and this time "Lấy bản của thẻ khác": the stored version wins
  // and replaces what this tab showed.
  await editBoth(context, a, b, 'Thẻ A: lần hai', 'Thẻ B: lần hai');
  const loser2 = await conflicted(a, b);
  const stored2 = (await storedData(a, KEY)).checklists[0].answers['1#0/1c'].note;
  assert.notEqual(await loser2.inputValue(note('1c')), stored2);
  await loser2.click('[data-testid="conflict-take-theirs"]');
  await loser2.waitForSelector('[data-testid="conflict-banner"]', { state: 'detached' });
  await loser2.waitForFunction(([sel, v]) => document.querySelector(sel)?.value === v, [note('1c'), stored2]);
  // Taking theirs writes nothing: storage still holds the other tab's text.
  await loser2.waitForTimeout(600);
  assert.equal((await storedData(a, KEY)).checklists[0].answers['1#0/1c'].note, stored2);

  // 5. A reload of either tab shows what is stored.
  await loser2.reload();
  await loser2.waitForSelector(note('1c'));
  assert.equal(await loser2.inputValue(note('1c')), stored2);
  assert.deepEqual(wa.pageErrors, []);
  assert.deepEqual(wb.pageErrors, []);
  await context.close();
});
