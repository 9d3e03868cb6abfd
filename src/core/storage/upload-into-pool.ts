// Why: hv puts files it makes locally (seed ISOs, NVRAM templates) into a libvirt pool through an
// upload stream, so the same code works when libvirtd runs on another host. VM creation, clones
// and templates all do it; this is that one way.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { LibvirtClient } from '../../libvirt/index.js';
import { fromLibvirtError } from '../libvirt-errors.js';
import { escapeXmlText } from '../profile/domain-xml/xml-builder.js';
import type { PoolRef } from './ensure-dir-pool.js';

/** Upload local `file` into a new raw volume `name` of the pool (mode 0644: QEMU reads seed ISOs). */
export async function uploadIntoPool(
  client: LibvirtClient,
  pool: PoolRef,
  name: string,
  file: string,
  signal?: AbortSignal,
): Promise<void> {
  const s = client.storage;
  const size = (await stat(file)).size;
  try {
    const vol = await s.createVolumeXml(
      pool,
      `<volume><name>${escapeXmlText(name)}</name><capacity unit='bytes'>${size}</capacity>` +
        `<target><format type='raw'/><permissions><mode>0644</mode></permissions></target></volume>`,
    );
    await s.uploadVolume(vol, createReadStream(file), { ...(signal !== undefined && { signal }) });
  } catch (err) {
    throw fromLibvirtError(err, `uploading ${name}`);
  }
}
