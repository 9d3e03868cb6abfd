// The body of `hv console NAME` / `hv vm console NAME`: attach stdin/stdout to the VM's serial console
// through the libvirt stream. On a TTY the terminal goes raw (restored however hv ends); in pipe mode
// stdin is forwarded as is. Ctrl-] (byte 0x1d) detaches in both. Loaded only when the command runs.
import { loadConfig } from '../../core/config/load-config.js';
import { openHost } from '../../core/host/open-host.js';
import { openVmConsole } from '../../core/vm/console/open-vm-console.js';
import type { CliContext } from '../context.js';
import { effectiveConnectUri } from '../effective-connect-uri.js';
import { runConsoleSession } from './console-session.js';
import { canGoRaw, enterRawMode } from './console-terminal.js';

/** Options of `hv console`. */
export interface ConsoleCommandOptions {
  force?: boolean;
  device?: string;
}

function releaseInput(stdin: CliContext['stdin']): void {
  const s = stdin as NodeJS.ReadableStream & { destroy?: () => void };
  s.destroy?.();
}

/** The command body: exit 0 after Ctrl-], end of input or the console closing; 130 after Ctrl-C. */
export async function consoleCommand(
  ctx: CliContext,
  args: string[],
  opts: ConsoleCommandOptions,
): Promise<number> {
  const name = args[0] ?? '';
  const { config } = await loadConfig(ctx.options.configPath);
  const client = await openHost(effectiveConnectUri(ctx.options, config), { signal: ctx.signal });
  try {
    const stream = await openVmConsole(client, name, {
      signal: ctx.signal,
      ...(opts.force === true && { force: true }),
      ...(opts.device !== undefined && { device: opts.device }),
    });
    const tty = canGoRaw(ctx.stdin);
    const eol = tty ? '\r\n' : '\n';
    const note = (text: string): void => {
      if (!ctx.options.quiet) ctx.stderr.write(`${text}${eol}`);
    };
    const restore = canGoRaw(ctx.stdin) ? enterRawMode(ctx.stdin) : (): void => undefined;
    note(`Connected to ${name} (escape: Ctrl-])`);
    try {
      const end = await runConsoleSession(stream, {
        input: ctx.stdin,
        output: ctx.stdout,
        signal: ctx.signal,
      });
      stream.destroy();
      restore();
      // A paused pipe still holds the process open until the writer closes it: let go of stdin.
      releaseInput(ctx.stdin);
      note(
        end === 'closed'
          ? `${eol}Console of ${name} closed (the VM stopped or another client took it over)`
          : `${eol}Disconnected from ${name}`,
      );
      return end === 'aborted' ? 130 : 0;
    } finally {
      restore();
      stream.destroy();
    }
  } finally {
    await client.close();
  }
}
