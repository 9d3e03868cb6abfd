import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { repoPath } from '../../../../test/helpers/repo-file.js';
import { ProfileError } from '../profile-error.js';
import { parseProfileText } from '../parse-profile-text.js';
import { profileToDomainXml } from '../domain-xml/profile-to-domain-xml.js';
import { planHostFacts } from '../domain-xml/plan-host-facts.js';
import type { VmProfile } from '../vm-profile.js';
import { isHyperNixosProfile } from './parse-hyper-nixos-profile.js';

async function fixture(name: string): Promise<string> {
  return readFile(repoPath(`test/fixtures/hyper-nixos/${name}.json`), 'utf8');
}

function parse(obj: Record<string, unknown>): ReturnType<typeof parseProfileText> {
  return parseProfileText(JSON.stringify(obj, null, 2), 'hn.json');
}

function render(profile: VmProfile): string {
  return profileToDomainXml(
    profile,
    planHostFacts(profile, {
      virtType: 'kvm',
      hostArch: 'x86_64',
      poolPath: '/p',
      imagesDir: '/l',
      baseDir: '/b',
    }),
  );
}

const MIN = { name: 'hn', cpus: 2, memory_mb: 2048 };

test('each Appendix A shape is recognised and imports without warnings (os becomes a tag)', async () => {
  for (const name of ['example_vm_nixos', 'example_vm_ubuntu', 'example_vm_windows']) {
    const r = parseProfileText(await fixture(name), name);
    assert.equal(r.format, 'hyper-nixos');
    assert.deepEqual(r.warnings, []);
    assert.deepEqual(r.profile.tags, [name.replace('example_vm_', '')]);
    assert.deepEqual(r.profile.nics, [
      { source: { type: 'bridge', bridge: 'virbr0' }, model: 'virtio', vhost: false },
    ]);
    assert.equal(r.profile.iso, 'isos/PLACEHOLDER.iso');
    assert.equal(r.profile.firmware, 'uefi');
    assert.deepEqual(r.profile.graphics, { type: 'spice', listen: '127.0.0.1' });
  }
  assert.equal(
    parseProfileText(await fixture('example_vm_windows'), 'w').profile.disks[0]?.sizeBytes,
    40 * 2 ** 30,
  );
});

test('the CET/private example maps every field (reference Appendix B), bridge read as itself', async () => {
  const { profile } = parseProfileText(await fixture('example_vm_x86_cet_private'), 'x');
  assert.equal(profile.memoryMiB, 8192);
  assert.equal(profile.cpus, 4);
  assert.deepEqual(profile.cpu.features, ['shstk', 'ibt', 'avic']);
  assert.deepEqual(profile.memoryBacking, { hugepages: true, memfd: true, private: true });
  const xml = render(profile);
  assert.match(xml, /<source bridge='virbr0'\/>/);
  assert.doesNotMatch(xml, /bridge='false'|heads='x86_64'|model='false'/);
  assert.match(
    xml,
    /<memoryBacking>\n\s+<hugepages\/>\n\s+<source type='memfd'\/>\n\s+<access mode='private'\/>/,
  );
});

test('the aarch64 example keeps its arch (the shifted-field defect turned it into x86_64)', async () => {
  const { profile } = parseProfileText(await fixture('example_vm_aarch64'), 'a');
  assert.equal(profile.arch, 'aarch64');
  assert.equal(profile.memoryBacking.memfd, true);
  assert.match(render(profile), /<type arch='aarch64' machine='virt'>hvm<\/type>/);
});

