// Probe that hv can write its state directory (locks, catalog, jobs), or create it.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DoctorEnv, ProbeResult } from '../doctor-check.js';
import { errnoOf } from './errno-of.js';

async function writableDir(path: string): Promise<ProbeResult | undefined> {
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return undefined;
    return { state: 'missing', summary: `${path} cannot be checked (${errnoOf(err) ?? 'error'})` };
  }
  if (!st.isDirectory()) return { state: 'missing', summary: `${path} is not a directory` };
  try {
    await access(path, constants.W_OK | constants.X_OK);
    return { state: 'ok', summary: `${path} is writable` };
  } catch (err) {
    return { state: 'missing', summary: `${path} is not writable (${errnoOf(err) ?? 'error'})` };
  }
}

/** Probe config.state_dir: writable, or creatable under its nearest existing parent. */
export async function probeStateDir(env: DoctorEnv): Promise<ProbeResult> {
  const dir = env.config.state_dir;
  const found = await writableDir(dir);
  if (found !== undefined) return found;
  for (let parent = dirname(dir); ; parent = dirname(parent)) {
    const p = await writableDir(parent);
    if (p !== undefined) {
      return p.state === 'ok'
        ? { state: 'ok', summary: `${dir} does not exist yet; it will be created in ${parent}` }
        : { ...p, summary: `${dir} does not exist and cannot be created: ${p.summary}` };
    }
    if (dirname(parent) === parent) return { state: 'missing', summary: `${dir}: no existing parent` };
  }
}
