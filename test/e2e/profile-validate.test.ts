// `hv profile validate` as users run it (bin/hv): the bad-profile table exits 4 naming the field and
// the rule, good hv and Hyper-NixOS profiles print ok, unknown Hyper-NixOS fields are warnings.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from '../helpers/repo-file.js';
import { spawnHv, type HvRun } from '../helpers/spawn-hv.js';

let dir = '';
let env: NodeJS.ProcessEnv = {};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hv-e2e-profile-'));
  await writeFile(join(dir, 'config.yaml'), `log_dir: ${dir}/log\nstate_dir: ${dir}/state\n`);
  env = { HV_CONFIG: join(dir, 'config.yaml') };
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function validate(name: string, text: string, ...flags: string[]): Promise<HvRun> {
  const file = join(dir, name);
  await writeFile(file, text);
  return spawnHv([...flags, 'profile', 'validate', file], { env });
}

const BASE = 'name: web-1\ncpus: 2\nmemory: 2G\n';

const BAD: readonly { what: string; file: string; text: string; field: string; rule: RegExp }[] = [
  { what: 'missing name', file: 'a.yaml', text: 'cpus: 1\nmemory: 1G\n', field: 'name', rule: /is required/ },
  {
    what: 'memory 0',
    file: 'b.yaml',
    text: 'name: a\ncpus: 1\nmemory: "0"\n',
    field: 'memory',
    rule: /greater than zero/,
  },
  {
    what: 'memory 10 PiB',
    file: 'c.yaml',
    text: 'name: a\ncpus: 1\nmemory: 10P\n',
    field: 'memory',
    rule: /at most 16T/,
  },
  {
    what: 'Hyper-NixOS memory_mb 0',
    file: 'd.json',
    text: '{"name":"a","cpus":1,"memory_mb":0}',
    field: 'memory_mb',
    rule: /at least 256/,
  },
  {
    what: 'Hyper-NixOS memory_mb 10 PiB',
    file: 'e.json',
    text: `{"name":"a","cpus":1,"memory_mb":${10 * 2 ** 30}}`,
    field: 'memory_mb',
    rule: /at most/,
  },
  {
    what: 'unknown arch',
    file: 'f.yaml',
    text: `${BASE}arch: sparc64\n`,
    field: 'arch',
    rule: /must be one of/,
  },
  {
    what: 'bad PCI address',
    file: 'g.yaml',
    text: `${BASE}hostdevs: [0000:01:00.9]\n`,
    field: 'hostdevs[0]',
    rule: /function/,
  },
  {
    what: 'bad PCI address (Hyper-NixOS)',
    file: 'h.json',
    text: '{"name":"a","cpus":1,"memory_mb":1024,"hostdevs":["01:00"]}',
    field: 'hostdevs[0]',
    rule: /PCI address/,
  },
  {
    what: 'path traversal in iso_path',
    file: 'i.json',
    text: '{"name":"a","cpus":1,"memory_mb":1024,"iso_path":"../../etc/shadow"}',
    field: 'iso_path',
    rule: /"\.\." segments/,
  },
  {
    what: 'shell metacharacters in name',
    file: 'j.yaml',
    text: 'name: "a;reboot"\ncpus: 1\nmemory: 1G\n',
    field: 'name',
    rule: /must match/,
  },
  {
    what: 'duplicate disk targets',
    file: 'k.yaml',
    text: `${BASE}disks:\n  - size: 1G\n    target: vdc\n  - size: 2G\n    target: vdc\n`,
    field: 'disks[1].target',
    rule: /already used by disks\[0\]/,
  },
  {
    what: 'two NICs with the same MAC',
    file: 'l.yaml',
    text: `${BASE}nics:\n  - network: default\n    mac: 52:54:00:00:00:01\n  - bridge: br0\n    mac: 52:54:00:00:00:01\n`,
    field: 'nics[1].mac',
    rule: /already used by nics\[0\]/,
  },
  {
    what: 'a typo',
    file: 'm.yaml',
    text: `${BASE}hugepages: true\n`,
    field: 'hugepages',
    rule: /unknown key/,
  },
];

describe('the bad-profile table exits 4 naming the field', () => {
  for (const row of BAD) {
    it(row.what, async () => {
      const r = await validate(row.file, row.text);
      assert.equal(r.code, 4, r.stderr);
      const line = r.stderr.split('\n').find((l) => l.includes(`: ${row.field}: `));
      assert.ok(line, `no line names ${row.field}:\n${r.stderr}`);
      assert.match(line, row.rule);
      assert.ok(line.startsWith(join(dir, row.file)), line);
      assert.match(r.stderr, /\[PROFILE_INVALID\]\n$/);
      assert.equal(r.stdout, '');
    });
  }
});

describe('hv profile validate', () => {
  it('XML metacharacters in a string field are fine (escaped later, not refused)', async () => {
    const r = await validate('xml.yaml', `${BASE}description: "<b>&'\\"</b> ]]>"\nowner: "a<b"\n`);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /xml\.yaml: ok \(hv profile web-1\)/);
  });

  it('accepts every Hyper-NixOS fixture as it is and warns about unknown fields', async () => {
    const files = ['example_vm_nixos', 'example_vm_aarch64', 'example_vm_x86_cet_private', 'all_fields'].map(
      (n) => repoPath(`test/fixtures/hyper-nixos/${n}.json`),
    );
    const r = await spawnHv(['profile', 'validate', ...files], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.match(/: ok \(Hyper-NixOS profile /g)?.length, 4);
    assert.match(
      r.stderr,
      /all_fields\.json:\d+:\d+: warning: hugepage: unknown field, ignored .*did you mean hugepages\?/,
    );
  });

  it('reports every file and exits 4 when any is invalid; --json gives the issues', async () => {
    await writeFile(join(dir, 'ok.yaml'), BASE);
    await writeFile(join(dir, 'bad.yaml'), `${BASE}cpus: 0\n`.replace('cpus: 2\n', ''));
    const r = await spawnHv(['--json', 'profile', 'validate', join(dir, 'ok.yaml'), join(dir, 'bad.yaml')], {
      env,
    });
    assert.equal(r.code, 4);
    const out = JSON.parse(r.stdout) as {
      files: { file: string; valid: boolean; issues: { path: string; line: number }[] }[];
    };
    assert.deepEqual(
      out.files.map((f) => f.valid),
      [true, false],
    );
    assert.deepEqual(out.files[1]?.issues[0], {
      path: 'cpus',
      rule: 'must be at least 1',
      value: '0',
      line: 3,
      column: 7,
    });
    const err = JSON.parse(r.stderr) as { error: { code: string; message: string } };
    assert.equal(err.error.code, 'PROFILE_INVALID');
    assert.equal(err.error.message, '1 of 2 profiles are invalid');
  });

  it('a missing file is a storage error (exit 8)', async () => {
    const r = await spawnHv(['profile', 'validate', join(dir, 'nope.yaml')], { env });
    assert.equal(r.code, 8);
    assert.match(r.stderr, /nope\.yaml: profile file does not exist \[STORAGE_NOT_FOUND\]/);
  });
});
