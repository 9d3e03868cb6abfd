import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '../errors/index.js';
import { validateName } from './validate-name.js';

test('validateName accepts names of 1 to 64 allowed characters', () => {
  for (const name of ['a', 'web-1', 'db_2.prod', 'A9', 'x'.repeat(64), '0start']) {
    assert.equal(validateName('name', name), name);
  }
});

test('validateName refuses names that start with a symbol or hold other characters', () => {
  for (const name of ['-x', '.hidden', '_x', 'a b', 'a/b', 'a:b', 'é']) {
    assert.throws(
      () => validateName('name', name),
      (err: unknown) =>
        err instanceof ValidationError &&
        err.field === 'name' &&
        err.rule === 'must match ^[A-Za-z0-9][A-Za-z0-9._-]*$',
    );
  }
});

test('validateName refuses empty and overlong names with the length rule', () => {
  for (const name of ['', 'x'.repeat(65)]) {
    assert.throws(() => validateName('vm', name), { rule: 'must be 1 to 64 characters long', field: 'vm' });
  }
});

test('validateName refuses non-strings and says what it got', () => {
  assert.throws(() => validateName('name', 42), { message: 'name: must be a string (got 42)' });
});

test('the message shows the value quoted', () => {
  assert.throws(() => validateName('name', 'a;b'), {
    message: 'name: must match ^[A-Za-z0-9][A-Za-z0-9._-]*$ (got "a;b")',
  });
});
