// Tiny test guests for the lifecycle tests, DEFINED but not started (starting them is what the tests
// test). Names share one random prefix so a glob (`<prefix>-*`) selects exactly them; optional hv tags
// go into hv's metadata element the way hv writes them.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestGuest } from './guest-build.js';
import { testGuestDomainXml } from './guest-domain-xml.js';
import { defineDomain, destroyAndUndefine } from './guest-virsh.js';

/** One guest to define. */
export interface LifecycleGuestSpec {
  /** Guest switches, e.g. `probe.acpi=ignore`. */
  kernelArgs?: string;
  /** Tags in hv's metadata. */
  tags?: readonly string[];
}

/** Defined guests and how to remove them. */
export interface LifecycleGuests {
  /** `hvtest-<label>-<hex>`: the common prefix of every name. */
  prefix: string;
  names: string[];
  /** Serial log of guest `i` (truncated at each start). */
  serialLog: (i: number) => string;
  /** Destroy and undefine every guest, remove the work directory. Idempotent. */
  dispose: () => void;
}

const HV_NS = 'https://hv.dev/xmlns/vm/1';

/** Define one tiny kernel-boot guest per spec (no NIC, no agent), named `<prefix>-<i>`. */
export async function defineLifecycleGuests(
  label: string,
  specs: readonly LifecycleGuestSpec[],
): Promise<LifecycleGuests> {
  const guest = await ensureTestGuest();
  const prefix = `hvtest-${label}-${randomBytes(3).toString('hex')}`;
  const workDir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  chmodSync(workDir, 0o755);
  const names: string[] = [];
  const serialLog = (i: number): string => join(workDir, `serial-${i}.log`);
  const dispose = (): void => {
    for (const n of names) destroyAndUndefine(n);
    names.length = 0;
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    specs.forEach((spec, i) => {
      const name = `${prefix}-${i + 1}`;
      let xml = testGuestDomainXml({
        name,
        kernel: guest.vmlinux,
        initrd: guest.initrd,
        serialLog: serialLog(i),
        agent: false,
        network: null,
        ...(spec.kernelArgs !== undefined && { kernelArgs: spec.kernelArgs }),
      });
      if (spec.tags !== undefined && spec.tags.length > 0) {
        const tags = spec.tags.map((t) => `<hv:tag>${t}</hv:tag>`).join('');
        xml = xml.replace(
          '</domain>',
          `  <metadata><hv:vm xmlns:hv='${HV_NS}'><hv:tags>${tags}</hv:tags></hv:vm></metadata>\n</domain>`,
        );
      }
      defineDomain(xml);
      names.push(name);
    });
  } catch (err) {
    dispose();
    throw err;
  }
  return { prefix, names: [...names], serialLog, dispose };
}