test('an empty bridge with no zone is a user-mode NIC; with a zone, the zone', () => {
  assert.deepEqual(parse({ ...MIN, network: { bridge: '' } }).profile.nics[0]?.source, { type: 'user' });
  assert.deepEqual(parse({ ...MIN }).profile.nics[0]?.source, { type: 'user' });
  assert.deepEqual(parse({ ...MIN, network: { bridge: '', zone: 'secure' } }).profile.nics[0]?.source, {
    type: 'zone',
    zone: 'secure',
  });
  const both = parse({ ...MIN, network: { bridge: 'br0', zone: 'secure' } });
  assert.deepEqual(both.profile.nics[0]?.source, { type: 'bridge', bridge: 'br0' });
  assert.equal(both.warnings[0]?.path, 'network.zone');
  const vhostUser = parse({ ...MIN, network: { vhost: true } });
  assert.equal(vhostUser.warnings[0]?.path, 'network.vhost');
  assert.match(render(vhostUser.profile), /<interface type='user'>/);
});

test('cpu_pinning wraps over the vCPUs', () => {
  const { profile } = parse({ ...MIN, cpus: 5, cpu_pinning: [6, 7] });
  const pins = [...render(profile).matchAll(/<vcpupin vcpu='(\d)' cpuset='(\d)'\/>/g)].map(
    (m) => `${m[1]}:${m[2]}`,
  );
  assert.deepEqual(pins, ['0:6', '1:7', '2:6', '3:7', '4:6']);
  const extra = parse({ ...MIN, cpus: 1, cpu_pinning: [1, 2] });
  assert.deepEqual(extra.profile.cpu.pinning, [1]);
  assert.equal(extra.warnings[0]?.path, 'cpu_pinning');
});

test('limits become a whole-VM cputune quota and a memtune hard limit', () => {
  const xml = render(parse({ ...MIN, limits: { cpu_quota_percent: 200, memory_max_mb: 3072 } }).profile);
  assert.match(xml, /<global_period>100000<\/global_period>\n\s+<global_quota>200000<\/global_quota>/);
  assert.match(xml, /<memtune>\n\s+<hard_limit unit='MiB'>3072<\/hard_limit>/);
});

test('unknown fields are warned about with their path and a hint, not dropped silently', async () => {
  const r = parseProfileText(await fixture('all_fields'), 'all_fields.json');
  const paths = r.warnings.map((w) => w.path);
  assert.ok(paths.includes('hugepage'));
  assert.ok(paths.includes('video_ram'));
  assert.match(r.warnings.find((w) => w.path === 'hugepage')?.message ?? '', /did you mean hugepages/);
  assert.ok(r.warnings.every((w) => w.line !== undefined));
  const nested = parse({ ...MIN, network: { bridge: 'br0', vlan: 5 } });
  assert.deepEqual(
    nested.warnings.map((w) => w.path),
    ['network.vlan'],
  );
});

test('cpu_features: SEV gets a policy, placeholders and non-x86 toggles are warned about', () => {
  const sev = parse({ ...MIN, cpu_features: { sev: true, fred: true } });
  assert.equal(sev.profile.launchSecurity, 'sev');
  assert.deepEqual(
    sev.warnings.map((w) => w.path),
    ['cpu_features.fred'],
  );
  assert.equal(parse({ ...MIN, cpu_features: { sev: true, sev_es: true } }).profile.launchSecurity, 'sev-es');
  const snp = parse({ ...MIN, cpu_features: { sev_snp: true } });
  assert.equal(snp.profile.launchSecurity, 'sev-es');
  assert.equal(snp.warnings[0]?.path, 'cpu_features.sev_snp');
  const arm = parse({ ...MIN, arch: 'aarch64', cpu_features: { shstk: true, sev: true } });
  assert.deepEqual(arm.profile.cpu.features, []);
  assert.equal(arm.profile.launchSecurity, undefined);
  assert.equal(arm.warnings.length, 2);
});

