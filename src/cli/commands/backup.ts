// `hv backup create|list|verify|restore|reindex|protect|unprotect`: registration only; each body loads
// when its command runs. (`hv backup prune` registers in backup-prune.ts.)
import { Option } from 'commander';
import type { CommandRegistrar } from '../command.js';
import { backupNoun } from './backup-noun.js';
import type { BackupCreateOptions } from './backup-create-command.js';
import type { BackupRestoreOptions } from './backup-restore-command.js';
import type { BackupVerifyOptions } from './backup-verify-command.js';

/** Registers the backup verbs. */
export const registerBackup: CommandRegistrar = (program, action) => {
  const backup = backupNoun(program);
  backup
    .command('create')
    .description('back up VMs: incremental once a chain exists, full otherwise (docs/backups.md)')
    .argument('<vm...>', 'VMs to back up, one after the other')
    .option('--full', 'a full backup even when an incremental one is possible')
    .option('--target <dir>', 'backup target directory (default: backup.dir)')
    .addOption(new Option('--compress', 'compress the backup files (default: backup.compress)'))
    .addOption(new Option('--no-compress', 'do not compress the backup files'))
    .option('--no-space-check', 'skip the free-space check (file systems whose free space misleads)')
    .addHelpText(
      'after',
      '\nA running VM is backed up live (libvirt push backup, file systems frozen when its guest agent\n' +
        'answers); a stopped VM is copied with qemu-img (always full). Exit 8 when the target lacks\n' +
        'space, 10 when another backup of the VM runs.',
    )
    .action(
      action<BackupCreateOptions>(async (ctx, args, opts) => {
        const { backupCreate } = await import('./backup-create-command.js');
        return backupCreate(ctx, args, opts);
      }),
    );
  backup
    .command('list')
    .description('list backups: id, VM, time, type, size, parent, verified, protected')
    .argument('[vm]', 'only this VM')
    .action(
      action(async (ctx, args) => {
        const { backupList } = await import('./backup-list-command.js');
        return backupList(ctx, args[0]);
      }),
    );
  backup
    .command('verify')
    .description('re-hash every file, qemu-img check it and check the chain; exit 11 on any problem')
    .argument('[id-or-vm...]', 'backup ids, or VMs (all their backups)')
    .option('--all', 'every backup in the catalog')
    .option('--boot-test', 'also boot the backup (newest per VM) in a throwaway VM without network')
    .option('--timeout <seconds>', 'boot test: give up after this long (default 300)')
    .option(
      '--marker <text>',
      'boot test: serial console text that means "booted" (default: the guest agent answers)',
    )
    .option('--scratch <dir>', 'boot test: directory for the temporary disks (default storage.pool_path)')
    .action(
      action<BackupVerifyOptions>(async (ctx, args, opts) => {
        const { backupVerify } = await import('./backup-verify-command.js');
        return backupVerify(ctx, args, opts);
      }),
    );
  backup
    .command('restore')
    .description('rebuild full disks from a backup chain and define the VM')
    .argument('<id>', 'backup id (hv backup list)')
    .option('--as <name>', 'restore as a new VM (new UUID and MAC addresses)')
    .option('--in-place', 'replace the existing VM of that name (it must be shut off)')
    .option('--keep-old', 'with --in-place: keep the replaced disk files')
    .option('--dir <dir>', 'directory for the restored disks (default: where the original disks were)')
    .option('--no-verify', 'skip checking the chain against its SHA-256 sums first')
    .action(
      action<BackupRestoreOptions>(async (ctx, args, opts) => {
        const { backupRestore } = await import('./backup-restore-command.js');
        return backupRestore(ctx, args[0] ?? '', opts);
      }),
    );
  backup
    .command('reindex')
    .description('rebuild the backup catalog from the manifests on the targets')
    .option('--target <dir...>', 'targets to scan (default: backup.dir)')
    .action(
      action<{ target?: string[] }>(async (ctx, _args, opts) => {
        const { backupReindex } = await import('./backup-catalog-commands.js');
        return backupReindex(ctx, opts.target ?? []);
      }),
    );
  for (const [verb, value] of [
    ['protect', true],
    ['unprotect', false],
  ] as const) {
    backup
      .command(verb)
      .description(value ? 'protect a backup: prune never removes it' : 'remove the protection of a backup')
      .argument('<id>', 'backup id')
      .action(
        action(async (ctx, args) => {
          const { backupProtect } = await import('./backup-catalog-commands.js');
          return backupProtect(ctx, args[0] ?? '', value);
        }),
      );
  }
};
