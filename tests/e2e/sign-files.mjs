// Signing report files here, without the app, as a unit's browser signs
// them: RFC 8785 (JCS) of the file without `signature`, ECDSA P-256 over
// SHA-256, r‖s, with the fixed TEST keys of tests/fixtures/keys/. Used by the
// reporting-round benchmark (bench/round.mjs --signed).
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';

export function jcs(v) {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(jcs).join(',')}]`;
  return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${jcs(v[k])}`).join(',')}}`;
}

/** A fixed test key by name (`unit_a`, `unit_a_new`). */
export function testKey(name) {
  const k = JSON.parse(readFileSync(new URL(`../fixtures/keys/${name}.json`, import.meta.url), 'utf8'));
  const der = Buffer.from(k.public_spki_der_base64, 'base64');
  return {
    spki: k.public_spki_der_base64,
    fingerprint: createHash('sha256').update(der).digest('hex'),
    private: createPrivateKey({ key: Buffer.from(k.private_pkcs8_der_base64, 'base64'), format: 'der', type: 'pkcs8' }),
  };
}

/** The file `text` (a report file) signed with `key`, as text. */
export function signText(text, key) {
  const { signature: _old, ...file } = JSON.parse(text);
  const value = sign('sha256', Buffer.from(jcs(file), 'utf8'), { key: key.private, dsaEncoding: 'ieee-p1363' });
  const signed = { ...file, signature: {
    algorithm: 'ECDSA-P256-SHA256', public_key: key.spki, public_key_sha256: key.fingerprint, value: value.toString('base64'),
  } };
  return JSON.stringify(signed, null, 2) + '\n';
}
