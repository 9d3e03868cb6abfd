// gpgv tells what it found on its --status-fd as `[GNUPG:] KEYWORD args` lines (gnupg doc/DETAILS).
// Reading them, and never the human text on stderr, is the stable way to learn which key made each
// signature and whether it was good, bad, expired, revoked or by a key we do not have. Pure.

/** What gpgv reported about one signature (a file can carry several). */
export interface GpgvSignature {
  /** GOODSIG, BADSIG, EXPSIG (signature expired), EXPKEYSIG, REVKEYSIG or ERRSIG (not checkable). */
  status: 'good' | 'bad' | 'expired-signature' | 'expired-key' | 'revoked-key' | 'error' | 'unknown';
  /** Long key id or fingerprint gpgv named first for this signature. */
  keyId?: string;
  /** VALIDSIG: fingerprint of the (sub)key that signed. */
  fingerprint?: string;
  /** VALIDSIG: fingerprint of its primary key. */
  primaryFingerprint?: string;
  /** ERRSIG reason code (9 = no public key, 4 = unknown algorithm). */
  errorCode?: number;
  /** NO_PUBKEY was reported (the key is not in the keyring). */
  missingKey?: boolean;
}

/** Everything gpgv reported. */
export interface GpgvStatus {
  signatures: GpgvSignature[];
  /** NODATA: no OpenPGP data where a signature was expected. */
  noData: boolean;
}

const STATUS_OF: Readonly<Record<string, GpgvSignature['status']>> = {
  GOODSIG: 'good',
  BADSIG: 'bad',
  EXPSIG: 'expired-signature',
  EXPKEYSIG: 'expired-key',
  REVKEYSIG: 'revoked-key',
  ERRSIG: 'error',
};

/** Parse gpgv's --status-fd output. Unknown keywords and non-status lines are ignored. */
export function parseGpgvStatus(text: string): GpgvStatus {
  const signatures: GpgvSignature[] = [];
  let noData = false;
  let current: GpgvSignature | undefined;
  const open = (): GpgvSignature => {
    current ??= { status: 'unknown' };
    if (!signatures.includes(current)) signatures.push(current);
    return current;
  };
  for (const line of text.split(/\r?\n/)) {
    const m = /^\[GNUPG:\] ([A-Z_]+)(?: (.*))?$/.exec(line);
    if (m === null) continue;
    const keyword = m[1] ?? '';
    const args = (m[2] ?? '').split(' ');
    if (keyword === 'NEWSIG') {
      current = { status: 'unknown' };
      signatures.push(current);
      continue;
    }
    const status = STATUS_OF[keyword];
    if (status !== undefined) {
      const sig = open();
      // A second outcome keyword without NEWSIG (old gpgv) starts a new signature.
      if (sig.status !== 'unknown') {
        current = { status: 'unknown' };
        signatures.push(current);
      }
      const target = open();
      target.status = status;
      target.keyId = (args[0] ?? '').toUpperCase();
      if (keyword === 'ERRSIG') {
        target.errorCode = Number(args[5]);
        const fpr = args[6];
        if (fpr !== undefined && /^[0-9A-Fa-f]{40,64}$/.test(fpr)) target.fingerprint = fpr.toUpperCase();
      }
    } else if (keyword === 'VALIDSIG') {
      const sig = open();
      sig.fingerprint = (args[0] ?? '').toUpperCase();
      const primary = args[9];
      sig.primaryFingerprint = (primary ?? args[0] ?? '').toUpperCase();
    } else if (keyword === 'NO_PUBKEY') {
      open().missingKey = true;
    } else if (keyword === 'NODATA') {
      noData = true;
    }
  }
  return {
    signatures: signatures.filter((s) => s.status !== 'unknown' || s.fingerprint !== undefined),
    noData,
  };
}
