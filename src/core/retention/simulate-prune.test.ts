import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HvError } from '../errors/index.js';
import { parseTimestamp } from './parse-timestamp.js';
import { parseSimulationInput, simulatePrune } from './simulate-prune.js';

describe('parseTimestamp', () => {
  const good: [string, string][] = [
    ['2026-11-25T14:00:00Z', '2026-11-25T14:00:00.000Z'],
    ['2026-11-25T14:00:00+01:00', '2026-11-25T13:00:00.000Z'],
    ['2026-11-25T14:00:00-0530', '2026-11-25T19:30:00.000Z'],
    ['2026-11-25T14:00+02', '2026-11-25T12:00:00.000Z'],
    ['2026-11-25 14:00:00.25z', '2026-11-25T14:00:00.250Z'],
    ['2026-11-25T14:00:00,5+00:00', '2026-11-25T14:00:00.500Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['1764079200', '2025-11-25T14:00:00.000Z'],
    ['1764079200.5', '2025-11-25T14:00:00.500Z'],
    ['0', '1970-01-01T00:00:00.000Z'],
  ];
  for (const [text, iso] of good) {
    it(`reads ${text}`, () => {
      assert.equal(new Date(parseTimestamp(text)!).toISOString(), iso);
    });
  }
  it('refuses times without an offset, impossible dates and junk', () => {
    for (const bad of [
      '2026-11-25T14:00:00',
      '2026-11-25',
      '2026-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-11-25T24:00:00Z',
      '2026-11-25T14:60:00Z',
      '2026-11-25T14:00:60Z',
      '2026-11-25T14:00:00+24:00',
      'yesterday',
      '1e9',
      '0x10',
      '12:00',
      '',
    ]) {
      assert.equal(parseTimestamp(bad), undefined, bad);
    }
  });
});

describe('parseSimulationInput', () => {
  it('skips blank lines and comments, keeps line numbers and trimmed text', () => {
    const lines = parseSimulationInput('# backups\n\n  2026-11-25T14:00:00Z \r\n1764079200\n', 'f.txt');
    assert.deepEqual(lines, [
      { line: 3, text: '2026-11-25T14:00:00Z', time: Date.parse('2026-11-25T14:00:00Z') },
      { line: 4, text: '1764079200', time: 1764079200_000 },
    ]);
  });

  it('names the file and line of the first bad timestamp (exit 4)', () => {
    assert.throws(
      () => parseSimulationInput('2026-11-25T14:00:00Z\n# ok\n2026-11-25T15:00:00\n', 'times.txt'),
      (e: unknown) => {
        assert.ok(e instanceof HvError);
        assert.equal(e.exitCode, 4);
        assert.match(e.message, /^times\.txt line 3: must be an ISO 8601 time with an offset/);
        assert.equal(e.details['line'], 3);
        return true;
      },
    );
  });
});

describe('simulatePrune', () => {
  it('returns the input strings unchanged, newest first, with the zone used', () => {
    const text = [
      '1764072000',
      '2026-11-25T12:00:00+01:00',
      '2026-11-25T13:00:00+01:00',
      '2026-11-24T09:00:00Z',
    ].join('\n');
    const r = simulatePrune(text, 'f', { keepDaily: 2 }, 'Europe/Berlin');
    assert.equal(r.timeZone, 'Europe/Berlin');
    assert.deepEqual(r.keep, ['2026-11-25T13:00:00+01:00', '2026-11-24T09:00:00Z']);
    assert.deepEqual(r.remove, ['2026-11-25T12:00:00+01:00', '1764072000']);
    assert.deepEqual(
      r.decisions.map((d) => d.reason),
      [
        'keep-daily 2026-11-25',
        'remove: keep-daily 2026-11-25 keeps a newer one',
        'keep-daily 2026-11-24',
        'remove: outside every keep option',
      ],
    );
  });
});
