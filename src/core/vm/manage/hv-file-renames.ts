// hv names a VM's files after it (`<vm>-disk0.qcow2`, `<vm>-cidata.iso`, `<vm>-nvram.fd` in its pool),
// and apply/edit rebuild the domain from that convention, so a renamed VM's files must follow its
// name. libvirt cannot rename volumes; on the libvirt host itself hv renames the files and points the
// domain at them. Pure parts here; the I/O is in rename-vm.ts.
import { basename, dirname, join } from 'node:path';
import { planConnection } from '../../../libvirt/index.js';
import { isInside } from './disk-ownership.js';
import { referencedPaths } from './domain-disks.js';

/** One file to move. */
export interface FileRename {
  readonly from: string;
  readonly to: string;
}

const SUFFIX = /^-(disk\d+\.qcow2|cidata\.iso|nvram\.fd)$/;

/** The files of domain `xml` in `poolPath` named after VM `from` by hv's scheme, with their new names. */
export function hvFileRenames(xml: string, from: string, to: string, poolPath: string): FileRename[] {
  const out: FileRename[] = [];
  for (const path of referencedPaths(xml)) {
    const base = basename(path);
    if (!isInside(poolPath, path) || !base.startsWith(from)) continue;
    const rest = base.slice(from.length);
    if (SUFFIX.test(rest)) out.push({ from: path, to: join(dirname(path), `${to}${rest}`) });
  }
  return out;
}

/** `xml` with every moved path (in attributes and element text) replaced by its new path. */
export function withRenamedPaths(xml: string, moves: readonly FileRename[]): string {
  let out = xml;
  for (const m of moves) {
    for (const [a, b] of [
      [`'${m.from}'`, `'${m.to}'`],
      [`"${m.from}"`, `"${m.to}"`],
      [`>${m.from}<`, `>${m.to}<`],
    ] as const) {
      out = out.split(a).join(b);
    }
  }
  return out;
}

/** Whether `uri` reaches a libvirtd on this machine (a local unix socket), where its files are ours to move. */
export function isLocalHost(uri: string): boolean {
  try {
    return planConnection(uri).transport.description.startsWith('unix:');
  } catch {
    return false;
  }
}
