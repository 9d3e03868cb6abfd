// hv delete / rename / autostart / edit as a user runs them (bin/hv, qemu:///system): delete without a
// terminal and without --yes refuses (exit 4, nothing changed); delete --yes removes the VM and its
// disks but not its backup nor the image; rename and autostart exit codes and effects; edit with a
// real editor process (a script run as $EDITOR): a memory change is applied and shown, an invalid edit
// changes nothing (exit 4), an untouched file says "no changes".
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { HV_BIN, spawnHv, type HvRun } from '../helpers/spawn-hv.js';
import { vmCreateEnv, type VmCreateEnv } from '../helpers/vm-create-env.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;
const tag = Math.random().toString(36).slice(2, 7);
const vm = (s: string): string => `hvt-me-${tag}-${s}`;
const made: string[] = [];
let env: VmCreateEnv;
let backups = '';

const hv = (args: readonly string[], extra: NodeJS.ProcessEnv = {}): Promise<HvRun> =>
  spawnHv(args, { env: { HV_CONFIG: env.configPath, ...extra }, timeoutMs: 120_000 });

async function create(name: string): Promise<void> {
  made.push(name);
  const r = await hv(['vm', 'create', name, '--memory', '128M', '--image', env.image, '--network', 'none']);
  assert.equal(r.code, 0, r.stderr);
}

const domainNames = async (): Promise<string[]> => (await env.snapshot()).domains;
const volumesOf = async (name: string): Promise<string[]> =>
  (await env.snapshot()).volumes.filter((v) => v.startsWith(`${name}-`));
const xmlOf = async (name: string): Promise<string> =>
  env.client.domains.getXmlDesc(await env.client.domains.lookupByName(name), 2);

/** An $EDITOR that runs `sed -i -e EXPR FILE`: a real editor process changing the file it is given. */
function sedEditor(expr: string): string {
  const path = join(env.dir, `editor-${Math.random().toString(36).slice(2, 7)}.sh`);
  writeFileSync(path, `#!/bin/sh\nexec sed -i -e '${expr}' "$1"\n`);
  chmodSync(path, 0o755);
  return path;
}

/**
 * Run hv on a pseudo-terminal (util-linux `script`), typing `answer` at its first question (`[y/N]` or
 * `[Y/n]`); resolves with its output.
 */
