// hv template and hv vm clone as a user runs them (bin/hv): exit codes for bad names, unknown sources,
// taken names, conflicting flags and template rm with a linked clone, each leaving the domain and
// volume lists unchanged; kill -9 in the middle of a clone leaves leftovers that hv gc removes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { spawnHv, type HvRun } from '../helpers/spawn-hv.js';
import { vmCreateEnv, type VmCreateEnv } from '../helpers/vm-create-env.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;
const tag = Math.random().toString(36).slice(2, 7);
const vm = (s: string): string => `hvtest-clc-${tag}-${s}`;
let env: VmCreateEnv;
const BASE = vm('base');
const TMPL = vm('tmpl');
const made = [BASE, TMPL];

const hv = (args: readonly string[], extra: NodeJS.ProcessEnv = {}, onSpawn?: (c: ChildProcess) => void) =>
  spawnHv(args, {
    env: { HV_CONFIG: env.configPath, ...extra },
    timeoutMs: 120_000,
    ...(onSpawn && { onSpawn }),
  });

const ok = (r: HvRun): void => {
  assert.equal(r.code, 0, r.stderr);
};

before(async () => {
  if (NOT_ROOT) return;
  env = await vmCreateEnv('clonee2e');
  ok(await hv(['vm', 'create', BASE, '--memory', '128M', '--image', env.image, '--user', 'ops']));
});
after(async () => {
  if (NOT_ROOT) return;
  await env.dispose(made);
});

describe('hv template / hv vm clone (e2e, qemu:///system)', { skip: NOT_ROOT }, () => {
  it('seals a VM into a template and lists it as JSON', async () => {
    ok(await hv(['template', 'create', BASE, '--name', TMPL]));
    const r = await hv(['--json', 'template', 'list']);
    ok(r);
    const rows = JSON.parse(r.stdout) as { name: string; source: string; linkedClones: string[] }[];
    const row = rows.find((x) => x.name === TMPL);
    assert.equal(row?.source, BASE);
    assert.deepEqual(row.linkedClones, []);
  });

  it('exit codes: bad name 4, unknown source 7, both modes 4, taken name 10; nothing changes', async () => {
    const linked = vm('l1');
    made.push(linked);
    const c = await hv(['vm', 'clone', TMPL, linked, '--linked']);
    ok(c);
    assert.match(c.stdout, new RegExp(`cloned ${TMPL} to ${linked} \\(linked`));
    const before = await env.snapshot();
    for (const [args, code] of [
      [['vm', 'clone', TMPL, 'bad/name'], 4],
      [['vm', 'clone', vm('nosuch'), vm('x')], 7],
      [['vm', 'clone', TMPL, vm('y'), '--linked', '--full'], 4],
      [['vm', 'clone', TMPL, linked], 10],
      [['template', 'rm', TMPL], 10],
    ] as const) {
      const r = await hv(args);
      assert.equal(r.code, code, `${args.join(' ')}: ${r.stderr}`);
    }
    assert.match((await hv(['template', 'rm', TMPL])).stderr, new RegExp(`IN_USE|in use.*${linked}`));
    assert.deepEqual(await env.snapshot(), before);
  });

  it('kill -9 during a clone leaves leftovers that hv gc removes', async () => {
    const before = await env.snapshot();
    const name = vm('kill');
    let child: ChildProcess | undefined;
    const run = hv(['vm', 'clone', TMPL, name], { HV_TEST_FAIL_AT: 'pause:define' }, (c) => (child = c));
    const journal = join(env.config.state_dir, 'creating', `${name}.json`);
    for (;;) {
      const j = existsSync(journal) ? readFileSync(journal, 'utf8') : '';
      if (j.includes('"domainDefined": true') && (await env.snapshot()).domains.includes(name)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child?.kill('SIGKILL');
    assert.equal((await run).signal, 'SIGKILL');
    const mid = await env.snapshot();
    assert.ok(mid.volumes.includes(`${name}-disk0.qcow2`));
    const gc = await hv(['gc']);
    ok(gc);
    assert.match(gc.stdout, new RegExp(`removed domain ${name}`));
    assert.deepEqual(await env.snapshot(), before);
  });
});
