// `hv config show|get|path|validate|edit`: look at and change the configuration file. Registration
// only; the bodies load zod and yaml when they run.
import type { CommandRegistrar } from '../command.js';

/** Registers `hv config` and its subcommands. */
export const registerConfig: CommandRegistrar = (program, action) => {
  const config = program
    .command('config')
    .description('show, check and edit the configuration file (docs/configuration.md)');
  config
    .command('show')
    .description('print the effective configuration; keys not set in the file are marked "default"')
    .action(
      action(async (ctx) => {
        const { configShow } = await import('./config-commands.js');
        return configShow(ctx);
      }),
    );
  config
    .command('get')
    .description('print one value (e.g. backup.dir), for scripts')
    .argument('<key>', 'a key or section, dotted')
    .action(
      action(async (ctx, args) => {
        const { configGet } = await import('./config-commands.js');
        return configGet(ctx, args[0] ?? '');
      }),
    );
  config
    .command('path')
    .description('print the path of the configuration file in use')
    .action(
      action(async (ctx) => {
        const { configPath } = await import('./config-path-command.js');
        return configPath(ctx);
      }),
    );
  config
    .command('validate')
    .description('check a configuration file (default: the one in use); exit 6 when it is invalid')
    .argument('[file]', 'file to check')
    .action(
      action(async (ctx, args) => {
        const { configValidate } = await import('./config-commands.js');
        return configValidate(ctx, args[0]);
      }),
    );
  config
    .command('edit')
    .description('edit the configuration in $VISUAL or $EDITOR; it is installed only if valid')
    .action(
      action(async (ctx) => {
        const { configEdit } = await import('./config-edit.js');
        return configEdit(ctx);
      }),
    );
};
