// Why: a push target is the backup file once renamed: hv creates targets without backing file (a chain
// lives in the manifest, never in image headers). When asked, this step compresses it (zstd qcow2
// clusters) while keeping an incremental's meaning: unallocated = unchanged since the parent, zero =
// zeroed.
import { rename, rm } from 'node:fs/promises';
import { startEarlyWriteback } from './early-writeback.js';
import { convertImage, setBackingField, topLayerSpec } from './qemu-img.js';

/** One disk's push output and where its backup file goes. */
export interface FinishDiskImage {
  /** File libvirt wrote (or removed afterwards when compressing). */
  readonly push: string;
  /** The backup file. */
  readonly final: string;
  readonly incremental: boolean;
  readonly compress: boolean;
  readonly virtualSize: number;
  readonly signal?: AbortSignal;
}

/** Turn a push target into the backup file. */
export async function finishDiskImage(o: FinishDiskImage): Promise<void> {
  const signal = o.signal === undefined ? {} : { signal: o.signal };
  if (!o.compress) {
    await rename(o.push, o.final);
    return;
  }
  // The compressed file is the backup file: flush it while qemu-img writes, so the fsync before the
  // manifest finds little left.
  const writeback = startEarlyWriteback([o.final]);
  try {
    if (o.incremental) {
      await convertImage(topLayerSpec(o.push, o.virtualSize), o.final, {
        compress: true,
        keepTopLayerOver: o.push,
        ...signal,
      });
      await setBackingField(o.final, '', o.signal);
    } else {
      await convertImage(o.push, o.final, { compress: true, sourceFormat: 'qcow2', ...signal });
    }
  } finally {
    await writeback.stop();
  }
  await rm(o.push, { force: true });
}
