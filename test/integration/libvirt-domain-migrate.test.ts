// Peer-to-peer live migration with ONE call on the source (DOMAIN_MIGRATE_PERFORM3_PARAMS): from the
// shared libvirtd to a private second libvirtd (own mount + UTS namespace, own hostname and host UUID).
// The guest has no disks, so no storage needs sharing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LibvirtClient, LibvirtError, DomainMigrateFlags } from '../../src/libvirt/index.js';
import { startSecondLibvirtd, type SecondLibvirtd } from '../helpers/second-libvirtd.js';
import {
  destroyAndUndefine,
  ensureTestGuest,
  testGuestDomainXml,
  uniqueDomainName,
} from '../helpers/test-guest.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system, starts its own libvirtd)' : false;

describe('migrateToUri (p2p, PERFORM3_PARAMS)', { skip: NOT_ROOT, timeout: 180_000 }, () => {
  let host2: SecondLibvirtd;
  let src: LibvirtClient;
  let dst: LibvirtClient;
  const name = uniqueDomainName('mig');
  let workDir = '';

  before(async () => {
    host2 = await startSecondLibvirtd({ hostname: 'hv-mig-host2' });
    src = await LibvirtClient.connect('qemu:///system');
    dst = await LibvirtClient.connect(host2.qemuUri);
    workDir = mkdtempSync(join(tmpdir(), `${name}-`));
    chmodSync(workDir, 0o755);
  });

  after(async () => {
    const there = await dst.domains.lookupByName(name).catch(() => undefined);
    if (there !== undefined) await dst.domains.destroyFlags(there).catch(() => undefined);
    await src.close();
    await dst.close();
    destroyAndUndefine(name);
    await host2.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('moves a running guest to the second daemon and reports STOPPED(MIGRATED) on the source', async () => {
    assert.equal(await dst.connection.getHostname(), 'hv-mig-host2');
    const guest = await ensureTestGuest();
    const xml = testGuestDomainXml({
      name,
      kernel: guest.vmlinux,
      initrd: guest.initrd,
      serialLog: join(workDir, 'serial.log'),
      agent: false,
    });
    const dom = await src.domains.createXml(xml);
    const events = await src.events.domainLifecycle({ dom });
    await src.domains.migrateToUri(
      dom,
      host2.qemuUri,
      {},
      DomainMigrateFlags.LIVE | DomainMigrateFlags.TUNNELLED,
    );

    const there = await dst.domains.lookupByName(name);
    assert.deepEqual(there.uuid, dom.uuid);
    assert.equal((await dst.domains.getState(there)).state, 1);
    await assert.rejects(
      src.domains.lookupByName(name),
      (e: unknown) => e instanceof LibvirtError && e.isNoDomain(),
    );
    for (;;) {
      const r = await events.next();
      assert.ok(r.done !== true, 'event stream ended');
      if (r.value.event === 5) {
        assert.equal(r.value.detail, 3 /* VIR_DOMAIN_EVENT_STOPPED_MIGRATED */);
        break;
      }
    }
    await events.return?.();
  });
});
