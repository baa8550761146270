// The benchmark's floor: a plain static HTML page with the same 500 items
// as the benchmark checklist (same codes and Vietnamese labels, taken from
// bench/out/workspace-M.meta.json), each a 3-way radio group (đạt / không
// đạt / không áp dụng) and a note textarea. No framework: its figures are
// what the browser itself costs, and every checklist figure of the app is
// also given as a ratio to them.
//
// Its "model" is a plain object: a `change` handler stores the value and the
// time it did so (`window.__floor`), which is the floor's click-to-change.
// Usage: node bench/floor.mjs [outDir]   (default bench/out/floor)
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export async function writeFloor(outDir = join(here, 'out', 'floor')) {
  const meta = JSON.parse(await readFile(join(here, 'out', 'workspace-M.meta.json'), 'utf8'));
  const choices = [['dat', 'Đạt'], ['khong_dat', 'Không đạt'], ['khong_ap_dung', 'Không áp dụng']];
  const items = meta.item_codes.map((code, i) => {
    const label = meta.item_labels[i];
    const radios = choices.map(([v, l]) =>
      `<label><input type="radio" name="${esc(code)}" value="${v}" data-testid="status-${v}"> ${l}</label>`).join(' ');
    return `<li id="item-${esc(code)}" data-testid="item-${esc(code)}"><p><b>${esc(code)}</b> ${esc(label)}</p>` +
      `<p class="basis">Dữ liệu đo hiệu năng (không phải nội dung pháp lý)</p>` +
      `<fieldset><legend>Kết quả</legend>${radios}</fieldset>` +
      `<label>Ghi chú <textarea rows="2" data-testid="note" name="note-${esc(code)}"></textarea></label></li>`;
  }).join('\n');
  const html = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Trang nền đo hiệu năng (500 tiêu chí)</title>
<style>body{font:16px/1.4 system-ui,sans-serif;margin:1rem}li{margin:.5rem 0;padding:.5rem;border:1px solid #ccc}fieldset{border:0;padding:0}.basis{color:#666;font-size:.9em}textarea{width:100%}</style>
</head><body>
<h1>Trang nền: 500 tiêu chí (HTML tĩnh)</h1>
<ol class="items">
${items}
</ol>
<script>
window.__floor = { answers: {}, notes: {}, changedAt: 0 };
document.addEventListener('change', function (e) {
  var t = e.target;
  if (t.type === 'radio') { window.__floor.answers[t.name] = t.value; window.__floor.changedAt = performance.now(); }
});
document.addEventListener('input', function (e) {
  var t = e.target;
  if (t.tagName === 'TEXTAREA') { window.__floor.notes[t.name] = t.value; }
});
</script>
</body></html>
`;
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'index.html'), html);
  return { dir: outDir, items: meta.item_codes.length, bytes: Buffer.byteLength(html) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await writeFloor(process.argv[2]);
  console.log(`floor page: ${r.items} items, ${r.bytes} bytes in ${r.dir}/index.html`);
}
