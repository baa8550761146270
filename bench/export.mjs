// The export figures of the benchmark (used by bench/run.mjs): from a real
// click on the export button to the file handed to the browser (the Blob
// passed to URL.createObjectURL), for
// - the inspection report of a plan with 100 inspections (whole plan);
// - the stored periodic report;
// each beside JSON.stringify of the same data in the same page (the
// exported file parsed back, then stringified).

async function stringifyBaseline(page) {
  return page.evaluate(async () => {
    const last = window.__bench.objectUrls[window.__bench.objectUrls.length - 1];
    const text = await last.blob.text();
    const obj = JSON.parse(text);
    const repeat = window.__bench.repeat;
    let chars = 0;
    const stringify = repeat(() => { chars = JSON.stringify(obj).length; });
    return { stringify, bytes: last.blob.size, chars };
  });
}

async function timeDownload(page, clickCentre, selector) {
  const before = await page.evaluate(() => window.__bench.objectUrls.length);
  await clickCentre(page, selector);
  await page.waitForFunction((n) => window.__bench.objectUrls.length > n, before, { timeout: 120000 });
  const ms = await page.evaluate(() => {
    const B = window.__bench;
    return B.objectUrls[B.objectUrls.length - 1].at - B.lastDown;
  });
  return { ms, ...(await stringifyBaseline(page)) };
}

export async function measureExport({ ctx, url, meta, series, stats, instrumentedPage, clickCentre }) {
  const out = {};
  const page = await instrumentedPage(ctx);

  const plan = await series(`inspection report, plan with ${meta.export_plan_inspections} inspections (ms)`, async () => {
    await page.goto(`${url}/bao-cao`);
    const item = page.locator('[data-testid="plan-exports"] > li', { hasText: meta.export_plan_title });
    await item.locator('[data-testid="plan-export-open"]').click();
    const form = item.locator('[data-testid="plan-export-form"]');
    const texts = form.locator('input[type="text"]');
    await texts.nth(0).fill('Sở Tư pháp thành phố Cần Thơ');
    await texts.nth(2).fill('318/BC-STP');
    const r = await timeDownload(page, clickCentre, `[data-testid="plan-exports"] > li:has-text("${meta.export_plan_title}") [data-testid="export-inspection"]`);
    return r;
  });
  out[`inspection report (${meta.export_plan_inspections} inspections)`] = {
    ms: stats(plan.map((x) => x.ms)),
    stringify_ms: stats(plan.map((x) => x.stringify)),
    file_bytes: plan[0].bytes,
  };

  const periodic = await series('periodic report (ms)', async () => {
    await page.goto(`${url}/bao-cao/${meta.periodic_report}`);
    await page.locator('[data-testid="export-open"]').click();
    await page.locator('[data-testid="exporter-name"]').fill('Nguyễn Văn An');
    return timeDownload(page, clickCentre, '[data-testid="export-confirm-btn"]');
  });
  out['periodic report'] = {
    ms: stats(periodic.map((x) => x.ms)),
    stringify_ms: stats(periodic.map((x) => x.stringify)),
    file_bytes: periodic[0].bytes,
  };
  await page.close();
  return out;
}
