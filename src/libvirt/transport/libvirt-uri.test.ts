import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseLibvirtUri, type LibvirtUri } from './libvirt-uri.js';
import { LibvirtUriError, type LibvirtUriErrorKind } from './libvirt-uri-error.js';

type Expect = Partial<Omit<LibvirtUri, 'raw'>>;

const VALID: readonly [string, Expect][] = [
  ['qemu:///system', { driver: 'qemu', transport: 'unix', path: '/system', params: {} }],
  ['qemu:///session', { driver: 'qemu', transport: 'unix', path: '/session' }],
  ['QEMU:///system', { driver: 'qemu', transport: 'unix' }],
  [
    'qemu+unix:///system?socket=/tmp/h2/run/libvirt-sock',
    { transport: 'unix', params: { socket: '/tmp/h2/run/libvirt-sock' } },
  ],
  ['qemu+tcp://host/system', { transport: 'tcp', host: 'host', path: '/system' }],
  ['qemu+tcp://10.0.0.1:16600/system', { transport: 'tcp', host: '10.0.0.1', port: 16600 }],
  ['qemu+tls://kvm1.example.org/system', { transport: 'tls', host: 'kvm1.example.org' }],
  ['qemu+TLS://kvm1:16514/system', { transport: 'tls', host: 'kvm1', port: 16514 }],
  ['qemu://kvm1/system', { transport: 'tls', host: 'kvm1', path: '/system' }],
  [
    'qemu+ssh://root@kvm1:2222/system?keyfile=/k/id&known_hosts=/k/kh&no_verify=1',
    {
      transport: 'ssh',
      user: 'root',
      host: 'kvm1',
      port: 2222,
      params: { keyfile: '/k/id', known_hosts: '/k/kh', no_verify: '1' },
    },
  ],
  ['qemu+libssh2://u@h/system', { transport: 'ssh', user: 'u', host: 'h' }],
  [
    'qemu+libssh://u@h/system?known_hosts_verify=auto',
    { transport: 'ssh', params: { known_hosts_verify: 'auto' } },
  ],
  ['qemu+ssh://[::1]:22/system', { host: '::1', port: 22 }],
  ['qemu+tls://[fe80::1%25eth0]/system', { host: 'fe80::1%eth0', transport: 'tls' }],
  ['qemu+ssh://[2001:db8::5]/system', { host: '2001:db8::5' }],
  ['test:///default', { driver: 'test', transport: 'unix', path: '/default' }],
  ['test:///abs/path/node.xml', { driver: 'test', path: '/abs/path/node.xml' }],
  ['test+unix:///tmp/my%20fleet.xml', { path: '/tmp/my fleet.xml' }],
  ['qemu+ssh://j%40corp@h/system', { user: 'j@corp' }],
  ['qemu+ssh://h/system?keyfile=%2Fhome%2Fa+b%2Fk', { params: { keyfile: '/home/a+b/k' } }],
  ['qemu+ssh://h/system?KeyFile=/k', { params: { keyfile: '/k' } }],
  ['qemu+ssh://h/system?keyfile=/a;no_tty=1', { params: { keyfile: '/a', no_tty: '1' } }],
  ['qemu+ssh://h/system?keyfile=/a&keyfile=/b', { params: { keyfile: '/b' } }],
  ['qemu:///system#frag', { path: '/system', params: {} }],
  [
    'qemu+tls://h/system?pkipath=/p&tls_priority=NORMAL&no_verify=0',
    { params: { pkipath: '/p', tls_priority: 'NORMAL', no_verify: '0' } },
  ],
  ['qemu:///system?mode=direct', { params: { mode: 'direct' } }],
  ['qemu+ssh://h/system?proxy=netcat&netcat=/bin/nc', { params: { proxy: 'netcat', netcat: '/bin/nc' } }],
  ['qemu+ssh://h/system?sshauth=privkey,agent', { params: { sshauth: 'privkey,agent' } }],
  ['qemu+ssh://h/system?Custom=X', { params: { Custom: 'X' } }],
  ['remote://kvm1/', { driver: 'remote', transport: 'tls', path: '/' }],
  ['qemu+ssh://h?name=qemu:///system', { path: '', params: { name: 'qemu:///system' } }],
  ['lxc:///system', { driver: 'lxc', transport: 'unix' }],
];

