import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { instanceIdOf } from '../create/cloud-init-data.js';
import { cloneSeedDocuments, withoutInstanceId } from './clone-seed.js';

describe('cloneSeedDocuments', () => {
  it('replaces the instance-id and hostnames, keeps the rest', () => {
    const docs = cloneSeedDocuments(
      {
        metaData: 'instance-id: "iid-old"\nlocal-hostname: "tmpl"\nfoo: bar\n',
        userData: '#cloud-config\nhostname: "tmpl"\nusers: []\n',
        networkConfig: 'version: 2\n',
      },
      'web-2',
      'iid-new',
    );
    assert.equal(instanceIdOf(docs.metaData), 'iid-new');
    assert.match(docs.metaData, /^local-hostname: "web-2"$/m);
    assert.match(docs.metaData, /^foo: bar$/m);
    assert.doesNotMatch(docs.metaData, /iid-old|tmpl/);
    assert.equal(docs.userData, '#cloud-config\nhostname: "web-2"\nusers: []\n');
    assert.equal(docs.networkConfig, 'version: 2\n');
  });

  it('adds a hostname to meta-data without one and leaves non-cloud-config user-data alone', () => {
    const docs = cloneSeedDocuments(
      { metaData: 'instance-id: x', userData: '#!/bin/sh\nhostname: y\n' },
      'b',
      'i',
    );
    assert.match(docs.metaData, /^local-hostname: "b"$/m);
    assert.equal(instanceIdOf(docs.metaData), 'i');
    assert.equal(docs.userData, '#!/bin/sh\nhostname: y\n');
    assert.match(docs.networkConfig, /dhcp4: true/);
  });

  it('withoutInstanceId clears the identity', () => {
    assert.equal(instanceIdOf(withoutInstanceId('instance-id: a\nlocal-hostname: h\n')), undefined);
  });
});
