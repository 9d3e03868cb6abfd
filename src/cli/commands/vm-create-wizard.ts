// `hv vm create` with no arguments on a terminal: the wizard's terminal side. It draws the views of the
// pure state machine (src/core/vm/wizard), reads answers with node:readline/promises, saves the state
// after every accepted answer (so an interrupted wizard resumes), and at the end creates the VM
// through the same path as the flag form, or saves the profile file.
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface, type Interface } from 'node:readline/promises';
import { resolve } from 'node:path';
import { loadConfig } from '../../core/config/load-config.js';
import { InterruptedError } from '../../core/errors/index.js';
import { openHost } from '../../core/host/open-host.js';
import { cloudUserOf } from '../../core/vm/create/cloud-user.js';
import {
  answerWizard,
  newWizard,
  REVIEW_HELP,
  wizardView,
  type WizardState,
  type WizardView,
} from '../../core/vm/wizard/create-vm-wizard.js';
import {
  loadWizardState,
  removeWizardState,
  saveWizardState,
  wizardStatePath,
} from '../../core/vm/wizard/wizard-state-file.js';
import type { CliContext } from '../context.js';
import { effectiveConnectUri } from '../effective-connect-uri.js';
import { printText } from '../render/output.js';
import { createFromProfile } from './vm-create-command.js';
import { loadMediaLibrary } from './vm-create-library.js';
import { wizardHost } from './vm-create-wizard-host.js';

/** Ask one line; Ctrl-C, Ctrl-D or the command's abort signal end the wizard (answers kept). */
async function ask(rl: Interface, prompt: string, stop: AbortController, stateFile: string): Promise<string> {
  try {
    return await rl.question(prompt, { signal: stop.signal });
  } catch {
    throw new InterruptedError(
      `wizard interrupted; the answers so far are kept in ${stateFile}: run hv vm create again to resume`,
    );
  }
}

function questionText(v: Extract<WizardView, { kind: 'question' }>): string {
  const lines = [`\n[${v.step}/${v.steps}] ${v.prompt}: ${v.help}`];
  if (v.choices !== undefined && v.choices.length > 0) lines.push(`  choices: ${v.choices.join(', ')}`);
  return `${lines.join('\n')}\n${v.prompt} [${v.defaultValue}]: `;
}

async function resumeOrNew(
  rl: Interface,
  stop: AbortController,
  file: string,
  out: (s: string) => void,
): Promise<WizardState> {
  const saved = await loadWizardState(file);
  if (saved === undefined || Object.keys(saved.answers).length === 0) return newWizard();
  const n = Object.keys(saved.answers).length;
  out(
    `An unfinished wizard was found (${n} answers${saved.answers.name ? `, VM ${saved.answers.name}` : ''}).\n`,
  );
  for (;;) {
    const a = (await ask(rl, 'Resume it? [Y/n] (n starts over): ', stop, file)).trim().toLowerCase();
    if (a === '' || a === 'y' || a === 'yes') return saved;
    if (a === 'n' || a === 'no') {
      await removeWizardState(file);
      return newWizard();
    }
  }
}

/** `hv vm create` (wizard). */
export async function vmCreateWizard(ctx: CliContext): Promise<number> {
  const { config } = await loadConfig(ctx.options.configPath);
  const file = wizardStatePath(config.state_dir);
  const client = await openHost(effectiveConnectUri(ctx.options, config), { signal: ctx.signal });
  const rl = createInterface({ input: ctx.stdin, output: ctx.stdout, terminal: true });
  const stop = new AbortController();
  const onAbort = (): void => {
    stop.abort();
  };
  rl.on('SIGINT', onAbort);
  rl.on('close', onAbort);
  ctx.signal.addEventListener('abort', onAbort);
  const out = (s: string): void => {
    ctx.stdout.write(s);
  };
  try {
    const library = loadMediaLibrary(config);
    const host = await wizardHost(client, config, library, ctx.env);
    out(`hv vm create: a few questions (Enter takes the [default]); state kept in ${file}\n`);
    let state = await resumeOrNew(rl, stop, file, out);
    for (;;) {
      const view = wizardView(state, host);
      if (view.kind === 'done') {
        rl.off('close', onAbort);
        rl.close();
        if (view.action === 'save') {
          const path = resolve(view.savePath ?? `${view.profile.profile.name}.yaml`);
          await writeFile(path, view.yaml, { flag: 'wx', mode: 0o644 });
          await removeWizardState(file);
          printText(ctx, `saved profile ${path}; create the VM with: hv vm create --profile ${path}`);
          return 0;
        }
        const key = view.sshKeyFile === undefined ? undefined : await readFile(view.sshKeyFile, 'utf8');
        const user =
          view.user === undefined
            ? undefined
            : cloudUserOf(
                { field: 'user', name: view.user },
                key === undefined ? undefined : { field: 'ssh_key', text: key },
              );
        await createFromProfile(ctx, client, config, view.profile, {
          baseDir: process.cwd(),
          ...(user !== undefined && { user }),
          forceSeed: view.cloudImage,
          start: view.start,
        });
        await removeWizardState(file);
        return 0;
      }
      let text: string;
      if (view.kind === 'question') text = await ask(rl, questionText(view), stop, file);
      else if (view.kind === 'review') {
        out(`\n--- the profile ---\n${view.yaml}${view.summary.join('\n')}\n`);
        text = await ask(rl, `${REVIEW_HELP}\n> `, stop, file);
      } else text = await ask(rl, `Save the profile to [${view.defaultValue}]: `, stop, file);
      const step = answerWizard(state, text, host);
      if (step.quit === true) {
        printText(ctx, `answers kept in ${file}; run hv vm create again to resume`);
        return 0;
      }
      if (step.error !== undefined) {
        out(`  ! ${step.error}\n`);
        continue;
      }
      state = step.state;
      await saveWizardState(file, state);
    }
  } finally {
    ctx.signal.removeEventListener('abort', onAbort);
    rl.off('close', onAbort);
    rl.close();
    await client.close();
  }
}