function hvOnTty(
  args: readonly string[],
  answer: string,
  extra: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; out: string }> {
  const cmd = [process.execPath, HV_BIN, ...args].map((a) => `'${a}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HV_CONFIG: env.configPath, NO_COLOR: '1', ...extra },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (/\[y\/N\]|\[Y\/n\]/.test(out) && answer !== '') {
        child.stdin.write(answer);
        answer = '';
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

before(async () => {
  if (NOT_ROOT) return;
  env = await vmCreateEnv('manage-e2e');
  backups = join(env.dir, 'backups');
  appendFileSync(env.configPath, `backup:\n  dir: ${backups}\n`);
});
after(async () => {
  if (NOT_ROOT) return;
  await env.dispose(made);
});

describe('hv delete / rename / autostart / edit (e2e, qemu:///system)', { skip: NOT_ROOT }, () => {
  it('delete without a terminal and without --yes refuses with exit 4 and changes nothing', async () => {
    const name = vm('del');
    await create(name);
    const before = await env.snapshot();
    const r = await hv(['delete', name]);
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, /--yes/);
    assert.deepEqual(await env.snapshot(), before);
  });

  it('delete --yes removes the VM and its disks; its backup and the image stay', async () => {
    const name = vm('del');
    const b = await hv(['backup', 'create', name, '--no-space-check']);
    assert.equal(b.code, 0, b.stderr);
    const listed = await hv(['--json', 'backup', 'list', name]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.ok(listed.stdout.includes(name));
    const r = await hv(['vm', 'delete', name, '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`${name}\\s+deleted`));
    assert.ok(!(await domainNames()).includes(name));
    assert.deepEqual(await volumesOf(name), []);
    assert.ok(existsSync(env.image));
    const still = await hv(['--json', 'backup', 'list', name]);
    assert.equal(still.code, 0, still.stderr);
    assert.equal(still.stdout, listed.stdout, 'the backup catalog is unchanged');
    assert.ok(existsSync(join(backups, name)), 'the backup directory stays');
  });

  it('delete on a terminal shows the plan and asks: "n" keeps the VM, "y" deletes it', async () => {
    const name = vm('tty');
    await create(name);
    const no = await hvOnTty(['delete', name], 'n\n');
    assert.equal(no.code, 1, no.out);
    assert.match(no.out, new RegExp(`remove .*${name}-disk0\\.qcow2`));
    assert.match(no.out, /Backups are kept\. \[y\/N\]/);
    assert.match(no.out, /nothing deleted/);
    assert.ok((await domainNames()).includes(name));
    const yes = await hvOnTty(['delete', name], 'y\n');
    assert.equal(yes.code, 0, yes.out);
    assert.ok(!(await domainNames()).includes(name));
    assert.deepEqual(await volumesOf(name), []);
  });

  it('delete takes globs: both VMs go, one JSON line each', async () => {
    const g1 = vm('g1');
    const g2 = vm('g2');
    await create(g1);
    await create(g2);
    const r = await hv(['--json', 'delete', vm('g*'), '--yes']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { name: string; ok: boolean; result: string });
    assert.deepEqual(lines.map((l) => [l.name, l.ok]).sort(), [
      [g1, true],
      [g2, true],
    ]);
    const names = await domainNames();
    assert.ok(!names.includes(g1) && !names.includes(g2));
  });

  it('delete of an unknown VM exits 7 naming it', async () => {
    const r = await hv(['delete', vm('nope'), '--yes']);
    assert.equal(r.code, 7, r.stderr);
    assert.match(r.stderr, new RegExp(vm('nope')));
  });

  it('rename: bad name exit 4, taken exit 10, done exit 0', async () => {
    const a = vm('a');
    const b = vm('b');
    await create(a);
    await create(b);
    assert.equal((await hv(['rename', a, 'no/slash'])).code, 4);
    assert.equal((await hv(['vm', 'rename', a, b])).code, 10);
    const c = vm('c');
    made.push(c);
    const r = await hv(['rename', a, c]);
    assert.equal(r.code, 0, r.stderr);
    const names = await domainNames();
    assert.ok(names.includes(c) && !names.includes(a));
  });

  it('autostart on|off reaches libvirt (both nouns)', async () => {
    const name = vm('b');
    const on = await hv(['autostart', 'on', name]);
    assert.equal(on.code, 0, on.stderr);
    const dom = await env.client.domains.lookupByName(name);
    assert.equal(await env.client.domains.getAutostart(dom), true);
    assert.match(await xmlOf(name), /<hv:autostart enabled="yes"/);
    const off = await hv(['vm', 'autostart', 'off', name]);
    assert.equal(off.code, 0, off.stderr);
    assert.equal(await env.client.domains.getAutostart(dom), false);
    assert.match(await xmlOf(name), /<hv:autostart enabled="no"/);
  });

  it('edit: a memory change through $EDITOR is applied and shown', async () => {
    const name = vm('b');
    const r = await hv(['edit', name], { EDITOR: sedEditor('s/^memory: .*/memory: 192M/') });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /memory: "128M" -> "192M"/);
    assert.match(await xmlOf(name), /<memory unit='KiB'>196608<\/memory>/);
  });

  it('edit on a terminal: an invalid save offers another round; the second, valid one is applied', async () => {
    const name = vm('b');
    const state = join(env.dir, 'edit-round');
    const editor = join(env.dir, 'two-round-editor.sh');
    // Round 1 writes an invalid memory size, round 2 a valid one: one real editor process per round.
    writeFileSync(
      editor,
      `#!/bin/sh\nif [ -e ${state} ]; then v=224M; else v=lots; touch ${state}; fi\n` +
        `exec sed -i -e "s/^memory: .*/memory: $v/" "$1"\n`,
    );
    chmodSync(editor, 0o755);
    const r = await hvOnTty(['edit', name], 'y\n', { EDITOR: editor });
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /memory: .*lots/);
    assert.match(r.out, /Edit again\? \[Y\/n\]/);
    assert.match(r.out, /memory: "192M" -> "224M"/);
    assert.match(await xmlOf(name), /<memory unit='KiB'>229376<\/memory>/);
  });

  it('edit: an invalid profile exits 4 and changes nothing; an untouched one says no changes', async () => {
    const name = vm('b');
    const before = await xmlOf(name);
    const bad = await hv(['vm', 'edit', name], { VISUAL: sedEditor('s/^memory: .*/memory: lots/') });
    assert.equal(bad.code, 4, bad.stderr);
    assert.match(bad.stderr, /not changed.*memory/);
    assert.equal(await xmlOf(name), before);
    const same = await hv(['edit', name], { EDITOR: sedEditor('s/^x-never-matches$//') });
    assert.equal(same.code, 0, same.stderr);
    assert.match(same.stdout, /no changes/);
  });
});
