// Periodic report files as a unit's copy of the app exports them, made here
// without the app: the golden 2021 report of Ninh Kiều with another unit and
// counts derived from a seed, its content hashed in the app's canonical form
// (sorted keys, no whitespace). Shared by tests/e2e/round.test.mjs and the
// reporting-round benchmark (bench/round.mjs).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Canonical JSON as the app hashes it: sorted keys, no whitespace. */
export function canonical(v) {
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (v && typeof v === 'object') {
    return '{' + Object.keys(v).sort().map((k) => JSON.stringify(k) + ':' + canonical(v[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}
export const sha256 = (s) => createHash('sha256').update(Buffer.from(s, 'utf8')).digest('hex');

export const GOLDEN = JSON.parse(readFileSync(new URL('../fixtures/report/dinh_ky_ninh_kieu_2021.golden.json', import.meta.url), 'utf8'));

/** Every count of the periodic report, as a dotted path. */
export const COUNTS = (() => {
  const out = [];
  const walk = (v, path) => {
    for (const [k, x] of Object.entries(v)) {
      const p = [...path, k];
      if (x === null || typeof x === 'number') out.push(p.join('.'));
      else if (x && typeof x === 'object' && !Array.isArray(x)) walk(x, p);
    }
  };
  walk({ xu_phat: GOLDEN.content.xu_phat, bien_phap_xlhc: GOLDEN.content.bien_phap_xlhc }, []);
  return out;
})();
export const get = (o, code) => code.split('.').reduce((a, k) => a?.[k], o);
export const set = (o, code, v) => {
  const parts = code.split('.');
  const last = parts.pop();
  parts.reduce((a, k) => a[k], o)[last] = v;
};

/** A report file of `unit` whose counts are derived from `seed`. */
export function reportFile(unit, seed, edit = () => {}) {
  const content = structuredClone(GOLDEN.content);
  content.don_vi_bao_cao = { ten: unit, co_quan_chu_quan: 'Thành phố Cần Thơ' };
  COUNTS.forEach((code, i) => set(content, code, (seed * 7 + i * 3) % 50));
  set(content, 'xu_phat.tong_tien_thu_vnd', seed * 1_000_000);
  edit(content);
  const file = { ...GOLDEN, reporting_unit: content.don_vi_bao_cao, content };
  file.content_sha256 = sha256(canonical(content));
  return { content, text: JSON.stringify(file, null, 2) + '\n' };
}
