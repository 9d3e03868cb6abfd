// Turns what gpgv reported into one decision against the fingerprints a catalog entry pins: accepted
// (naming the signer), or refused with the exact reason. A good signature by a key that is merely in
// the keyring is not enough; it must be one of the pinned keys. Any BADSIG refuses outright. Pure.
import type { VerificationCode } from '../../errors/index.js';
import type { GpgvStatus, GpgvSignature } from './parse-gpgv-status.js';

/** The outcome of checking signatures against pinned fingerprints. */
export type SignatureJudgement =
  { ok: true; signer: string } | { ok: false; code: VerificationCode; reason: string; keyIds: string[] };

function pinnedMatch(sig: GpgvSignature, pinned: readonly string[]): string | undefined {
  for (const fpr of [sig.primaryFingerprint, sig.fingerprint]) {
    if (fpr !== undefined && pinned.includes(fpr)) return fpr;
  }
  // ERRSIG/GOODSIG may name a 40-hex fingerprint directly (gpg >= 2.2.x with issuer fingerprints).
  if (sig.keyId !== undefined && sig.keyId.length >= 40 && pinned.includes(sig.keyId)) return sig.keyId;
  return undefined;
}

function who(sig: GpgvSignature): string {
  return sig.primaryFingerprint ?? sig.fingerprint ?? sig.keyId ?? 'an unknown key';
}

/**
 * Decide whether the signatures prove the file came from a pinned key.
 * @param pinned fingerprints, upper-case hex without spaces.
 */
export function judgeSignatures(status: GpgvStatus, pinned: readonly string[]): SignatureJudgement {
  const sigs = status.signatures;
  const keyIds = sigs.map(who);
  const bad = sigs.find((s) => s.status === 'bad');
  if (bad !== undefined) {
    return {
      ok: false,
      code: 'SIGNATURE_INVALID',
      reason: `BAD signature by ${who(bad)}: the file was changed after it was signed`,
      keyIds,
    };
  }
  for (const s of sigs) {
    const match = s.status === 'good' ? pinnedMatch(s, pinned) : undefined;
    if (match !== undefined) return { ok: true, signer: match };
  }
  const flawed = sigs.find((s) => pinnedMatch(s, pinned) !== undefined && s.status !== 'error');
  if (flawed !== undefined) {
    const what =
      flawed.status === 'expired-key'
        ? 'the pinned key has expired in the keyring (export a current copy of it)'
        : flawed.status === 'revoked-key'
          ? 'the pinned key has been revoked'
          : flawed.status === 'expired-signature'
            ? 'the signature has expired'
            : `gpgv reported ${flawed.status}`;
    return { ok: false, code: 'SIGNATURE_INVALID', reason: `signature by ${who(flawed)}: ${what}`, keyIds };
  }
  const goodUnpinned = sigs.find((s) => s.status === 'good');
  if (goodUnpinned !== undefined) {
    return {
      ok: false,
      code: 'SIGNATURE_INVALID',
      reason: `signed by ${who(goodUnpinned)}, which is not one of the pinned keys`,
      keyIds,
    };
  }
  const missing = sigs.filter((s) => s.missingKey === true || (s.status === 'error' && s.errorCode === 9));
  if (missing.length > 0) {
    return {
      ok: false,
      code: 'SIGNING_KEY_MISSING',
      reason: `signed by key ${missing.map(who).join(', ')}, which is not in the keyring directory`,
      keyIds,
    };
  }
  if (sigs.length === 0 || status.noData) {
    return { ok: false, code: 'SIGNATURE_INVALID', reason: 'no OpenPGP signature was found', keyIds };
  }
  return {
    ok: false,
    code: 'SIGNATURE_INVALID',
    reason: `the signature could not be checked (${sigs.map((s) => `${s.status} ${who(s)}`).join(', ')})`,
    keyIds,
  };
}
