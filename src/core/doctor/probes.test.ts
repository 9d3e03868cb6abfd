import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../errors/index.js';
import { testDoctorEnv } from './doctor-test-env.js';
import { programProbe } from './checks/program-probe.js';
import { probeKvm } from './checks/kvm-probe.js';
import { probeOvmf } from './checks/ovmf-probe.js';
import { probeLibvirt } from './checks/libvirt-probe.js';
import { probeAccess } from './checks/access-probe.js';
import { probeStateDir } from './checks/state-dir-probe.js';
import { freeSpaceProbe } from './checks/free-space-probe.js';
import { probeConfig } from './checks/config-probe.js';

let dir = '';
let server: Server | undefined;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hv-doctor-'));
  await mkdir(join(dir, 'bin'));
  await writeFile(
    join(dir, 'bin', 'qemu-img'),
    '#!/bin/sh\necho "qemu-img version 7.2.22 (Debian 1:7.2+dfsg-7)"\n',
  );
  await writeFile(join(dir, 'bin', 'broken'), '#!/bin/sh\necho "cannot load libfoo.so" >&2\nexit 127\n');
  await chmod(join(dir, 'bin', 'qemu-img'), 0o755);
  await chmod(join(dir, 'bin', 'broken'), 0o755);
  await writeFile(join(dir, 'file'), '');
});

after(async () => {
  server?.close();
  await rm(dir, { recursive: true, force: true });
});

test('programProbe finds a program on PATH and reads its version', async () => {
  const env = testDoctorEnv({ searchPath: join(dir, 'bin') });
  assert.deepEqual(await programProbe('qemu-img', { versionArgs: ['--version'] })(env), {
    state: 'ok',
    summary: `${join(dir, 'bin', 'qemu-img')} 7.2.22`,
  });
  assert.deepEqual(await programProbe('qemu-img')(env), {
    state: 'ok',
    summary: join(dir, 'bin', 'qemu-img'),
  });
});

test('programProbe reports a missing program and one that does not run', async () => {
  const env = testDoctorEnv({ searchPath: join(dir, 'bin') });
  assert.deepEqual(await programProbe('xorriso')(env), {
    state: 'missing',
    summary: 'xorriso not found on PATH',
  });
  const broken = await programProbe('broken', { versionArgs: ['--version'] })(env);
  assert.equal(broken.state, 'missing');
  assert.match(broken.summary, /does not run: .*exited with 127: cannot load libfoo\.so/);
});

test('programProbe also searches extra directories', async () => {
  const env = testDoctorEnv({ searchPath: '/nonexistent' });
  assert.equal((await programProbe('qemu-img', { extraDirs: [join(dir, 'bin')] })(env)).state, 'ok');
});

test('probeKvm: no device means TCG', async () => {
  const r = await probeKvm(testDoctorEnv());
  assert.deepEqual(r, { state: 'missing', summary: 'no /nonexistent/kvm: guests will run under TCG (slow)' });
});

test('probeKvm: a device without vmx/svm (kvm_pvm) is degraded', async () => {
  await writeFile(join(dir, 'cpuinfo-pvm'), 'processor\t: 0\nflags\t\t: fpu sse2 hypervisor\n');
  await mkdir(join(dir, 'module-pvm', 'kvm_pvm'), { recursive: true });
  const env = testDoctorEnv({
    paths: {
      ...testDoctorEnv().paths,
      devKvm: '/dev/null',
      cpuinfo: join(dir, 'cpuinfo-pvm'),
      sysModule: join(dir, 'module-pvm'),
    },
  });
  const r = await probeKvm(env);
  assert.equal(r.state, 'degraded');
  assert.equal(
    r.summary,
    '/dev/null exists but the CPU has no vmx/svm flag (kvm_pvm: software nested virtualisation): guests will run under TCG (slow)',
  );
});

test('probeKvm: vmx with nested on is usable', async () => {
  await writeFile(join(dir, 'cpuinfo-vmx'), 'flags\t\t: fpu vmx sse2\n');
  await mkdir(join(dir, 'module-vmx', 'kvm_intel', 'parameters'), { recursive: true });
  await writeFile(join(dir, 'module-vmx', 'kvm_intel', 'parameters', 'nested'), 'Y\n');
  const env = testDoctorEnv({
    paths: {
      ...testDoctorEnv().paths,
      devKvm: '/dev/null',
      cpuinfo: join(dir, 'cpuinfo-vmx'),
      sysModule: join(dir, 'module-vmx'),
    },
  });
  assert.deepEqual(await probeKvm(env), {
    state: 'ok',
    summary: 'KVM usable (vmx; nested virtualisation on)',
  });
});

test('probeOvmf lists firmware files and notes secure boot', async () => {
  await mkdir(join(dir, 'OVMF'));
  await writeFile(join(dir, 'OVMF', 'OVMF_CODE_4M.fd'), '');
  await writeFile(join(dir, 'OVMF', 'OVMF_CODE_4M.secboot.fd'), '');
  await writeFile(join(dir, 'OVMF', 'OVMF_VARS_4M.fd'), '');
  const paths = { ...testDoctorEnv().paths, ovmfDir: join(dir, 'OVMF') };
  assert.deepEqual(await probeOvmf(testDoctorEnv({ paths })), {
    state: 'ok',
    summary: `2 firmware files in ${join(dir, 'OVMF')}, secure boot available`,
  });
  assert.equal((await probeOvmf(testDoctorEnv())).state, 'missing');
});

