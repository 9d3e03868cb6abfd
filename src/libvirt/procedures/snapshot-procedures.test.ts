// Golden bytes for snapshot, checkpoint and backup procedures, computed by hand from the XDR rules.
// A snapshot or checkpoint reference is {string name; remote_nonnull_domain dom}.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decode, encode } from '../xdr/index.js';
import { RemoteProc } from '../protocol/procedures.js';
import { DomainSnapshotCreateFlags } from '../protocol/flags.js';
import {
  domainListAllSnapshots,
  domainRevertToSnapshot,
  domainSnapshotCreateXml,
} from './snapshot-procedures.js';
import { domainCheckpointCreateXml } from './checkpoint-procedures.js';
import { domainBackupBegin } from './backup-procedures.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const UUID = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
/** remote_nonnull_domain {name 'vm'; uuid 00..0f; id 7}. */
const DOM_VM = '00000002 766d0000 000102030405060708090a0b0c0d0e0f 00000007';
const dom = { name: 'vm', uuid: UUID, id: 7 };
const SNAP_XML = '<domainsnapshot><name>s1</name></domainsnapshot>';
/** SNAP_XML as an XDR string (48 bytes, no pad). */
const SNAP_XML_HEX =
  '00000030 3c646f6d61696e736e617073686f743e3c6e616d653e73313c2f6e616d653e3c2f646f6d61696e736e617073686f743e';
/** remote_nonnull_domain_snapshot {name 's1'; dom}. */
const SNAP_S1 = `00000002 7331 0000 ${DOM_VM}`;

describe('snapshot, checkpoint and backup procedure golden bytes', () => {
  it('DOMAIN_SNAPSHOT_CREATE_XML (185) args {dom; xml; flags DISK_ONLY|ATOMIC}', () => {
    assert.equal(domainSnapshotCreateXml.procedure, 185);
    assert.equal(domainSnapshotCreateXml.procedure, RemoteProc.DOMAIN_SNAPSHOT_CREATE_XML);
    const flags = DomainSnapshotCreateFlags.DISK_ONLY | DomainSnapshotCreateFlags.ATOMIC;
    const args = encode(domainSnapshotCreateXml.args, { dom, xmlDesc: SNAP_XML, flags });
    assert.deepEqual(args, hex(`${DOM_VM} ${SNAP_XML_HEX} 00000090`));
  });

  it('DOMAIN_SNAPSHOT_CREATE_XML ret decodes {snap {name; dom}}', () => {
    assert.deepEqual(decode(domainSnapshotCreateXml.ret, hex(SNAP_S1)), { snap: { name: 's1', dom } });
  });

  it('DOMAIN_LIST_ALL_SNAPSHOTS (274) ret {snapshots<>; int ret}', () => {
    assert.deepEqual(decode(domainListAllSnapshots.ret, hex(`00000001 ${SNAP_S1} 00000001`)), {
      snapshots: [{ name: 's1', dom }],
      ret: 1,
    });
  });

  it('DOMAIN_REVERT_TO_SNAPSHOT (192) args {snap; flags PAUSED}', () => {
    assert.deepEqual(
      encode(domainRevertToSnapshot.args, { snap: { name: 's1', dom }, flags: 2 }),
      hex(`${SNAP_S1} 00000002`),
    );
  });

  it('DOMAIN_CHECKPOINT_CREATE_XML (411) args {dom; xml; flags 0}', () => {
    assert.equal(domainCheckpointCreateXml.procedure, 411);
    const args = encode(domainCheckpointCreateXml.args, { dom, xmlDesc: '<domaincheckpoint/>', flags: 0 });
    assert.deepEqual(args, hex(`${DOM_VM} 00000013 3c646f6d61696e636865636b706f696e742f3e 00 00000000`));
  });

  it('DOMAIN_BACKUP_BEGIN (421) args: checkpoint XML absent, then present', () => {
    assert.equal(domainBackupBegin.procedure, 421);
    const backup = '0000000f 3c646f6d61696e6261636b75702f3e 00';
    assert.deepEqual(
      encode(domainBackupBegin.args, { dom, backupXml: '<domainbackup/>', checkpointXml: null, flags: 0 }),
      hex(`${DOM_VM} ${backup} 00000000 00000000`),
    );
    assert.deepEqual(
      encode(domainBackupBegin.args, {
        dom,
        backupXml: '<domainbackup/>',
        checkpointXml: '<domaincheckpoint/>',
        flags: 0,
      }),
      hex(`${DOM_VM} ${backup} 00000001 00000013 3c646f6d61696e636865636b706f696e742f3e 00 00000000`),
    );
  });
});
