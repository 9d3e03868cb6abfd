// A private libvirtd (test/helpers/second-libvirtd.ts) with tiny TCG guests for the ordered-autostart,
// shutdown-all and recover tests: those commands act on EVERY VM of a host, so they must never run
// against the shared qemu:///system. Guests carry hv's `<hv:autostart group priority>` metadata; a
// recorder keeps every lifecycle event in arrival order; hv runs against the daemon with a temp config.
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openHost } from '../../src/core/host/open-host.js';
import type { DomainLifecycleEvent, EventSubscription, LibvirtClient } from '../../src/libvirt/index.js';
import { startSecondLibvirtd, type SecondLibvirtd } from './second-libvirtd.js';
import { spawnHv, type HvRun } from './spawn-hv.js';
import { ensureTestGuest, testGuestDomainXml } from './test-guest.js';

/** One guest to define. */
export interface BootGuestSpec {
  /** Suffix of the name (`<prefix>-<label>`). */
  readonly label: string;
  /** libvirt autostart flag. */
  readonly autostart?: boolean;
  /** Written as `<hv:autostart enabled='yes' group=.. priority=..>`; absent: no hv metadata at all. */
  readonly hints?: { readonly group?: string; readonly priority?: number };
  readonly kernelArgs?: string;
  readonly onCrash?: 'destroy' | 'preserve';
  /** Kernel file to boot instead of the shared test guest's (e.g. a copy a test deletes later). */
  readonly kernel?: string;
}

/** One lifecycle event as it arrived. */
export interface SeenEvent {
  readonly name: string;
  readonly event: number;
  readonly detail: number;
}

/** The private host. */
export interface BootOrderHost {
  readonly client: LibvirtClient;
  readonly uri: string;
  /** Scratch directory (state_dir lives in `<dir>/state`). */
  readonly dir: string;
  /** Every lifecycle event so far, in arrival order. */
  readonly events: readonly SeenEvent[];
  /** Define a guest; returns its name. */
  define(spec: BootGuestSpec): Promise<string>;
  serialLog(name: string): string;
  /** pid of the guest's QEMU process (from the daemon's pid file). */
  qemuPid(name: string): number;
  /** Write a config file (YAML text; state_dir is added) and return its path. */
  writeConfig(file: string, yaml: string): string;
  /** Run bin/hv against this daemon with config `configPath`; `onSpawn` gets the process. */
  hv(
    args: readonly string[],
    configPath: string,
    timeoutMs?: number,
    onSpawn?: (child: ChildProcess) => void,
  ): Promise<HvRun>;
  dispose(): Promise<void>;
}

const HV_NS = 'https://hv.dev/xmlns/vm/1';

function metadata(hints: BootGuestSpec['hints']): string {
  if (hints === undefined) return '';
  const group = hints.group === undefined ? '' : ` group='${hints.group}'`;
  const priority = hints.priority === undefined ? '' : ` priority='${hints.priority}'`;
  return `  <metadata><hv:vm xmlns:hv='${HV_NS}'><hv:autostart enabled='yes'${group}${priority}/></hv:vm></metadata>\n`;
}

/** Start a private libvirtd and connect to its QEMU driver. Root only. */
export async function startBootOrderHost(prefix: string): Promise<BootOrderHost> {
  const daemon: SecondLibvirtd = await startSecondLibvirtd();
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  chmodSync(dir, 0o755);
  const client = await openHost(daemon.qemuUri);
  const guest = await ensureTestGuest();
  const events: SeenEvent[] = [];
  const sub: EventSubscription<DomainLifecycleEvent> = await client.events.domainLifecycle();
  const pump = (async () => {
    for await (const e of sub) events.push({ name: e.dom.name, event: e.event, detail: e.detail });
  })().catch(() => undefined);
  const names: string[] = [];
  const serialLog = (name: string): string => join(dir, `${name}.serial.log`);
  return {
    client,
    uri: daemon.qemuUri,
    dir,
    events,
    async define(spec) {
      const name = `${prefix}-${spec.label}`;
      const xml = testGuestDomainXml({
        name,
        kernel: spec.kernel ?? guest.vmlinux,
        initrd: guest.initrd,
        serialLog: serialLog(name),
        agent: false,
        network: null,
        onCrash: spec.onCrash ?? 'destroy',
        ...(spec.kernelArgs !== undefined && { kernelArgs: spec.kernelArgs }),
      }).replace('</domain>', `${metadata(spec.hints)}</domain>`);
      const dom = await client.domains.defineXml(xml);
      names.push(name);
      if (spec.autostart === true) await client.domains.setAutostart(dom, true);
      return name;
    },
    serialLog,
    qemuPid: (name) =>
      Number(readFileSync(join(dirname(daemon.socket), 'qemu', `${name}.pid`), 'utf8').trim()),
    writeConfig(file, yaml) {
      const path = join(dir, file);
      writeFileSync(path, `state_dir: ${join(dir, 'state')}\nlog_dir: ${join(dir, 'log')}\n${yaml}`);
      return path;
    },
    hv: (args, configPath, timeoutMs = 300_000, onSpawn) =>
      spawnHv(['--connect', daemon.qemuUri, '--config', configPath, ...args], {
        timeoutMs,
        ...(onSpawn !== undefined && { onSpawn }),
      }),
    async dispose() {
      try {
        for (const name of names) {
          const dom = await client.domains.lookupByName(name).catch(() => undefined);
          if (dom === undefined) continue;
          await client.domains.destroyFlags(dom).catch(() => undefined);
          await client.domains.undefine(dom, 0).catch(() => undefined);
        }
        await sub.close().catch(() => undefined);
        await client.close().catch(() => undefined);
        await pump;
      } finally {
        await daemon.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
