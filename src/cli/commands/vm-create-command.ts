// Body of `hv vm create`: a profile from --profile FILE, from flags, or (no arguments, on a terminal)
// from the wizard, then createVm, which checks everything before it makes anything and undoes every
// step on failure or Ctrl-C. HV_TEST_FAIL_AT (tests only, see docs/vm-create.md) injects a failure
// after a step.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../../core/config/load-config.js';
import { UsageError, ValidationError } from '../../core/errors/index.js';
import { openHost } from '../../core/host/open-host.js';
import { kvmUsable } from '../../core/profile/detect-kvm.js';
import type { LibvirtClient } from '../../libvirt/index.js';
import type { HvConfig } from '../../core/config/config-schema.js';
import { loadProfileFile } from '../../core/profile/load-profile-file.js';
import type { ParsedProfile } from '../../core/profile/parse-profile-text.js';
import { formatProfileWarning } from '../../core/profile/profile-error.js';
import type { CloudUser } from '../../core/vm/create/cloud-init-data.js';
import { cloudUserOf } from '../../core/vm/create/cloud-user.js';
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
  const file = opts.sshKey;
  const text =
    file === undefined
      ? undefined
      : await readFile(file, 'utf8').catch((err: unknown) => {
          throw new ValidationError('--ssh-key', 'cannot be read', { value: file, cause: err });
        });
  return cloudUserOf(
    { field: '--user', name: opts.user },
    text === undefined ? undefined : { field: '--ssh-key', text },
  );
}

/** How {@link createFromProfile} creates. */
export interface CreateRun {
  readonly baseDir: string;
  readonly user?: CloudUser;
  /** A cloud image: build a seed even without a user. */
  readonly forceSeed: boolean;
  readonly start: boolean;
  readonly file?: string;
}

/** Create the VM of `parsed` through createVm and print what was made (shared by flags, files, wizard). */
export async function createFromProfile(
  ctx: CliContext,
  client: LibvirtClient,
  config: HvConfig,
  parsed: ParsedProfile,
  run: CreateRun,
): Promise<void> {
  const failAt = ctx.env.HV_TEST_FAIL_AT;
  const created = await createVm(client, {
    profile: parsed.profile,
    config,
    kvm: await kvmUsable(),
    media: { baseDir: run.baseDir, library: loadMediaLibrary(config) },
    ...(run.user !== undefined && { cloudUser: run.user }),
    forceSeed: run.forceSeed,
    start: run.start,
    origin: { format: parsed.format, ...(run.file !== undefined && { file: run.file }) },
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
}

/** `hv vm create`. */
export async function vmCreate(ctx: CliContext, args: string[], opts: VmCreateOptions): Promise<number> {
  const name = args[0];
  if (opts.profile === undefined && name === undefined) {
    if (ctx.stdin.isTTY === true && ctx.stdout.isTTY === true && !ctx.options.json) {
      const { vmCreateWizard } = await import('./vm-create-wizard.js');
      return vmCreateWizard(ctx);
    }
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
  const client = await openHost(effectiveConnectUri(ctx.options, config), { signal: ctx.signal });
  try {
    await createFromProfile(ctx, client, config, parsed, {
      baseDir: opts.profile !== undefined ? dirname(resolve(opts.profile)) : process.cwd(),
      ...(user !== undefined && { user }),
      forceSeed: opts.image !== undefined,
      start: opts.start === true,
      ...(opts.profile !== undefined && { file: resolve(opts.profile) }),
    });
    return 0;
  } finally {
    await client.close();
  }
}
