import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planBackupChain, type ChainInput } from './plan-backup-chain.js';

const disks = [
  { target: 'vda', format: 'qcow2', virtualSize: 100 },
  { target: 'vdb', format: 'qcow2', virtualSize: 200 },
];
const base = {
  id: 'vm.2',
  checkpoint: 'hv-backup-vm.2',
  startedAt: '2026-11-26T12:00:00Z',
  disks: disks.map(({ target, virtualSize }) => ({ target, virtualSize })),
};
const input: ChainInput = {
  forceFull: false,
  live: true,
  disks,
  backups: [{ ...base, id: 'vm.1', checkpoint: 'hv-backup-vm.1', startedAt: '2026-11-25T12:00:00Z' }, base],
  checkpoints: ['hv-backup-vm.2'],
};

test('incremental on the newest backup whose checkpoint still exists', () => {
  assert.deepEqual(planBackupChain(input), {
    type: 'incremental',
    parent: 'vm.2',
    from: 'hv-backup-vm.2',
    checkpoint: true,
  });
});

test('full, with the reason, whenever an incremental would be wrong', () => {
  const cases: [string, Partial<ChainInput>, RegExp, boolean][] = [
    ['stopped VM', { live: false }, /not running/, false],
    ['raw disk', { disks: [{ ...disks[0]!, format: 'raw' }] }, /vda is raw/, false],
    ['--full', { forceFull: true }, /--full/, true],
    ['no earlier backup', { backups: [] }, /no earlier/, true],
    ['offline backups only', { backups: [{ ...base, checkpoint: null }] }, /no earlier/, true],
    ['checkpoint gone (restored)', { checkpoints: ['hv-backup-vm.1'] }, /gone/, true],
    ['disk resized', { disks: [disks[0]!, { ...disks[1]!, virtualSize: 300 }] }, /disks changed/, true],
    [
      'disk added',
      { disks: [...disks, { target: 'vdc', format: 'qcow2', virtualSize: 1 }] },
      /disks changed/,
      true,
    ],
  ];
  for (const [what, patch, reason, checkpoint] of cases) {
    const plan = planBackupChain({ ...input, ...patch });
    assert.equal(plan.type, 'full', what);
    assert.equal(plan.checkpoint, checkpoint, what);
    assert.match('reason' in plan ? plan.reason : '', reason, what);
  }
});
