// `hv profile validate|render|import|schema`: check, render and convert VM profiles without touching
// libvirt. Registration only; the bodies load zod, yaml and the XML writer when they run.
import { Option } from 'commander';
import type { CommandRegistrar } from '../command.js';

/** Registers `hv profile` and its subcommands. */
export const registerProfile: CommandRegistrar = (program, action) => {
  const profile = program
    .command('profile')
    .description(
      'check, render and convert VM profiles (hv YAML/JSON or Hyper-NixOS JSON; docs/profiles.md)',
    );
  profile
    .command('validate')
    .description('check profile files without touching libvirt; exit 4 when any is invalid')
    .argument('<file...>', 'profile files')
    .action(
      action(async (ctx, args) => {
        const { profileValidate } = await import('./profile-validate.js');
        return profileValidate(ctx, args);
      }),
    );
  profile
    .command('render')
    .description('print the libvirt domain XML a profile gives on this host')
    .argument('<file>', 'profile file')
    .addOption(
      new Option(
        '--virt-type <type>',
        'pretend KVM is (kvm) or is not (qemu) usable; default: detected',
      ).choices(['kvm', 'qemu']),
    )
    .action(
      action<{ virtType?: 'kvm' | 'qemu' }>(async (ctx, args, opts) => {
        const { profileRender } = await import('./profile-render.js');
        return profileRender(ctx, args[0] ?? '', opts);
      }),
    );
  profile
    .command('import')
    .description(
      'convert Hyper-NixOS JSON profiles to hv YAML (printed, or written to --out DIR/<name>.yaml)',
    )
    .argument('<file...>', 'profile files')
    .option('--out <dir>', 'write <dir>/<name>.yaml for each profile instead of printing')
    .option('--force', 'overwrite existing files in --out')
    .action(
      action<{ out?: string; force?: boolean }>(async (ctx, args, opts) => {
        const { profileImport } = await import('./profile-import.js');
        return profileImport(ctx, args, opts);
      }),
    );
  profile
    .command('schema')
    .description('print the JSON Schema of hv profiles (for editors)')
    .action(
      action(async (ctx) => {
        const { renderProfileJsonSchema } = await import('../../core/profile/profile-json-schema.js');
        ctx.stdout.write(renderProfileJsonSchema());
        return undefined;
      }),
    );
};
