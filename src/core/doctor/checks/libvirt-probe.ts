// Probe for libvirtd: for a local URI, the daemon's unix socket must accept a connection (the same
// socket choice the libvirt client makes); with a version probe plugged in, the daemon's version too.
// Remote URIs are checked when hv connects, unless a version probe is available.
import { connect } from 'node:net';
import { parseLibvirtUri } from '../../../libvirt/transport/libvirt-uri.js';
import { localSocketPaths } from '../../../libvirt/transport/local-socket-paths.js';
import type { DoctorEnv, ProbeResult } from '../doctor-check.js';
import { errnoOf } from './errno-of.js';

/** Try to connect to a unix socket; resolves with undefined on success or the errno on failure. */
function tryConnect(path: string, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ path });
    const done = (result: string | undefined): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => {
      done('ETIMEDOUT');
    });
    socket.once('connect', () => {
      done(undefined);
    });
    socket.once('error', (err) => {
      done(errnoOf(err) ?? 'EIO');
    });
  });
}

async function versionOf(env: DoctorEnv): Promise<ProbeResult | string | undefined> {
  if (env.probeLibvirtVersion === undefined) return undefined;
  try {
    return await env.probeLibvirtVersion(env.connectUri, env.signal);
  } catch (err) {
    return {
      state: 'missing',
      summary: `libvirtd at ${env.connectUri} did not answer: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

/** Probe the daemon behind env.connectUri. */
export async function probeLibvirt(env: DoctorEnv): Promise<ProbeResult> {
  let uri;
  let sockets: string[];
  try {
    uri = parseLibvirtUri(env.connectUri);
    sockets = uri.transport === 'unix' ? localSocketPaths(uri, { uid: env.uid, env: env.env }) : [];
  } catch (err) {
    return {
      state: 'missing',
      summary: `cannot use URI ${env.connectUri}: ${err instanceof Error ? err.message : String(err)}`,
      fix: 'fix --connect, HV_CONNECT or the connect key of the configuration',
    };
  }
  const version = await versionOf(env);
  if (typeof version === 'object') return version;
  const ofVersion = version === undefined ? '' : `libvirt ${version} `;
  if (uri.transport !== 'unix') {
    return version === undefined
      ? { state: 'skip', summary: `remote URI ${env.connectUri}: checked when hv connects` }
      : { state: 'ok', summary: `${ofVersion}at ${env.connectUri}` };
  }
  const failures: string[] = [];
  for (const path of sockets) {
    const errno = await tryConnect(path, 2000);
    if (errno === undefined) return { state: 'ok', summary: `${ofVersion}listening on ${path}` };
    failures.push(`${path}: ${errno}`);
  }
  const first = failures[0] ?? '';
  if (first.endsWith('EACCES')) {
    return {
      state: 'missing',
      summary: `not allowed to connect (${failures.join(', ')})`,
      fix: 'run as root or join the libvirt group',
    };
  }
  const why = first.endsWith('ENOENT') ? 'no socket' : 'the socket does not accept connections';
  return { state: 'missing', summary: `libvirtd is not running (${why}: ${failures.join(', ')})` };
}
