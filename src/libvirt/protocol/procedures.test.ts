// The procedure table: unique numbers per program, and anchors checked against remote_protocol.x.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DomainEventId, KeepaliveProc, LxcProc, QemuProc, RemoteProc, remoteProcName } from './procedures.js';

function duplicates(table: Record<string, number>): string[] {
  const seen = new Map<number, string>();
  const dups: string[] = [];
  for (const [name, n] of Object.entries(table)) {
    const prev = seen.get(n);
    if (prev !== undefined) dups.push(`${prev} and ${name} are both ${n}`);
    seen.set(n, name);
  }
  return dups;
}

describe('procedure tables', () => {
  for (const [name, table] of Object.entries({
    RemoteProc,
    QemuProc,
    LxcProc,
    KeepaliveProc,
    DomainEventId,
  })) {
    it(`${name} has no duplicate numbers and only positive integers`, () => {
      assert.deepEqual(duplicates(table), []);
      for (const [k, n] of Object.entries(table)) {
        assert.ok(Number.isInteger(n) && n >= 0, `${k} = ${n}`);
      }
    });
  }
  it('REMOTE numbers are contiguous from 1 (append-only, none reused)', () => {
    const nums = Object.values(RemoteProc).sort((a, b) => a - b);
    assert.equal(nums[0], 1);
    nums.forEach((n, i) => {
      assert.equal(n, i + 1);
    });
  });
  it('anchors from remote_protocol.x', () => {
    assert.equal(RemoteProc.CONNECT_OPEN, 1);
    assert.equal(RemoteProc.AUTH_LIST, 66);
    assert.equal(RemoteProc.AUTH_POLKIT, 70);
    assert.equal(RemoteProc.DOMAIN_GET_STATE, 212);
    assert.equal(RemoteProc.CONNECT_LIST_ALL_DOMAINS, 273);
    assert.equal(RemoteProc.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, 316);
    assert.equal(RemoteProc.DOMAIN_EVENT_CALLBACK_LIFECYCLE, 318);
    assert.equal(RemoteProc.CONNECT_GET_ALL_DOMAIN_STATS, 344);
    assert.equal(RemoteProc.DOMAIN_DEFINE_XML_FLAGS, 350);
    assert.equal(RemoteProc.CONNECT_EVENT_CONNECTION_CLOSED, 362);
    assert.equal(RemoteProc.STORAGE_POOL_EVENT_LIFECYCLE, 370);
    assert.equal(RemoteProc.NWFILTER_BINDING_CREATE_XML, 399);
    assert.equal(RemoteProc.DOMAIN_BACKUP_BEGIN, 421);
    assert.equal(RemoteProc.DOMAIN_EVENT_MEMORY_DEVICE_SIZE_CHANGE, 438);
    assert.equal(QemuProc.DOMAIN_AGENT_COMMAND, 3);
    assert.equal(KeepaliveProc.PONG, 2);
    assert.equal(DomainEventId.DEVICE_REMOVED, 15);
    assert.equal(DomainEventId.MEMORY_DEVICE_SIZE_CHANGE, 26);
  });
  it('remoteProcName names numbers for logs', () => {
    assert.equal(remoteProcName(212), 'DOMAIN_GET_STATE');
    assert.equal(remoteProcName(99999), 'PROC_99999');
  });
});
