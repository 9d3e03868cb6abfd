import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import {
  defaultNetworkConfig,
  generateUserData,
  instanceIdOf,
  metaData,
  newInstanceId,
} from './cloud-init-data.js';

test('generated user-data is valid YAML and keeps hostile strings as values', () => {
  const text = generateUserData('web1', { name: 'ops\nroot: true', sshKeys: ['ssh-ed25519 AAAA x"y'] });
  assert.ok(text.startsWith('#cloud-config\n'));
  const doc = parse(text) as {
    hostname: string;
    users: { name: string; ssh_authorized_keys: string[] }[];
  };
  assert.equal(doc.hostname, 'web1');
  const u = doc.users.at(0);
  assert.ok(u);
  assert.equal(u.name, 'ops\nroot: true');
  assert.deepEqual(u.ssh_authorized_keys, ['ssh-ed25519 AAAA x"y']);
  assert.equal('root' in doc, false);
});

test('meta-data always gets the fresh instance-id, replacing a given one', () => {
  const a = newInstanceId();
  const b = newInstanceId();
  assert.notEqual(a, b);
  assert.equal(instanceIdOf(metaData('vm', a)), a);
  const replaced = metaData('vm', b, 'instance-id: old\nlocal-hostname: x\n');
  assert.equal(instanceIdOf(replaced), b);
  assert.doesNotMatch(replaced, /old/);
  assert.match(replaced, /local-hostname: x/);
});

test('default network-config asks DHCP on ethernet names', () => {
  const doc = parse(defaultNetworkConfig()) as {
    version: number;
    ethernets: Record<string, { dhcp4: boolean }>;
  };
  assert.equal(doc.version, 2);
  assert.equal(doc.ethernets['all-en']?.dhcp4, true);
});
