// Why: moving a volume's bytes (image import, backup export) is a call followed by a data stream. The
// connection's stream already applies backpressure both ways; these helpers add what callers expect of
// a file copy: any byte source, a byte count, a length limit, abort by signal, and "done" meaning the
// daemon confirmed the last byte.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { RpcCaller } from './rpc-caller.js';
import type { RemoteStorageVol } from '../protocol/remote-types.js';
import { storageVolDownload, storageVolUpload } from '../procedures/storage-vol-procedures.js';

/** Where in the volume to read or write, and how much. */
export interface VolumeTransferOptions {
  /** Byte offset in the volume (default 0). */
  readonly offset?: number | bigint;
  /** Bytes to transfer; 0 or absent = up to the end of the volume (download) / of the source (upload). */
  readonly length?: number | bigint;
  /** VIR_STORAGE_VOL_UPLOAD_* / VIR_STORAGE_VOL_DOWNLOAD_* (SPARSE_STREAM is not supported here). */
  readonly flags?: number;
  /** Abort the transfer (the daemon is told with a STREAM ERROR packet). */
  readonly signal?: AbortSignal;
}

/** What an upload can read from. */
export type UploadSource = Readable | Buffer | Uint8Array | AsyncIterable<Uint8Array>;

function transferArgs(vol: RemoteStorageVol, o: VolumeTransferOptions) {
  return { vol, offset: BigInt(o.offset ?? 0), length: BigInt(o.length ?? 0), flags: o.flags ?? 0 };
}

function signalOpt(signal: AbortSignal | undefined): { signal: AbortSignal } | undefined {
  return signal === undefined ? undefined : { signal };
}

/**
 * STORAGE_VOL_UPLOAD: write `source` into `vol` at `offset`. Resolves with the number of bytes sent
 * once the daemon confirmed the end of the stream; rejects with the daemon's LibvirtError, or a
 * RangeError when the source holds more than `length` bytes.
 */
export async function uploadVolume(
  caller: RpcCaller,
  vol: RemoteStorageVol,
  source: UploadSource,
  options: VolumeTransferOptions = {},
): Promise<bigint> {
  const limit = BigInt(options.length ?? 0);
  const input = source instanceof Uint8Array ? Readable.from([source]) : source;
  const { stream } = await caller.openStream(
    storageVolUpload,
    transferArgs(vol, options),
    signalOpt(options.signal),
  );
  // Nothing is expected back on an upload: let the readable side drain so it can end.
  stream.resume();
  let sent = 0n;
  async function* counted(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      const buf =
        typeof chunk === 'string'
          ? Buffer.from(chunk)
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      sent += BigInt(buf.length);
      if (limit > 0n && sent > limit) throw new RangeError(`upload source is longer than length ${limit}`);
      yield buf;
    }
  }
  await pipeline(input, counted, stream, signalOpt(options.signal) ?? {});
  return sent;
}

/**
 * STORAGE_VOL_DOWNLOAD: a Readable of `vol`'s bytes from `offset` (`length` bytes, or to the end).
 * It ends when the daemon sent the last byte; a daemon error destroys it with a LibvirtError.
 * Destroy it to abort. Reading slowly pauses the connection's socket (backpressure).
 */
export async function downloadVolume(
  caller: RpcCaller,
  vol: RemoteStorageVol,
  options: VolumeTransferOptions = {},
): Promise<Readable> {
  const { stream } = await caller.openStream(
    storageVolDownload,
    transferArgs(vol, options),
    signalOpt(options.signal),
  );
  if (options.signal !== undefined) {
    const signal = options.signal;
    const onAbort = (): void => {
      stream.destroy(signal.reason instanceof Error ? signal.reason : new Error('download aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    stream.once('close', () => {
      signal.removeEventListener('abort', onAbort);
    });
  }
  return stream;
}
