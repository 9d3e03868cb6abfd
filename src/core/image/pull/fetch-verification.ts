// Gets what proves an image authentic, before the image itself: the published checksum list, its
// signature (detached or clearsigned) checked by gpgv against the pinned keys, and for vendors that
// sign the image itself (Arch, Alpine) the image's signature, kept for after the download. A bad
// signature or an unknown key fails here, in seconds, not after a 4 GiB download. With --insecure a
// failed check is noted (and recorded) instead of refused.
import { writeFile } from 'node:fs/promises';
import { posix, join } from 'node:path';
import { DependencyError, VerificationError } from '../../errors/index.js';
import type { ChecksumAlgorithm } from '../catalog/catalog-entry-schema.js';
import { findChecksum } from '../checksum/find-checksum.js';
import { parseChecksumList } from '../checksum/parse-checksum-list.js';
import { fetchBytes } from '../download/fetch-bytes.js';
import type { RequestOptions } from '../download/open-response.js';
import type { RetryOptions } from '../download/with-retries.js';
import { clearsignedBodyUnchecked, verifyClearsigned, verifyDetached } from '../gpg/verify-signature.js';
import type { PullPlan } from './pull-plan.js';

/** Network settings for the small downloads. */
export type NetOptions = Omit<RequestOptions, 'headers'> & Omit<RetryOptions, 'signal'>;

/** What the image will be checked against. */
export interface VerificationMaterial {
  /** The image URL (a `*` pattern resolved from the signed list). */
  readonly imageUrl: URL;
  readonly expected: { readonly algorithm: ChecksumAlgorithm; readonly hash: string } | undefined;
  /** Pinned key that signed the checksum list. */
  readonly signer: string | undefined;
  /** The image's own detached signature, to check once it is downloaded. */
  readonly imageSignatureFile: string | undefined;
  /** What --insecure let pass. */
  readonly insecureReasons: readonly string[];
}

/** Whether a failed check may be waved through by --insecure. */
function waivable(err: unknown): err is Error {
  return err instanceof VerificationError || err instanceof DependencyError;
}

/** Fetch and check the checksum list and signatures of `plan`. */
export async function fetchVerification(
  plan: PullPlan,
  options: { workDir: string; keyringDir: string; insecure: boolean; net: NetOptions },
): Promise<VerificationMaterial> {
  const reasons: string[] = [];
  const sig = plan.signature;
  const check = (what: string) => ({
    keyringDir: options.keyringDir,
    fingerprints: sig?.fingerprints ?? [],
    what,
    ...(options.net.signal !== undefined && { signal: options.net.signal }),
  });
  let expected: VerificationMaterial['expected'];
  let signer: string | undefined;
  let imageUrl = plan.url;
  if (plan.checksumUrl !== undefined) {
    const listName = posix.basename(plan.checksumUrl.pathname) || 'checksum list';
    const listFile = join(options.workDir, 'checksums');
    const raw = await fetchBytes(plan.checksumUrl, options.net);
    await writeFile(listFile, raw);
    let text = raw.toString('utf8');
    if (sig?.signs === 'checksums') {
      try {
        if (sig.format === 'clearsigned') {
          const v = await verifyClearsigned(listFile, check(`${listName} of ${plan.name}`));
          signer = v.signer;
          text = v.content;
        } else if (sig.url !== undefined) {
          const sigFile = join(options.workDir, 'checksums.sig');
          await writeFile(sigFile, await fetchBytes(sig.url, options.net));
          signer = (await verifyDetached(sigFile, listFile, check(`${listName} of ${plan.name}`))).signer;
        }
      } catch (err) {
        if (!options.insecure || !waivable(err)) throw err;
        reasons.push(err.message);
        if (sig.format === 'clearsigned') text = clearsignedBodyUnchecked(text);
      }
    }
    const found = findChecksum(parseChecksumList(text), plan.file, plan.algorithm, listName, {
      sidecar: listName.startsWith(`${plan.file}.`),
    });
    expected = { algorithm: plan.algorithm, hash: found.hash };
    if (plan.file.includes('*')) imageUrl = new URL(found.file, plan.url);
    if (plan.pinnedChecksum !== undefined && plan.pinnedChecksum !== found.hash) {
      throw new VerificationError(
        `${plan.name}: the checksum given differs from the one in ${listName} (${found.hash})`,
        { code: 'CHECKSUM_MISMATCH', details: { listed: found.hash, given: plan.pinnedChecksum } },
      );
    }
  } else if (plan.pinnedChecksum !== undefined) {
    expected = { algorithm: plan.algorithm, hash: plan.pinnedChecksum };
  }
  let imageSignatureFile: string | undefined;
  if (sig?.signs === 'image' && sig.url !== undefined) {
    imageSignatureFile = join(options.workDir, 'image.sig');
    await writeFile(imageSignatureFile, await fetchBytes(sig.url, options.net));
  }
  if (expected === undefined && sig?.signs !== 'image') {
    const why = `${plan.name}: nothing to verify the image against (no published checksum list, no --sha256/--sha512)`;
    if (!options.insecure) {
      throw new VerificationError(`${why}; give a checksum, or --insecure to accept it unverified`, {
        code: 'IMAGE_UNVERIFIED',
      });
    }
    reasons.push(why);
  }
  return { imageUrl, expected, signer, imageSignatureFile, insecureReasons: reasons };
}
