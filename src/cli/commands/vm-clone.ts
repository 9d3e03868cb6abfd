// `hv vm clone SRC NEW` registration. The body (libvirt, xorriso) loads only when it runs.
import type { CommandRegistrar } from '../command.js';
import type { VmCloneOptions } from './vm-clone-command.js';
import { vmNoun } from './vm-list.js';

/** Registers `hv vm clone`. */
export const registerVmClone: CommandRegistrar = (program, action) => {
  vmNoun(program)
    .command('clone')
    .description(
      'clone a shut-off VM or a template: new UUID, MACs, cloud-init instance-id; docs/templates-and-clones.md',
    )
    .argument('<source>', 'VM or template to clone')
    .argument('<name>', 'name of the new VM')
    .option('--full', 'independent copies of the disks (default)')
    .option('--linked', 'qcow2 overlays backed by the source disks (templates only)')
    .option('--start', 'start the clone once it is defined')
    .action(
      action<VmCloneOptions>(async (ctx, args, opts) => {
        const { vmClone } = await import('./vm-clone-command.js');
        return vmClone(ctx, args, opts);
      }),
    );
};
