// `hv config edit`, in the manner of visudo: edit a copy, check it, and install it atomically only
// when it is valid. The copy doubles as a lock, so two edits cannot overwrite each other; an invalid
// edit is kept next to the file (<file>.invalid) rather than lost.
import { constants } from 'node:fs';
import { access, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { defaultConfigYaml } from '../../core/config/default-config-yaml.js';
import { parseConfigText } from '../../core/config/parse-config-text.js';
import { ConfigError, ConflictError, PermissionError } from '../../core/errors/index.js';
import { runCommand } from '../../core/exec/run-command.js';
import type { CliContext } from '../context.js';
import { printText } from '../render/output.js';

function errnoOf(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/** The editor command: $VISUAL, $EDITOR, then Debian's `editor` alternative; split on spaces, no shell. */
function editorArgv(env: NodeJS.ProcessEnv): string[] {
  const chosen = [env.VISUAL, env.EDITOR].find((e) => e !== undefined && e.trim() !== '') ?? 'editor';
  return chosen.trim().split(/\s+/);
}

async function currentText(path: string): Promise<{ text: string; mode: number }> {
  try {
    const [text, st] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { text, mode: st.mode & 0o777 };
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') {
      const commented = defaultConfigYaml()
        .split('\n')
        .map((l) => `# ${l}`)
        .join('\n');
      return {
        text: `# hv configuration: see docs/configuration.md. Uncomment a line to change it.\n${commented}\n`,
        mode: 0o644,
      };
    }
    if (errnoOf(err) === 'EACCES') {
      throw new PermissionError(`${path}: cannot read the configuration file: permission denied`, {
        cause: err,
      });
    }
    throw err;
  }
}

/** Run `hv config edit`. */
export async function configEdit(ctx: CliContext): Promise<undefined> {
  const path = ctx.options.configPath;
  const dir = dirname(path);
  const { text: before, mode } = await currentText(path);
  await mkdir(dir, { recursive: true, mode: 0o755 }).catch(() => undefined);
  try {
    await access(dir, constants.W_OK);
  } catch (err) {
    throw new PermissionError(`${dir}: cannot write here: permission denied (run as root)`, { cause: err });
  }
  const draft = `${path}.hv-edit`;
  let handle;
  try {
    handle = await open(draft, 'wx', mode);
  } catch (err) {
    if (errnoOf(err) === 'EEXIST') {
      throw new ConflictError(
        `${draft} exists: another hv config edit is in progress (or crashed: remove the file)`,
        {
          code: 'LOCK_HELD',
          details: { lock: draft },
        },
      );
    }
    throw err;
  }
  let installed = false;
  try {
    await handle.writeFile(before);
    await handle.close();
    const [program = 'editor', ...args] = editorArgv(ctx.env);
    await runCommand(program, [...args, draft], {
      stdio: 'inherit',
      timeoutMs: 0,
      signal: ctx.signal,
      missingHint: 'set VISUAL or EDITOR, or install nano or vim',
    });
    const after = await readFile(draft, 'utf8');
    if (after === before) {
      printText(ctx, `${path}: no changes`);
      return undefined;
    }
    try {
      parseConfigText(after, path);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      await rename(draft, `${path}.invalid`);
      installed = true; // the draft is gone (kept as .invalid)
      throw new ConfigError(`${err.message}; not installed, your edit is in ${path}.invalid`, {
        cause: err,
        details: { ...err.details, kept: `${path}.invalid` },
      });
    }
    const sync = await open(draft, 'r+');
    await sync.sync();
    await sync.close();
    await rename(draft, path);
    installed = true;
    printText(ctx, `${path}: installed`);
    return undefined;
  } finally {
    if (!installed) await rm(draft, { force: true });
  }
}
