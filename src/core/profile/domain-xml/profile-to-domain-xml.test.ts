import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DependencyError, HvError, ValidationError } from '../../errors/index.js';
import { parseProfileText } from '../parse-profile-text.js';
import type { VmProfile } from '../vm-profile.js';
import { domainXmlToProfile } from './domain-xml-to-profile.js';
import { effectiveVirtType, resolveVirtType, type HostFacts } from './host-facts.js';
import { planHostFacts } from './plan-host-facts.js';
import { profileToDomainXml } from './profile-to-domain-xml.js';

const BASE = 'name: web-1\ncpus: 2\nmemory: 2G\n';

function profile(extra = ''): VmProfile {
  return parseProfileText(`${BASE}${extra}`, 'p.yaml').profile;
}

function facts(p: VmProfile, over: Partial<HostFacts> = {}): HostFacts {
  return {
    ...planHostFacts(p, {
      virtType: 'kvm',
      hostArch: 'x86_64',
      poolPath: '/pool',
      imagesDir: '/lib',
      baseDir: '/base',
    }),
    ...over,
  };
}

test('the same inputs give the same text', () => {
  const p = profile('disks:\n  - size: 2G\ngraphics:\n  type: vnc\n');
  assert.equal(profileToDomainXml(p, facts(p)), profileToDomainXml(structuredClone(p), facts(p)));
});

test('XML metacharacters in string fields are escaped, never an error, and read back intact', () => {
  const desc = `</description><devices><hostdev/></devices> & 'x' "y"`;
  const p = profile(`description: ${JSON.stringify(desc)}\nowner: "<b>&"\niso: "/srv/a'b<c>.iso"\n`);
  const xml = profileToDomainXml(p, facts(p));
  assert.ok(
    xml.includes('<description>&lt;/description&gt;&lt;devices&gt;&lt;hostdev/&gt;&lt;/devices&gt; &amp;'),
  );
  assert.ok(xml.includes("<source file='/srv/a&apos;b&lt;c&gt;.iso'/>"));
  assert.equal((xml.match(/<hostdev/g) ?? []).length, 0);
  assert.equal(domainXmlToProfile(xml)?.profile.description, desc);
  assert.equal(domainXmlToProfile(xml)?.profile.owner, '<b>&');
});

test('a serial console, its <console>, the guest-agent channel and the RNG are always there', () => {
  const p = profile();
  const xml = profileToDomainXml(p, facts(p));
  assert.match(xml, /<serial type='pty'>\n\s+<target port='0'\/>\n\s+<\/serial>/);
  assert.match(xml, /<console type='pty'>\n\s+<target type='serial' port='0'\/>/);
  assert.match(xml, /<target type='virtio' name='org.qemu.guest_agent.0'\/>/);
  assert.match(xml, /<rng model='virtio'>/);
  assert.doesNotMatch(xml, /<graphics/);
});

test('graphics listen on 127.0.0.1 unless the profile says otherwise', () => {
  const p = profile('graphics:\n  type: vnc\n');
  assert.match(
    profileToDomainXml(p, facts(p)),
    /<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'>/,
  );
});

test('virt type: auto follows the host, an explicit choice wins, a foreign arch is qemu', () => {
  const auto = profile();
  assert.match(profileToDomainXml(auto, facts(auto, { virtType: 'qemu' })), /^<domain type='qemu'>/);
  assert.match(profileToDomainXml(auto, facts(auto)), /^<domain type='kvm'>/);
  const qemu = profile('virt_type: qemu\n');
  assert.match(profileToDomainXml(qemu, facts(qemu)), /^<domain type='qemu'>\n[\s\S]*<cpu mode='maximum'>/);
  const arm = profile('arch: aarch64\n');
  assert.equal(effectiveVirtType(arm.virtType, arm.arch, facts(arm)), 'qemu');
  assert.deepEqual(resolveVirtType('auto', true), { virtType: 'kvm' });
  assert.equal(resolveVirtType('auto', false).virtType, 'qemu');
  assert.match(resolveVirtType('auto', false).warning ?? '', /TCG/);
  assert.match(resolveVirtType('kvm', false).warning ?? '', /will not start/);
  assert.deepEqual(resolveVirtType('qemu', true), { virtType: 'qemu' });
});

