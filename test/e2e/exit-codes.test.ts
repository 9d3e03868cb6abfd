// Every documented exit code, produced by a real command of the built CLI (bin/hv), with the error
// shape checked on stderr. The last test fails when a documented code was not produced.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { access, chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { EXIT_CODES } from '../../src/core/errors/error-codes.js';
import { spawnHv, type HvRun } from '../helpers/spawn-hv.js';

let dir = '';
let good = '';
let bad = '';

/** A config file whose log_dir is inside the temp dir, so tests never write /var/log/hv. */
function configText(extra = ''): string {
  return `log_dir: ${dir}/log\nstate_dir: ${dir}/state\n${extra}`;
}

function jsonError(run: HvRun): { code: string; message: string; details: Record<string, unknown> } {
  const lines = run.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `expected one JSON line on stderr, got: ${run.stderr}`);
  const parsed = JSON.parse(lines[0] ?? '') as {
    error: { code: string; message: string; details: Record<string, unknown> };
  };
  assert.deepEqual(Object.keys(parsed), ['error']);
  assert.deepEqual(Object.keys(parsed.error).sort(), ['code', 'details', 'message']);
  return parsed.error;
}

const covered = new Set<number>();
function expectExit(run: HvRun, code: number): void {
  assert.equal(
    run.code,
    code,
    `exit ${String(run.code)} (signal ${String(run.signal)}); stderr: ${run.stderr}`,
  );
  covered.add(code);
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hv-e2e-exit-'));
  good = join(dir, 'good.yaml');
  bad = join(dir, 'bad.yaml');
  await writeFile(good, configText());
  await writeFile(bad, configText('backup:\n  dir: relative/backups\n'));
  await writeFile(join(dir, 'editor-sleep'), '#!/bin/sh\nexec sleep 30\n');
  await writeFile(join(dir, 'editor-set-qemu'), '#!/bin/sh\nprintf "vm:\\n  virt_type: qemu\\n" >> "$1"\n');
  await chmod(join(dir, 'editor-sleep'), 0o755);
  await chmod(join(dir, 'editor-set-qemu'), 0o755);
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('exit codes from real commands', () => {
  it('0: --version, and a valid configuration', async () => {
    const v = await spawnHv(['--version']);
    expectExit(v, 0);
    assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
    expectExit(await spawnHv(['config', 'validate', good]), 0);
  });

  it('4: an unknown flag (USAGE), in text and JSON', async () => {
    const text = await spawnHv(['--bogus-flag']);
    expectExit(text, 4);
    assert.match(text.stderr, /unknown option '--bogus-flag'/);
    const json = await spawnHv(['--json', 'doctor', '--bogus-flag']);
    expectExit(json, 4);
    assert.equal(jsonError(json).code, 'USAGE');
    const sub = await spawnHv(['config', 'get']);
    expectExit(sub, 4);
    assert.match(sub.stderr, /missing required argument 'key'/);
  });

  it('4: an argument that breaks a rule (INVALID_ARGUMENT) names field and rule', async () => {
    const key = await spawnHv(['--json', 'config', 'get', 'backup.dri;rm -rf /'], {
      env: { HV_CONFIG: good },
    });
    expectExit(key, 4);
    const err = jsonError(key);
    assert.equal(err.code, 'INVALID_ARGUMENT');
    assert.equal(err.details.field, 'key');
    assert.match(err.message, /^key: must be a configuration key .*\(got "backup\.dri;rm -rf \/"\)$/);
    const check = await spawnHv(['doctor', 'qemu-imgg'], { env: { HV_CONFIG: good } });
    expectExit(check, 4);
    assert.match(
      check.stderr,
      /^hv: check: must be one of: .*\(did you mean qemu-img\?\) \(got "qemu-imgg"\) \[INVALID_ARGUMENT\]\n$/,
    );
  });

  it('6: a configuration file that breaks the schema (HV_CONFIG), with line and column', async () => {
    const show = await spawnHv(['config', 'show'], { env: { HV_CONFIG: bad } });
    expectExit(show, 6);
    assert.equal(
      show.stderr,
      `hv: ${bad}:4:8: backup.dir: expected an absolute path without ".." or control characters (got "relative/backups") [CONFIG_INVALID]\n`,
    );
    const json = await spawnHv(['--json', 'config', 'validate', bad]);
    expectExit(json, 6);
    const err = jsonError(json);
    assert.equal(err.code, 'CONFIG_INVALID');
    assert.deepEqual(err.details.issues, [
      {
        key: 'backup.dir',
        rule: 'expected an absolute path without ".." or control characters',
        value: '"relative/backups"',
        line: 4,
        column: 8,
      },
    ]);
  });

  it('11: doctor with a failing check (PATH without qemu-img), results on stdout', async () => {
    const run = await spawnHv(['--json', 'doctor', 'qemu-img', 'config'], {
      env: { HV_CONFIG: good, PATH: '/nonexistent' },
    });
    expectExit(run, 11);
    const out = JSON.parse(run.stdout) as { checks: { id: string; status: string; fix?: string }[] };
    assert.deepEqual(
      out.checks.map((c) => [c.id, c.status]),
      [
        ['config', 'ok'],
        ['qemu-img', 'fail'],
      ],
    );
    assert.equal(out.checks[1]?.fix, 'apt-get install qemu-utils');
    const err = jsonError(run);
    assert.equal(err.code, 'CHECK_FAILED');
    assert.deepEqual(err.details.failed, ['qemu-img']);
  });

  it('11: doctor with a state directory that cannot be written; 0 when it can', async () => {
    await writeFile(join(dir, 'a-file'), '');
    const blocked = join(dir, 'blocked.yaml');
    await writeFile(blocked, `log_dir: ${dir}/log\nstate_dir: ${dir}/a-file/state\n`);
    const run = await spawnHv(['doctor', 'state-dir'], { env: { HV_CONFIG: blocked } });
    expectExit(run, 11);
    assert.match(run.stdout, /^fail {2}state-dir {2}.*a-file\/state cannot be checked \(ENOTDIR\)\n/);
    assert.match(run.stderr, /^hv: 1 of 1 checks failed: state-dir \[CHECK_FAILED\]\n$/);
    expectExit(await spawnHv(['doctor', 'state-dir', 'config'], { env: { HV_CONFIG: good } }), 0);
  });

  it('11 too when the configuration itself is broken: doctor reports it as a check', async () => {
    const run = await spawnHv(['doctor', 'config'], { env: { HV_CONFIG: bad } });
    expectExit(run, 11);
    assert.match(run.stdout, /^fail {2}config {2}.*backup\.dir: expected an absolute path/);
  });

  it('2: a missing program (config edit with an editor that is not installed)', async () => {
    const file = join(dir, 'edit-missing.yaml');
    await writeFile(file, configText());
    const run = await spawnHv(['--json', 'config', 'edit'], {
      env: { HV_CONFIG: file, EDITOR: '/nonexistent/editor' },
    });
    expectExit(run, 2);
    const err = jsonError(run);
    assert.equal(err.code, 'DEPENDENCY_MISSING');
    assert.equal(err.details.program, '/nonexistent/editor');
    await assert.rejects(access(`${file}.hv-edit`), 'the draft must be removed');
  });

  it('1: an external program that fails (the editor exits 1: COMMAND_FAILED)', async () => {
    const file = join(dir, 'edit-false.yaml');
    await writeFile(file, configText());
    const run = await spawnHv(['--json', 'config', 'edit'], { env: { HV_CONFIG: file, EDITOR: 'false' } });
    expectExit(run, 1);
    const err = jsonError(run);
    assert.equal(err.code, 'COMMAND_FAILED');
    assert.equal(err.details.exitCode, 1);
  });

  it('10: a held lock (another config edit in progress)', async () => {
    const file = join(dir, 'edit-locked.yaml');
    await writeFile(file, configText());
    await writeFile(`${file}.hv-edit`, '');
    const run = await spawnHv(['--json', 'config', 'edit'], { env: { HV_CONFIG: file, EDITOR: 'true' } });
    expectExit(run, 10);
    assert.equal(jsonError(run).code, 'LOCK_HELD');
  });

  it('0 / 6: config edit installs a valid edit and keeps an invalid one aside', async () => {
    const file = join(dir, 'edit-ok.yaml');
    await writeFile(file, configText());
    expectExit(
      await spawnHv(['config', 'edit'], { env: { HV_CONFIG: file, EDITOR: join(dir, 'editor-set-qemu') } }),
      0,
    );
    const get = await spawnHv(['config', 'get', 'vm.virt_type'], { env: { HV_CONFIG: file } });
    assert.equal(get.stdout, 'qemu\n');
    // A second append duplicates the `vm` key: invalid YAML, so it is not installed.
    const again = await spawnHv(['config', 'edit'], {
      env: { HV_CONFIG: file, EDITOR: join(dir, 'editor-set-qemu') },
    });
    expectExit(again, 6);
    assert.match(
      again.stderr,
      /Map keys must be unique.*not installed, your edit is in .*edit-ok\.yaml\.invalid/,
    );
    assert.equal(
      (await spawnHv(['config', 'get', 'vm.virt_type'], { env: { HV_CONFIG: file } })).stdout,
      'qemu\n',
    );
  });

  for (const [signal, code, why] of [
    ['SIGINT', 130, 'Ctrl-C'],
    ['SIGTERM', 143, 'a service manager, `timeout`'],
    ['SIGHUP', 129, 'the terminal closed'],
  ] as const) {
    it(`${code}: ${signal} (${why}) while a long command runs; the draft is cleaned up`, async () => {
      const sub = join(dir, signal.toLowerCase());
      await mkdir(sub);
      const file = join(sub, 'config.yaml');
      await writeFile(file, configText());
      const run = await spawnHv(['config', 'edit'], {
        env: { HV_CONFIG: file, EDITOR: join(dir, 'editor-sleep') },
        onSpawn: (child) => {
          // Wait until the editor holds the draft, then interrupt hv.
          const poll = setInterval(() => {
            access(`${file}.hv-edit`).then(
              () => {
                clearInterval(poll);
                child.kill(signal);
              },
              () => undefined,
            );
          }, 20);
        },
      });
      expectExit(run, code);
      assert.match(run.stderr, /\[INTERRUPTED\]\n$/);
      assert.deepEqual(await readdir(sub), ['config.yaml']);
    });
  }

  it('3: permission denied (an unreadable configuration file; writing /etc-like directories)', async (t) => {
    const secret = join(dir, 'secret');
    await chmod(dir, 0o755); // let the other user reach the directory; only the file is closed
    await mkdir(secret, { mode: 0o755 });
    const file = join(secret, 'config.yaml');
    await writeFile(file, configText(), { mode: 0o600 });
    await chmod(file, 0o600);
    const root = process.getuid?.() === 0;
    if (root) {
      const probe = await spawnHv(['--version'], { asUser: { user: 'nobody', group: 'nogroup' } }).catch(
        () => undefined,
      );
      if (probe?.code !== 0) {
        t.skip('setpriv to nobody cannot run node or read the repository here');
        return;
      }
    } else {
      await chmod(file, 0o000);
    }
    const as = root ? { asUser: { user: 'nobody', group: 'nogroup' } } : {};
    const read = await spawnHv(['--json', 'config', 'show'], { ...as, env: { HV_CONFIG: file } });
    expectExit(read, 3);
    const err = jsonError(read);
    assert.equal(err.code, 'PERMISSION_DENIED');
    assert.equal(err.message, `${file}: cannot read the configuration file: permission denied`);
    if (root) {
      const other = join(secret, 'other.yaml');
      const edit = await spawnHv(['config', 'edit'], { ...as, env: { HV_CONFIG: other, EDITOR: 'true' } });
      expectExit(edit, 3);
      assert.match(edit.stderr, /cannot write here: permission denied/);
    }
  });

  it('5: libvirtd unreachable (hv ls), once hv ls exists', async (t) => {
    const help = await spawnHv(['--help']);
    if (!/^ {2}ls\b/m.test(help.stdout)) {
      t.skip('hv ls is not registered yet');
      return;
    }
    const run = await spawnHv(['--json', 'ls', '--connect', `qemu:///system?socket=${dir}/no.sock`], {
      env: { HV_CONFIG: good },
    });
    expectExit(run, 5);
    assert.equal(jsonError(run).code, 'LIBVIRT_UNAVAILABLE');
  });

  it('7: a VM that does not exist (hv snapshot list)', async () => {
    const run = await spawnHv(['--json', '--connect', 'test:///default', 'snapshot', 'list', 'no-such-vm'], {
      env: { HV_CONFIG: good },
    });
    expectExit(run, 7);
    const err = jsonError(run);
    assert.equal(err.code, 'VM_NOT_FOUND');
    assert.match(err.message, /no-such-vm/);
  });

  it('8: a file that does not exist (hv backup prune --simulate)', async () => {
    const missing = join(dir, 'no-such-times.txt');
    const run = await spawnHv(['--json', 'backup', 'prune', '--simulate', missing, '--keep-last', '1'], {
      env: { HV_CONFIG: good },
    });
    expectExit(run, 8);
    const err = jsonError(run);
    assert.equal(err.code, 'STORAGE_NOT_FOUND');
    assert.ok(err.message.includes(missing), err.message);
  });

  it('9: a download that stalls (hv image pull)', async () => {
    const sockets: Socket[] = [];
    // Accepts connections and never answers.
    const server = createServer((s) => {
      sockets.push(s);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const conf = join(dir, 'images.yaml');
      await writeFile(conf, configText(`images:\n  dir: ${dir}/library\n`));
      const url = `http://127.0.0.1:${port}/stalled.img`;
      // test:///default: the pool hv makes lives only as long as this one command's connection.
      const run = await spawnHv(
        [
          '--json',
          '--connect',
          'test:///default',
          'image',
          'pull',
          url,
          '--sha256',
          'a'.repeat(64),
          '--stall-timeout',
          '1',
          '--retries',
          '1',
        ],
        { env: { HV_CONFIG: conf } },
      );
      expectExit(run, 9);
      assert.equal(jsonError(run).code, 'TIMEOUT');
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    }
  });

  it('every documented exit code was produced above', () => {
    const missing = Object.keys(EXIT_CODES)
      .map(Number)
      .filter((c) => !covered.has(c));
    assert.deepEqual(missing, [], `exit codes no real command produced: ${missing.join(', ')}`);
  });
});

describe('a closed output pipe', () => {
  it('ends hv quietly with 141, as SIGPIPE ends other tools (hv ls | head -0)', async () => {
    const r = await spawnHv(['--connect', 'test:///default', 'ls'], {
      onSpawn: (child) => child.stdout?.destroy(),
    });
    assert.equal(r.code, 141, r.stderr);
    assert.equal(r.stderr, '');
  });
});
