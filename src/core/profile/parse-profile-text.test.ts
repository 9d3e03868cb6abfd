import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProfileError } from './profile-error.js';
import { parseProfileObject, parseProfileText } from './parse-profile-text.js';

const BASE = 'name: web-1\ncpus: 2\nmemory: 2G\n';

/** Parse and expect a ProfileError whose issues include `path` with a rule matching `rule`. */
function expectIssue(text: string, path: string, rule: RegExp): ProfileError {
  try {
    parseProfileText(text, 'p.yaml');
  } catch (err) {
    assert.ok(err instanceof ProfileError, `expected ProfileError, got ${String(err)}`);
    const hit = err.issues.find((i) => i.path === path);
    assert.ok(hit, `no issue at ${path}; got ${err.message}`);
    assert.match(hit.rule, rule);
    assert.equal(err.code, 'PROFILE_INVALID');
    assert.equal(err.exitCode, 4);
    return err;
  }
  assert.fail(`profile was accepted:\n${text}`);
}

// The bad-profile table: each row names the field and the rule (exit 4, PROFILE_INVALID).
const BAD: readonly { what: string; text: string; path: string; rule: RegExp }[] = [
  { what: 'missing name', text: 'cpus: 1\nmemory: 1G\n', path: 'name', rule: /^is required$/ },
  { what: 'memory 0', text: 'name: a\ncpus: 1\nmemory: "0"\n', path: 'memory', rule: /greater than zero/ },
  { what: 'memory 10 PiB', text: 'name: a\ncpus: 1\nmemory: 10P\n', path: 'memory', rule: /at most 16T/ },
  {
    what: 'memory as a bare number',
    text: 'name: a\ncpus: 1\nmemory: 2048\n',
    path: 'memory',
    rule: /with a unit/,
  },
  {
    what: 'memory not whole MiB',
    text: 'name: a\ncpus: 1\nmemory: 1048577K\n',
    path: 'memory',
    rule: /whole number of MiB/,
  },
  {
    what: 'unknown arch',
    text: `${BASE}arch: sparc64\n`,
    path: 'arch',
    rule: /must be one of: x86_64, aarch64/,
  },
  {
    what: 'bad PCI address',
    text: `${BASE}hostdevs: [0000:01:00.9]\n`,
    path: 'hostdevs[0]',
    rule: /function must be/,
  },
  { what: 'PCI garbage', text: `${BASE}hostdevs: ["gpu0"]\n`, path: 'hostdevs[0]', rule: /PCI address like/ },
  {
    what: 'path traversal in iso',
    text: `${BASE}iso: ../../etc/shadow\n`,
    path: 'iso',
    rule: /"\.\." segments/,
  },
  {
    what: 'path traversal in a disk image',
    text: `${BASE}disks:\n  - from: /var/lib/hv/../../etc/shadow\n`,
    path: 'disks[0].from',
    rule: /"\.\." segments/,
  },
  {
    what: 'shell metacharacters in name',
    text: 'name: "web;rm -rf /"\ncpus: 1\nmemory: 1G\n',
    path: 'name',
    rule: /must match/,
  },
  { what: 'name with $()', text: 'name: $(reboot)\ncpus: 1\nmemory: 1G\n', path: 'name', rule: /must match/ },
  {
    what: 'duplicate disk targets',
    text: `${BASE}disks:\n  - size: 1G\n    target: vdb\n  - size: 1G\n    target: vdb\n`,
    path: 'disks[1].target',
    rule: /already used by disks\[0\]/,
  },
  {
    what: 'two NICs with the same MAC (written differently)',
    text: `${BASE}nics:\n  - network: default\n    mac: 52:54:00:AA:00:01\n  - bridge: br0\n    mac: 52-54-00-aa-00-01\n`,
    path: 'nics[1].mac',
    rule: /already used by nics\[0\]/,
  },
  {
    what: 'unknown key (typo)',
    text: `${BASE}memroy: 4G\n`,
    path: 'memroy',
    rule: /unknown key \(did you mean memory\?\)/,
  },
  {
    what: 'nested unknown key',
    text: `${BASE}disks:\n  - size: 1G\n    bux: sata\n`,
    path: 'disks[0].bux',
    rule: /did you mean bus/,
  },
  { what: 'bad disk size', text: `${BASE}disks:\n  - size: 20X\n`, path: 'disks[0].size', rule: /size like/ },
  {
    what: 'disk without size or image',
    text: `${BASE}disks:\n  - bus: sata\n`,
    path: 'disks[0].size',
    rule: /required unless from/,
  },
  {
    what: 'target on the wrong bus',
    text: `${BASE}disks:\n  - size: 1G\n    target: sda\n`,
    path: 'disks[0].target',
    rule: /start with vd/,
  },
  { what: 'cpus 0', text: 'name: a\ncpus: 0\nmemory: 1G\n', path: 'cpus', rule: /at least 1/ },
  { what: 'cpus not whole', text: 'name: a\ncpus: 1.5\nmemory: 1G\n', path: 'cpus', rule: /whole number/ },
  {
    what: 'bad MAC',
    text: `${BASE}nics:\n  - mac: 01:00:5e:00:00:01\n`,
    path: 'nics[0].mac',
    rule: /unicast/,
  },
  {
    what: 'two NIC sources',
    text: `${BASE}nics:\n  - network: a\n    bridge: b\n`,
    path: 'nics[0]',
    rule: /at most one of/,
  },
  {
    what: 'vhost on e1000',
    text: `${BASE}nics:\n  - model: e1000\n    vhost: true\n`,
    path: 'nics[0].vhost',
    rule: /virtio/,
  },
  { what: 'secure boot on bios', text: `${BASE}secure_boot: true\n`, path: 'secure_boot', rule: /uefi/ },
  {
    what: 'memory limit below memory',
    text: `${BASE}limits:\n  memory_max: 1G\n`,
    path: 'limits.memory_max',
    rule: /at least memory \(2G\)/,
  },
  {
    what: 'more pins than vCPUs',
    text: `${BASE}cpu:\n  pinning: [1, 2, 3]\n`,
    path: 'cpu.pinning',
    rule: /3 entries but the VM has 2/,
  },
  {
    what: 'duplicate hostdevs',
    text: `${BASE}hostdevs: [01:00.0, 0000:01:00.0]\n`,
    path: 'hostdevs[1]',
    rule: /already listed/,
  },
  {
    what: 'looking glass not a power of two',
    text: `${BASE}looking_glass:\n  size: 48M\n`,
    path: 'looking_glass.size',
    rule: /power of two/,
  },
  {
    what: 'listen not an IP',
    text: `${BASE}graphics:\n  type: vnc\n  listen: 0.0.0.0; id\n`,
    path: 'graphics.listen',
    rule: /IP address/,
  },
  {
    what: 'relative kernel',
    text: `${BASE}kernel:\n  path: vmlinuz\n`,
    path: 'kernel.path',
    rule: /absolute/,
  },
  {
    what: 'boot with kernel',
    text: `${BASE}boot: [hd]\nkernel:\n  path: /k\n`,
    path: 'boot',
    rule: /kernel/,
  },
  { what: 'boot device twice', text: `${BASE}boot: [hd, hd]\n`, path: 'boot[1]', rule: /twice/ },
  {
    what: 'control character in owner',
    text: `${BASE}owner: "a\\u0007b"\n`,
    path: 'owner',
    rule: /control characters/,
  },
  {
    what: 'newline in kernel cmdline',
    text: `${BASE}kernel:\n  path: /k\n  cmdline: "a\\nb"\n`,
    path: 'kernel.cmdline',
    rule: /one line/,
  },
  { what: 'bad nodeset', text: `${BASE}numa:\n  nodeset: 3-1\n`, path: 'numa.nodeset', rule: /backwards/ },
  { what: 'bad tag', text: `${BASE}tags: ["a b"]\n`, path: 'tags[0]', rule: /must match/ },
  {
    what: 'ide on aarch64',
    text: `${BASE}arch: aarch64\ndisks:\n  - size: 1G\n    bus: ide\n`,
    path: 'disks[0].bus',
    rule: /x86_64 only/,
  },
  {
    what: 'sev on aarch64',
    text: `${BASE}arch: aarch64\nlaunch_security: sev\n`,
    path: 'launch_security',
    rule: /x86_64 only/,
  },
];