describe('parseLibvirtUri: valid forms', () => {
  for (const [uri, expected] of VALID) {
    it(uri, () => {
      const parsed = parseLibvirtUri(uri);
      assert.equal(parsed.raw, uri);
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(parsed[key as keyof LibvirtUri], value, `${key} of ${uri}`);
      }
    });
  }

  it('leaves absent parts absent (not undefined-valued keys)', () => {
    const p = parseLibvirtUri('qemu:///system');
    assert.deepEqual(Object.keys(p).sort(), ['driver', 'params', 'path', 'raw', 'transport']);
  });
});

const INVALID: readonly [string, LibvirtUriErrorKind, RegExp][] = [
  ['', 'empty', /empty/],
  ['   ', 'empty', /empty/],
  ['qemu', 'syntax', /driver\[\+transport\]/],
  ['qemu:system', 'syntax', /'\/\/'/],
  ['://host/system', 'syntax', /driver/],
  ['+ssh://h/system', 'syntax', /driver/],
  ['qemu+ftp://h/system', 'unknown-transport', /'ftp' is not recognised/],
  ['qemu+ext:///system?command=/bin/x', 'unsupported', /'ext' transport .* not supported/],
  ['qemu+ssh://h/system?command=/bin/x', 'unsupported', /command/],
  ['qemu+unix://host/system', 'host-not-allowed', /remote host 'host'/],
  ['qemu+ssh://h', 'missing-path', /path is missing/],
  ['qemu+tls://h/', 'missing-path', /path is missing/],
  ['qemu:///', 'missing-path', /path is missing/],
  ['qemu+tcp://h:0/system', 'syntax', /port '0'/],
  ['qemu+tcp://h:65536/system', 'syntax', /port '65536'/],
  ['qemu+tcp://h:ab/system', 'syntax', /port 'ab'/],
  ['qemu+tcp://:16509/system', 'syntax', /without a host/],
  ['qemu+ssh://@h/system', 'syntax', /empty user/],
  ['qemu+ssh://::1/system', 'syntax', /brackets/],
  ['qemu+ssh://[::1/system', 'syntax', /closing/],
  ['qemu+ssh://[zz]/system', 'syntax', /not an IPv6/],
  ['qemu+ssh://h/sys%ZZtem', 'syntax', /percent-encoding in the path/],
  ['qemu+ssh://h/system?keyfile=%E0%A4', 'syntax', /percent-encoding/],
  ['qemu+ssh://h/system?no_verify=yes', 'bad-param', /no_verify='yes' must be one of 0, 1/],
  ['qemu+ssh://h/system?proxy=socat', 'bad-param', /proxy='socat'/],
  ['qemu:///system?mode=fast', 'bad-param', /mode='fast'/],
  ['qemu+ssh://h/system?keyfile=', 'bad-param', /'keyfile' needs a value/],
  ['qemu+ssh://h/system?=x', 'bad-param', /no name/],
  ['qemu+ssh://h o/system', 'syntax', /white space/],
  ['qemu+ssh://h!x/system', 'syntax', /host 'h!x'/],
];

describe('parseLibvirtUri: invalid forms', () => {
  for (const [uri, kind, message] of INVALID) {
    it(JSON.stringify(uri), () => {
      assert.throws(
        () => parseLibvirtUri(uri),
        (err: unknown) => {
          assert.ok(err instanceof LibvirtUriError, `expected LibvirtUriError, got ${String(err)}`);
          assert.equal(err.kind, kind, err.message);
          assert.match(err.message, message);
          assert.equal(err.uri, uri);
          return true;
        },
      );
    });
  }
});
