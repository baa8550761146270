#!/usr/bin/env node
// Independent check of a KiểmTra report file with Node's standard library
// only (node:crypto, node:fs): recomputes the content hash with RFC 8785
// (JCS), verifies the ECDSA P-256 signature with the public key in the file,
// and prints the key's fingerprint to compare with the one printed on the
// unit's signed and sealed paper report.
//
//   node scripts/verify-report.mjs bao-cao.json [FINGERPRINT]
//
// FINGERPRINT (optional): the fingerprint printed on the paper report, with
// or without spaces; the file's key must start with it.
// Exit code: 0 signed and intact; 1 refused (hash or signature wrong, or
// another fingerprint than the paper one); 2 intact but not signed.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

// RFC 8785: JSON.stringify's strings and numbers, object keys sorted by
// UTF-16 code units (JavaScript's default sort), no whitespace.
function jcs(v) {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(jcs).join(',')}]`;
  return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${jcs(v[k])}`).join(',')}}`;
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const show = (hex) => hex.slice(0, 32).toUpperCase().match(/.{4}/g).join(' ');

const [path, paper] = process.argv.slice(2);
if (!path) {
  console.error('usage: node verify-report.mjs FILE.json [FINGERPRINT]');
  process.exit(1);
}
const file = JSON.parse(readFileSync(path, 'utf8'));

// Files of schema 1.0/1.1 have no "canonicalization": their hash sorts keys
// by UTF-8 bytes, which gives the same bytes as JCS for the app's files
// (every key of a report is ASCII).
const hash = sha256(Buffer.from(jcs(file.content), 'utf8'));
if (hash !== file.content_sha256) {
  console.log(`REFUSED: content hash ${hash} differs from content_sha256 ${file.content_sha256}`);
  process.exit(1);
}
console.log(`content intact (SHA-256 ${hash})`);

const sig = file.signature;
if (!sig) {
  console.log('NOT SIGNED: the sender cannot be established from the file');
  process.exit(2);
}
const der = Buffer.from(sig.public_key, 'base64');
const fingerprint = sha256(der);
const { signature, ...unsigned } = file;
const ok =
  sig.algorithm === 'ECDSA-P256-SHA256' &&
  fingerprint === sig.public_key_sha256 &&
  verify(
    'sha256',
    Buffer.from(jcs(unsigned), 'utf8'),
    { key: createPublicKey({ key: der, format: 'der', type: 'spki' }), dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature.value, 'base64'),
  );
if (!ok) {
  console.log('REFUSED: the signature does not match the file');
  process.exit(1);
}
console.log(`signature valid; key fingerprint ${show(fingerprint)} (${fingerprint})`);
if (paper) {
  const want = paper.replace(/\s+/g, '').toLowerCase();
  if (want.length < 32 || !fingerprint.startsWith(want)) {
    console.log(`REFUSED: the paper report names key ${paper}, the file was signed by another`);
    process.exit(1);
  }
  console.log('the fingerprint matches the paper report');
}
