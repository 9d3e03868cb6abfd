import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseLibvirtUri } from './libvirt-uri.js';
import { localSocketPaths, type LocalSocketOptions } from './local-socket-paths.js';
import { LibvirtUriError } from './libvirt-uri-error.js';

const ROOT: LocalSocketOptions = { uid: 0, env: { HOME: '/root' } };
const USER: LocalSocketOptions = { uid: 1000, env: { HOME: '/home/ann', XDG_RUNTIME_DIR: '/run/user/1000' } };
const USER_NO_XDG: LocalSocketOptions = { uid: 1000, env: { HOME: '/home/ann' } };

const TABLE: readonly [string, LocalSocketOptions, string[]][] = [
  ['qemu:///system', ROOT, ['/run/libvirt/libvirt-sock', '/run/libvirt/virtqemud-sock']],
  [
    'qemu:///system',
    { ...ROOT, readOnly: true },
    ['/run/libvirt/libvirt-sock-ro', '/run/libvirt/virtqemud-sock-ro'],
  ],
  ['qemu:///system', USER, ['/run/libvirt/libvirt-sock', '/run/libvirt/virtqemud-sock']],
  ['qemu:///system?mode=legacy', ROOT, ['/run/libvirt/libvirt-sock']],
  ['qemu:///system?mode=direct', ROOT, ['/run/libvirt/virtqemud-sock']],
  ['network:///system', ROOT, ['/run/libvirt/libvirt-sock', '/run/libvirt/virtnetworkd-sock']],
  ['storage:///system?mode=direct', ROOT, ['/run/libvirt/virtstoraged-sock']],
  ['lxc:///system', ROOT, ['/run/libvirt/libvirt-sock', '/run/libvirt/virtlxcd-sock']],
  ['qemu:///session', USER, ['/run/user/1000/libvirt/libvirt-sock', '/run/user/1000/libvirt/virtqemud-sock']],
  [
    'qemu:///session',
    { ...USER, readOnly: true },
    ['/run/user/1000/libvirt/libvirt-sock', '/run/user/1000/libvirt/virtqemud-sock'],
  ],
  [
    'qemu:///session',
    USER_NO_XDG,
    ['/home/ann/.cache/libvirt/libvirt-sock', '/home/ann/.cache/libvirt/virtqemud-sock'],
  ],
  ['test:///default', ROOT, ['/run/libvirt/libvirt-sock']],
  ['test+unix:///default', ROOT, ['/run/libvirt/libvirt-sock']],
  ['test:///default', USER, ['/run/user/1000/libvirt/libvirt-sock']],
  ['test:///default', { ...ROOT, readOnly: true }, ['/run/libvirt/libvirt-sock-ro']],
  ['qemu+unix:///system?socket=/tmp/h2/run/libvirt-sock', ROOT, ['/tmp/h2/run/libvirt-sock']],
  ['qemu:///session?socket=/x/s', USER, ['/x/s']],
  ['qemu:///system?socket=/x/s&mode=direct', ROOT, ['/x/s']],
];

describe('localSocketPaths', () => {
  for (const [uri, opts, expected] of TABLE) {
    it(`${uri} uid=${opts.uid}${opts.readOnly === true ? ' ro' : ''}${opts.env['XDG_RUNTIME_DIR'] ? '' : ' no-xdg'}`, () => {
      assert.deepEqual(localSocketPaths(parseLibvirtUri(uri), opts), expected);
    });
  }

  it('mode=direct for a driver without a modular daemon is refused with a reason', () => {
    assert.throws(
      () => localSocketPaths(parseLibvirtUri('test:///default?mode=direct'), ROOT),
      (err: unknown) =>
        err instanceof LibvirtUriError && err.kind === 'unsupported' && /no modular daemon/.test(err.message),
    );
  });
});