test('the wizard shape: zone, image overlay, generated seed, balloon off, autostart hints', async () => {
  const r = parseProfileText(await fixture('wizard_output'), 'wizard_output.json');
  const p = r.profile;
  assert.equal(p.owner, 'alice');
  assert.deepEqual(p.nics[0], { source: { type: 'zone', zone: 'secure' }, model: 'virtio', vhost: true });
  assert.deepEqual(p.disks[0], {
    bus: 'virtio',
    discard: true,
    from: '/var/lib/hypervisor/images/ubuntu-24.04-server-cloudimg-amd64.img',
    linked: true,
    target: 'vda',
  });
  assert.deepEqual(p.cloudInit, {
    userData: '/var/lib/hypervisor/cloud-init/wizard-vm/user-data',
    metaData: '/var/lib/hypervisor/cloud-init/wizard-vm/meta-data',
  });
  assert.equal(p.memballoon, false);
  assert.deepEqual([p.autostart, p.autostartGroup, p.autostartPriority], [true, 'core', 10]);
  assert.deepEqual(p.video, { model: 'virtio', heads: 2 });
  assert.equal(p.audio, 'ich9');
  assert.deepEqual(
    r.warnings.map((w) => w.path),
    ['disk_gb'],
  );
  assert.match(render(p), /<memballoon model='none'\/>/);
});

test('every other field: looking glass, hostdevs, numa, tpm, seed ISO', async () => {
  const p = parseProfileText(await fixture('all_fields'), 'a').profile;
  assert.deepEqual(p.lookingGlass, { sizeMiB: 32 });
  assert.deepEqual(p.hostdevs, ['0000:01:00.0', '0000:01:00.1']);
  assert.deepEqual(p.numa, { nodeset: '0', mode: 'strict' });
  assert.equal(p.tpm, true);
  assert.deepEqual(p.cloudInit, { seedIso: '/var/lib/hypervisor/disks/all-fields-cidata.iso' });
  assert.deepEqual(p.nics[0]?.source, { type: 'user' });
  assert.equal(p.audio, undefined);
});

test('errors name their Hyper-NixOS field', () => {
  const cases: [Record<string, unknown>, string, RegExp][] = [
    [{ cpus: 1, memory_mb: 1024 }, 'name', /required/],
    [{ ...MIN, memory_mb: 0 }, 'memory_mb', /at least 256/],
    [{ ...MIN, memory_mb: 10 * 2 ** 30 }, 'memory_mb', /at most/],
    [{ ...MIN, arch: 'sparc' }, 'arch', /one of/],
    [{ ...MIN, hostdevs: ['0000:01:00.0', 'zz'] }, 'hostdevs[1]', /PCI address/],
    [{ ...MIN, hostdevs: ['0000:01:00.0', '01:00.0'] }, 'hostdevs[1]', /already listed/],
    [{ ...MIN, iso_path: '../../../etc/shadow' }, 'iso_path', /"\.\." segments/],
    [{ ...MIN, name: 'a;reboot' }, 'name', /must match/],
    [{ ...MIN, audio: { model: 'false' } }, 'audio.model', /one of/],
    [{ ...MIN, video: { heads: 'x86_64' } }, 'video.heads', /number/],
    [{ ...MIN, limits: { memory_max_mb: 1024 } }, 'limits.memory_max_mb', /at least memory_mb/],
    [{ ...MIN, numa: { nodeset: 'false' } }, 'numa.nodeset', /set of numbers/],
    [{ ...MIN, cpu_pinning: [-1] }, 'cpu_pinning[0]', /at least 0/],
  ];
  for (const [obj, path, rule] of cases) {
    try {
      parse(obj);
      assert.fail(`accepted ${JSON.stringify(obj)}`);
    } catch (err) {
      assert.ok(err instanceof ProfileError, String(err));
      const hit = err.issues.find((i) => i.path === path);
      assert.ok(hit, `${path} not named in: ${err.message}`);
      assert.match(hit.rule, rule);
    }
  }
});

test('format detection: their field names mean Hyper-NixOS, hv memory means hv', () => {
  assert.equal(isHyperNixosProfile({ name: 'a', memory_mb: 1 }), true);
  assert.equal(isHyperNixosProfile({ name: 'a', network: { bridge: 'x' } }), true);
  assert.equal(isHyperNixosProfile({ name: 'a', memory: '1G', disk_gb: 1 }), false);
  assert.equal(isHyperNixosProfile({ name: 'a', memory: '1G' }), false);
  assert.equal(isHyperNixosProfile(['memory_mb']), false);
});
