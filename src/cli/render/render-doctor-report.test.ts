import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CheckReport } from '../../core/doctor/doctor-check.js';
import { countStatuses, renderDoctorReport } from './render-doctor-report.js';

const base = { title: 't', kind: 'program', neededBy: ['hv x'] } as const;
const reports: CheckReport[] = [
  { ...base, id: 'config', status: 'ok', summary: 'fine' },
  {
    ...base,
    id: 'qemu-img',
    status: 'fail',
    summary: 'qemu-img not found on PATH',
    fix: 'apt-get install qemu-utils',
  },
  { ...base, id: 'kvm', status: 'warn', summary: 'slow\nreally', fix: 'use KVM' },
  { ...base, id: 'access', status: 'skip', summary: 'remote' },
];

test('renderDoctorReport prints one aligned line per check, fixes indented, then counts', () => {
  assert.equal(
    renderDoctorReport(reports, false),
    [
      'ok    config    fine',
      'fail  qemu-img  qemu-img not found on PATH',
      '                fix: apt-get install qemu-utils',
      'warn  kvm       slow really',
      '                fix: use KVM',
      'skip  access    remote',
      '',
      '1 ok, 1 warning, 1 failed, 1 skipped',
      '',
    ].join('\n'),
  );
});

test('renderDoctorReport colours the status only when asked', () => {
  const coloured = renderDoctorReport(reports, true);
  assert.ok(coloured.includes('\x1b[31mfail\x1b[0m'));
  assert.ok(coloured.includes('\x1b[32mok  \x1b[0m'));
  assert.ok(!renderDoctorReport(reports, false).includes('\x1b'));
});

test('countStatuses counts each status', () => {
  assert.deepEqual(countStatuses(reports), { ok: 1, warn: 1, fail: 1, skip: 1 });
});
