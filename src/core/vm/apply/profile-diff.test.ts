import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfileObject } from '../../profile/parse-profile-text.js';
import { profileDiff } from './profile-diff.js';

const p = (o: Record<string, unknown>) =>
  parseProfileObject({ name: 'a', cpus: 1, memory: '1G', ...o }).profile;

test('profileDiff lists changed fields in file terms and nothing for equal profiles', () => {
  assert.deepEqual(profileDiff(p({}), p({})), []);
  const d = profileDiff(p({}), p({ memory: '2G', cpus: 2 }));
  assert.deepEqual(
    d.map((c) => c.field),
    ['cpus', 'memory'],
  );
  assert.deepEqual(d[1], { field: 'memory', old: '"1G"', new: '"2G"' });
});
