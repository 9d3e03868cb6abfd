import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseLibvirtUri } from './libvirt-uri.js';
import { remoteName } from './remote-name.js';

const TABLE: readonly [string, string][] = [
  ['qemu:///system', 'qemu:///system'],
  ['qemu:///session', 'qemu:///session'],
  ['qemu+ssh://u@h/system?keyfile=k', 'qemu:///system'],
  [
    'qemu+ssh://u@h:2222/system?keyfile=k&known_hosts=/kh&no_verify=1&no_tty=1&proxy=netcat&netcat=nc',
    'qemu:///system',
  ],
  ['qemu+tls://h:16514/system?pkipath=/p&tls_priority=NORMAL', 'qemu:///system'],
  ['qemu://h/system', 'qemu:///system'],
  ['qemu+unix:///system?socket=/tmp/s&mode=legacy', 'qemu:///system'],
  ['test:///default', 'test:///default'],
  ['test+tcp://127.0.0.1:1/default', 'test:///default'],
  ['test:///abs/path/node.xml', 'test:///abs/path/node.xml'],
  ['test:///tmp/my%20fleet.xml', 'test:///tmp/my%20fleet.xml'],
  ['lxc+ssh://h/system?sshauth=agent&known_hosts_verify=ignore', 'lxc:///system'],
  ['qemu+ssh://h/system?name=qemu:///session', 'qemu:///session'],
  ['qemu+ssh://h?name=test:///default', 'test:///default'],
  ['qemu+tls://h/system?NAME=xen:///', 'xen:///'],
  ['qemu+ssh://h/system?custom=a%20b&keyfile=k', 'qemu:///system?custom=a%20b'],
  ['qemu+ssh://h/system?x=1&y=a/b:c', 'qemu:///system?x=1&y=a/b:c'],
  ['qemu+ssh://h/system?x=a%26b', 'qemu:///system?x=a%26b'],
  ['remote://h/', ''],
];

describe('remoteName', () => {
  for (const [uri, name] of TABLE) {
    it(`${uri} -> ${JSON.stringify(name)}`, () => {
      assert.equal(remoteName(parseLibvirtUri(uri)), name);
    });
  }

  it('round-trips: the name parses to the same driver, path and pass-through params', () => {
    const parsed = parseLibvirtUri('qemu+ssh://u@h/system?keyfile=k&opt=v%3Bw');
    const again = parseLibvirtUri(remoteName(parsed));
    assert.equal(again.driver, 'qemu');
    assert.equal(again.transport, 'unix');
    assert.equal(again.path, '/system');
    assert.deepEqual(again.params, { opt: 'v;w' });
  });
});
