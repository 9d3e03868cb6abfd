// The create wizard's answers on disk, `<state_dir>/wizard/create-vm.json` (mode 0600: answers may name
// an owner and key files), written after every answer (write to a temp file, then rename) so an
// interrupted wizard can resume; removed once the VM is created or the profile saved.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseWizardState, type WizardState } from './create-vm-wizard.js';

/** Where the create wizard keeps its state. */
export function wizardStatePath(stateDir: string): string {
  return join(stateDir, 'wizard', 'create-vm.json');
}

/** The saved state, or undefined when there is none (or it is unreadable or from another version). */
export async function loadWizardState(path: string): Promise<WizardState | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return parseWizardState(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** Save `state` atomically with mode 0600. */
export async function saveWizardState(path: string, state: WizardState): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, path);
}

/** Forget the saved state. */
export async function removeWizardState(path: string): Promise<void> {
  await rm(path, { force: true });
}
