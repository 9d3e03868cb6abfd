import { test } from 'node:test';
import assert from 'node:assert/strict';
import { showValue } from './show-value.js';
import { CommandError, ValidationError } from './error-kinds.js';

const printableAscii = /^[\x20-\x7e]*$/;

test('showValue quotes strings and escapes control characters', () => {
  assert.equal(showValue('a;b'), '"a;b"');
  assert.equal(showValue('a\nb'), '"a\\nb"');
  assert.equal(showValue('a\u0000b'), '"a\\u0000b"');
  assert.equal(showValue('\u001b[31mred'), '"\\u001b[31mred"');
  assert.equal(showValue('say "hi"'), '"say \\"hi\\""');
});

test('showValue escapes every non-ASCII character so look-alikes are visible', () => {
  assert.equal(showValue('w\u0435b'), '"w\\u0435b"'); // Cyrillic е
  assert.equal(showValue('a\u200db'), '"a\\u200db"'); // zero-width joiner
  assert.equal(showValue('\uff41'), '"\\uff41"'); // fullwidth a
  assert.equal(showValue('\u{1f600}'), '"\\ud83d\\ude00"');
  assert.equal(showValue('\u202egnp.exe'), '"\\u202egnp.exe"'); // right-to-left override
});

test('showValue cuts long strings to 40 characters and says how long they were', () => {
  const out = showValue('x'.repeat(100));
  assert.equal(out, `"${'x'.repeat(40)}..." (100 characters)`);
});

test('showValue renders other values as one printable line', () => {
  assert.equal(showValue(12), '12');
  assert.equal(showValue(10n), '10');
  assert.equal(showValue(null), 'null');
  assert.equal(showValue(undefined), 'undefined');
  assert.match(showValue({ a: 'é\n' }), printableAscii);
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.equal(showValue(cyclic), '"[object Object]"');
});

test('ValidationError names the field, the rule and the rejected value', () => {
  const err = new ValidationError('name', 'must match ^x$', { value: 'a;b' });
  assert.equal(err.message, 'name: must match ^x$ (got "a;b")');
  assert.equal(err.field, 'name');
  assert.equal(err.rule, 'must match ^x$');
  assert.deepEqual(err.details, { field: 'name', rule: 'must match ^x$', value: '"a;b"' });
  assert.equal(err.exitCode, 4);
  assert.equal(new ValidationError('n', 'r').message, 'n: r');
});

test('CommandError keeps the program, its exit status and stderr apart from hv exit code', () => {
  const err = new CommandError(['qemu-img', 'info', 'x'], { exitCode: 1, stderr: 'warn\nno such file\n' });
  assert.equal(err.message, 'qemu-img exited with 1: no such file');
  assert.equal(err.programExitCode, 1);
  assert.equal(err.exitCode, 1);
  assert.equal(err.code, 'COMMAND_FAILED');
  assert.deepEqual(err.toJSON().error.details.command, ['qemu-img', 'info', 'x']);
  const killed = new CommandError(['sleep'], { exitCode: null, signal: 'SIGTERM', stderr: '' });
  assert.equal(killed.message, 'sleep was killed by SIGTERM');
});
