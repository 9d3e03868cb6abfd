import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tlsCredentialPaths } from './tls-credential-paths.js';

const none = (): boolean => false;
const only =
  (...present: string[]) =>
  (p: string): boolean =>
    present.includes(p);

describe('tlsCredentialPaths', () => {
  it('root: system paths, key under private/', () => {
    assert.deepEqual(tlsCredentialPaths(undefined, { uid: 0, home: '/root', exists: () => true }), {
      caCert: '/etc/pki/CA/cacert.pem',
      caCrl: '/etc/pki/CA/cacrl.pem',
      clientCert: '/etc/pki/libvirt/clientcert.pem',
      clientKey: '/etc/pki/libvirt/private/clientkey.pem',
    });
  });

  it('pkipath: all four files in that directory, whether or not they exist', () => {
    assert.deepEqual(tlsCredentialPaths('/tmp/pki/', { uid: 1000, home: '/home/a', exists: none }), {
      caCert: '/tmp/pki/cacert.pem',
      caCrl: '/tmp/pki/cacrl.pem',
      clientCert: '/tmp/pki/clientcert.pem',
      clientKey: '/tmp/pki/clientkey.pem',
    });
  });

  it('non-root with a full ~/.pki/libvirt: user files', () => {
    const u = '/home/a/.pki/libvirt';
    const paths = tlsCredentialPaths(undefined, {
      uid: 1000,
      home: '/home/a',
      exists: only(`${u}/cacert.pem`, `${u}/clientcert.pem`, `${u}/clientkey.pem`),
    });
    assert.deepEqual(paths, {
      caCert: `${u}/cacert.pem`,
      caCrl: '/etc/pki/CA/cacrl.pem',
      clientCert: `${u}/clientcert.pem`,
      clientKey: `${u}/clientkey.pem`,
    });
  });

  it('non-root: certificate without its key falls back to the system pair; CA checked on its own', () => {
    const u = '/home/a/.pki/libvirt';
    const paths = tlsCredentialPaths(undefined, {
      uid: 1000,
      home: '/home/a',
      exists: only(`${u}/clientcert.pem`),
    });
    assert.equal(paths.caCert, '/etc/pki/CA/cacert.pem');
    assert.equal(paths.clientCert, '/etc/pki/libvirt/clientcert.pem');
    assert.equal(paths.clientKey, '/etc/pki/libvirt/private/clientkey.pem');
  });
});