test('probeLibvirt connects to the socket the URI names', async () => {
  const sock = join(dir, 'libvirt.sock');
  server = createServer((c) => c.end());
  await new Promise<void>((resolve) => server?.listen(sock, resolve));
  const env = testDoctorEnv({ connectUri: `qemu:///system?socket=${sock}` });
  assert.deepEqual(await probeLibvirt(env), { state: 'ok', summary: `listening on ${sock}` });
  const withVersion = testDoctorEnv({
    connectUri: `qemu:///system?socket=${sock}`,
    probeLibvirtVersion: (uri) => Promise.resolve(uri.includes(sock) ? '9.0.0' : '?'),
  });
  assert.deepEqual(await probeLibvirt(withVersion), {
    state: 'ok',
    summary: `libvirt 9.0.0 listening on ${sock}`,
  });
});

test('probeLibvirt says when the daemon is not running', async () => {
  const r = await probeLibvirt(
    testDoctorEnv({ connectUri: `qemu:///system?socket=${join(dir, 'none.sock')}` }),
  );
  assert.equal(r.state, 'missing');
  assert.equal(r.summary, `libvirtd is not running (no socket: ${join(dir, 'none.sock')}: ENOENT)`);
  const notSocket = await probeLibvirt(
    testDoctorEnv({ connectUri: `qemu:///system?socket=${join(dir, 'file')}` }),
  );
  assert.match(notSocket.summary, /the socket does not accept connections: .*ECONNREFUSED/);
});

test('probeLibvirt skips remote URIs unless a version probe answers, and reports a failing one', async () => {
  assert.equal(
    (await probeLibvirt(testDoctorEnv({ connectUri: 'qemu+ssh://root@host2/system' }))).state,
    'skip',
  );
  const remote = testDoctorEnv({
    connectUri: 'qemu+tls://host2/system',
    probeLibvirtVersion: () => Promise.resolve('10.1.0'),
  });
  assert.deepEqual(await probeLibvirt(remote), {
    state: 'ok',
    summary: 'libvirt 10.1.0 at qemu+tls://host2/system',
  });
  const failing = testDoctorEnv({
    connectUri: 'qemu+tls://host2/system',
    probeLibvirtVersion: () => Promise.reject(new Error('refused')),
  });
  assert.deepEqual(await probeLibvirt(failing), {
    state: 'missing',
    summary: 'libvirtd at qemu+tls://host2/system did not answer: refused',
  });
  assert.equal((await probeLibvirt(testDoctorEnv({ connectUri: 'not a uri' }))).state, 'missing');
});

test('probeAccess: root, libvirt group member, or neither', async () => {
  await writeFile(join(dir, 'group'), 'root:x:0:\nkvm:x:104:\nlibvirt:x:118:alice\n');
  const paths = { ...testDoctorEnv().paths, etcGroup: join(dir, 'group') };
  const system = 'qemu:///system';
  assert.equal(
    (await probeAccess(testDoctorEnv({ connectUri: system, uid: 0, paths }))).summary,
    'running as root',
  );
  assert.equal(
    (await probeAccess(testDoctorEnv({ connectUri: system, uid: 1000, gids: [104, 118], paths }))).state,
    'ok',
  );
  const denied = await probeAccess(testDoctorEnv({ connectUri: system, uid: 1000, gids: [104], paths }));
  assert.deepEqual(
    [denied.state, denied.summary],
    ['missing', 'uid 1000 is neither root nor in the libvirt group'],
  );
  assert.equal(
    (await probeAccess(testDoctorEnv({ connectUri: 'qemu:///session', uid: 1000, paths }))).state,
    'skip',
  );
});

test('probeStateDir: writable, to be created, or blocked', async () => {
  const ok = await probeStateDir(testDoctorEnv({ configYaml: `state_dir: ${dir}\n` }));
  assert.deepEqual(ok, { state: 'ok', summary: `${dir} is writable` });
  const later = await probeStateDir(testDoctorEnv({ configYaml: `state_dir: ${dir}/a/b\n` }));
  assert.deepEqual(later, {
    state: 'ok',
    summary: `${dir}/a/b does not exist yet; it will be created in ${dir}`,
  });
  const file = await probeStateDir(testDoctorEnv({ configYaml: `state_dir: ${dir}/file\n` }));
  assert.deepEqual(file, { state: 'missing', summary: `${dir}/file is not a directory` });
  const under = await probeStateDir(testDoctorEnv({ configYaml: `state_dir: ${dir}/file/sub\n` }));
  assert.deepEqual(under, { state: 'missing', summary: `${dir}/file/sub cannot be checked (ENOTDIR)` });
});

test('freeSpaceProbe warns below doctor.min_free_gib', async () => {
  const probe = freeSpaceProbe((env) => env.config.state_dir);
  const plenty = await probe(
    testDoctorEnv({ configYaml: `state_dir: ${dir}/not-yet\ndoctor:\n  min_free_gib: 0\n` }),
  );
  assert.equal(plenty.state, 'ok');
  assert.match(plenty.summary, new RegExp(`^\\d+\\.\\d GiB free on ${dir} \\(for ${dir}/not-yet\\)$`));
  const short = await probe(
    testDoctorEnv({ configYaml: `state_dir: ${dir}\ndoctor:\n  min_free_gib: 1000000000\n` }),
  );
  assert.equal(short.state, 'degraded');
  assert.match(short.summary, /^only \d+\.\d GiB free on .*; doctor\.min_free_gib is 1000000000$/);
});

test('probeConfig reports the loading error or the file in use', async () => {
  assert.deepEqual(await probeConfig(testDoctorEnv({ configError: new ConfigError('/x: bad') })), {
    state: 'missing',
    summary: '/x: bad',
  });
  assert.equal(
    (await probeConfig(testDoctorEnv({ configExists: true, configPath: '/etc/hv/c.yaml' }))).summary,
    '/etc/hv/c.yaml is valid',
  );
  assert.match((await probeConfig(testDoctorEnv())).summary, /does not exist: defaults apply/);
});
