// Body of `hv vm create`: a profile from --profile FILE or from flags, then createVm, which checks
// everything before it makes anything and undoes every step on failure or Ctrl-C. HV_TEST_FAIL_AT
// (tests only, see docs/vm-create.md) injects a failure after a step.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../../core/config/load-config.js';
import { UsageError, ValidationError } from '../../core/errors/index.js';
import { openHost } from '../../core/host/open-host.js';
import { kvmUsable } from '../../core/profile/detect-kvm.js';
import { loadProfileFile } from '../../core/profile/load-profile-file.js';
import { formatProfileWarning } from '../../core/profile/profile-error.js';
import type { CloudUser } from '../../core/vm/create/cloud-init-data.js';
import { createVm } from '../../core/vm/create/create-vm.js';
import { flagsToProfile, type CreateFlags } from '../../core/vm/create/flags-to-profile.js';
import type { CliContext } from '../context.js';
import { effectiveConnectUri } from '../effective-connect-uri.js';
import { printJson, printText } from '../render/output.js';
import { loadMediaLibrary } from './vm-create-library.js';

/** Options of `hv vm create`. */
export interface VmCreateOptions extends CreateFlags {
  profile?: string;
  user?: string;
  sshKey?: string;
  start?: boolean;
}

const FLAG_HINT =
  'give --profile FILE, or NAME with --cpus N --memory SIZE --disk SIZE [--iso X|--image X] [--network N]';

async function cloudUser(opts: VmCreateOptions): Promise<CloudUser | undefined> {
  if (opts.sshKey !== undefined && opts.user === undefined) {
    throw new ValidationError('--user', 'is required with --ssh-key');
  }
  if (opts.user === undefined) return undefined;
  if (!/^[a-z_][a-z0-9_-]{0,31}$/.test(opts.user)) {
    throw new ValidationError('--user', 'must be a Linux user name ([a-z_][a-z0-9_-]*, at most 32)', {
      value: opts.user,
    });
  }
  const sshKeys: string[] = [];
  if (opts.sshKey !== undefined) {
    const text = await readFile(opts.sshKey, 'utf8').catch((err: unknown) => {
      throw new ValidationError('--ssh-key', 'cannot be read', { value: opts.sshKey, cause: err });
    });
    for (const line of text.split('\n').map((l) => l.trim())) {
      if (line === '' || line.startsWith('#')) continue;
      if (!/^(ssh-|ecdsa-|sk-)[A-Za-z0-9@.-]+ [A-Za-z0-9+/=]+( .*)?$/.test(line)) {
        throw new ValidationError('--ssh-key', 'must hold OpenSSH public keys, one a line', {
          value: line.slice(0, 40),
        });
      }
      sshKeys.push(line);
    }
  }
  return { name: opts.user, sshKeys };
}

/** `hv vm create`. */
export async function vmCreate(ctx: CliContext, args: string[], opts: VmCreateOptions): Promise<number> {
  const name = args[0];
  if (opts.profile === undefined && name === undefined) {
    throw new UsageError(`hv vm create: no profile and no name; ${FLAG_HINT} (the wizard needs a terminal)`);
  }
  if (opts.profile !== undefined && name !== undefined) {
    throw new UsageError('hv vm create: give either --profile FILE or a NAME with flags, not both');
  }
  if (opts.iso !== undefined && opts.image !== undefined) {
    throw new UsageError('hv vm create: --iso and --image exclude each other');
  }
  const parsed =
    opts.profile !== undefined ? await loadProfileFile(opts.profile) : flagsToProfile(name ?? '', opts);
  for (const w of parsed.warnings) ctx.stderr.write(`${formatProfileWarning(w, opts.profile ?? 'flags')}\n`);
  const user = await cloudUser(opts);
  const { config } = await loadConfig(ctx.options.configPath);
  const kvm = await kvmUsable();
  const client = await openHost(effectiveConnectUri(ctx.options, config), { signal: ctx.signal });
  try {
    const baseDir = opts.profile !== undefined ? dirname(resolve(opts.profile)) : process.cwd();
    const failAt = ctx.env.HV_TEST_FAIL_AT;
    const created = await createVm(client, {
      profile: parsed.profile,
      config,
      kvm,
      media: { baseDir, library: loadMediaLibrary(config) },
      ...(user !== undefined && { cloudUser: user }),
      forceSeed: opts.image !== undefined,
      start: opts.start === true,
      origin: {
        format: parsed.format,
        ...(opts.profile !== undefined && { file: resolve(opts.profile) }),
      },
      signal: ctx.signal,
      warn: (m) => {
        if (!ctx.options.quiet) ctx.stderr.write(`hv: warning: ${m}\n`);
      },
      ...(failAt !== undefined && failAt !== '' && { failAt }),
    });
    if (ctx.options.json) printJson(ctx, created);
    else {
      printText(
        ctx,
        `created VM ${created.name} (${created.uuid}, ${created.virtType}); volumes: ${created.volumes.join(', ')}` +
          (created.started ? '; started' : ''),
      );
    }
    return 0;
  } finally {
    await client.close();
  }
}
