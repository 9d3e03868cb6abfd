import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseLibvirtUri } from './libvirt-uri.js';
import { transportForUri, type TransportSelectOptions } from './select-transport.js';
import { UnixTransport } from './unix-transport.js';
import { TcpTransport } from './tcp-transport.js';
import { LazyTransport } from './lazy-transport.js';
import { planConnection } from '../connect.js';

const ROOT: TransportSelectOptions = { uid: 0, env: { HOME: '/root' }, home: '/root', username: 'root' };
const ANN: TransportSelectOptions = {
  uid: 1000,
  env: { HOME: '/home/ann' },
  home: '/home/ann',
  username: 'ann',
};

type Ctor = (new (...args: never[]) => object) | 'tls' | 'ssh';

const TABLE: readonly [string, TransportSelectOptions, Ctor, string][] = [
  ['qemu:///system', ROOT, UnixTransport, 'unix:/run/libvirt/libvirt-sock'],
  ['qemu:///system', { ...ROOT, readOnly: true }, UnixTransport, 'unix:/run/libvirt/libvirt-sock-ro'],
  ['qemu+unix:///system?socket=/tmp/s', ROOT, UnixTransport, 'unix:/tmp/s'],
  ['qemu+tcp://127.0.0.1/system', ROOT, TcpTransport, 'tcp:127.0.0.1:16509'],
  ['qemu+tcp://[::1]:1600/system', ROOT, TcpTransport, 'tcp:[::1]:1600'],
  ['qemu+tls://kvm1/system', ROOT, 'tls', 'tls:kvm1:16514'],
  ['qemu://kvm1:1234/system', ROOT, 'tls', 'tls:kvm1:1234'],
  ['qemu+tls:///system', ROOT, 'tls', 'tls:localhost:16514'],
  ['qemu+ssh://kvm1/system', ANN, 'ssh', 'ssh:ann@kvm1:22'],
  ['qemu+ssh://root@kvm1:2222/system', ANN, 'ssh', 'ssh:root@kvm1:2222'],
  ['qemu+libssh2://[fe80::1]/system', ROOT, 'ssh', 'ssh:root@[fe80::1]:22'],
];

describe('transportForUri', () => {
  for (const [uri, opts, cls, description] of TABLE) {
    it(`${uri} -> ${description}`, () => {
      const t = transportForUri(parseLibvirtUri(uri), opts);
      if (typeof cls === 'string') {
        assert.ok(t instanceof LazyTransport && t.kind === cls, `${t.constructor.name} is not a lazy ${cls}`);
      } else {
        assert.ok(t instanceof cls, `${t.constructor.name} is not ${cls.name}`);
      }
      assert.equal(t.description, description);
    });
  }

  it('unix: the modular daemon socket is the fallback', () => {
    const t = transportForUri(parseLibvirtUri('qemu:///system'), ROOT);
    assert.ok(t instanceof UnixTransport);
    assert.deepEqual(t.paths, ['/run/libvirt/libvirt-sock', '/run/libvirt/virtqemud-sock']);
  });
});

describe('planConnection', () => {
  it('ssh URI: CONNECT_OPEN name without transport, host and client-only params', () => {
    const plan = planConnection('qemu+ssh://root@h/system?keyfile=/k&known_hosts=/kh', { process: ROOT });
    assert.equal(plan.name, 'qemu:///system');
    assert.equal(plan.transport.description, 'ssh:root@h:22');
  });
  it('remote:// lets the daemon choose (null name)', () => {
    assert.equal(planConnection('remote://h/', { process: ROOT }).name, null);
  });
  it('an invalid URI throws before anything is opened', () => {
    assert.throws(() => planConnection('qemu+ftp://h/system', { process: ROOT }), /'ftp' is not recognised/);
  });
});
