// hv snapshot on a real running test guest (qemu:///system, TCG) with a qcow2 disk: internal snapshots
// through bin/hv (create, tree, revert proven by the disk's checksum inside the guest, delete), snapshot
// policies (two runs with keep-last 1 delete only the policy's own older snapshot), an external
// disk-only snapshot and its refused revert, and an external snapshot with memory (after a raw disk is
// hot-plugged) whose memory file hv removes on delete.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, truncateSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LibvirtClient, type DomainRef } from '../../src/libvirt/index.js';
import { spawnHv, type HvRun } from '../helpers/spawn-hv.js';
import {
  GUEST_MARKERS,
  setHvTags,
  startTestGuest,
  virsh,
  type RunningTestGuest,
} from '../helpers/test-guest.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;

describe('hv snapshot on a running test guest', { skip: NOT_ROOT }, () => {
  let client: LibvirtClient;
  let guest: RunningTestGuest | undefined;
  let dom: DomainRef;
  let dir = '';
  let config = '';
  const figures: string[] = [];

  async function hv(args: string[]): Promise<HvRun> {
    return spawnHv(['--config', config, ...args], { timeoutMs: 120_000 });
  }
  async function hvJson<T>(args: string[]): Promise<T> {
    const r = await hv(['--json', ...args]);
    assert.equal(r.code, 0, `hv ${args.join(' ')}: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  }
  async function timedHv(label: string, args: string[]): Promise<HvRun> {
    const t = performance.now();
    const r = await hv(args);
    figures.push(`${label} ${(performance.now() - t).toFixed(0)} ms`);
    return r;
  }

  /** Runs `sh -c cmd` in the guest through the agent: exit code and stdout. */
  async function guestSh(cmd: string): Promise<{ code: number; out: string }> {
    const exec = {
      execute: 'guest-exec',
      arguments: { path: '/bin/sh', arg: ['-c', cmd], 'capture-output': true },
    };
    const started = JSON.parse(
      (await client.domains.agentCommand(dom, JSON.stringify(exec), 30)) ?? '{}',
    ) as {
      return: { pid: number };
    };
    for (;;) {
      const status = { execute: 'guest-exec-status', arguments: { pid: started.return.pid } };
      const s = JSON.parse((await client.domains.agentCommand(dom, JSON.stringify(status), 30)) ?? '{}') as {
        return: { exited: boolean; exitcode?: number; 'out-data'?: string };
      };
      if (s.return.exited) {
        return {
          code: s.return.exitcode ?? -1,
          out: Buffer.from(s.return['out-data'] ?? '', 'base64').toString(),
        };
      }
      await sleep(50);
    }
  }

  async function agentReady(timeoutMs = 60_000): Promise<void> {
    const start = performance.now();
    for (;;) {
      try {
        await client.domains.agentCommand(dom, '{"execute":"guest-ping"}', 2);
        return;
      } catch (err) {
        if (performance.now() - start > timeoutMs) throw err;
        await sleep(200);
      }
    }
  }

  /** MD5 of the first MiB of the guest's vda, read inside the guest. */
  async function diskSum(): Promise<string> {
    const r = await guestSh('dd if=/dev/vda bs=1M count=1 2>/dev/null | md5sum');
    assert.equal(r.code, 0);
    return r.out.split(' ')[0] ?? '';
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hv-snap-it-'));
    config = join(dir, 'config.yaml');
    await writeFile(config, `log_dir: ${dir}/log\nstate_dir: ${dir}/state\n`);
    client = await LibvirtClient.connect('qemu:///system');
    guest = await startTestGuest({ label: 'hvsnap', diskMiB: 64, waitFor: GUEST_MARKERS.ready });
    dom = await client.domains.lookupByName(guest.name);
    // hv metadata a profile would have written; policies must leave it alone
    setHvTags(guest.name, ['snapshot-test']);
    await agentReady();
  });

  after(async () => {
    if (figures.length > 0) console.log(`# snapshot figures: ${figures.join('; ')}`);
    guest?.dispose();
    await client.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('internal snapshots: create, tree, revert restores the disk, delete with children', async () => {
    const g = guest!;
    const before = await diskSum();
    const c1 = await timedHv('internal create (running, with memory)', [
      '--json',
      'snapshot',
      'create',
      g.name,
      's1',
      '--description',
      'first one',
    ]);
    assert.equal(c1.code, 0, c1.stderr);
    const s1 = JSON.parse(c1.stdout) as {
      name: string;
      kind: string;
      memory: string;
      state: string;
      description: string;
    };
    assert.deepEqual(
      [s1.name, s1.kind, s1.memory, s1.state, s1.description],
      ['s1', 'internal', 'internal', 'running', 'first one'],
    );

    assert.equal((await guestSh('echo HV-MARKER-AFTER-S1 | dd of=/dev/vda conv=fsync 2>/dev/null')).code, 0);
    const changed = await diskSum();
    assert.notEqual(changed, before);
    const c2 = await hv(['snapshot', 'create', g.name, 's2']);
    assert.equal(c2.code, 0, c2.stderr);
    assert.match(c2.stdout, /^snapshot s2 of \S+ taken: internal, with memory$/m);

    const tree = await hvJson<
      { name: string; parent?: string; children: string[]; current: boolean; kind: string }[]
    >(['snapshot', 'list', g.name]);
    assert.deepEqual(
      tree.map((s) => [s.name, s.parent ?? null, s.children, s.current, s.kind]),
      [
        ['s1', null, ['s2'], false, 'internal'],
        ['s2', 's1', [], true, 'internal'],
      ],
    );
    const text = await hv(['snapshot', 'list', g.name]);
    assert.match(text.stdout, /^s1\s+\S+\s+running\s+internal\s+first one$/m);
    assert.match(text.stdout, /^└─ s2\s+\*\s+\S+\s+running\s+internal$/m);

    const rv = await timedHv('internal revert', ['snapshot', 'revert', g.name, 's1']);
    assert.equal(rv.code, 0, rv.stderr);
    await agentReady();
    assert.equal(await diskSum(), before, 'the revert brought the disk back to s1');
    const after1 = await hvJson<{ name: string; current: boolean }[]>(['snapshot', 'list', g.name]);
    assert.deepEqual(
      after1.filter((s) => s.current).map((s) => s.name),
      ['s1'],
    );

    const del = await timedHv('internal delete with child', [
      'snapshot',
      'delete',
      g.name,
      's1',
      '--children',
    ]);
    assert.equal(del.code, 0, del.stderr);
    assert.match(del.stdout, /deleted s1, s2 of/);
    assert.deepEqual(await hvJson<unknown[]>(['snapshot', 'list', g.name]), []);
    const inImage = execFileSync('qemu-img', ['snapshot', '-U', '-l', g.diskPath!], { encoding: 'utf8' });
    assert.doesNotMatch(inImage, /\bs[12]\b/);
  });

  it('names are validated, duplicates refused, unknown snapshots named', async () => {
    const g = guest!;
    const bad = await hv(['snapshot', 'create', g.name, 'bad/name']);
    assert.equal(bad.code, 4);
    assert.match(bad.stderr, /snapshot name: must match/);
    const tag = await hv(['snapshot', 'create', g.name, 'x1', '--description', 'hv-policy:daily']);
    assert.equal(tag.code, 4);
    assert.equal((await hv(['snapshot', 'create', g.name, 'dup'])).code, 0);
    const dup = await hv(['snapshot', 'create', g.name, 'dup']);
    assert.equal(dup.code, 10);
    assert.match(dup.stderr, /already has a snapshot named dup/);
    assert.equal((await hv(['snapshot', 'delete', g.name, 'dup'])).code, 0);
    const missing = await hv(['snapshot', 'revert', g.name, 'nope']);
    assert.equal(missing.code, 4);
    assert.match(missing.stderr, /has no snapshot named nope/);
  });

  it('policies: two runs with keep-last 1 delete only their own older snapshot', async () => {
    const g = guest!;
    const set = await hv([
      'snapshot',
      'policy',
      'set',
      g.name,
      '--name',
      'p1',
      '--keep-last',
      '1',
      '--tz',
      'UTC',
    ]);
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /snapshot policy p1: keep-last=1 \(time zone UTC\)/);
    assert.equal(
      (
        await hv([
          'snapshot',
          'policy',
          'set',
          g.name,
          '--name',
          'p2',
          '--keep-daily',
          '3',
          '--tz',
          'Europe/Berlin',
        ])
      ).code,
      0,
    );
    const shown = await hvJson<{
      policies: { name: string; timeZone: string; retention: Record<string, number> }[];
    }>(['snapshot', 'policy', 'show', g.name]);
    assert.deepEqual(
      shown.policies.map((p) => [p.name, p.timeZone, p.retention]),
      [
        ['p1', 'UTC', { keepLast: 1 }],
        ['p2', 'Europe/Berlin', { keepDaily: 3 }],
      ],
    );
    // the tags written before are still there, in config and live XML
    for (const flag of ['--config', '--live']) {
      assert.match(
        virsh(['metadata', g.name, '--uri', 'https://hv.dev/xmlns/vm/1', flag]).stdout,
        /<tag>snapshot-test<\/tag>/,
      );
    }

    assert.equal((await hv(['snapshot', 'create', g.name, 'manual1'])).code, 0);
    assert.equal((await hv(['snapshot', 'policy', 'run', g.name, '--name', 'p2'])).code, 0);
    const run1 = await timedHv('policy run (create + prune)', [
      '--json',
      'snapshot',
      'policy',
      'run',
      g.name,
      '--name',
      'p1',
    ]);
    assert.equal(run1.code, 0, run1.stderr);
    const [r1] = JSON.parse(run1.stdout) as { created: string; deleted: string[] }[];
    assert.ok(r1);
    assert.deepEqual(r1.deleted, []);
    await sleep(1100); // policy snapshot names and times have one-second resolution
    const run2 = await hvJson<
      { created: string; deleted: string[]; decisions: { id: string; mark: string }[] }[]
    >(['snapshot', 'policy', 'run', g.name, '--name', 'p1']);
    const [r2] = run2;
    assert.ok(r2);
    assert.deepEqual(r2.deleted, [r1.created]);
    assert.deepEqual(
      r2.decisions.map((d) => d.mark),
      ['keep', 'remove'],
    );

    const names = (await hvJson<{ name: string; policy?: string }[]>(['snapshot', 'list', g.name])).map(
      (s) => [s.name, s.policy ?? ''],
    );
    assert.deepEqual(
      names.map(([, p]) => p).sort(),
      ['', 'p1', 'p2'],
      `manual1, p2's snapshot and the newest p1 snapshot remain: ${JSON.stringify(names)}`,
    );
    assert.ok(names.some(([n]) => n === 'manual1'));
    assert.ok(names.some(([n]) => n === r2.created));

    await sleep(1100); // the dry run's would-be name must not be r2's (one-second resolution)
    const dry = await hvJson<{ dryRun: boolean; deleted: string[]; decisions: { mark: string }[] }[]>([
      'snapshot',
      'policy',
      'run',
      g.name,
      '--name',
      'p1',
      '--dry-run',
    ]);
    const [d0] = dry;
    assert.ok(d0);
    assert.equal(d0.dryRun, true);
    assert.deepEqual(
      d0.decisions.map((d) => d.mark),
      ['keep', 'remove'],
    );
    assert.equal(
      (await hvJson<unknown[]>(['snapshot', 'list', g.name])).length,
      3,
      'a dry run changes nothing',
    );

    for (const s of ['manual1', r2.created])
      assert.equal((await hv(['snapshot', 'delete', g.name, s])).code, 0);
    const p2snap = (await hvJson<{ name: string }[]>(['snapshot', 'list', g.name]))[0]!.name;
    assert.equal((await hv(['snapshot', 'delete', g.name, p2snap])).code, 0);
  });

  it('external disk-only snapshot: overlay in use, revert refused with the way out, delete commits', async () => {
    const g = guest!;
    const c = await timedHv('external disk-only create', [
      '--json',
      'snapshot',
      'create',
      g.name,
      'e1',
      '--disk-only',
    ]);
    assert.equal(c.code, 0, c.stderr);
    const e1 = JSON.parse(c.stdout) as {
      kind: string;
      memory: string;
      disks: { target: string; file?: string }[];
    };
    assert.equal(e1.kind, 'external');
    assert.equal(e1.memory, 'no');
    const overlay = join(g.workDir, `${g.name}-vda.e1.qcow2`);
    assert.deepEqual(e1.disks, [{ target: 'vda', snapshot: 'external', file: overlay }]);
    assert.ok(existsSync(overlay));
    assert.match(await client.domains.getXmlDesc(dom), new RegExp(`<source file='${overlay}'`));

    const rv = await hv(['--json', 'snapshot', 'revert', g.name, 'e1']);
    assert.equal(rv.code, 1);
    const err = (
      JSON.parse(rv.stderr) as {
        error: { code: string; message: string; details: { frozenFiles: string[] } };
      }
    ).error;
    assert.equal(err.code, 'NOT_SUPPORTED');
    assert.match(
      err.message,
      /is external, and this libvirt \(before 9\.7\) cannot revert to external snapshots/,
    );
    assert.match(err.message, /hv backup restore/);
    assert.deepEqual(err.details.frozenFiles, [g.diskPath]);

    const del = await timedHv('external delete (block commit)', ['snapshot', 'delete', g.name, 'e1']);
    assert.equal(del.code, 0, del.stderr);
    assert.equal(existsSync(overlay), false);
    assert.match(await client.domains.getXmlDesc(dom), new RegExp(`<source file='${g.diskPath}'`));

    // --quiesce: the agent answers, so libvirt freezes and thaws around a disk-only snapshot
    const q = await hv(['--json', 'snapshot', 'create', g.name, 'q1', '--quiesce']);
    assert.equal(q.code, 0, q.stderr);
    const q1 = JSON.parse(q.stdout) as { kind: string; memory: string; plan: { flags: string[] } };
    assert.deepEqual(
      [q1.kind, q1.memory, q1.plan.flags],
      ['external', 'no', ['DISK_ONLY', 'ATOMIC', 'QUIESCE']],
    );
    assert.equal((await guestSh('true')).code, 0, 'the guest runs on after the thaw');
    assert.equal((await hv(['snapshot', 'delete', g.name, 'q1'])).code, 0);
  });

  it('a raw disk forces external; with memory, delete also removes the memory file libvirt leaves', async () => {
    const g = guest!;
    const raw = join(g.workDir, 'raw.img');
    writeFileSync(raw, '');
    truncateSync(raw, 8 * 1024 * 1024);
    virsh([
      'attach-disk',
      g.name,
      raw,
      'vdb',
      '--driver',
      'qemu',
      '--subdriver',
      'raw',
      '--targetbus',
      'virtio',
      '--live',
    ]);
    const c = await timedHv('external create with memory', ['--json', 'snapshot', 'create', g.name, 'm1']);
    assert.equal(c.code, 0, c.stderr);
    const m1 = JSON.parse(c.stdout) as {
      kind: string;
      memory: string;
      memoryFile: string;
      plan: { why: string };
    };
    assert.deepEqual([m1.kind, m1.memory], ['external', 'external']);
    assert.equal(m1.memoryFile, join(g.workDir, `${g.name}.m1.mem`));
    assert.equal(m1.plan.why, 'external: disk vdb is raw');
    assert.ok(existsSync(m1.memoryFile));

    const del = await hv(['snapshot', 'delete', g.name, 'm1']);
    assert.equal(del.code, 0, del.stderr);
    assert.match(del.stdout, new RegExp(`removed memory file ${m1.memoryFile.replace(/[.]/g, '\\.')}`));
    assert.equal(existsSync(m1.memoryFile), false);
    assert.deepEqual(await hvJson<unknown[]>(['snapshot', 'list', g.name]), []);
  });
});
