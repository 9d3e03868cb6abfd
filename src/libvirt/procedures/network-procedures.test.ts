// Golden bytes for network and nwfilter procedures, computed by hand from the XDR rules. The DHCP
// lease mixes a hyper, ints, required strings and optional strings (0 = absent, 1 + string = present).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decode, encode } from '../xdr/index.js';
import { RemoteProc } from '../protocol/procedures.js';
import { networkGetDhcpLeases, networkUpdate, networkLookupByName } from './network-procedures.js';
import { nwfilterBindingCreateXml } from './nwfilter-procedures.js';
import { nodeDeviceDetachFlags } from './nodedev-procedures.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const UUID = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
/** remote_nonnull_network {name 'default'; uuid 00..0f}. */
const NET = '00000007 64656661756c74 00 000102030405060708090a0b0c0d0e0f';
const net = { name: 'default', uuid: UUID };

describe('network procedure golden bytes', () => {
  it('NETWORK_GET_DHCP_LEASES (341) args {net; mac absent; need_results 1; flags 0}', () => {
    assert.equal(networkGetDhcpLeases.procedure, 341);
    assert.equal(networkGetDhcpLeases.procedure, RemoteProc.NETWORK_GET_DHCP_LEASES);
    const args = encode(networkGetDhcpLeases.args, { net, mac: null, needResults: 1, flags: 0 });
    assert.deepEqual(args, hex(`${NET} 00000000 00000001 00000000`));
  });

  it('NETWORK_GET_DHCP_LEASES ret: one IPv4 lease with mac and hostname, no iaid or clientid', () => {
    const ret = hex(
      '00000001' + // one lease
        '00000006 766972627230 0000' + // iface "virbr0"
        '0000000069274020' + // expirytime 1764180000 (hyper)
        '00000000' + // type IPv4
        '00000001 00000011 35323a35343a30303a31323a33343a3536 000000' + // mac present
        '00000000' + // iaid absent
        '0000000f 3139322e3136382e3132322e313131 00' + // ipaddr
        '00000018' + // prefix 24
        '00000001 0000000b 70726f62652d6775657374 00' + // hostname present
        '00000000' + // clientid absent
        '00000001', // ret
    );
    assert.deepEqual(decode(networkGetDhcpLeases.ret, ret), {
      leases: [
        {
          iface: 'virbr0',
          expirytime: 1764180000n,
          type: 0,
          mac: '52:54:00:12:34:56',
          iaid: null,
          ipaddr: '192.168.122.111',
          prefix: 24,
          hostname: 'probe-guest',
          clientid: null,
        },
      ],
      ret: 1,
    });
  });

  it('NETWORK_UPDATE (291) args {net; command ADD_LAST; section IP_DHCP_HOST; parentIndex -1; xml; flags}', () => {
    const args = encode(networkUpdate.args, {
      net,
      command: 3,
      section: 4,
      parentIndex: -1,
      xml: '<host/>',
      flags: 3,
    });
    assert.deepEqual(args, hex(`${NET} 00000003 00000004 ffffffff 00000007 3c686f73742f3e 00 00000003`));
  });

  it('NETWORK_LOOKUP_BY_NAME (46) ret decodes remote_nonnull_network', () => {
    assert.deepEqual(decode(networkLookupByName.ret, hex(NET)), { net });
  });

  it('NWFILTER_BINDING_CREATE_XML (399) ret {portdev; filtername}', () => {
    const ret = hex('00000005 766e657430 000000 0000000a 636c65616e2d74726166 0000');
    assert.deepEqual(decode(nwfilterBindingCreateXml.ret, ret), {
      nwfilter: { portdev: 'vnet0', filtername: 'clean-traf' },
    });
  });

  it('NODE_DEVICE_DETACH_FLAGS (301) args {name; driverName "vfio"; flags 0}', () => {
    const args = encode(nodeDeviceDetachFlags.args, {
      name: 'pci_0000_00_02_0',
      driverName: 'vfio',
      flags: 0,
    });
    assert.deepEqual(
      args,
      hex('00000010 7063695f303030305f30305f30325f30 00000001 00000004 7666696f 00000000'),
    );
  });
});
