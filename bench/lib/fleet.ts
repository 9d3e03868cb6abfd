// Fleets of domains for benchmarks: a test-driver node file (served by libvirtd) and real defined
// (never started) domains on qemu:///system.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LibvirtClient } from '../../src/libvirt/index.js';

/** Write a test-driver node XML with `count` domains; returns its absolute path. */
export function writeTestFleet(dir: string, count: number): string {
  mkdirSync(dir, { recursive: true });
  const domains = Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(3, '0');
    return `  <domain type='test'><name>fleet-${n}</name><memory unit='MiB'>${128 + (i % 4) * 64}</memory><vcpu>${1 + (i % 4)}</vcpu><os><type>hvm</type></os></domain>`;
  });
  const path = join(dir, `fleet-${count}.xml`);
  writeFileSync(path, `<node>\n${domains.join('\n')}\n</node>\n`);
  return path;
}

/** XML of a small persistent qemu domain that is only defined, never started. */
function idleDomainXml(name: string): string {
  return `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>
<os><type arch='x86_64'>hvm</type></os><devices><emulator>/usr/bin/qemu-system-x86_64</emulator></devices></domain>`;
}

/** Define `count` idle domains named `<prefix>-NNN`; returns their names. */
export async function defineIdleDomains(
  client: LibvirtClient,
  prefix: string,
  count: number,
): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(3, '0')}`);
  await Promise.all(names.map((n) => client.domains.defineXml(idleDomainXml(n))));
  return names;
}

/** Undefine every domain whose name starts with `<prefix>-` (also leftovers of an earlier run). */
export async function undefineByPrefix(client: LibvirtClient, prefix: string): Promise<void> {
  const doms = await client.domains.listAll();
  await Promise.all(
    doms.filter((d) => d.name.startsWith(`${prefix}-`)).map((d) => client.domains.undefine(d)),
  );
}
