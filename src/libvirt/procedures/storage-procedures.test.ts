// Golden bytes for storage pool and volume procedures, computed by hand from the XDR rules: strings
// are length + bytes + zero pad to 4, uuids 16 raw bytes, uchar/char 4 bytes, hypers 8 bytes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decode, encode } from '../xdr/index.js';
import { RemoteProc } from '../protocol/procedures.js';
import { StorageVolResizeFlags, StorageVolCreateFlags } from '../protocol/flags.js';
import {
  connectListAllStoragePools,
  storagePoolGetInfo,
  storagePoolLookupByName,
} from './storage-pool-procedures.js';
import {
  storageVolCreateXml,
  storageVolCreateXmlFrom,
  storageVolGetInfo,
  storageVolResize,
  storageVolUpload,
} from './storage-vol-procedures.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const UUID = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
/** remote_nonnull_storage_pool {name 'default'; uuid 00..0f}. */
const POOL = '00000007 64656661756c74 00 000102030405060708090a0b0c0d0e0f';
const pool = { name: 'default', uuid: UUID };
/** remote_nonnull_storage_vol {pool 'default'; name 'a.qcow2'; key '/var/lib/libvirt/images/a.qcow2'}. */
const VOL =
  '00000007 64656661756c74 00' +
  '00000007 612e71636f7732 00' +
  '0000001f 2f7661722f6c69622f6c6962766972742f696d616765732f612e71636f7732 00';
const vol = { pool: 'default', name: 'a.qcow2', key: '/var/lib/libvirt/images/a.qcow2' };

describe('storage procedure golden bytes', () => {
  it('STORAGE_VOL_CREATE_XML (93) args {pool; xml "<volume/>"; flags PREALLOC_METADATA}', () => {
    assert.equal(storageVolCreateXml.procedure, 93);
    assert.equal(storageVolCreateXml.procedure, RemoteProc.STORAGE_VOL_CREATE_XML);
    const args = encode(storageVolCreateXml.args, {
      pool,
      xml: '<volume/>',
      flags: StorageVolCreateFlags.PREALLOC_METADATA,
    });
    assert.deepEqual(args, hex(`${POOL} 00000009 3c766f6c756d652f3e 000000 00000001`));
  });

  it('STORAGE_VOL_CREATE_XML ret decodes remote_nonnull_storage_vol', () => {
    assert.deepEqual(decode(storageVolCreateXml.ret, hex(VOL)), { vol });
  });

  it('STORAGE_VOL_CREATE_XML_FROM (125) args put the source volume after the xml', () => {
    const args = encode(storageVolCreateXmlFrom.args, { pool, xml: '<volume/>', clonevol: vol, flags: 0 });
    assert.deepEqual(args, hex(`${POOL} 00000009 3c766f6c756d652f3e 000000 ${VOL} 00000000`));
  });

  it('STORAGE_VOL_RESIZE (260) args {vol; u hyper capacity 2 GiB; flags DELTA|SHRINK}', () => {
    const flags = StorageVolResizeFlags.DELTA | StorageVolResizeFlags.SHRINK;
    const args = encode(storageVolResize.args, { vol, capacity: 2n ** 31n, flags });
    assert.deepEqual(args, hex(`${VOL} 0000000080000000 00000006`));
  });

  it('STORAGE_VOL_UPLOAD (208) args {vol; offset; length; flags}', () => {
    assert.equal(storageVolUpload.procedure, 208);
    const args = encode(storageVolUpload.args, { vol, offset: 4096n, length: 10n * 1024n * 1024n, flags: 0 });
    assert.deepEqual(args, hex(`${VOL} 0000000000001000 0000000000a00000 00000000`));
  });

  it('STORAGE_VOL_GET_INFO (98) ret: char type takes 4 bytes', () => {
    const ret = hex('00000000 0000000040000000 0000000000031000');
    assert.deepEqual(decode(storageVolGetInfo.ret, ret), {
      type: 0,
      capacity: 1073741824n,
      allocation: 200704n,
    });
  });

  it('STORAGE_POOL_GET_INFO (87) ret: uchar state takes 4 bytes', () => {
    const ret = hex('00000002 0000001000000000 0000000400000000 0000000c00000000');
    assert.deepEqual(decode(storagePoolGetInfo.ret, ret), {
      state: 2,
      capacity: 68719476736n,
      allocation: 17179869184n,
      available: 51539607552n,
    });
  });

  it('STORAGE_POOL_LOOKUP_BY_NAME (84) args and CONNECT_LIST_ALL_STORAGE_POOLS (281) ret', () => {
    assert.deepEqual(
      encode(storagePoolLookupByName.args, { name: 'default' }),
      hex('00000007 64656661756c74 00'),
    );
    assert.deepEqual(decode(connectListAllStoragePools.ret, hex(`00000001 ${POOL} 00000001`)), {
      pools: [pool],
      ret: 1,
    });
  });
});