for (const row of BAD) {
  test(`bad profile: ${row.what} -> ${row.path}`, () => {
    expectIssue(row.text, row.path, row.rule);
  });
}

test('an error names file, line and column, the field, the rule and the value', () => {
  const err = expectIssue(`${BASE}disks:\n  - size: 1G\n  - size: 20X\n`, 'disks[1].size', /size like/);
  assert.match(err.message, /^p\.yaml:6:11: disks\[1\]\.size: must be a size like .* \(got "20X"\)$/);
  assert.equal(err.field, 'disks[1].size');
  assert.deepEqual(err.details.file, 'p.yaml');
});

test('every issue is reported at once; the message shows three and counts the rest', () => {
  const err = expectIssue('cpus: 0\nmemory: 0\narch: x\nfoo: 1\nbar: 2\n', 'name', /required/);
  assert.equal(err.issues.length, 6);
  assert.match(err.message, /; and 3 more$/);
});

test('YAML syntax errors and duplicate keys are reported with their position', () => {
  expectIssue('name: a\n  cpus: [1\n', '(file)', /syntax error/);
  const dup = expectIssue('name: a\nname: b\ncpus: 1\nmemory: 1G\n', '(file)', /syntax error/);
  assert.equal(dup.issues[0]?.line, 2);
});

