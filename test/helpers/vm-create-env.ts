// A throw-away environment for VM create tests on qemu:///system: a temp state_dir and config with a
// storage pool unique to the test file (under /var/lib/libvirt/images/hvtest-*), the tiny guest's disk
// as the "cloud image", and a snapshot of domains and pool volumes to prove a failure left nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { LibvirtClient } from '../../src/libvirt/index.js';
import type { HvConfig } from '../../src/core/config/config-schema.js';
import { parseConfigText } from '../../src/core/config/parse-config-text.js';
import { ensureTestGuest } from './test-guest.js';

/** One test file's environment. */
export interface VmCreateEnv {
  readonly dir: string;
  readonly pool: string;
  readonly poolPath: string;
  readonly configPath: string;
  readonly config: HvConfig;
  readonly image: string;
  readonly client: LibvirtClient;
  /** Names of the domains using this environment's pool or directory, and of the pool's volumes (sorted). */
  snapshot(): Promise<{ domains: string[]; volumes: string[] }>;
  /** Destroy and undefine the given domains, remove the pool and the temp dir. */
  dispose(domains: readonly string[]): Promise<void>;
}

/** Build the environment (`label` makes the pool name readable: hvtest-<label>-<random>). */
export async function vmCreateEnv(label: string): Promise<VmCreateEnv> {
  const guest = await ensureTestGuest();
  const dir = mkdtempSync(join(tmpdir(), `hv-${label}-`));
  const pool = `hvtest-${label}-${randomBytes(3).toString('hex')}`;
  const poolPath = `/var/lib/libvirt/images/${pool}`;
  const text =
    `log_dir: ${dir}/log\nstate_dir: ${dir}/state\nallowed_roots: [${dir}, ${dirname(guest.diskImage)}]\n` +
    `storage:\n  pool: ${pool}\n  pool_path: ${poolPath}\nimages:\n  dir: ${dir}/library\n  pool: ${pool}-lib\n`;
  const configPath = join(dir, 'config.yaml');
  writeFileSync(configPath, text);
  const { config } = parseConfigText(text, configPath);
  const client = await LibvirtClient.connect('qemu:///system');
  const snapshot = async (): Promise<{ domains: string[]; volumes: string[] }> => {
    // Only domains that use this environment's pool or directory: other test files run at the same
    // time and define VMs of their own.
    const all = await client.domains.listAll();
    const mine = await Promise.all(
      all.map(async (d) => {
        const xml = await client.domains.getXmlDesc(d, 2).catch(() => '');
        return xml.includes(poolPath) || xml.includes(dir) ? d.name : undefined;
      }),
    );
    const domains = mine.filter((n): n is string => n !== undefined).sort();
    const p = await client.storage.lookupPoolByName(pool).catch(() => undefined);
    if (p === undefined) return { domains, volumes: [] };
    await client.storage.refreshPool(p);
    const volumes = (await client.storage.listAllVolumes(p)).map((v) => v.name).sort();
    return { domains, volumes };
  };
  const dispose = async (domains: readonly string[]): Promise<void> => {
    for (const name of domains) {
      const d = await client.domains.lookupByName(name).catch(() => undefined);
      if (d === undefined) continue;
      await client.domains.destroyFlags(d).catch(() => undefined);
      await client.domains.undefine(d, 1 | 2 | 4 | 16).catch(() => undefined);
    }
    const p = await client.storage.lookupPoolByName(pool).catch(() => undefined);
    if (p !== undefined) {
      await client.storage.refreshPool(p).catch(() => undefined);
      for (const v of await client.storage.listAllVolumes(p).catch(() => [])) {
        await client.storage.deleteVolume(v).catch(() => undefined);
      }
      await client.storage.destroyPool(p).catch(() => undefined);
      await client.storage.deletePool(p).catch(() => undefined);
      await client.storage.undefinePool(p).catch(() => undefined);
    }
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, pool, poolPath, configPath, config, image: guest.diskImage, client, snapshot, dispose };
}
