// The lifecycle verbs end to end: spawn bin/hv against qemu:///system with three tiny guests (two
// tagged, one ignoring ACPI): selectors (globs, --tag, --state, --all), exit codes for bad names (4) and
// unknown VMs (7), a bulk run with one VM failing (table, exit 7, others done), JSON lines, and Ctrl-C
// in the middle of a bulk stop (exit 130, one done, one interrupted, the rest skipped).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GUEST_MARKERS, domState, waitForSerial } from '../helpers/test-guest.js';
import { spawnHv, type HvRun } from '../helpers/spawn-hv.js';
import { defineLifecycleGuests, type LifecycleGuests } from '../helpers/vm-lifecycle-guests.js';

const BOOT_MS = 180_000;

interface Line {
  name: string;
  ok: boolean;
  result?: string;
  skipped?: boolean;
  ms?: number;
  error?: { code: string; message: string };
}

/** JSON lines in the order VMs finished (not the order given). */
const lines = (r: HvRun): Line[] =>
  r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Line);

const hv = (args: string[]): Promise<HvRun> => spawnHv(args, { timeoutMs: 240_000 });

describe('hv lifecycle verbs (e2e)', { timeout: 900_000 }, () => {
  let g: LifecycleGuests;
  let web1 = '';
  let web2 = '';
  let db = '';

  before(async () => {
    g = await defineLifecycleGuests('lccli', [
      { tags: ['lcweb'] },
      { tags: ['lcweb'], kernelArgs: 'probe.acpi=ignore' },
      {},
    ]);
    [web1 = '', web2 = '', db = ''] = g.names;
  });

  after(() => {
    g.dispose();
  });

  it('malformed names and selectors exit 4; unknown VMs exit 7 naming them', async () => {
    for (const args of [
      ['start', 'bad name'],
      ['stop', 'web;reboot*'],
      ['start'],
      ['vm', 'kill', '--all', web1],
      ['pause', '--parallel', '0', web1],
      ['stop', '--timeout', 'soon', web1],
      ['kill', '--state', 'sleepy'],
    ]) {
      const r = await hv(args);
      assert.equal(r.code, 4, `${args.join(' ')}: ${r.stderr}`);
    }
    const missing = await hv(['start', web1, `${g.prefix}-nope`]);
    assert.equal(missing.code, 7);
    assert.match(missing.stderr, new RegExp(`no VM named ${g.prefix}-nope \\[VM_NOT_FOUND\\]`));
    assert.equal(domState(web1), 'shut off', 'nothing ran when a name was unknown');
    const glob = await hv(['kill', `${g.prefix}-z*`]);
    assert.equal(glob.code, 7);
    assert.match(glob.stderr, /no VM matches/);
  });

  it('globs, --tag and --state select exactly the matching VMs (JSON lines)', async () => {
    const all = await hv(['--json', 'kill', `${g.prefix}-*`]);
    assert.equal(all.code, 0, all.stderr);
    assert.deepEqual(
      lines(all)
        .map((l) => [l.name, l.result])
        .sort(),
      [web1, web2, db].map((n) => [n, 'already off']),
    );
    const tagged = await hv(['--json', 'vm', 'kill', '--tag', 'lcweb', `${g.prefix}-?`]);
    assert.equal(tagged.code, 0, tagged.stderr);
    assert.deepEqual(
      lines(tagged)
        .map((l) => l.name)
        .sort(),
      [web1, web2],
    );
    const none = await hv(['pause', '--state', 'running', `${g.prefix}-*`]);
    assert.equal(none.code, 0, none.stderr);
    assert.match(none.stdout, /no VMs selected/);
  });

  it('a bulk run with one VM failing shows it in the table, exits 7, and the others are done', async () => {
    const start = await hv(['vm', 'start', '--tag', 'lcweb', '--all']);
    assert.equal(start.code, 0, start.stderr);
    assert.match(start.stdout, new RegExp(`${web1}\\s+started`));
    assert.match(start.stdout, new RegExp(`${web2}\\s+started`));
    await Promise.all([0, 1].map((i) => waitForSerial(g.serialLog(i), GUEST_MARKERS.ready, BOOT_MS)));

    const r = await hv(['pause', web1, db]);
    assert.equal(r.code, 7, r.stderr);
    assert.match(r.stdout, /^NAME\s+RESULT\s+TIME\s+ERROR/);
    assert.match(r.stdout, new RegExp(`${web1}\\s+paused`));
    assert.match(
      r.stdout,
      new RegExp(`${db}\\s+failed .*cannot pause VM ${db}: it is shut off \\[VM_STATE_INVALID\\]`),
    );
    assert.match(r.stderr, /pause: 1 done, 1 failed, 0 skipped/);
    assert.equal(domState(web1), 'paused');
    const resume = await hv(['resume', web1]);
    assert.equal(resume.code, 0, resume.stderr);
    assert.equal(domState(web1), 'running');
    const quiet = await hv(['--quiet', 'pause', db]);
    assert.equal(quiet.code, 7);
    assert.equal(quiet.stdout, '');
    assert.match(
      quiet.stderr,
      new RegExp(`^hv: cannot pause VM ${db}: it is shut off \\[VM_STATE_INVALID\\]$`, 'm'),
    );
  });

  it('Ctrl-C during a bulk stop: exit 130, the finished VM reported, the waiting one interrupted, the rest skipped; --no-force gives exit 9, force turns it off', async () => {
    let sent = false;
    const r = await spawnHv(['--json', 'stop', '--parallel', '1', '--timeout', '600', web1, web2, db], {
      timeoutMs: 300_000,
      onSpawn: (child) => {
        child.stdout?.on('data', () => {
          if (!sent) {
            sent = true; // the first JSON line is web1's result; web2 now waits on a guest ignoring ACPI
            child.kill('SIGINT');
          }
        });
      },
    });
    assert.equal(r.code, 130, r.stderr);
    const got = lines(r);
    assert.deepEqual([got[0]?.name, got[0]?.ok, got[0]?.result], [web1, true, 'shut down']);
    const waiting = got[1];
    assert.equal(waiting?.name, web2);
    assert.equal(waiting.error?.code, 'INTERRUPTED');
    assert.deepEqual(got[2], { name: db, ok: false, skipped: true });
    assert.equal(domState(web1), 'shut off');
    assert.equal(domState(web2), 'running', 'Ctrl-C leaves the waiting VM as it is');
    const noForce = await hv(['stop', '--timeout', '2', '--no-force', web2]);
    assert.equal(noForce.code, 9, noForce.stderr);
    assert.match(noForce.stdout, /did not shut down within 2 s and --no-force was given.*\[TIMEOUT\]/);
    assert.equal(domState(web2), 'running');
    const forced = await hv(['vm', 'stop', '--timeout', '2', web2]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stdout, new RegExp(`${web2}\\s+forced off`));
    assert.equal(domState(web2), 'shut off');
  });
});
