// The backing files under a disk image, for the in-use check: a VM disk that is a qcow2 overlay of a
// library image uses that image even though its XML names only the overlay. Locally, qemu-img (run
// through src/core/exec) follows the whole chain, with -U so a running VM's lock does not stop it;
// on a remote host, libvirt's volume XML gives each layer's <backingStore> in turn.
import { XMLParser } from 'fast-xml-parser';
import type { LibvirtClient } from '../../../libvirt/index.js';
import { runCommand } from '../../exec/run-command.js';

interface QemuImgLayer {
  filename?: string;
  'full-backing-filename'?: string;
  'backing-filename'?: string;
}

/** Backing files of `path` per `qemu-img info --backing-chain` (nearest first); [] when unreadable. */
export async function localBackingChain(path: string, signal?: AbortSignal): Promise<string[]> {
  try {
    const { stdout } = await runCommand(
      'qemu-img',
      ['info', '--backing-chain', '--output=json', '-U', path],
      {
        timeoutMs: 30_000,
        missingHint: 'Debian package qemu-utils',
        ...(signal !== undefined && { signal }),
      },
    );
    const parsed = JSON.parse(stdout) as QemuImgLayer | QemuImgLayer[];
    const layers = Array.isArray(parsed) ? parsed : [parsed];
    const out = new Set<string>();
    for (const [i, layer] of layers.entries()) {
      if (i > 0 && layer.filename !== undefined) out.add(layer.filename);
      const backing = layer['full-backing-filename'] ?? layer['backing-filename'];
      if (backing !== undefined) out.add(backing);
    }
    return [...out];
  } catch {
    return [];
  }
}

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

/** Backing files of `path` from libvirt's volume XML, layer by layer (remote hosts). */
export async function volumeBackingChain(client: LibvirtClient, path: string): Promise<string[]> {
  const out: string[] = [];
  let current = path;
  for (let depth = 0; depth < 32; depth++) {
    try {
      const vol = await client.storage.lookupVolumeByPath(current);
      const xml = parser.parse(await client.storage.getVolumeXmlDesc(vol)) as {
        volume?: { backingStore?: { path?: unknown } };
      };
      const next = xml.volume?.backingStore?.path;
      if (typeof next !== 'string' || next === '' || out.includes(next)) break;
      out.push(next);
      current = next;
    } catch {
      break;
    }
  }
  return out;
}