test('host-passthrough cannot run under TCG: PROFILE_INVALID naming cpu.mode', () => {
  const p = profile('cpu:\n  mode: host-passthrough\n');
  assert.throws(
    () => profileToDomainXml(p, facts(p, { virtType: 'qemu' })),
    (e: unknown) => e instanceof ValidationError && e.field === 'cpu.mode' && e.exitCode === 4,
  );
});

test('a zone that forbids passthrough refuses hostdevs; an unknown zone maps to br-<zone>', () => {
  const p = profile('nics:\n  - zone: untrusted\nhostdevs: [01:00.0]\n');
  assert.throws(
    () => profileToDomainXml(p, facts(p, { zones: { untrusted: { bridge: 'br-u', allowHostdev: false } } })),
    (e: unknown) => e instanceof ValidationError && e.field === 'hostdevs' && e.code === 'PROFILE_INVALID',
  );
  assert.match(
    profileToDomainXml(p, facts(p, { zones: { untrusted: { bridge: 'br-u', allowHostdev: true } } })),
    /<source bridge='br-u'\/>/,
  );
  assert.match(profileToDomainXml(p, facts(p)), /<source bridge='br-untrusted'\/>/);
});

test('host facts that do not match the profile are a bug (INTERNAL)', () => {
  const p = profile('disks:\n  - size: 1G\niso: x.iso\n');
  assert.throws(
    () => profileToDomainXml(p, { ...facts(p), disks: [] }),
    (e: unknown) => e instanceof HvError && e.code === 'INTERNAL',
  );
  const { isoPath: _omit, ...noIso } = facts(p);
  assert.throws(() => profileToDomainXml(p, noIso), /isoPath/);
});

test('secure boot with explicit firmware files needs the secure-boot build', () => {
  const p = profile('firmware: uefi\nsecure_boot: true\n');
  const uefi = { code: '/fw/CODE.fd', varsTemplate: '/fw/VARS.fd' };
  assert.throws(() => profileToDomainXml(p, facts(p, { uefi })), DependencyError);
  const xml = profileToDomainXml(
    p,
    facts(p, { uefi: { ...uefi, secureBootCode: '/fw/SB.fd', secureBootVarsTemplate: '/fw/SBV.fd' } }),
  );
  assert.match(xml, /<loader readonly='yes' secure='yes' type='pflash'>\/fw\/SB.fd<\/loader>/);
  assert.match(xml, /<smm state='on'\/>/);
});

test('UEFI without explicit files lets libvirt choose, with secure boot pinned off', () => {
  const p = profile('firmware: uefi\n');
  const xml = profileToDomainXml(p, facts(p));
  assert.match(xml, /<os firmware='efi'>/);
  assert.match(xml, /<feature enabled='no' name='secure-boot'\/>/);
});

test('boot order: cdrom then hd with an ISO, hd without, as given otherwise, none for kernel boot', () => {
  const boots = (p: VmProfile): string[] =>
    [...profileToDomainXml(p, facts(p)).matchAll(/<boot dev='(\w+)'\/>/g)].map((m) => m[1] ?? '');
  assert.deepEqual(boots(profile('iso: a.iso\n')), ['cdrom', 'hd']);
  assert.deepEqual(boots(profile()), ['hd']);
  assert.deepEqual(boots(profile('boot: [network, hd]\n')), ['network', 'hd']);
  assert.deepEqual(boots(profile('kernel:\n  path: /k\n')), []);
});

