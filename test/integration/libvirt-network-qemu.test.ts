// NetworkApi and NwfilterApi against qemu:///system: an isolated network of our own (no <forward>,
// bridge with STP off, a private 10.x /24 that exists only on that bridge), the tiny test guest booted
// on it with probe.net=1, and its lease read back through NETWORK_GET_DHCP_LEASES. Then a live DHCP
// host update, a filter of our own and a filter binding on the guest's tap. No traffic leaves the
// bridge except the guest's own DHCP exchange with libvirt's dnsmasq.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  LibvirtClient,
  LibvirtError,
  uuidString,
  type DomainRef,
  type NetworkRef,
} from '../../src/libvirt/index.js';
import {
  NetworkUpdateCommand,
  NetworkUpdateFlags,
  NetworkUpdateSection,
} from '../../src/libvirt/protocol/flags.js';
import { GUEST_MARKERS, startTestGuest, type RunningTestGuest } from '../helpers/test-guest.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;
const tag = randomBytes(3).toString('hex');
const netName = `hvtest-net-${tag}`;
const bridge = `hvbr${tag}`;
const subnet = `10.${randomInt(100, 250)}.${randomInt(0, 255)}`;
const netXml =
  `<network><name>${netName}</name><bridge name='${bridge}' stp='off' delay='0'/>` +
  `<ip address='${subnet}.1' netmask='255.255.255.0'><dhcp><range start='${subnet}.100' end='${subnet}.150'/></dhcp></ip></network>`;
const filterName = `hvtest-filter-${tag}`;
const filterXml = `<filter name='${filterName}' chain='root'><rule action='accept' direction='inout' priority='500'><all/></rule></filter>`;

