import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { composeDescription, splitDescription, validateDescription } from './snapshot-description.js';
import { defaultSnapshotName } from './snapshot-name.js';
import { parseSnapshotXml, snapshotXml } from './snapshot-xml.js';
import { buildSnapshotTree } from './snapshot-tree.js';

// Shaped like libvirt 9.0's virsh snapshot-dumpxml output (domain trimmed).
const INTERNAL = `<domainsnapshot>
  <name>s2</name>
  <description>before upgrade &amp; reboot
hv-policy:daily</description>
  <state>running</state>
  <parent>
    <name>s1</name>
  </parent>
  <creationTime>1764079200</creationTime>
  <memory snapshot='internal'/>
  <disks>
    <disk name='vda' snapshot='internal'/>
  </disks>
  <domain type='qemu'><name>web-1</name><devices><disk type='file' device='disk'><source file='/img/a.qcow2'/><target dev='vda'/></disk></devices></domain>
</domainsnapshot>`;

const EXTERNAL = `<domainsnapshot>
  <name>e1</name>
  <state>running</state>
  <creationTime>1764079260</creationTime>
  <memory snapshot='external' file='/img/web-1.e1.mem'/>
  <disks>
    <disk name='vda' snapshot='external' type='file'>
      <driver type='qcow2'/>
      <source file='/img/web-1-vda.e1.qcow2'/>
    </disk>
    <disk name='sda' snapshot='no'/>
  </disks>
  <domain type='qemu'><name>web-1</name><devices>
    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/img/a.qcow2'/><target dev='vda'/></disk>
    <disk type='file' device='cdrom'><target dev='sda'/><readonly/></disk>
  </devices></domain>
</domainsnapshot>`;

describe('parseSnapshotXml', () => {
  it('reads an internal snapshot with parent, time, state and policy tag', () => {
    assert.deepEqual(parseSnapshotXml(INTERNAL), {
      name: 's2',
      parent: 's1',
      description: 'before upgrade & reboot',
      policy: 'daily',
      createdAt: 1764079200_000,
      state: 'running',
      kind: 'internal',
      memory: 'internal',
      disks: [{ target: 'vda', snapshot: 'internal' }],
      frozenFiles: [],
    });
  });

  it('reads an external one: memory file, overlays and the files it froze', () => {
    const s = parseSnapshotXml(EXTERNAL);
    assert.equal(s.kind, 'external');
    assert.equal(s.memory, 'external');
    assert.equal(s.memoryFile, '/img/web-1.e1.mem');
    assert.equal(s.parent, undefined);
    assert.equal(s.policy, undefined);
    assert.deepEqual(s.disks, [
      { target: 'vda', snapshot: 'external', file: '/img/web-1-vda.e1.qcow2' },
      { target: 'sda', snapshot: 'no' },
    ]);
    assert.deepEqual(s.frozenFiles, ['/img/a.qcow2']);
  });

  it('refuses what is not snapshot XML', () => {
    assert.throws(() => parseSnapshotXml('<domain/>'), /has no <domainsnapshot><name>/);
  });
});

describe('snapshotXml', () => {
  it('internal: name and escaped description only, memory and disks left to libvirt', () => {
    const xml = snapshotXml(
      's1',
      {
        kind: 'internal',
        memory: 'internal',
        disks: [{ target: 'vda', snapshot: 'internal' }],
        flags: [],
        why: '',
      },
      'a <b> & "c"',
    );
    assert.equal(
      xml,
      '<domainsnapshot>\n  <name>s1</name>\n  <description>a &lt;b&gt; &amp; "c"</description>\n</domainsnapshot>\n',
    );
  });

  it('external: memory file and one disk element per disk; round-trips through the parser', () => {
    const xml = snapshotXml('e1', {
      kind: 'external',
      memory: 'external',
      memoryFile: "/img/it's.mem",
      disks: [
        { target: 'vda', snapshot: 'external', file: '/img/web-1-vda.e1.qcow2' },
        { target: 'sda', snapshot: 'no' },
      ],
      flags: ['ATOMIC'],
      why: '',
    });
    assert.match(xml, /<memory snapshot='external' file='\/img\/it&apos;s\.mem'\/>/);
    const back = parseSnapshotXml(xml);
    assert.equal(back.memoryFile, "/img/it's.mem");
    assert.deepEqual(back.disks, [
      { target: 'vda', snapshot: 'external', file: '/img/web-1-vda.e1.qcow2' },
      { target: 'sda', snapshot: 'no' },
    ]);
  });
});

describe('descriptions and names', () => {
  it('the policy tag is its own last line and splits back out', () => {
    assert.equal(composeDescription('text', 'daily'), 'text\nhv-policy:daily');
    assert.equal(composeDescription(undefined, 'daily'), 'hv-policy:daily');
    assert.equal(composeDescription('  ', undefined), undefined);
    assert.deepEqual(splitDescription('text\nhv-policy:daily'), { text: 'text', policy: 'daily' });
    assert.deepEqual(splitDescription('hv-policy: daily'), { text: 'hv-policy: daily' });
    assert.deepEqual(splitDescription(undefined), { text: '' });
  });

  it('people cannot write the tag, or control characters', () => {
    assert.equal(validateDescription('d', 'before upgrade\n\tnotes'), 'before upgrade\n\tnotes');
    assert.throws(() => validateDescription('d', 'x\nhv-policy:daily'), /reserved for snapshot policies/);
    assert.throws(() => validateDescription('d', '  hv-policy:x'), /reserved/);
    assert.throws(() => validateDescription('d', 'bell\x07'), /control characters/);
  });

  it('default name is snap-YYYYmmdd-HHMMSS in UTC', () => {
    assert.equal(defaultSnapshotName(new Date('2026-11-25T04:05:06+01:00')), 'snap-20261125-030506');
  });
});

describe('buildSnapshotTree', () => {
  it('orders parents before children, siblings oldest first, and marks the current one', () => {
    const mk = (name: string, t: number, parent?: string) => ({
      ...parseSnapshotXml(
        `<domainsnapshot><name>${name}</name><creationTime>${t}</creationTime></domainsnapshot>`,
      ),
      ...(parent === undefined ? {} : { parent }),
    });
    const tree = buildSnapshotTree(
      'web-1',
      [mk('c2', 5, 'a'), mk('a', 1), mk('c1', 3, 'a'), mk('g', 6, 'c1'), mk('orphan', 2, 'gone')],
      'g',
    );
    assert.deepEqual(
      tree.snapshots.map((s) => [s.name, s.depth, s.children.join(','), s.current]),
      [
        ['a', 0, 'c1,c2', false],
        ['c1', 1, 'g', false],
        ['g', 2, '', true],
        ['c2', 1, '', false],
        ['orphan', 0, '', false],
      ],
    );
    assert.equal(tree.current, 'g');
  });
});
