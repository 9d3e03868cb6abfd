// Why: libvirt 9.0 deletes an external snapshot's overlays but leaves its memory file behind. hv removes
// it: directly when libvirtd runs on this machine, else through libvirt's storage API when the file is a
// volume of some pool; otherwise it reports the path, never guessing at a remote file system.
import { unlink } from 'node:fs/promises';
import { LibvirtError, planConnection, type LibvirtClient } from '../../libvirt/index.js';

/** Whether `uri` reaches a libvirtd on this machine (a local unix socket). */
function isLocalUri(uri: string): boolean {
  try {
    return planConnection(uri).transport.description.startsWith('unix:');
  } catch {
    return false;
  }
}

/**
 * Remove a file on the libvirt host. Resolves true when it is gone (or was already), false when hv
 * could not reach it (a remote host and no pool holds it).
 */
export async function removeHostFile(client: LibvirtClient, path: string): Promise<boolean> {
  if (isLocalUri(client.uri)) {
    try {
      await unlink(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return true;
  }
  try {
    await client.storage.deleteVolume(await client.storage.lookupVolumeByPath(path));
    return true;
  } catch (err) {
    if (err instanceof LibvirtError) return false;
    throw err;
  }
}
