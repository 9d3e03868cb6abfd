import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { extraCaOption } from './extra-ca-certs.js';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

test("HV_EXTRA_CA_CERTS adds the file's certificates to Node's roots", () => {
  const dir = mkdtempSync(join(tmpdir(), 'hvtest-ca-'));
  try {
    const file = join(dir, 'ca.pem');
    writeFileSync(file, PEM);
    const ca = extraCaOption({ HV_EXTRA_CA_CERTS: file }, () => assert.fail('no warning expected'));
    assert.ok(ca);
    assert.equal(ca.length, rootCertificates.length + 1);
    assert.equal(ca.at(-1), PEM);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('unset, or Node already has NODE_EXTRA_CA_CERTS: Node defaults', () => {
  assert.equal(extraCaOption({}), undefined);
  assert.equal(extraCaOption({ HV_EXTRA_CA_CERTS: '/x.pem', NODE_EXTRA_CA_CERTS: '/x.pem' }), undefined);
});

test('an unreadable file is ignored with one warning naming it', () => {
  const warnings: string[] = [];
  const env = { HV_EXTRA_CA_CERTS: '/nonexistent/hvtest-ca.pem' };
  assert.equal(
    extraCaOption(env, (m) => warnings.push(m)),
    undefined,
  );
  assert.equal(
    extraCaOption(env, (m) => warnings.push(m)),
    undefined,
  );
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? '', /ignoring extra CA certificates from \/nonexistent\/hvtest-ca\.pem/);
});
