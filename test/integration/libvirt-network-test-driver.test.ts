// NetworkApi against libvirtd's test driver: the built-in `default` network, then a network of our
// own through define / start / live update / autostart / stop / undefine, and a transient one. The
// test driver has no nwfilter driver and no DHCP leases: both must fail with typed errors.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { LibvirtClient, LibvirtError, uuidString } from '../../src/libvirt/index.js';
import {
  NetworkUpdateCommand,
  NetworkUpdateFlags,
  NetworkUpdateSection,
} from '../../src/libvirt/protocol/flags.js';

const URI = 'test:///default';
const tag = randomBytes(3).toString('hex');
const name = `hvtest-net-${tag}`;
const netXml = (n: string, bridge: string): string =>
  `<network><name>${n}</name><bridge name='${bridge}' stp='off' delay='0'/>` +
  `<ip address='10.213.7.1' netmask='255.255.255.0'><dhcp><range start='10.213.7.10' end='10.213.7.20'/></dhcp></ip></network>`;
const HOST = "<host mac='52:54:00:aa:bb:01' name='hvtest-host' ip='10.213.7.15'/>";

const noSupport = (err: unknown): boolean => {
  assert.ok(err instanceof LibvirtError && err.isNoSupport(), String(err));
  return true;
};

describe('NetworkApi on test:///default', () => {
  let client: LibvirtClient;

  before(async () => {
    client = await LibvirtClient.connect(URI);
  });

  after(async () => {
    for (const n of [name, `${name}-t`]) {
      const net = await client.networks.lookupByName(n).catch(() => undefined);
      if (!net) continue;
      await client.networks.destroy(net).catch(() => undefined);
      await client.networks.undefine(net).catch(() => undefined);
    }
    await client.close();
  });

  it('lists `default` and reads its bridge, state and XML; finds it by uuid', async () => {
    const nets = await client.networks.listAll();
    const def = nets.find((n) => n.name === 'default');
    assert.ok(def);
    assert.equal((await client.networks.lookupByUuid(uuidString(def.uuid))).name, 'default');
    assert.equal(await client.networks.getBridgeName(def), 'virbr0');
    assert.equal(await client.networks.isActive(def), true);
    assert.equal(await client.networks.isPersistent(def), true);
    assert.match(await client.networks.getXmlDesc(def), /<bridge name='virbr0'/);
  });

  it('define, start, update a DHCP host live and in the config, autostart, stop, undefine', async () => {
    const net = await client.networks.defineXml(netXml(name, `hvt${tag}`));
    assert.equal(net.name, name);
    assert.equal(await client.networks.isActive(net), false);
    assert.ok((await client.networks.listAll(1 /* INACTIVE */)).some((n) => n.name === name));
    await client.networks.create(net);
    assert.equal(await client.networks.isActive(net), true);

    const both = NetworkUpdateFlags.AFFECT_LIVE | NetworkUpdateFlags.AFFECT_CONFIG;
    await client.networks.update(
      net,
      NetworkUpdateCommand.ADD_LAST,
      NetworkUpdateSection.IP_DHCP_HOST,
      HOST,
      {
        flags: both,
      },
    );
    assert.match(
      await client.networks.getXmlDesc(net),
      /<host mac='52:54:00:aa:bb:01' name='hvtest-host' ip='10.213.7.15'\/>/,
    );
    await client.networks.update(net, NetworkUpdateCommand.DELETE, NetworkUpdateSection.IP_DHCP_HOST, HOST, {
      flags: both,
    });
    assert.doesNotMatch(await client.networks.getXmlDesc(net), /hvtest-host/);

    assert.equal(await client.networks.getAutostart(net), false);
    await client.networks.setAutostart(net, true);
    assert.equal(await client.networks.getAutostart(net), true);
    await client.networks.setAutostart(net, false);

    await client.networks.destroy(net);
    assert.equal(await client.networks.isActive(net), false);
    await client.networks.undefine(net);
    await assert.rejects(client.networks.lookupByName(name), (err: unknown) => {
      assert.ok(err instanceof LibvirtError && err.isNoNetwork(), String(err));
      return true;
    });
  });

  it('createXml makes a transient running network that disappears on destroy', async () => {
    const net = await client.networks.createXml(netXml(`${name}-t`, `hvu${tag}`));
    assert.equal(await client.networks.isActive(net), true);
    assert.equal(await client.networks.isPersistent(net), false);
    await client.networks.destroy(net);
    await assert.rejects(client.networks.lookupByName(`${name}-t`));
  });

  it('DHCP leases and nwfilters are not supported by the test driver (typed NO_SUPPORT)', async () => {
    const def = await client.networks.lookupByName('default');
    await assert.rejects(client.networks.getDhcpLeases(def), noSupport);
    await assert.rejects(client.nwfilters.listAll(), noSupport);
    await assert.rejects(client.nwfilters.listAllBindings(), noSupport);
  });
});
