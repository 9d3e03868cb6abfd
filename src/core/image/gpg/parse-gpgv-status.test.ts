import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGpgvStatus } from './parse-gpgv-status.js';
import { judgeSignatures } from './judge-signatures.js';

const FPR = 'DF9B9C49EAA9298432589D76DA87E80D6294BE9B';
const SUB = '1111111111111111111111111111111111111111';
const OTHER = '3E80CA1A8B89F69CBA57D98A76A5EF9054449A5C';

const good = (fpr: string, primary = fpr): string =>
  [
    '[GNUPG:] NEWSIG',
    `[GNUPG:] KEY_CONSIDERED ${primary} 0`,
    `[GNUPG:] GOODSIG ${fpr.slice(-16)} Debian CD signing key <debian-cd@lists.debian.org>`,
    `[GNUPG:] VALIDSIG ${fpr} 2025-01-11 1736600000 0 4 0 1 10 00 ${primary}`,
  ].join('\n');

test('a good signature: GOODSIG + VALIDSIG with the subkey and primary fingerprints', () => {
  const st = parseGpgvStatus(`${good(SUB, FPR)}\n`);
  assert.deepEqual(st.signatures, [
    { status: 'good', keyId: SUB.slice(-16), fingerprint: SUB, primaryFingerprint: FPR },
  ]);
  assert.deepEqual(judgeSignatures(st, [FPR]), { ok: true, signer: FPR });
});

test('a good signature by a key that is not pinned is refused', () => {
  const j = judgeSignatures(parseGpgvStatus(good(OTHER)), [FPR]);
  assert.ok(!j.ok, 'refused');
  assert.equal(j.code, 'SIGNATURE_INVALID');
  assert.ok(j.reason.includes(`signed by ${OTHER}`), j.reason);
});

test('BADSIG refuses even when another signature is good and pinned', () => {
  const text = `${good(FPR)}\n[GNUPG:] NEWSIG\n[GNUPG:] BADSIG 0123456789ABCDEF Someone\n`;
  const j = judgeSignatures(parseGpgvStatus(text), [FPR]);
  assert.ok(!j.ok && j.code === 'SIGNATURE_INVALID' && /BAD signature by 0123456789ABCDEF/.test(j.reason));
});

test('ERRSIG rc 9 with NO_PUBKEY is a missing key; its fingerprint is kept', () => {
  const text = [
    '[GNUPG:] NEWSIG',
    `[GNUPG:] ERRSIG DA87E80D6294BE9B 1 10 00 1736600000 9 ${FPR}`,
    '[GNUPG:] NO_PUBKEY DA87E80D6294BE9B',
  ].join('\n');
  const st = parseGpgvStatus(text);
  assert.deepEqual(st.signatures, [
    { status: 'error', keyId: 'DA87E80D6294BE9B', errorCode: 9, fingerprint: FPR, missingKey: true },
  ]);
  const j = judgeSignatures(st, [FPR]);
  assert.ok(!j.ok && j.code === 'SIGNING_KEY_MISSING' && j.keyIds.includes(FPR), JSON.stringify(j));
});

test('two signatures, one by a missing key and one good and pinned: accepted', () => {
  const text = `[GNUPG:] NEWSIG\n[GNUPG:] ERRSIG AAAAAAAAAAAAAAAA 1 10 00 1 9 -\n[GNUPG:] NO_PUBKEY AAAAAAAAAAAAAAAA\n${good(FPR)}`;
  assert.deepEqual(judgeSignatures(parseGpgvStatus(text), [FPR]), { ok: true, signer: FPR });
});

test('an expired pinned key, a revoked one, NODATA and no status at all are refused', () => {
  const exp = `[GNUPG:] NEWSIG\n[GNUPG:] EXPKEYSIG DA87E80D6294BE9B x\n[GNUPG:] VALIDSIG ${FPR} 2025-01-11 1 0 4 0 1 10 00 ${FPR}`;
  const j1 = judgeSignatures(parseGpgvStatus(exp), [FPR]);
  assert.ok(!j1.ok && /expired in the keyring/.test(j1.reason));
  const rev = `[GNUPG:] REVKEYSIG DA87E80D6294BE9B x\n[GNUPG:] VALIDSIG ${FPR} 2025-01-11 1 0 4 0 1 10 00 ${FPR}`;
  const j2 = judgeSignatures(parseGpgvStatus(rev), [FPR]);
  assert.ok(!j2.ok && /revoked/.test(j2.reason));
  const j3 = judgeSignatures(parseGpgvStatus('[GNUPG:] NODATA 1\n'), [FPR]);
  assert.ok(!j3.ok && j3.code === 'SIGNATURE_INVALID' && /no OpenPGP signature/.test(j3.reason));
  const j4 = judgeSignatures(parseGpgvStatus('gpgv: some text\n'), [FPR]);
  assert.ok(!j4.ok && j4.code === 'SIGNATURE_INVALID');
});
