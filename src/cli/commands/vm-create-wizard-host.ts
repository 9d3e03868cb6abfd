// The host facts the create wizard's defaults come from (cores, memory, networks, VMs, the image
// library, key files, huge pages) and its file checks, gathered once before the first question.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { LibvirtClient } from '../../libvirt/index.js';
import type { HvConfig } from '../../core/config/config-schema.js';
import { ValidationError } from '../../core/errors/index.js';
import { archFromNode } from '../../core/profile/domain-xml/host-facts.js';
import { parsePublicKeys } from '../../core/vm/create/cloud-user.js';
import type { MediaLibrary } from '../../core/vm/create/media-library.js';
import type { WizardContext } from '../../core/vm/wizard/wizard-context.js';

function checkFile(path: string): string | undefined {
  const st = existsSync(path) ? statSync(resolve(path)) : undefined;
  if (st === undefined) return 'no such file';
  return st.isFile() ? undefined : 'must be a regular file';
}

function checkKeyFile(path: string): string | undefined {
  const bad = checkFile(path);
  if (bad !== undefined) return bad;
  try {
    return parsePublicKeys('ssh_key', readFileSync(path, 'utf8')).length === 0
      ? 'holds no public key'
      : undefined;
  } catch (err) {
    if (err instanceof ValidationError) return err.rule;
    return 'cannot be read';
  }
}

function checkNewFile(path: string): string | undefined {
  if (existsSync(path)) return 'already exists (choose another path)';
  return existsSync(dirname(resolve(path))) ? undefined : 'its directory does not exist';
}

function keyFiles(home: string): string[] {
  const dir = join(home, '.ssh');
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.pub'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

function hugepagesReserved(): boolean {
  const text = existsSync('/proc/meminfo') ? readFileSync('/proc/meminfo', 'utf8') : '';
  return Number(/^HugePages_Total:\s+(\d+)/m.exec(text)?.[1] ?? 0) > 0;
}

/** The wizard's view of the host behind `client`. */
export async function wizardHost(
  client: LibvirtClient,
  config: HvConfig,
  library: MediaLibrary,
  env: NodeJS.ProcessEnv,
): Promise<WizardContext> {
  const info = await client.node.getInfo();
  const free = await client.node.getFreeMemory().catch(() => info.memoryKiB * 1024n);
  const networks = await client.networks.listAll().catch(() => []);
  const vms = await client.domains.listAll();
  const user = env.SUDO_USER ?? env.USER;
  return {
    cores: info.cpus,
    totalMemoryMiB: Number(info.memoryKiB / 1024n),
    freeMemoryMiB: Number(free / 1048576n),
    hostArch: archFromNode(process.arch) ?? 'x86_64',
    networks: networks.map((n) => n.name).sort(),
    defaultNetwork: config.network.default,
    vms: vms.map((d) => d.name),
    images: library.images.map((i) => ({ name: i.name, kind: i.kind })),
    libraryLabel: library.label,
    keyFiles: keyFiles(env.HOME ?? homedir()),
    ...(user !== undefined && user !== 'root' && /^[a-z_][a-z0-9_-]{0,31}$/.test(user) && { userName: user }),
    hugepagesReserved: hugepagesReserved(),
    checkFile,
    checkKeyFile,
    checkNewFile,
  };
}
