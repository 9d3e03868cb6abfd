// Body of `hv vm edit NAME`: the VM's profile in $VISUAL/$EDITOR (default vi) on a private temp file;
// an unchanged file changes nothing; an invalid one shows its errors and offers another round on a
// terminal (else exit 4, nothing changed); a valid one goes through `hv vm apply` and prints its diff.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HvError, ValidationError } from '../../core/errors/index.js';
import { runCommand } from '../../core/exec/run-command.js';
import { loadProfileFile } from '../../core/profile/load-profile-file.js';
import { formatProfileIssue, ProfileError } from '../../core/profile/profile-error.js';
import { vmProfileText } from '../../core/vm/manage/vm-profile-text.js';
import type { CliContext } from '../context.js';
import { printText } from '../render/output.js';
import { askYesNo, canPrompt } from './manage-prompt.js';
import { withManageHost } from './manage-session.js';
import { vmApply } from './vm-apply-command.js';

/** $VISUAL, then $EDITOR, then vi; split on spaces (no shell). */
function editorCommand(env: NodeJS.ProcessEnv): [string, string[]] {
  const chosen = [env.VISUAL, env.EDITOR].find((e) => e !== undefined && e.trim() !== '') ?? 'vi';
  const [program = 'vi', ...args] = chosen.trim().split(/\s+/);
  return [program, args];
}

/** What is wrong with the edited file, or undefined when it is a valid profile of the same VM. */
async function problemOf(file: string, name: string): Promise<HvError | undefined> {
  try {
    const parsed = await loadProfileFile(file);
    if (parsed.profile.name === name) return undefined;
    return new ValidationError('name', `cannot change here (the VM is ${name}): use hv vm rename`, {
      code: 'PROFILE_INVALID',
      value: parsed.profile.name,
    });
  } catch (err) {
    if (err instanceof HvError && err.exitCode === 4) return err;
    throw err;
  }
}

function describeProblem(err: HvError, file: string): string {
  if (err instanceof ProfileError) return err.issues.map((i) => formatProfileIssue(i, file)).join('\n');
  return err.message;
}

/** `hv vm edit NAME`. */
export async function vmEdit(ctx: CliContext, args: string[]): Promise<number> {
  const name = args[0] ?? '';
  const header = [
    `Editing VM ${name}: save and quit to apply (hv vm apply); quit unchanged to keep it as it is.`,
  ];
  const original = await withManageHost(ctx, (client) => vmProfileText(client, name, header));
  const dir = await mkdtemp(join(tmpdir(), 'hv-edit-'));
  const file = join(dir, `${name}.yaml`);
  try {
    await writeFile(file, original, { mode: 0o600 });
    const [program, editorArgs] = editorCommand(ctx.env);
    for (;;) {
      await runCommand(program, [...editorArgs, file], {
        stdio: 'inherit',
        timeoutMs: 0,
        signal: ctx.signal,
        missingHint: 'set VISUAL or EDITOR, or install vim',
      });
      if ((await readFile(file, 'utf8')) === original) {
        printText(ctx, `VM ${name}: no changes`);
        return 0;
      }
      const problem = await problemOf(file, name);
      if (problem === undefined) return await vmApply(ctx, { profile: file });
      if (!canPrompt(ctx)) {
        throw new HvError(problem.code, `VM ${name} not changed: ${problem.message}`, {
          details: problem.details,
          cause: problem,
        });
      }
      ctx.stderr.write(`${describeProblem(problem, file)}\n`);
      if (!(await askYesNo(ctx, 'The profile is invalid. Edit again?', true))) {
        printText(ctx, `VM ${name}: not changed`);
        return 4;
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
