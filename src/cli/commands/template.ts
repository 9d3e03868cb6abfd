// `hv template create|list|rm` registration. The bodies load only when run.
import type { CommandRegistrar } from '../command.js';

/** Registers the `template` noun. */
export const registerTemplate: CommandRegistrar = (program, action) => {
  const noun = program
    .command('template')
    .description('sealed read-only VM bases for clones; docs/templates-and-clones.md');
  noun
    .command('create')
    .description('seal a shut-off VM into a template (read-only disks, never started)')
    .argument('<vm>', 'the VM to seal')
    .option('--name <template>', 'rename it to this template name')
    .option('--reset-identity', "clear the cloud-init instance-id from the template's seed ISO")
    .action(
      action<{ name?: string; resetIdentity?: boolean }>(async (ctx, args, opts) => {
        const { templateCreate } = await import('./template-command.js');
        return templateCreate(ctx, args[0] ?? '', opts);
      }),
    );
  noun
    .command('list')
    .description('list templates with their linked clones')
    .action(
      action(async (ctx) => {
        const { templateList } = await import('./template-command.js');
        return templateList(ctx);
      }),
    );
  noun
    .command('rm')
    .description('delete a template and its disks (refused while linked clones depend on it)')
    .argument('<template>', 'template name')
    .action(
      action(async (ctx, args) => {
        const { templateRm } = await import('./template-command.js');
        return templateRm(ctx, args[0] ?? '');
      }),
    );
};
