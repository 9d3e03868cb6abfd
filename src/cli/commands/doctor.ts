// `hv doctor [check...]`: check this host against hv's dependency map. Registration only; the work
// is loaded when the command runs, so `hv --help` stays fast.
import type { CommandRegistrar } from '../command.js';

/** Registers `hv doctor`. */
export const registerDoctor: CommandRegistrar = (program, action) => {
  program
    .command('doctor')
    .description('check this host: libvirtd, KVM, QEMU and tools, free space, permissions, configuration')
    .argument('[check...]', 'run only these checks (the ids in the first column, e.g. qemu-img kvm)')
    .addHelpText(
      'after',
      '\nExit status: 0 when every check is ok or only warns; 11 when any check fails.\n' +
        'Each check, what needs it and its Debian package: docs/dependencies.md',
    )
    .action(
      action(async (ctx, args) => {
        const { doctorCommand } = await import('./doctor-command.js');
        return doctorCommand(ctx, args);
      }),
    );
};
