// `hv vm start|stop|kill|reboot|reset|pause|resume NAMES...` and their short forms (`hv start web-1`).
// Registration only: the body (libvirt, bulk runner) is loaded when a verb runs, keeping `hv --help` fast.
import type { Command } from 'commander';
import type { CommandRegistrar } from '../command.js';
import { addSelectorOptions } from './bulk-selector-options.js';
import type { LifecycleFlags, LifecycleVerb } from './lifecycle-command.js';
import { vmNoun } from './vm-list.js';

const VERBS: readonly { readonly verb: LifecycleVerb; readonly summary: string }[] = [
  { verb: 'start', summary: 'start VMs (already running: ok)' },
  { verb: 'stop', summary: 'shut VMs down via ACPI; force off after --timeout unless --no-force' },
  { verb: 'kill', summary: 'force VMs off at once (pull the plug)' },
  { verb: 'reboot', summary: 'ask running VMs to reboot' },
  { verb: 'reset', summary: 'hard-reset VMs (the reset button)' },
  { verb: 'pause', summary: 'pause VMs (freeze their vCPUs)' },
  { verb: 'resume', summary: 'resume paused VMs' },
];

function define(parent: Command, verb: LifecycleVerb, summary: string): Command {
  const cmd = addSelectorOptions(
    parent.command(`${verb} [names...]`).description(`${summary}; names may be quoted globs ('web-*')`),
  );
  if (verb === 'stop') {
    cmd
      .option('--timeout <seconds>', 'seconds to wait for the guest before forcing it off', '120')
      .option('--no-force', 'never force off: fail with TIMEOUT (exit 9) instead');
  }
  return cmd;
}

/** Registers the lifecycle verbs under `hv vm` and as top-level short forms. */
export const registerLifecycle: CommandRegistrar = (program, action) => {
  for (const { verb, summary } of VERBS) {
    for (const parent of [vmNoun(program), program]) {
      define(parent, verb, summary).action(
        action<LifecycleFlags>(async (ctx, names, flags) => {
          const { lifecycleCommand } = await import('./lifecycle-command.js');
          return lifecycleCommand(verb, ctx, names, flags);
        }),
      );
    }
  }
};