test('a top level that is not a mapping is refused', () => {
  expectIssue('- a\n- b\n', '(top level)', /mapping/);
  assert.throws(() => parseProfileObject('x'), ProfileError);
});

test('defaults: x86_64, auto, bios, one virtio NIC on the default network, no display, balloon and rng on', () => {
  const { profile, format, warnings } = parseProfileText(BASE, 'p.yaml');
  assert.equal(format, 'hv');
  assert.deepEqual(warnings, []);
  assert.deepEqual(profile, {
    name: 'web-1',
    tags: [],
    arch: 'x86_64',
    virtType: 'auto',
    cpus: 2,
    memoryMiB: 2048,
    firmware: 'bios',
    secureBoot: false,
    tpm: false,
    disks: [],
    nics: [{ source: { type: 'network' }, model: 'virtio', vhost: false }],
    graphics: { type: 'none', listen: '127.0.0.1' },
    cpu: { mode: 'auto', features: [], pinning: [] },
    memoryBacking: { hugepages: false, memfd: false, private: false },
    limits: {},
    memballoon: true,
    rng: true,
    hostdevs: [],
    autostart: false,
    autostartPriority: 50,
  });
});

test('arch decides the default firmware; an explicit choice wins', () => {
  assert.equal(parseProfileText(`${BASE}arch: aarch64\n`, 'p').profile.firmware, 'uefi');
  assert.equal(parseProfileText(`${BASE}arch: riscv64\n`, 'p').profile.firmware, 'bios');
  assert.equal(parseProfileText(`${BASE}firmware: uefi\n`, 'p').profile.firmware, 'uefi');
});

test('disk targets are assigned per bus around the ones the file names', () => {
  const text = `${BASE}disks:\n  - size: 1G\n  - size: 1G\n    target: vda\n  - size: 1G\n    bus: sata\n  - size: 1G\n    bus: ide\n`;
  const targets = parseProfileText(text, 'p').profile.disks.map((d) => d.target);
  assert.deepEqual(targets, ['vdb', 'vda', 'sda', 'hda']);
});

test('sizes, MACs and PCI addresses are normalized', () => {
  const text = `${BASE}disks:\n  - size: 1.5G\nnics:\n  - mac: 52-54-00-AB-CD-EF\nhostdevs: [1:0.1]\nlimits:\n  memory_max: 3G\n`;
  const p = parseProfileText(text, 'p').profile;
  assert.equal(p.disks[0]?.sizeBytes, 1.5 * 2 ** 30);
  assert.equal(p.nics[0]?.mac, '52:54:00:ab:cd:ef');
  assert.deepEqual(p.hostdevs, ['0000:01:00.1']);
  assert.equal(p.limits.memoryMaxMiB, 3072);
});

test('JSON profiles in hv format are read too, with positions', () => {
  const json = JSON.stringify({ name: 'j', cpus: 1, memory: '1G', disks: [{ size: '2G' }] }, null, 2);
  assert.equal(parseProfileText(json, 'p.json').profile.disks[0]?.sizeBytes, 2 ** 31);
  try {
    parseProfileText(json.replace('"2G"', '"2Q"'), 'p.json');
    assert.fail('accepted');
  } catch (err) {
    assert.ok(err instanceof ProfileError);
    assert.equal(err.issues[0]?.line, 7);
  }
});

test('a YAML 1.1 sexagesimal-looking MAC stays a string (YAML 1.2)', () => {
  const p = parseProfileText(`${BASE}nics:\n  - mac: 52:54:00:12:34:56\n`, 'p').profile;
  assert.equal(p.nics[0]?.mac, '52:54:00:12:34:56');
});
