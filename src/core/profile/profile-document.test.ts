import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { listProfileCases, parseCase } from '../../../test/helpers/profile-fixtures.js';
import { formatProfileYaml } from './format-profile-yaml.js';
import { parseProfileObject, parseProfileText } from './parse-profile-text.js';
import { profileToDocument, sizeText } from './profile-document.js';

const cases = await listProfileCases();

test('sizeText writes the largest exact unit, else bytes', () => {
  assert.equal(sizeText(20 * 2 ** 30), '20G');
  assert.equal(sizeText(1536 * 2 ** 20), '1536M');
  assert.equal(sizeText(2 ** 50), '1P');
  assert.equal(sizeText(1000), '1000');
  assert.equal(sizeText(3 * 1024), '3K');
});

for (const c of cases) {
  test(`document round trip (full and compact YAML): ${c.id}`, async () => {
    const { profile } = await parseCase(c);
    const full = profileToDocument(profile);
    assert.deepEqual(parseProfileObject(JSON.parse(JSON.stringify(full))).profile, profile);
    const yaml = formatProfileYaml(profile, ['imported from test']);
    const again = parseProfileText(yaml, 'out.yaml');
    assert.equal(again.format, 'hv');
    assert.deepEqual(again.profile, profile);
  });
}

test('the compact form leaves defaults out and keeps what differs', () => {
  const { profile } = parseProfileText(
    'name: a\ncpus: 1\nmemory: 1G\ndisks:\n  - size: 2G\n  - size: 3G\n    bus: sata\n    target: sdc\ngraphics:\n  type: vnc\n',
    'p',
  );
  const doc = profileToDocument(profile, { compact: true });
  assert.deepEqual(doc, {
    name: 'a',
    cpus: 1,
    memory: '1G',
    disks: [
      { size: '2G', target: 'vda' },
      { size: '3G', bus: 'sata', target: 'sdc' },
    ],
    graphics: { type: 'vnc' },
  });
  const plain = profileToDocument(
    parseProfileText('name: a\ncpus: 1\nmemory: 1G\ndisks:\n  - size: 2G\n', 'p').profile,
    {
      compact: true,
    },
  );
  assert.deepEqual(plain.disks, [{ size: '2G' }]);
});

test('the YAML output starts with a schema comment and the header lines', () => {
  const { profile } = parseProfileText('name: a\ncpus: 1\nmemory: 1G\n', 'p');
  const text = formatProfileYaml(profile, ['from x.json']);
  assert.match(
    text,
    /^# yaml-language-server: \$schema=https:\/\/hv.dev\/schemas\/vm-profile.schema.json\n# from x.json\n/,
  );
  assert.deepEqual(parseYaml(text), { name: 'a', cpus: 1, memory: '1G' });
});
