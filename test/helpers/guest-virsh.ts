// virsh-based fixtures for integration tests: define, start, watch and remove test domains.
// Only tests use virsh, and only until hv's own libvirt client covers these calls; hv itself
// never runs virsh. Arguments go as arrays (no shell), always against qemu:///system.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { HV_METADATA_NS } from '../../src/core/vm/vm-tags.js';

const URI = 'qemu:///system';

/** Result of one virsh run. */
export interface VirshResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `virsh -c qemu:///system ...args`; throws unless it exits 0 (or `allowFail`). */
export function virsh(args: readonly string[], allowFail = false): VirshResult {
  const r = spawnSync('virsh', ['-c', URI, ...args], { encoding: 'utf8', timeout: 60_000 });
  const res = { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  if (r.error) throw new Error(`virsh ${args.join(' ')}: ${r.error.message}`, { cause: r.error });
  if (res.status !== 0 && !allowFail) {
    throw new Error(`virsh ${args.join(' ')} exited ${res.status}: ${res.stderr.trim()}`);
  }
  return res;
}

/** Write hv's metadata element with these tags into a domain, live and persistent (as a profile would). */
export function setHvTags(name: string, tags: readonly string[]): void {
  const xml = `<vm><tags>${tags.map((t) => `<tag>${t}</tag>`).join('')}</tags></vm>`;
  virsh(['metadata', name, '--uri', HV_METADATA_NS, '--key', 'hv', '--live', '--config', '--set', xml]);
}

/** A domain name no other test (or run) uses: `hvtest-<label>-<8 hex>`. */
export function uniqueDomainName(label: string): string {
  return `hvtest-${label}-${randomBytes(4).toString('hex')}`;
}

/** Defines a persistent domain from XML and returns its name. */
export function defineDomain(xml: string): string {
  const name = /<name>([^<]+)<\/name>/.exec(xml)?.[1];
  if (!name) throw new Error('defineDomain: the XML has no <name>');
  const dir = mkdtempSync(join(tmpdir(), 'hvtest-xml-'));
  try {
    writeFileSync(join(dir, 'domain.xml'), xml);
    virsh(['define', join(dir, 'domain.xml')]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return name;
}

/** The domain's state as virsh words it ('running', 'shut off', 'paused', ...). */
export function domState(name: string): string {
  return virsh(['domstate', name]).stdout.trim();
}

/** State with reason, e.g. 'shut off (crashed)'. */
export function domStateReason(name: string): string {
  return virsh(['domstate', '--reason', name]).stdout.trim();
}

/** Polls `virsh domstate` every 100 ms until it equals `state`; resolves with the ms waited. */
export async function waitForDomState(name: string, state: string, timeoutMs: number): Promise<number> {
  const start = performance.now();
  let last = '';
  while (performance.now() - start < timeoutMs) {
    last = domState(name);
    if (last === state) return performance.now() - start;
    await sleep(100);
  }
  throw new Error(`domain ${name}: still '${last}' after ${timeoutMs} ms (wanted '${state}')`);
}

/**
 * Stops (if running) and removes a domain with its snapshot/checkpoint metadata and managed save.
 * Missing domains are fine, so it is safe in `after` hooks even when the test failed early.
 */
export function destroyAndUndefine(name: string): void {
  const exists = virsh(['domstate', name], true);
  if (exists.status !== 0) return;
  if (exists.stdout.trim() !== 'shut off') virsh(['destroy', name], true);
  const r = virsh(
    ['undefine', name, '--managed-save', '--snapshots-metadata', '--checkpoints-metadata', '--nvram'],
    true,
  );
  if (r.status !== 0 && virsh(['domstate', name], true).status === 0) {
    throw new Error(`destroyAndUndefine ${name}: ${r.stderr.trim()}`);
  }
}
