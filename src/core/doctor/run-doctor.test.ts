import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InterruptedError } from '../errors/index.js';
import type { DoctorCheck, ProbeResult } from './doctor-check.js';
import { testDoctorEnv } from './doctor-test-env.js';
import { runDoctor } from './run-doctor.js';
import { DOCTOR_CHECKS, doctorCheckIds } from './doctor-checks.js';

function check(id: string, severity: 'fail' | 'warn', probe: () => Promise<ProbeResult>): DoctorCheck {
  return { id, title: id, kind: 'program', neededBy: ['hv x'], severity, fix: `fix ${id}`, probe };
}

const missing = (): Promise<ProbeResult> => Promise.resolve({ state: 'missing', summary: 'gone' });

test('runDoctor maps probe states through each check severity', async () => {
  const reports = await runDoctor(testDoctorEnv(), undefined, [
    check('a', 'fail', () => Promise.resolve({ state: 'ok', summary: 'fine' })),
    check('b', 'fail', missing),
    check('c', 'warn', missing),
    check('d', 'fail', () => Promise.resolve({ state: 'degraded', summary: 'slow', fix: 'special' })),
    check('e', 'fail', () => Promise.resolve({ state: 'skip', summary: 'n/a' })),
  ]);
  assert.deepEqual(
    reports.map((r) => [r.id, r.status, r.fix]),
    [
      ['a', 'ok', undefined],
      ['b', 'fail', 'fix b'],
      ['c', 'warn', 'fix c'],
      ['d', 'warn', 'special'],
      ['e', 'skip', undefined],
    ],
  );
});

test('runDoctor turns a probe that throws into a failed check', async () => {
  const [r] = await runDoctor(testDoctorEnv(), undefined, [
    check('x', 'warn', () => Promise.reject(new Error('boom'))),
  ]);
  assert.ok(r !== undefined);
  assert.equal(r.status, 'warn');
  assert.equal(r.summary, 'the check itself failed: boom');
});

test('runDoctor runs only the checks asked for, in table order', async () => {
  const checks = [check('a', 'fail', missing), check('b', 'fail', missing), check('c', 'fail', missing)];
  const reports = await runDoctor(testDoctorEnv(), ['c', 'a'], checks);
  assert.deepEqual(
    reports.map((r) => r.id),
    ['a', 'c'],
  );
});

test('runDoctor throws InterruptedError when aborted', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(
    runDoctor(testDoctorEnv({ signal: controller.signal }), undefined, [check('a', 'fail', missing)]),
    InterruptedError,
  );
});

test('the real table has unique ids, and a fix and a needed-by for every row', () => {
  assert.equal(new Set(doctorCheckIds()).size, DOCTOR_CHECKS.length);
  for (const c of DOCTOR_CHECKS) {
    assert.match(c.id, /^[a-z][a-z0-9-]*$/);
    assert.ok(c.neededBy.length > 0, c.id);
    assert.notEqual(c.fix, '', c.id);
  }
  for (const id of [
    'libvirtd',
    'kvm',
    'qemu-img',
    'qemu-system',
    'nft',
    'ovmf',
    'xorriso',
    'gpgv',
    'dnsmasq',
    'config',
  ]) {
    assert.ok(doctorCheckIds().includes(id), id);
  }
});

test('the real table on a bare environment fails the essentials and warns for the rest', async () => {
  const reports = await runDoctor(
    testDoctorEnv({ configYaml: 'state_dir: /nonexistent-hv/state\ndoctor:\n  min_free_gib: 0\n' }),
    ['libvirtd', 'qemu-img', 'xorriso', 'kvm', 'config'],
  );
  assert.deepEqual(
    reports.map((r) => [r.id, r.status]),
    [
      ['config', 'ok'],
      ['libvirtd', 'fail'],
      ['kvm', 'warn'],
      ['qemu-img', 'fail'],
      ['xorriso', 'warn'],
    ],
  );
  assert.equal(reports.find((r) => r.id === 'qemu-img')?.debianPackage, 'qemu-utils');
});
