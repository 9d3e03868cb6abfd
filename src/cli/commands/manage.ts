// `hv vm delete|rename|edit|autostart` with their short forms (`hv delete`, `hv rename`, `hv edit`)
// and `hv autostart on|off`: registration only; each body loads when its command runs.
import type { Command } from 'commander';
import type { ActionBinder, CommandRegistrar } from '../command.js';
import { autostartNoun } from './autostart-noun.js';
import { addSelectorOptions, type SelectorFlags } from './bulk-selector-options.js';
import type { VmDeleteOptions } from './manage-delete-command.js';
import { vmNoun } from './vm-list.js';

function addDelete(parent: Command, name: string, action: ActionBinder): void {
  addSelectorOptions(
    parent
      .command(name)
      .description('delete VMs with their own disks, NVRAM and snapshot metadata; backups are kept')
      .argument('[names...]', "VM names or quoted globs ('web-*')"),
  )
    .option('-y, --yes', 'do not ask (required without a terminal)')
    .option('--keep-disks', "keep the VMs' disks (NVRAM and metadata still go)")
    .action(
      action<VmDeleteOptions>(async (ctx, args, opts) => {
        const { vmDelete } = await import('./manage-delete-command.js');
        return vmDelete(ctx, args, opts);
      }),
    );
}

function addRename(parent: Command, name: string, action: ActionBinder): void {
  parent
    .command(name)
    .description('rename a shut-off VM')
    .argument('<old>', 'current name')
    .argument('<new>', 'new name')
    .action(
      action(async (ctx, args) => {
        const { vmRename } = await import('./manage-rename-command.js');
        return vmRename(ctx, args);
      }),
    );
}

function addEdit(parent: Command, name: string, action: ActionBinder): void {
  parent
    .command(name)
    .description("edit a VM's profile in $VISUAL/$EDITOR, validate it, apply it (shows the diff)")
    .argument('<name>', 'the VM')
    .action(
      action(async (ctx, args) => {
        const { vmEdit } = await import('./manage-edit-command.js');
        return vmEdit(ctx, args);
      }),
    );
}

function addAutostart(noun: Command, action: ActionBinder): void {
  for (const [verb, enabled] of [
    ['on', true],
    ['off', false],
  ] as const) {
    addSelectorOptions(
      noun
        .command(verb)
        .description(`${enabled ? 'start' : 'do not start'} VMs when the host boots`)
        .argument('[names...]', "VM names or quoted globs ('web-*')"),
    ).action(
      action<SelectorFlags>(async (ctx, args, opts) => {
        const { vmAutostart } = await import('./manage-autostart-command.js');
        return vmAutostart(ctx, enabled, args, opts);
      }),
    );
  }
}

/** Registers delete, rename, edit and autostart on|off. */
export const registerManage: CommandRegistrar = (program, action) => {
  const vm = vmNoun(program);
  addDelete(vm, 'delete', action);
  addDelete(program, 'delete', action);
  addRename(vm, 'rename', action);
  addRename(program, 'rename', action);
  addEdit(vm, 'edit', action);
  addEdit(program, 'edit', action);
  addAutostart(autostartNoun(program), action);
  addAutostart(vm.command('autostart').description('VMs started when the host boots: on, off'), action);
};
