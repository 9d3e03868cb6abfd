// Shell completion end to end: the scripts `hv completion bash|zsh` prints, sourced in a real bash and
// zsh, complete subcommands, flags and VM names (through `hv __complete vms` against the test driver,
// whose only domain is "test").
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HV_BIN } from '../helpers/spawn-hv.js';

const HAS_ZSH = spawnSync('zsh', ['--version']).status === 0 ? false : 'zsh is not installed';

let dir = '';
const env = (): NodeJS.ProcessEnv => ({
  PATH: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
  HOME: dir,
  HV_CONNECT: 'test:///default',
  NO_COLOR: '1',
});

function run(shell: 'bash' | 'zsh', script: string): string {
  const args = shell === 'zsh' ? ['-f', '-c', script] : ['--norc', '--noprofile', '-c', script];
  const r = spawnSync(shell, args, { encoding: 'utf8', env: env(), timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

describe('hv completion', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'hvtest-completion-'));
    symlinkSync(HV_BIN, join(dir, 'hv'));
    for (const shell of ['bash', 'zsh'] as const) {
      const r = spawnSync(process.execPath, [HV_BIN, 'completion', shell], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      writeFileSync(join(dir, `hv.${shell}`), r.stdout);
    }
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('an unknown shell is an invalid argument (exit 4)', () => {
    const r = spawnSync(process.execPath, [HV_BIN, 'completion', 'fish'], { encoding: 'utf8' });
    assert.equal(r.status, 4, r.stderr);
  });

  it('hv __complete vms lists VM names, and nothing (exit 0) when libvirtd cannot be reached', () => {
    const ok = spawnSync(process.execPath, [HV_BIN, '__complete', 'vms'], { encoding: 'utf8', env: env() });
    assert.equal(ok.stdout, 'test\n');
    const down = spawnSync(
      process.execPath,
      [HV_BIN, '--connect', 'qemu+unix:///system?socket=/nonexistent/sock', '__complete', 'vms'],
      { encoding: 'utf8' },
    );
    assert.deepEqual([down.status, down.stdout, down.stderr], [0, '', '']);
  });

  it('bash: registers _hv and completes subcommands, flags and VM names', () => {
    const out = run(
      'bash',
      `source "${dir}/hv.bash"
complete -p hv
t() { COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _hv; echo "$*=\${COMPREPLY[*]}"; }
t hv vm in
t hv st
t hv start ''
t hv vm info t
t hv ls --st
t hv --connect test:///default console ''
t hv completion ''`,
    );
    assert.deepEqual(out.trimEnd().split('\n'), [
      'complete -o default -F _hv hv',
      'hv vm in=info',
      'hv st=start stop',
      'hv start =test',
      'hv vm info t=test',
      'hv ls --st=--state',
      'hv --connect test:///default console =test',
      'hv completion =',
    ]);
  });

  it('zsh: registers _hv with compdef and finds the same candidates', { skip: HAS_ZSH }, () => {
    const out = run(
      'zsh',
      `source "${dir}/hv.zsh"
echo "comp=\${_comps[hv]}"
t() { echo "$*=\${(j: :)\${(f)"$(_hv_candidates $(($# - 1)) "$@")"}}"; }
t hv vm in
t hv st
t hv start ''
t hv ls --st`,
    );
    assert.deepEqual(out.trimEnd().split('\n'), [
      'comp=_hv',
      'hv vm in=info',
      'hv st=start stop',
      'hv start =test',
      'hv ls --st=--state',
    ]);
  });
});
