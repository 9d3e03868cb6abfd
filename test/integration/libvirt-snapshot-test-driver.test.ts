// SnapshotApi, CheckpointApi and BackupApi against libvirtd's test driver, on a running domain of our
// own: checkpoints first (the driver refuses them once a snapshot exists), then a snapshot tree with
// navigation, revert and delete. backup-begin is not implemented by the test driver: typed NO_SUPPORT.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { LibvirtClient, LibvirtError, type DomainRef } from '../../src/libvirt/index.js';
import { DomainSnapshotCreateFlags, DomainUndefineFlags } from '../../src/libvirt/protocol/flags.js';

const URI = 'test:///default';
const name = `hvtest-snap-${randomBytes(3).toString('hex')}`;
const domXml =
  `<domain type='test'><name>${name}</name><memory unit='KiB'>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os>` +
  `<devices><disk type='file' device='disk'><source file='/guest/${name}.img'/><target dev='vda'/></disk></devices></domain>`;
const snapXml = (n: string): string =>
  `<domainsnapshot><name>${n}</name><description>hv test</description></domainsnapshot>`;

describe('SnapshotApi, CheckpointApi and BackupApi on test:///default', () => {
  let client: LibvirtClient;
  let dom: DomainRef;

  before(async () => {
    client = await LibvirtClient.connect(URI);
    dom = await client.domains.defineXml(domXml);
    dom = await client.domains.createWithFlags(dom);
  });

  after(async () => {
    await client.domains.destroyFlags(dom).catch(() => undefined);
    const flags = DomainUndefineFlags.SNAPSHOTS_METADATA | DomainUndefineFlags.CHECKPOINTS_METADATA;
    await client.domains.undefine(dom, flags).catch(() => undefined);
    await client.close();
  });

  it('creates, lists, reads and deletes a checkpoint', async () => {
    const cp = await client.checkpoints.createXml(
      dom,
      '<domaincheckpoint><name>cp1</name></domaincheckpoint>',
    );
    assert.equal(cp.name, 'cp1');
    assert.equal(cp.dom.name, name);
    assert.deepEqual(
      (await client.checkpoints.listAll(dom)).map((c) => c.name),
      ['cp1'],
    );
    assert.equal((await client.checkpoints.lookupByName(dom, 'cp1')).name, 'cp1');
    assert.match(await client.checkpoints.getXmlDesc(cp), /<name>cp1<\/name>/);
    const cp2 = await client.checkpoints.createXml(
      dom,
      '<domaincheckpoint><name>cp2</name></domaincheckpoint>',
    );
    assert.equal((await client.checkpoints.getParent(cp2)).name, 'cp1');
    assert.deepEqual(
      (await client.checkpoints.listAllChildren(cp)).map((c) => c.name),
      ['cp2'],
    );
    await client.checkpoints.delete(cp, 1 /* CHILDREN */);
    assert.deepEqual(await client.checkpoints.listAll(dom), []);
    await assert.rejects(client.checkpoints.lookupByName(dom, 'cp1'), (err: unknown) => {
      assert.ok(err instanceof LibvirtError && err.isNoDomainCheckpoint(), String(err));
      return true;
    });
  });

  it('builds a snapshot tree, navigates it, reverts and deletes', async () => {
    assert.equal(await client.snapshots.hasCurrentSnapshot(dom), false);
    const s1 = await client.snapshots.createXml(dom, snapXml('s1'));
    assert.equal(s1.name, 's1');
    assert.equal(s1.dom.name, name);
    const s2 = await client.snapshots.createXml(dom, snapXml('s2'));
    assert.equal(await client.snapshots.hasCurrentSnapshot(dom), true);
    assert.equal((await client.snapshots.current(dom)).name, 's2');
    assert.equal(await client.snapshots.isCurrent(s2), true);
    assert.equal(await client.snapshots.hasMetadata(s2), true);
    assert.deepEqual((await client.snapshots.listAll(dom)).map((s) => s.name).sort(), ['s1', 's2']);
    assert.deepEqual(
      (await client.snapshots.listAll(dom, 1 /* ROOTS */)).map((s) => s.name),
      ['s1'],
    );
    assert.equal((await client.snapshots.getParent(s2)).name, 's1');
    assert.deepEqual(
      (await client.snapshots.listAllChildren(s1)).map((s) => s.name),
      ['s2'],
    );
    assert.equal((await client.snapshots.lookupByName(dom, 's1')).name, 's1');
    const xml = await client.snapshots.getXmlDesc(s1);
    assert.match(xml, /<name>s1<\/name>/);
    assert.match(xml, /<description>hv test<\/description>/);

    await client.snapshots.revert(s1);
    assert.equal((await client.snapshots.current(dom)).name, 's1');
    assert.equal(await client.snapshots.isCurrent(s2), false);

    await client.snapshots.delete(s2);
    await client.snapshots.delete(s1);
    assert.deepEqual(await client.snapshots.listAll(dom), []);
    await assert.rejects(client.snapshots.lookupByName(dom, 's1'), (err: unknown) => {
      assert.ok(err instanceof LibvirtError && err.isNoDomainSnapshot(), String(err));
      return true;
    });
  });

  it('a disk-only snapshot is refused by the test driver with a typed error', async () => {
    const err = await client.snapshots
      .createXml(dom, snapXml('d1'), DomainSnapshotCreateFlags.DISK_ONLY)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    assert.ok(err instanceof LibvirtError, String(err));
    assert.match(err.message, /unsupported flags \(0x10\)/);
  });

  it('backup begin is not supported by the test driver (typed NO_SUPPORT)', async () => {
    await assert.rejects(client.backups.begin(dom, "<domainbackup mode='push'/>"), (err: unknown) => {
      assert.ok(err instanceof LibvirtError && err.isNoSupport(), String(err));
      return true;
    });
  });
});
