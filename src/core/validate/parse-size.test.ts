import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSize } from './parse-size.js';
import { formatSize } from './format-size.js';

const K = 1024n;

test('parseSize reads binary units in any case, with optional iB or B', () => {
  const cases: [string, bigint][] = [
    ['512M', 512n * K * K],
    ['20G', 20n * K ** 3n],
    ['1T', K ** 4n],
    ['2P', 2n * K ** 5n],
    ['1.5G', (3n * K ** 3n) / 2n],
    ['4GiB', 4n * K ** 3n],
    ['4GB', 4n * K ** 3n],
    ['64k', 64n * K],
    ['1048576', 1048576n],
    ['100B', 100n],
    ['0.5K', 512n],
  ];
  for (const [text, bytes] of cases) assert.equal(parseSize('size', text), bytes, text);
});

test('parseSize takes safe integers as bytes', () => {
  assert.equal(parseSize('size', 4096), 4096n);
  assert.throws(() => parseSize('size', 1.5), {
    rule: 'must be a size like 512M, 20G, 1.5T or a number of bytes',
  });
  assert.throws(() => parseSize('size', -1), { rule: 'must not be negative' });
});

test('parseSize refuses garbage, exponents, spaces and unknown units', () => {
  for (const bad of [
    '',
    'G',
    '1e3',
    '1e400',
    '12X',
    ' 1G',
    '1 G',
    '1GG',
    '0x10',
    '1.',
    '.5G',
    '1,5G',
    'Infinity',
  ]) {
    assert.throws(
      () => parseSize('size', bad),
      { rule: 'must be a size like 512M, 20G, 1.5T or a number of bytes' },
      bad,
    );
  }
});

test('parseSize refuses negatives, zero and fractions of a byte', () => {
  assert.throws(() => parseSize('size', '-1G'), { rule: 'must not be negative' });
  assert.throws(() => parseSize('size', '0'), { rule: 'must be greater than zero' });
  assert.equal(parseSize('size', '0', { allowZero: true }), 0n);
  assert.throws(() => parseSize('size', '1.3K'), { rule: 'must come out to a whole number of bytes' });
});

test('parseSize enforces min and max, and its default ceiling of 1024P', () => {
  assert.throws(() => parseSize('memory', '1M', { min: 64n * K * K }), { rule: 'must be at least 64M' });
  assert.throws(() => parseSize('disk', '3T', { max: 2n * K ** 4n }), { rule: 'must be at most 2T' });
  assert.throws(() => parseSize('disk', '99999999P'), { rule: 'must be at most 1024P' });
  assert.equal(parseSize('disk', '1024P'), 2n ** 60n);
});

test('formatSize prints exact multiples plainly and others to one decimal', () => {
  assert.equal(formatSize(20n * K ** 3n), '20G');
  assert.equal(formatSize((3n * K ** 3n) / 2n), '1.5G');
  assert.equal(formatSize(512), '512B');
  assert.equal(formatSize(1536), '1.5K');
  assert.equal(formatSize(-2048n), '-2K');
  assert.equal(formatSize(2n ** 60n), '1024P');
});