test('CD-ROMs take the next free names after the disks', () => {
  const p = profile('disks:\n  - size: 1G\n    bus: sata\niso: a.iso\ncloud_init:\n  user_data: /u\n');
  const targets = [...profileToDomainXml(p, facts(p)).matchAll(/<target dev='(\w+)' bus='(\w+)'\/>/g)].map(
    (m) => m[1],
  );
  assert.deepEqual(targets, ['sda', 'sdb', 'sdc']);
});

test('the CPU quota is for the whole VM (global_quota), in microseconds per 100 ms period', () => {
  const q = (pct: string): string | undefined => {
    const p = profile(`limits:\n  cpu_quota_percent: ${pct}\n`);
    return /<global_quota>(\d+)<\/global_quota>/.exec(profileToDomainXml(p, facts(p)))?.[1];
  };
  assert.equal(q('1'), '1000');
  assert.equal(q('150'), '150000');
  assert.equal(q('12.5'), '12500');
});

test('uuid and emulator from the host facts are written when given', () => {
  const p = profile();
  const xml = profileToDomainXml(
    p,
    facts(p, { uuid: '6f1c1a2e-0000-4000-8000-000000000001', emulator: '/usr/bin/qemu-system-x86_64' }),
  );
  assert.match(xml, /<uuid>6f1c1a2e-0000-4000-8000-000000000001<\/uuid>/);
  assert.match(xml, /<emulator>\/usr\/bin\/qemu-system-x86_64<\/emulator>/);
});

test('domainXmlToProfile reads libvirt-style output: other prefix, double quotes, extra elements', () => {
  const p = profile('tags: [a, b]\n');
  const json =
    /<hv:profile format='json'>([^<]*)<\/hv:profile>/.exec(profileToDomainXml(p, facts(p)))?.[1] ?? '';
  const xml = `<domain type="kvm" id="3">\n  <name>web-1</name>\n  <metadata>\n    <other:x xmlns:other="urn:other"><other:vm/></other:x>\n    <x:vm xmlns:x="https://hv.dev/xmlns/vm/1">\n      <x:profile format="json">${json}</x:profile>\n      <x:origin format="hv" file="/etc/a&amp;b.yaml"/>\n    </x:vm>\n  </metadata>\n</domain>\n`;
  const back = domainXmlToProfile(xml);
  assert.ok(back);
  assert.deepEqual(back.profile, p);
  assert.deepEqual(back.tags, ['a', 'b']);
  assert.deepEqual(back.origin, { format: 'hv', file: '/etc/a&b.yaml' });
});

test('domainXmlToProfile: no hv metadata is undefined; broken metadata is PROFILE_INVALID', () => {
  assert.equal(domainXmlToProfile("<domain type='kvm'><name>x</name></domain>"), undefined);
  assert.equal(
    domainXmlToProfile(
      "<domain><metadata><hv:vm xmlns:hv='urn:not-hv'><hv:profile>{}</hv:profile></hv:vm></metadata></domain>",
    ),
    undefined,
  );
  const ns = "xmlns:hv='https://hv.dev/xmlns/vm/1'";
  assert.throws(
    () =>
      domainXmlToProfile(
        `<domain><metadata><hv:vm ${ns}><hv:profile>{not json</hv:profile></hv:vm></metadata></domain>`,
      ),
    (e: unknown) => e instanceof ValidationError && e.code === 'PROFILE_INVALID',
  );
  assert.throws(
    () =>
      domainXmlToProfile(
        `<domain><metadata><hv:vm ${ns}><hv:profile>{"name":"a;b","cpus":1,"memory":"1G"}</hv:profile></hv:vm></metadata></domain>`,
      ),
    (e: unknown) => e instanceof ValidationError && e.field === 'name',
  );
});

test('a literal "&#10;" in a string is not turned into a newline on the way back', () => {
  const p = profile('description: "a&#10;b"\n');
  assert.equal(domainXmlToProfile(profileToDomainXml(p, facts(p)))?.profile.description, 'a&#10;b');
});
