// The libvirt storage pool over images.dir ("hv-library", a dir pool), so libvirt sees every library
// image as a volume that VM definitions can name. Created (defined, built, started, autostarted) on
// first use. Files reach it by rename on this machine, or, when hv talks to a remote libvirtd, by a
// volume upload stream; either way the pool is refreshed afterwards so libvirt knows the volume.
import { copyFile, chmod, constants, rename, stat, unlink } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { LibvirtError, type LibvirtClient } from '../../../libvirt/index.js';
import { ConflictError } from '../../errors/index.js';
import { ensureDirPool, type PoolRef } from '../../storage/ensure-dir-pool.js';
import { fromLibvirtError } from '../../libvirt-errors.js';

/** Where the library pool is and how files reach it. */
export interface LibraryPoolOptions {
  readonly name: string;
  readonly path: string;
  /** `local`: libvirtd runs on this machine (rename/copy); `stream`: upload through libvirt. */
  readonly transfer: 'local' | 'stream';
  readonly signal?: AbortSignal;
}

/** A volume placed in the pool. */
export interface PlacedVolume {
  readonly volume: string;
  readonly path: string;
  readonly sizeBytes: number;
}

function xmlEscape(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** True when `uri` reaches a libvirtd on this machine (no host part, no remote transport). */
export function isLocalUri(uri: string): boolean {
  const m = /^([a-z0-9]+)(?:\+([a-z0-9]+))?:\/\/([^/]*)\//i.exec(uri);
  if (m === null) return false;
  return (m[3] ?? '') === '' && (m[2] === undefined || m[2] === 'unix');
}

/** The library pool on one connection. */
export class LibraryPool {
  readonly #client: LibvirtClient;
  readonly #opts: LibraryPoolOptions;
  #pool: PoolRef | undefined;

  constructor(client: LibvirtClient, options: LibraryPoolOptions) {
    this.#client = client;
    this.#opts = options;
  }

  get name(): string {
    return this.#opts.name;
  }

  /** Look the pool up, creating and starting it when needed. */
  async ensure(): Promise<PoolRef> {
    this.#pool ??= await ensureDirPool(this.#client, {
      name: this.#opts.name,
      path: this.#opts.path,
      mode: '0755',
      role: 'image library pool',
      nameKey: 'images.pool',
      pathKey: 'images.dir',
    });
    return this.#pool;
  }

  /** The volume's path, or undefined when the pool has no such volume. */
  async volumePath(volume: string): Promise<string | undefined> {
    const pool = await this.ensure();
    const s = this.#client.storage;
    try {
      const vol = await s.lookupVolumeByName(pool, volume).catch(async (err: unknown) => {
        if (!(err instanceof LibvirtError && err.isNoStorageVol())) throw err;
        await s.refreshPool(pool);
        return s.lookupVolumeByName(pool, volume);
      });
      return await s.getVolumePath(vol);
    } catch (err) {
      if (err instanceof LibvirtError && err.isNoStorageVol()) return undefined;
      throw fromLibvirtError(err, `volume ${volume} in pool ${this.#opts.name}`);
    }
  }

  /**
   * Put `file` into the pool as `volume`. `move` lets a local transfer rename the file (a staged
   * download) instead of copying it (an import). The volume name must be free.
   */
  async place(file: string, volume: string, options: { move: boolean }): Promise<PlacedVolume> {
    const pool = await this.ensure();
    if ((await this.volumePath(volume)) !== undefined) {
      throw new ConflictError(`pool ${this.#opts.name} already has a volume ${volume}`, {
        code: 'ALREADY_EXISTS',
      });
    }
    const sizeBytes = (await stat(file)).size;
    if (this.#opts.transfer === 'local') await this.#placeLocal(file, volume, options.move);
    else await this.#upload(pool, file, volume, sizeBytes);
    try {
      await this.#client.storage.refreshPool(pool);
    } catch (err) {
      throw fromLibvirtError(err, `refreshing pool ${this.#opts.name}`);
    }
    const path = await this.volumePath(volume);
    if (path === undefined)
      throw fromLibvirtError(new Error(`volume ${volume} did not appear after refresh`));
    return { volume, path, sizeBytes };
  }

  async #placeLocal(file: string, volume: string, move: boolean): Promise<void> {
    const dest = join(this.#opts.path, volume);
    const exists = await stat(dest).then(
      () => true,
      () => false,
    );
    if (exists) {
      throw new ConflictError(`${dest} already exists (not recorded by hv; import it with hv image import)`, {
        code: 'ALREADY_EXISTS',
      });
    }
    const temp = join(this.#opts.path, `.${volume}.hv-partial`);
    let moved = false;
    if (move) {
      moved = await rename(file, dest).then(
        () => true,
        (err: unknown) => {
          if ((err as { code?: string }).code === 'EXDEV') return false;
          throw err;
        },
      );
    }
    if (!moved) {
      try {
        await copyFile(file, temp, constants.COPYFILE_FICLONE);
        await rename(temp, dest);
      } catch (err) {
        await unlink(temp).catch(() => undefined);
        throw err;
      }
      if (move) await unlink(file).catch(() => undefined);
    }
    await chmod(dest, 0o644);
  }

  async #upload(pool: PoolRef, file: string, volume: string, sizeBytes: number): Promise<void> {
    const s = this.#client.storage;
    try {
      const vol = await s.createVolumeXml(
        pool,
        `<volume><name>${xmlEscape(volume)}</name><capacity unit='bytes'>${sizeBytes}</capacity>` +
          `<target><format type='raw'/></target></volume>`,
      );
      try {
        await s.uploadVolume(vol, createReadStream(file, { highWaterMark: 1 << 20 }), {
          ...(this.#opts.signal !== undefined && { signal: this.#opts.signal }),
        });
      } catch (err) {
        await s.deleteVolume(vol).catch(() => undefined);
        throw err;
      }
    } catch (err) {
      throw fromLibvirtError(err, `uploading ${volume} into pool ${this.#opts.name}`);
    }
  }

  /** Delete a volume; false when there was none. */
  async remove(volume: string): Promise<boolean> {
    const pool = await this.ensure();
    const s = this.#client.storage;
    if ((await this.volumePath(volume)) === undefined) return false;
    try {
      await s.deleteVolume(await s.lookupVolumeByName(pool, volume));
      return true;
    } catch (err) {
      throw fromLibvirtError(err, `deleting volume ${volume}`);
    }
  }
}
