// `hv image pull`: plan, fetch and check the verification material, download the image to
// <state_dir>/downloads/<name>.part (resumable), compare its hash, check an image signature, and only
// then move it into the library pool and record it. Whatever fails for good leaves no file behind;
// an interruption (Ctrl-C, or a network that gave out after the retries, on a server that can
// resume) leaves the .part and its state so the same command continues where it stopped.
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConflictError, HvError, VerificationError } from '../../errors/index.js';
import { detectImageFormat, kindOfFormat, volumeNameOf } from '../detect-image-format.js';
import { discardPart, downloadFile, statePathOf, type DownloadProgress } from '../download/download-file.js';
import { readDownloadState } from '../download/download-state.js';
import { isTransient } from '../download/transient-errors.js';
import { verifyDetached } from '../gpg/verify-signature.js';
import type { ImageRecord, VerifiedBy } from '../image-record.js';
import type { ImageRecords } from '../library/image-records.js';
import type { LibraryPool } from '../library/library-pool.js';
import { acquirePullLock } from '../library/pull-lock.js';
import { fetchVerification, type NetOptions } from './fetch-verification.js';
import type { PullPlan } from './pull-plan.js';

/** Everything a pull needs from its surroundings. */
export interface PullContext {
  readonly records: ImageRecords;
  readonly pool: () => Promise<LibraryPool>;
  readonly stagingDir: string;
  readonly keyringDir: string;
  readonly net: NetOptions;
  readonly insecure: boolean;
  readonly onNotice?: (message: string) => void;
  readonly onProgress?: (p: DownloadProgress) => void;
}

/** A finished pull: the record and download figures. */
export interface PullResult {
  readonly image: ImageRecord;
  readonly download: {
    readonly bytes: number;
    readonly transferred: number;
    readonly resumedFrom: number;
    readonly retries: number;
    readonly seconds: number;
  };
}

async function keepPart(err: unknown, partPath: string): Promise<boolean> {
  if (err instanceof HvError && err.code === 'INTERRUPTED') return true;
  if (!isTransient(err)) return false;
  const size = (await stat(partPath).catch(() => undefined))?.size ?? 0;
  return size > 0 && (await readDownloadState(statePathOf(partPath)))?.acceptRanges === true;
}

/** Run a pull according to `plan`. */
export async function pullImage(plan: PullPlan, ctx: PullContext): Promise<PullResult> {
  const existing = ctx.records.get(plan.name);
  if (existing !== undefined) {
    throw new ConflictError(
      `image ${plan.name} is already in the library (added ${existing.addedAt}); remove it first or pull with --name`,
      { code: 'ALREADY_EXISTS', details: { name: plan.name } },
    );
  }
  await mkdir(ctx.stagingDir, { recursive: true, mode: 0o750 });
  const release = await acquirePullLock(join(ctx.stagingDir, `${plan.name}.lock`), `image ${plan.name}`);
  const partPath = join(ctx.stagingDir, `${plan.name}.part`);
  const workDir = await mkdtemp(join(ctx.stagingDir, `${plan.name}.verify-`));
  try {
    // Make sure libvirt and the pool are there before spending time on the download.
    const pool = await ctx.pool();
    await pool.ensure();
    const material = await fetchVerification(plan, {
      workDir,
      keyringDir: ctx.keyringDir,
      insecure: ctx.insecure,
      net: ctx.net,
    });
    const reasons = [...material.insecureReasons];
    for (const r of reasons) ctx.onNotice?.(`--insecure: ${r}`);
    const algorithm = material.expected?.algorithm ?? plan.algorithm;
    const dl = await downloadFile({
      ...ctx.net,
      url: material.imageUrl,
      partPath,
      algorithm,
      ...(ctx.onNotice !== undefined && { onNotice: ctx.onNotice }),
      ...(ctx.onProgress !== undefined && { onProgress: ctx.onProgress }),
    });
    if (material.expected !== undefined && dl.hash !== material.expected.hash) {
      throw new VerificationError(
        `${plan.name}: ${algorithm} of the download is ${dl.hash}, the published checksum is ${material.expected.hash}; the file was discarded`,
        {
          code: 'CHECKSUM_MISMATCH',
          details: { expected: material.expected.hash, actual: dl.hash, url: material.imageUrl.href },
        },
      );
    }
    let signer = material.signer;
    if (material.imageSignatureFile !== undefined && plan.signature !== undefined) {
      try {
        const v = await verifyDetached(material.imageSignatureFile, partPath, {
          keyringDir: ctx.keyringDir,
          fingerprints: plan.signature.fingerprints,
          what: `image ${plan.name}`,
          ...(ctx.net.signal !== undefined && { signal: ctx.net.signal }),
        });
        signer = v.signer;
      } catch (err) {
        if (!ctx.insecure || !(err instanceof HvError)) throw err;
        reasons.push(err.message);
        ctx.onNotice?.(`--insecure: ${err.message}`);
      }
    }
    const format = await detectImageFormat(partPath);
    const kind = plan.kind ?? kindOfFormat(format);
    const verifiedBy: VerifiedBy =
      signer !== undefined ? `${algorithm}+gpg` : material.expected !== undefined ? algorithm : 'none';
    const placed = await pool.place(partPath, volumeNameOf(plan.name, kind, format), { move: true });
    const image: ImageRecord = {
      name: plan.name,
      kind,
      format,
      arch: plan.arch,
      pool: pool.name,
      volume: placed.volume,
      path: placed.path,
      sizeBytes: placed.sizeBytes,
      source: material.imageUrl.href,
      catalogEntry: plan.catalogEntry,
      checksum: { algorithm, value: dl.hash },
      verifiedBy,
      signer,
      insecure: reasons.length > 0,
      insecureReason: reasons.length > 0 ? reasons.join('; ') : undefined,
      addedAt: new Date().toISOString(),
      verifiedAt: undefined,
    };
    try {
      ctx.records.insert(image);
    } catch (err) {
      await pool.remove(placed.volume).catch(() => undefined);
      throw err;
    }
    await discardPart(partPath);
    return {
      image,
      download: {
        bytes: dl.bytes,
        transferred: dl.transferred,
        resumedFrom: dl.resumedFrom,
        retries: dl.retries,
        seconds: dl.seconds,
      },
    };
  } catch (err) {
    if (!(await keepPart(err, partPath))) await discardPart(partPath);
    throw err;
  } finally {
    await rm(workDir, { recursive: true, force: true });
    await release();
  }
}
