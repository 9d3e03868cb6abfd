import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateInt } from './validate-int.js';
import { validateEnum } from './validate-enum.js';
import { closestMatch } from './closest-match.js';

test('validateInt reads decimal integers within the range', () => {
  assert.equal(validateInt('vcpus', '4', { min: 1, max: 256 }), 4);
  assert.equal(validateInt('vcpus', 256, { min: 1, max: 256 }), 256);
  assert.equal(validateInt('offset', '-3', { min: -5, max: 5 }), -3);
  assert.equal(validateInt('n', '+7', { min: 0, max: 9 }), 7);
});

test('validateInt refuses what is not a whole number', () => {
  for (const bad of ['', '1.0', '1e3', '0x10', '12abc', ' 1', 'NaN', 1.5, NaN, true, null]) {
    assert.throws(
      () => validateInt('vcpus', bad, { min: 1, max: 256 }),
      { rule: 'must be a whole number' },
      String(bad),
    );
  }
});

test('validateInt refuses values outside the range, however large', () => {
  for (const bad of ['0', '257', '-1', '9'.repeat(400), Infinity, -Infinity]) {
    assert.throws(() => validateInt('vcpus', bad, { min: 1, max: 256 }), { rule: 'must be from 1 to 256' });
  }
});

test('validateEnum returns the value or lists the choices with a hint', () => {
  const kinds = ['auto', 'kvm', 'qemu'] as const;
  assert.equal(validateEnum('vm.virt_type', 'kvm', kinds), 'kvm');
  assert.throws(() => validateEnum('vm.virt_type', 'kmv', kinds), {
    message: 'vm.virt_type: must be one of: auto, kvm, qemu (did you mean kvm?) (got "kmv")',
  });
  assert.throws(() => validateEnum('vm.virt_type', 'xen-hvm', kinds), {
    rule: 'must be one of: auto, kvm, qemu',
  });
  assert.throws(() => validateEnum('vm.virt_type', 3, kinds), { rule: 'must be one of: auto, kvm, qemu' });
});

test('closestMatch finds near typos only', () => {
  assert.equal(closestMatch('backup.compres', ['backup.compress', 'backup.dir']), 'backup.compress');
  assert.equal(closestMatch('STATE_DIR', ['state_dir', 'log_dir']), 'state_dir');
  assert.equal(closestMatch('zzz', ['state_dir', 'log_dir']), undefined);
});
