// Checks an OpenPGP signature with gpgv (through src/core/exec, the one place that spawns programs)
// against the keyrings of images.keyring_dir, then insists the signer is one of the fingerprints the
// catalog pins. gpgv runs with an empty throw-away home, so nothing from root's ~/.gnupg (trusted
// keys, options) takes part. For a clearsigned list, only the text gpgv itself extracted as signed is
// returned: lines outside the signed block can never sneak a checksum in.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VerificationError } from '../../errors/index.js';
import { runCommand } from '../../exec/run-command.js';
import { judgeSignatures } from './judge-signatures.js';
import { keyringFiles } from './keyring-files.js';
import { parseGpgvStatus } from './parse-gpgv-status.js';

/** What to check a signature against. */
export interface SignatureCheck {
  /** images.keyring_dir */
  readonly keyringDir: string;
  /** Pinned fingerprints (upper-case hex). */
  readonly fingerprints: readonly string[];
  /** Names the signed thing in messages, e.g. `SHA256SUMS of debian-13`. */
  readonly what: string;
  readonly signal?: AbortSignal;
}

/** A verified signature. */
export interface VerifiedSignature {
  /** The pinned fingerprint that signed. */
  readonly signer: string;
}

function importHint(check: SignatureCheck): string {
  const fpr = check.fingerprints[0] ?? 'FINGERPRINT';
  return `import the vendor's key: gpg --export ${fpr} > ${check.keyringDir}/vendor.gpg (docs/images.md)`;
}

async function runGpgv(check: SignatureCheck, args: readonly string[]): Promise<VerifiedSignature> {
  const { keyrings, armored } = await keyringFiles(check.keyringDir);
  if (keyrings.length === 0) {
    const extra =
      armored.length > 0 ? ` (armored files need gpg --dearmor first: ${armored.join(', ')})` : '';
    throw new VerificationError(
      `${check.what}: cannot check the signature: no keyring in ${check.keyringDir}${extra}; pinned key(s): ${check.fingerprints.join(', ')}; ${importHint(check)}`,
      {
        code: 'SIGNING_KEY_MISSING',
        details: { keyringDir: check.keyringDir, fingerprints: [...check.fingerprints] },
      },
    );
  }
  const home = await mkdtemp(join(tmpdir(), 'hv-gpgv-'));
  try {
    const result = await runCommand(
      'gpgv',
      ['--homedir', home, '--status-fd', '1', ...keyrings.flatMap((k) => ['--keyring', k]), ...args],
      {
        okExitCodes: [0, 1, 2],
        timeoutMs: 10 * 60_000,
        missingHint: 'Debian package gpgv',
        ...(check.signal !== undefined && { signal: check.signal }),
      },
    );
    const judgement = judgeSignatures(parseGpgvStatus(result.stdout), check.fingerprints);
    if (judgement.ok) return { signer: judgement.signer };
    const hint = judgement.code === 'SIGNING_KEY_MISSING' ? `; ${importHint(check)}` : '';
    throw new VerificationError(
      `${check.what}: ${judgement.reason}; pinned key(s): ${check.fingerprints.join(', ')}${hint}`,
      {
        code: judgement.code,
        details: {
          keyIds: judgement.keyIds,
          fingerprints: [...check.fingerprints],
          keyringDir: check.keyringDir,
        },
      },
    );
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/** Check a detached signature `sigFile` over `dataFile`. */
export function verifyDetached(
  sigFile: string,
  dataFile: string,
  check: SignatureCheck,
): Promise<VerifiedSignature> {
  return runGpgv(check, [sigFile, dataFile]);
}

/** Check a clearsigned file and return the signed text (exactly what gpgv verified). */
export async function verifyClearsigned(
  file: string,
  check: SignatureCheck,
): Promise<VerifiedSignature & { content: string }> {
  const out = `${file}.verified`;
  try {
    const verified = await runGpgv(check, ['--output', out, file]);
    return { ...verified, content: await readFile(out, 'utf8') };
  } finally {
    await rm(out, { force: true });
  }
}

/**
 * The text of a clearsigned message without checking it (only for --insecure): the lines between the
 * armor header block and the signature, with dash-escaping undone.
 */
export function clearsignedBodyUnchecked(text: string): string {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => l === '-----BEGIN PGP SIGNED MESSAGE-----');
  if (start < 0) return text;
  let i = start + 1;
  while (i < lines.length && lines[i] !== '') i++;
  const end = lines.findIndex((l, n) => n > i && l === '-----BEGIN PGP SIGNATURE-----');
  return lines
    .slice(i + 1, end < 0 ? undefined : end)
    .map((l) => (l.startsWith('- ') ? l.slice(2) : l))
    .join('\n');
}
