import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseLibvirtUri } from './libvirt-uri.js';
import { shellQuote, sshProxyCommand } from './ssh-proxy-command.js';
import { LibvirtUriError } from './libvirt-uri-error.js';

// The generated command is run by a real /bin/sh (as sshd would), with stand-in `virt-ssh-helper` and
// `nc` programs that print their argv, so quoting and the auto/netcat/native choice are checked for real.
let dir: string;
let withHelper: string;
let withoutHelper: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'hv-sshcmd-'));
  withHelper = join(dir, 'a');
  withoutHelper = join(dir, 'b');
  const printer = '#!/bin/sh\nprintf "%s" "$(basename "$0")"; for a in "$@"; do printf " <%s>" "$a"; done\n';
  // openbsd nc prints "option requires an argument" for a bare -q: the command must then add -q0.
  const nc =
    '#!/bin/sh\nif [ "$1" = "-q" ] && [ $# -eq 1 ]; then echo "nc: option requires an argument -- q" >&2; exit 1; fi\n';
  for (const d of [withHelper, withoutHelper]) {
    execFileSync('mkdir', ['-p', d]);
    writeFileSync(join(d, 'nc'), nc + printer.slice(10));
    chmodSync(join(d, 'nc'), 0o755);
  }
  // PATH holds only these dirs plus the few tools the command needs (the host's real virt-ssh-helper
  // in /usr/bin must not be found).
  execFileSync('mkdir', ['-p', join(dir, 'tools')]);
  for (const tool of ['sh', 'grep', 'basename']) {
    symlinkSync(
      execFileSync('/bin/sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(),
      join(dir, 'tools', tool),
    );
  }
  writeFileSync(join(withHelper, 'virt-ssh-helper'), printer);
  chmodSync(join(withHelper, 'virt-ssh-helper'), 0o755);
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(uri: string, readOnly: boolean, pathDir: string): string {
  const cmd = sshProxyCommand(parseLibvirtUri(uri), readOnly);
  return execFileSync('/bin/sh', ['-c', cmd], {
    env: { PATH: `${pathDir}:${join(dir, 'tools')}`, HOME: '/home/ann', XDG_RUNTIME_DIR: '/run/user/7' },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
}

describe('sshProxyCommand (run by /bin/sh)', () => {
  it('auto with virt-ssh-helper installed: the helper with the remote name', () => {
    assert.equal(
      run('qemu+ssh://h/system?keyfile=/k', false, withHelper),
      'virt-ssh-helper <qemu:///system>',
    );
  });
  it('auto, read-only: helper -r', () => {
    assert.equal(run('qemu+ssh://h/system', true, withHelper), 'virt-ssh-helper <-r> <qemu:///system>');
  });
  it('auto without the helper: nc -q0 -U on the legacy socket', () => {
    assert.equal(
      run('qemu+ssh://h/system', false, withoutHelper),
      'nc <-q0> <-U> </run/libvirt/libvirt-sock>',
    );
  });
  it('netcat, read-only: the -ro socket', () => {
    assert.equal(
      run('qemu+ssh://h/system?proxy=netcat', true, withHelper),
      'nc <-q0> <-U> </run/libvirt/libvirt-sock-ro>',
    );
  });
  it('netcat with ?socket= holding shell metacharacters stays one argument', () => {
    assert.equal(
      run("qemu+ssh://h/system?proxy=netcat&socket=/tmp/it's%20a%20$HOME%3Bx", false, withHelper),
      "nc <-q0> <-U> </tmp/it's a $HOME;x>",
    );
  });
  it('netcat for /session expands the remote runtime dir', () => {
    assert.equal(
      run('qemu+ssh://h/session?proxy=netcat', false, withHelper),
      'nc <-q0> <-U> </run/user/7/libvirt/libvirt-sock>',
    );
  });
  it('a netcat= path implies netcat in auto mode', () => {
    assert.equal(
      run(`qemu+ssh://h/system?netcat=${encodeURIComponent(join(withoutHelper, 'nc'))}`, false, withHelper),
      'nc <-q0> <-U> </run/libvirt/libvirt-sock>',
    );
  });
  it('native: the helper even if nc exists; a name with quotes survives', () => {
    assert.equal(
      run("test+ssh://h/tmp/o'brien.xml?proxy=native", false, withHelper),
      "virt-ssh-helper <test:///tmp/o'brien.xml>",
    );
  });
  it('native without the helper fails (no silent netcat fallback)', () => {
    assert.throws(() => run('qemu+ssh://h/system?proxy=native', false, withoutHelper));
  });
  it('native with netcat= is refused', () => {
    assert.throws(
      () => sshProxyCommand(parseLibvirtUri('qemu+ssh://h/system?proxy=native&netcat=/bin/nc'), false),
      (e: unknown) => e instanceof LibvirtUriError && e.kind === 'bad-param',
    );
  });
});

describe('shellQuote', () => {
  for (const [word, quoted] of [
    ['plain/path-1.sock', 'plain/path-1.sock'],
    ['a b', "'a b'"],
    ["it's", "'it'\\''s'"],
    ['', "''"],
    ['$X', "'$X'"],
  ] as const) {
    it(JSON.stringify(word), () => {
      assert.equal(shellQuote(word), quoted);
    });
  }
});
