// hv vm create and hv gc as a user runs them (bin/hv): exit codes for bad input and duplicates with the
// domain and volume lists unchanged, and kill -9 in the middle of a create, cleaned up by hv gc or by
// the next create of the same name.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { spawnHv, type HvRun } from '../helpers/spawn-hv.js';
import { vmCreateEnv, type VmCreateEnv } from '../helpers/vm-create-env.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;
const tag = Math.random().toString(36).slice(2, 7);
const vm = (s: string): string => `hvt-ce-${tag}-${s}`;
let env: VmCreateEnv;
const made: string[] = [];

const hv = (
  args: readonly string[],
  extra: NodeJS.ProcessEnv = {},
  onSpawn?: (c: ChildProcess) => void,
): Promise<HvRun> =>
  spawnHv(args, {
    env: { HV_CONFIG: env.configPath, ...extra },
    timeoutMs: 60_000,
    ...(onSpawn && { onSpawn }),
  });

/** Start a create that pauses after defining the domain, and kill -9 it there. */
async function killMidCreate(name: string): Promise<void> {
  let child: ChildProcess | undefined;
  const run = hv(
    ['vm', 'create', name, '--memory', '128M', '--image', env.image, '--user', 'ops'],
    { HV_TEST_FAIL_AT: 'pause:define' },
    (c) => (child = c),
  );
  const journal = join(env.config.state_dir, 'creating', `${name}.json`);
  let ended: HvRun | undefined;
  void run.then((r) => (ended = r));
  const deadline = Date.now() + 120_000;
  for (;;) {
    // A create that ended (failed) before the pause, or never got there, fails the test instead of hanging.
    if (ended !== undefined) assert.fail(`create ended before the pause: ${ended.stderr}`);
    if (Date.now() > deadline) {
      child?.kill('SIGKILL');
      assert.fail('create did not reach the pause after define');
    }
    if (
      existsSync(journal) &&
      (JSON.parse(readFileSync(journal, 'utf8')) as { domainDefined: boolean }).domainDefined
    ) {
      const names = (await env.client.domains.listAll()).map((d) => d.name);
      if (names.includes(name)) break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child?.kill('SIGKILL');
  const r = await run;
  assert.equal(r.signal, 'SIGKILL');
}

before(async () => {
  if (NOT_ROOT) return;
  env = await vmCreateEnv('cre2e');
});
after(async () => {
  if (NOT_ROOT) return;
  // The image library's pool (made by hv image import) goes too; dispose removes the VM pool.
  const s = env.client.storage;
  const lib = await s.lookupPoolByName(env.config.images.pool).catch(() => undefined);
  if (lib !== undefined) {
    for (const v of await s.listAllVolumes(lib).catch(() => []))
      await s.deleteVolume(v).catch(() => undefined);
    await s.destroyPool(lib).catch(() => undefined);
    await s.deletePool(lib).catch(() => undefined);
    await s.undefinePool(lib).catch(() => undefined);
  }
  await env.dispose(made);
});

describe('hv vm create / hv gc (e2e, qemu:///system)', { skip: NOT_ROOT }, () => {
  it('without a terminal and without arguments refuses with exit 4 naming the flags', async () => {
    const r = await hv(['vm', 'create']);
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, /--profile FILE/);
    assert.match(r.stderr, /--cpus/);
  });

  it('creates from flags (exit 0), then refuses the same name with exit 10, changing nothing', async () => {
    const name = vm('dup');
    made.push(name);
    const ok = await hv([
      'vm',
      'create',
      name,
      '--memory',
      '128M',
      '--image',
      env.image,
      '--user',
      'ops',
      '--json',
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    const created = JSON.parse(ok.stdout) as { volumes: string[]; uuid: string };
    assert.deepEqual(created.volumes, [`${name}-disk0.qcow2`, `${name}-cidata.iso`]);
    const before = await env.snapshot();
    const again = await hv(['vm', 'create', name, '--memory', '128M', '--image', env.image]);
    assert.equal(again.code, 10, again.stderr);
    assert.match(again.stderr, /already exists/);
    assert.deepEqual(await env.snapshot(), before);
  });

  it('export-profile writes the stored profile back out; it validates; a missing VM is exit 7', async () => {
    const name = made[0] ?? '';
    const out = join(env.dir, 'exported.yaml');
    const r = await hv(['vm', 'export-profile', name, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(out, 'utf8');
    assert.match(text, new RegExp(`^name: ${name}$`, 'm'));
    assert.match(text, /^memory: 128M$/m);
    assert.match(text, /linked|from:/);
    const v = await hv(['profile', 'validate', out]);
    assert.equal(v.code, 0, v.stderr);
    assert.equal((await hv(['vm', 'export-profile', name, '--out', out])).code !== 0, true);
    const missing = await hv(['vm', 'export-profile', vm('nosuch')]);
    assert.equal(missing.code, 7, missing.stderr);
  });

  it('bad input gives exit 4 naming the field and changes nothing', async () => {
    const before = await env.snapshot();
    const cases: [string[], RegExp][] = [
      [['--image', '/etc/hostname'], /disks\[0\]\.from/],
      [['--memory', '10P'], /memory/],
      [['--cpus', '0'], /cpus/],
      [['--iso', join(env.dir, 'missing.iso')], /iso: no such file/],
    ];
    for (const [flags, field] of cases) {
      const r = await hv(['vm', 'create', vm('bad'), ...flags]);
      assert.equal(r.code, 4, `${flags.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, field);
    }
    assert.deepEqual(await env.snapshot(), before);
  });

  it('--image NAME finds a library image (hv image import); an unknown name is exit 8 with close names', async () => {
    const imp = await hv(['image', 'import', env.image, '--name', 'hvtest-tiny']);
    assert.equal(imp.code, 0, imp.stderr);
    const name = vm('lib');
    made.push(name);
    const ok = await hv(['vm', 'create', name, '--memory', '128M', '--image', 'hvtest-tiny', '--json']);
    assert.equal(ok.code, 0, ok.stderr);
    const pool = await env.client.storage.lookupPoolByName(env.pool);
    const vol = await env.client.storage.lookupVolumeByName(pool, `${name}-disk0.qcow2`);
    const volXml = await env.client.storage.getVolumeXmlDesc(vol);
    const backing = /<backingStore>\s*<path>([^<]+)<\/path>/.exec(volXml)?.[1] ?? '';
    assert.ok(backing.startsWith(`${env.config.images.dir}/`), `backing ${backing} is in the library`);
    const before = await env.snapshot();
    const typo = await hv(['vm', 'create', vm('typo'), '--memory', '128M', '--image', 'hvtest-tniy']);
    assert.equal(typo.code, 8, typo.stderr);
    assert.match(
      typo.stderr,
      new RegExp(`no image named hvtest-tniy in the image library \\(pool ${env.config.images.pool}, `),
    );
    assert.match(typo.stderr, /close names: hvtest-tiny/);
    const iso = await hv(['vm', 'create', vm('typo'), '--memory', '128M', '--iso', 'no-such-iso']);
    assert.equal(iso.code, 8, iso.stderr);
    assert.match(iso.stderr, /iso: no image named no-such-iso in the image library .*it has: hvtest-tiny/);
    assert.deepEqual(await env.snapshot(), before);
  });

  it('kill -9 during create leaves leftovers that hv gc lists (--dry-run) and removes', async () => {
    const before = await env.snapshot();
    const name = vm('kill');
    await killMidCreate(name);
    const mid = await env.snapshot();
    assert.ok(mid.domains.includes(name));
    assert.ok(mid.volumes.includes(`${name}-disk0.qcow2`));
    const dry = await hv(['gc', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, new RegExp(`would remove domain ${name}`));
    assert.match(dry.stdout, new RegExp(`would remove volume ${name}-cidata\\.iso`));
    assert.deepEqual(await env.snapshot(), mid);
    const gc = await hv(['gc']);
    assert.equal(gc.code, 0, gc.stderr);
    assert.deepEqual(await env.snapshot(), before);
    assert.match((await hv(['gc'])).stdout, /nothing to remove/);
  });

  it('after kill -9 the next create of the same name cleans up first and succeeds', async () => {
    const name = vm('again');
    made.push(name);
    await killMidCreate(name);
    const r = await hv(['vm', 'create', name, '--memory', '128M', '--image', env.image, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const s = await env.snapshot();
    assert.deepEqual(
      s.volumes.filter((v) => v.startsWith(name)),
      [`${name}-cidata.iso`, `${name}-disk0.qcow2`],
    );
  });
});
