// `hv backup prune --simulate FILE` through the built CLI: exact JSON with the input strings as given,
// the zone used (explicit, or the host's from TZ), the table, and exit 4 for a bad line or zone.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnHv } from '../helpers/spawn-hv.js';

let dir = '';
let times = '';

// Backups late in the UTC day: in Berlin most of them already fall on the next day.
const LINES = [
  '# nightly backups',
  '2026-11-20T23:30:00Z',
  '1763767800', // 2025-11-21T23:30:00Z, a year older
  '2026-11-21T23:30:00Z',
  '',
  '2026-11-23T00:30:00+01:00',
  '2026-11-22T12:00:00.000Z',
  '  2026-11-24T00:15:00+01:00  ',
];

describe('hv backup prune --simulate', () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hv-prune-sim-'));
    times = join(dir, 'times.txt');
    await writeFile(times, LINES.join('\n') + '\n');
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--json prints exactly keep, remove (input strings, newest first) and the zone', async () => {
    const run = await spawnHv([
      '--json',
      'backup',
      'prune',
      '--simulate',
      times,
      '--tz',
      'UTC',
      '--keep-daily',
      '2',
      '--keep-yearly',
      '5',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    const expected = {
      keep: ['2026-11-24T00:15:00+01:00', '2026-11-23T00:30:00+01:00', '1763767800'],
      remove: ['2026-11-22T12:00:00.000Z', '2026-11-21T23:30:00Z', '2026-11-20T23:30:00Z'],
      timeZone: 'UTC',
    };
    assert.equal(run.stdout, `${JSON.stringify(expected, null, 2)}\n`);
  });

  it('the zone changes the buckets: UTC and Europe/Berlin keep different days', async () => {
    const keep4 = async (tz: string): Promise<unknown> => {
      const run = await spawnHv([
        '--json',
        'backup',
        'prune',
        '--simulate',
        times,
        '--tz',
        tz,
        '--keep-daily',
        '4',
      ]);
      assert.equal(run.code, 0, run.stderr);
      return JSON.parse(run.stdout);
    };
    assert.deepEqual(await keep4('UTC'), {
      keep: [
        '2026-11-24T00:15:00+01:00',
        '2026-11-23T00:30:00+01:00',
        '2026-11-21T23:30:00Z',
        '2026-11-20T23:30:00Z',
      ],
      remove: ['2026-11-22T12:00:00.000Z', '1763767800'],
      timeZone: 'UTC',
    });
    assert.deepEqual(await keep4('Europe/Berlin'), {
      keep: [
        '2026-11-24T00:15:00+01:00',
        '2026-11-23T00:30:00+01:00',
        '2026-11-22T12:00:00.000Z',
        '2026-11-20T23:30:00Z',
      ],
      remove: ['2026-11-21T23:30:00Z', '1763767800'],
      timeZone: 'Europe/Berlin',
    });
  });

  it('without --tz uses the host zone (TZ) and the table says so', async () => {
    const run = await spawnHv(['backup', 'prune', '--simulate', times, '--keep-last', '1'], {
      env: { TZ: 'America/New_York' },
    });
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'time zone: America/New_York (the host zone; --tz to change)');
    assert.match(lines[1] ?? '', /^TIMESTAMP\s+MARK\s+REASON$/);
    assert.match(lines[2] ?? '', /^2026-11-24T00:15:00\+01:00\s+keep\s+keep-last$/);
    assert.match(lines[3] ?? '', /^2026-11-23T00:30:00\+01:00\s+remove\s+remove: outside every keep option$/);
    assert.equal(lines.at(-1), '1 kept, 5 removed');
  });

  it('a bad line exits 4 and names its line number', async () => {
    const bad = join(dir, 'bad.txt');
    await writeFile(bad, '2026-11-20T23:30:00Z\n# fine\n\n2026-11-21 23:30\n');
    const run = await spawnHv(['--json', 'backup', 'prune', '--simulate', bad, '--keep-last', '1']);
    assert.equal(run.code, 4);
    assert.equal(run.stdout, '');
    const err = (
      JSON.parse(run.stderr) as { error: { code: string; message: string; details: { line: number } } }
    ).error;
    assert.equal(err.code, 'INVALID_ARGUMENT');
    assert.equal(err.details.line, 4);
    assert.match(err.message, /bad\.txt line 4: must be an ISO 8601 time with an offset/);
    const text = await spawnHv(['backup', 'prune', '--simulate', bad, '--keep-last', '1']);
    assert.equal(text.code, 4);
    assert.match(text.stderr, /line 4: .*\(got "2026-11-21 23:30"\)/);
  });

  it('a bad --tz or a bad count exits 4; a missing file exits 8', async () => {
    const tz = await spawnHv([
      'backup',
      'prune',
      '--simulate',
      times,
      '--tz',
      'Europe/Atlantis',
      '--keep-last',
      '1',
    ]);
    assert.equal(tz.code, 4);
    assert.match(tz.stderr, /--tz: must be an IANA time zone/);
    const count = await spawnHv(['backup', 'prune', '--simulate', times, '--keep-daily', 'seven']);
    assert.equal(count.code, 4);
    assert.match(count.stderr, /keep-daily: must be a whole number/);
    const missing = await spawnHv([
      'backup',
      'prune',
      '--simulate',
      join(dir, 'nope.txt'),
      '--keep-last',
      '1',
    ]);
    assert.equal(missing.code, 8);
    assert.match(missing.stderr, /nope\.txt: no such file/);
  });
});
