// Probe for the right to use the system libvirtd: root, or a member of the libvirt group (as Debian's
// polkit rules allow). Session and remote URIs have their own rules and are skipped.
import { readFile } from 'node:fs/promises';
import { parseLibvirtUri } from '../../../libvirt/transport/libvirt-uri.js';
import type { DoctorEnv, ProbeResult } from '../doctor-check.js';

/** The gid of `group` in an /etc/group text, or undefined. */
function gidOf(groupFile: string, group: string): number | undefined {
  for (const line of groupFile.split('\n')) {
    const [name, , gid] = line.split(':');
    if (name === group && gid !== undefined && /^\d+$/.test(gid)) return Number(gid);
  }
  return undefined;
}

/** Probe whether this user may manage the system daemon. */
export async function probeAccess(env: DoctorEnv): Promise<ProbeResult> {
  let system = false;
  try {
    const uri = parseLibvirtUri(env.connectUri);
    system = uri.transport === 'unix' && uri.path === '/system';
  } catch {
    // an unusable URI is reported by the libvirtd check
  }
  if (!system) return { state: 'skip', summary: `not a local system URI (${env.connectUri})` };
  if (env.uid === 0) return { state: 'ok', summary: 'running as root' };
  const gid = gidOf(await readFile(env.paths.etcGroup, 'utf8').catch(() => ''), 'libvirt');
  if (gid !== undefined && env.gids.includes(gid))
    return { state: 'ok', summary: 'member of the libvirt group' };
  return {
    state: 'missing',
    summary: `uid ${env.uid} is neither root nor in the libvirt group`,
    fix: 'run hv as root, or: usermod -aG libvirt $USER (then log in again)',
  };
}
