import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { domainXmlToProfile } from '../../profile/domain-xml/domain-xml-to-profile.js';
import { profileToDomainXml } from '../../profile/domain-xml/profile-to-domain-xml.js';
import { parseProfileObject } from '../../profile/parse-profile-text.js';
import { sealDomainXml } from '../../template/template-marker.js';
import { cloneDomainXml, cloneProfile } from './clone-domain-xml.js';

const profile = parseProfileObject({
  name: 'tmpl',
  cpus: 1,
  memory: '256M',
  firmware: 'uefi',
  tpm: true,
  disks: [{ from: '/img/base.qcow2', linked: true }],
  nics: [{ network: 'default', mac: '52:54:00:aa:bb:cc' }],
  cloud_init: { seed_iso: '/pool/tmpl-cidata.iso' },
  autostart: true,
}).profile;

const source = sealDomainXml(
  profileToDomainXml(profile, {
    virtType: 'kvm',
    arch: 'x86_64',
    disks: [{ path: '/pool/tmpl-disk0.qcow2', format: 'qcow2' }],
    seedIsoPath: '/pool/tmpl-cidata.iso',
    uefi: { code: '/fw/CODE.fd', varsTemplate: '/fw/VARS.fd' },
    nvramPath: '/pool/tmpl-nvram.fd',
    uuid: '11111111-2222-3333-4444-555555555555',
  }).replace(
    '</devices>',
    "<tpm model='tpm-crb'><backend type='emulator' version='2.0'><source type='dir' path='/old'/></backend></tpm></devices>",
  ),
  { sealedAt: 't', source: 'tmpl', identityReset: false },
).xml;

const seed = { from: '/pool/tmpl-cidata.iso', to: '/pool/new-cidata.iso' };
const stored = domainXmlToProfile(source)?.profile;
const xml = cloneDomainXml(source, {
  name: 'new',
  source: 'tmpl',
  mode: 'linked',
  disks: new Map([['vda', '/pool/new-disk0.qcow2']]),
  seed,
  nvram: '/pool/new-nvram.fd',
  macs: ['52:54:00:01:02:03'],
  ...(stored !== undefined && {
    profile: cloneProfile(stored, {
      name: 'new',
      mode: 'linked',
      macs: ['52:54:00:01:02:03'],
      seed,
      diskSources: new Map([['vda', '/pool/tmpl-disk0.qcow2']]),
    }),
  }),
  createdAt: 'now',
});

describe('cloneDomainXml', () => {
  it('gives the clone its own name, no UUID, new MAC and no TPM state path', () => {
    assert.match(xml, /<name>new<\/name>/);
    assert.doesNotMatch(xml, /<uuid>/);
    assert.match(xml, /<mac address="52:54:00:01:02:03"\/>/);
    assert.doesNotMatch(xml, /aa:bb:cc|\/old/);
    assert.match(xml, /<tpm model="tpm-crb">/);
  });

  it('points the disk, seed and NVRAM at the clone files and makes the disk writable', () => {
    const vda = /<disk [^>]*device="disk"[^>]*>[\s\S]*?<\/disk>/.exec(xml)?.[0] ?? '';
    assert.match(vda, /<source file="\/pool\/new-disk0.qcow2"\/>/);
    assert.doesNotMatch(vda, /readonly/);
    assert.match(xml, /<source file="\/pool\/new-cidata.iso"\/>/);
    assert.match(xml, /<nvram[^>]*>\/pool\/new-nvram.fd<\/nvram>/);
    assert.doesNotMatch(xml, /file="\/pool\/tmpl-|>\/pool\/tmpl-nvram/, 'nothing of the source is used');
  });

  it("rewrites hv's metadata: profile renamed, MAC, seed, not autostarted, marker dropped, origin kept", () => {
    const back = domainXmlToProfile(xml)?.profile;
    assert.ok(back);
    assert.equal(back.name, 'new');
    assert.equal(back.nics[0]?.mac, '52:54:00:01:02:03');
    assert.equal(back.cloudInit?.seedIso, '/pool/new-cidata.iso');
    assert.equal(back.disks[0]?.from, '/pool/tmpl-disk0.qcow2');
    assert.equal(back.autostart, false);
    assert.doesNotMatch(xml, /hv:template/);
    assert.match(xml, /<hv:clone source="tmpl" mode="linked" created="now"\/>/);
    assert.match(xml, /<hv:autostart[^>]*enabled="no"/);
  });

  it('drops the NVRAM path when asked (libvirt then makes fresh vars)', () => {
    const fresh = cloneDomainXml(source, {
      name: 'n2',
      source: 'tmpl',
      mode: 'full',
      disks: new Map(),
      nvram: null,
      macs: [],
      createdAt: 'x',
    });
    assert.doesNotMatch(fresh, /<nvram/);
  });
});
