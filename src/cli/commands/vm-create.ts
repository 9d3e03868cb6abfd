// `hv vm create`, `hv vm apply`, `hv vm export-profile` and `hv gc` registration. The bodies (libvirt, zod, xorriso) load only when run.
import type { CommandRegistrar } from '../command.js';
import type { VmCreateOptions } from './vm-create-command.js';
import { vmNoun } from './vm-list.js';

/** Registers `hv vm create`, `hv vm apply`, `hv vm export-profile` and `hv gc`. */
export const registerVmCreate: CommandRegistrar = (program, action) => {
  vmNoun(program)
    .command('create')
    .description('create a VM from a profile (--profile FILE) or from flags; docs/vm-create.md')
    .argument('[name]', 'VM name (flag form)')
    .option('--profile <file>', 'profile file (hv YAML/JSON or Hyper-NixOS JSON)')
    .option('--cpus <n>', 'vCPUs (flag form; default 1)')
    .option('--memory <size>', 'memory, e.g. 2G (flag form; default 1G)')
    .option('--disk <size>', 'size of the first disk, e.g. 20G (flag form)')
    .option('--iso <name-or-path>', 'installation ISO (library name or path)')
    .option('--image <name-or-path>', 'cloud image: the disk becomes a linked qcow2 overlay of it')
    .option('--network <name>', 'libvirt network of the NIC (default: network.default)')
    .option('--firmware <bios|uefi>', 'firmware (flag form)')
    .option('--user <name>', 'cloud-init: create this login user (sudo, key login only)')
    .option('--ssh-key <file>', 'cloud-init: authorize this OpenSSH public key file for --user')
    .option('--start', 'start the VM once it is defined')
    .action(
      action<VmCreateOptions>(async (ctx, args, opts) => {
        const { vmCreate } = await import('./vm-create-command.js');
        return vmCreate(ctx, args, opts);
      }),
    );
  vmNoun(program)
    .command('apply')
    .description('bring an existing VM to a changed profile (prints the diff; live where possible)')
    .requiredOption('--profile <file>', 'the changed profile')
    .option('--dry-run', 'only print the diff')
    .action(
      action<{ profile: string; dryRun?: boolean }>(async (ctx, _args, opts) => {
        const { vmApply } = await import('./vm-apply-command.js');
        return vmApply(ctx, opts);
      }),
    );
  vmNoun(program)
    .command('export-profile')
    .description("write a VM's profile (from hv's metadata) as hv YAML, to stdout or --out FILE")
    .argument('<name>', 'VM name')
    .option('--out <file>', 'write to this file (must not exist)')
    .action(
      action<{ out?: string }>(async (ctx, args, opts) => {
        const { vmExportProfile } = await import('./vm-export-profile-command.js');
        return vmExportProfile(ctx, args[0] ?? '', opts);
      }),
    );
  program
    .command('gc')
    .description('remove leftovers of interrupted VM creates (volumes, domains, journals)')
    .option('--dry-run', 'only list what would be removed')
    .action(
      action<{ dryRun?: boolean }>(async (ctx, _args, opts) => {
        const { gcCommand } = await import('./gc-command.js');
        return gcCommand(ctx, opts);
      }),
    );
};