describe('NetworkApi and NwfilterApi on qemu:///system with the test guest', { skip: NOT_ROOT }, () => {
  let client: LibvirtClient;
  let net: NetworkRef;
  let guest: RunningTestGuest | undefined;
  let dom: DomainRef;
  let guestIp = '';
  let guestMac = '';
  let tap = '';

  before(async () => {
    client = await LibvirtClient.connect('qemu:///system');
    net = await client.networks.defineXml(netXml);
    await client.networks.create(net);
    guest = await startTestGuest({
      label: 'net',
      network: netName,
      kernelArgs: 'probe.net=1',
      agent: false,
      waitFor: GUEST_MARKERS.dhcp,
    });
    guestIp = /ip=(\S+)/.exec(guest.readyLine ?? '')?.[1] ?? '';
    dom = await client.domains.lookupByName(guest.name);
    const xml = await client.domains.getXmlDesc(dom);
    guestMac = /<mac address='([^']+)'/.exec(xml)?.[1] ?? '';
    tap = /<target dev='([^']+)'/.exec(xml)?.[1] ?? '';
  });

  after(async () => {
    for (const b of await client.nwfilters.listAllBindings().catch(() => [])) {
      if (b.filtername === filterName) await client.nwfilters.deleteBinding(b).catch(() => undefined);
    }
    guest?.dispose();
    const f = await client.nwfilters.lookupByName(filterName).catch(() => undefined);
    if (f) await client.nwfilters.undefine(f).catch(() => undefined);
    const n = await client.networks.lookupByName(netName).catch(() => undefined);
    if (n) {
      await client.networks.destroy(n).catch(() => undefined);
      await client.networks.undefine(n).catch(() => undefined);
    }
    await client.close();
  });

  it('the network runs on its own bridge and is found by name and uuid', async () => {
    assert.equal(await client.networks.isActive(net), true);
    assert.equal(await client.networks.getBridgeName(net), bridge);
    assert.equal((await client.networks.lookupByUuid(uuidString(net.uuid))).name, netName);
    assert.ok((await client.networks.listAll(2 /* ACTIVE */)).some((n) => n.name === netName));
    assert.doesNotMatch(await client.networks.getXmlDesc(net), /<forward/);
  });

  it("NETWORK_GET_DHCP_LEASES shows the guest's lease (ip from its serial log, mac from its XML)", async () => {
    assert.match(guestIp, new RegExp(`^${subnet.replace(/\./g, '\\.')}\\.\\d+$`));
    assert.match(guestMac, /^52:54:00:/);
    // dnsmasq's helper records the lease right after the ACK; allow it a moment.
    let leases = await client.networks.getDhcpLeases(net);
    for (let i = 0; i < 50 && !leases.some((l) => l.ipaddr === guestIp); i++) {
      await sleep(100);
      leases = await client.networks.getDhcpLeases(net);
    }
    const lease = leases.find((l) => l.ipaddr === guestIp);
    assert.ok(
      lease,
      JSON.stringify(leases, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
    );
    assert.equal(lease.iface, bridge);
    assert.equal(lease.mac, guestMac);
    assert.equal(lease.type, 0 /* IPv4 */);
    assert.equal(lease.prefix, 24);
    assert.ok(lease.expiryTime > BigInt(Math.floor(Date.now() / 1000)), 'lease expires in the future');

    assert.equal((await client.networks.getDhcpLeases(net, guestMac)).length, 1);
    assert.deepEqual(await client.networks.getDhcpLeases(net, '52:54:00:ff:ff:fe'), []);
  });

  it('update adds and removes a DHCP host reservation on the running network', async () => {
    const host = `<host mac='52:54:00:aa:bb:cc' name='hvtest-host' ip='${subnet}.200'/>`;
    const live = NetworkUpdateFlags.AFFECT_LIVE | NetworkUpdateFlags.AFFECT_CONFIG;
    await client.networks.update(
      net,
      NetworkUpdateCommand.ADD_LAST,
      NetworkUpdateSection.IP_DHCP_HOST,
      host,
      {
        flags: live,
      },
    );
    assert.match(
      await client.networks.getXmlDesc(net),
      new RegExp(`<host mac='52:54:00:aa:bb:cc' name='hvtest-host' ip='${subnet}\\.200'/>`),
    );
    assert.match(await client.networks.getXmlDesc(net, 1 /* INACTIVE */), /hvtest-host/);
    await client.networks.update(net, NetworkUpdateCommand.DELETE, NetworkUpdateSection.IP_DHCP_HOST, host, {
      flags: live,
    });
    assert.doesNotMatch(await client.networks.getXmlDesc(net), /hvtest-host/);
  });

  it('lists the stock filters; defines, reads and looks up a filter of our own', async () => {
    const names = (await client.nwfilters.listAll()).map((f) => f.name);
    assert.ok(names.includes('clean-traffic'), names.join(','));
    const filter = await client.nwfilters.defineXml(filterXml);
    assert.equal(filter.name, filterName);
    assert.equal((await client.nwfilters.lookupByName(filterName)).name, filterName);
    assert.equal((await client.nwfilters.lookupByUuid(filter.uuid)).name, filterName);
    const xml = await client.nwfilters.getXmlDesc(filter);
    assert.match(xml, new RegExp(`<filter name='${filterName}' chain='root'>`));
    assert.match(xml, new RegExp(`<uuid>${uuidString(filter.uuid)}</uuid>`));
  });

  it("binds the filter to the guest's tap, finds, reads and deletes the binding, then undefines the filter", async () => {
    assert.match(tap, /^vnet\d+$/);
    const bindingXml =
      `<filterbinding><owner><name>${dom.name}</name><uuid>${uuidString(dom.uuid)}</uuid></owner>` +
      `<portdev name='${tap}'/><mac address='${guestMac}'/><filterref filter='${filterName}'/></filterbinding>`;
    const binding = await client.nwfilters.createBindingXml(bindingXml);
    assert.deepEqual(binding, { portdev: tap, filtername: filterName });
    assert.deepEqual(await client.nwfilters.lookupBindingByPortDev(tap), binding);
    assert.ok((await client.nwfilters.listAllBindings()).some((b) => b.portdev === tap));
    assert.match(
      await client.nwfilters.getBindingXmlDesc(binding),
      new RegExp(`<filterref filter='${filterName}'`),
    );

    const filter = await client.nwfilters.lookupByName(filterName);
    await assert.rejects(
      client.nwfilters.undefine(filter),
      LibvirtError,
      'a filter in use cannot be undefined',
    );
    await client.nwfilters.deleteBinding(binding);
    await assert.rejects(client.nwfilters.lookupBindingByPortDev(tap), (err: unknown) => {
      assert.ok(err instanceof LibvirtError && err.isNoNwfilterBinding(), String(err));
      return true;
    });
    await client.nwfilters.undefine(filter);
    await assert.rejects(client.nwfilters.lookupByName(filterName), (err: unknown) => {
      assert.ok(err instanceof LibvirtError && err.isNoNwfilter(), String(err));
      return true;
    });
  });
});
