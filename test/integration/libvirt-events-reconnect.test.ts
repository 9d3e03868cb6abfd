// Events survive a daemon restart: against a PRIVATE second libvirtd (never the shared one), a call
// in flight when the daemon dies fails as unavailable, the client reconnects by itself, and the event
// subscription is re-registered (new callbackID) so events flow again, with no sleeps.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  LibvirtClient,
  LibvirtUnavailableError,
  type DomainLifecycleEvent,
  type EventSubscription,
} from '../../src/libvirt/index.js';
import { startSecondLibvirtd, type SecondLibvirtd } from '../helpers/second-libvirtd.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (starts its own libvirtd)' : false;

const xmlOf = (name: string): string =>
  `<domain type='test'><name>${name}</name><memory unit='KiB'>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>`;

async function nextNamed(
  sub: EventSubscription<DomainLifecycleEvent>,
  name: string,
): Promise<DomainLifecycleEvent> {
  for (;;) {
    const r = await sub.next();
    assert.equal(r.done, false, 'subscription ended');
    if (r.value.dom.name === name) return r.value;
  }
}

describe('event subscriptions across a libvirtd restart', { skip: NOT_ROOT, timeout: 120_000 }, () => {
  let daemon: SecondLibvirtd;
  let client: LibvirtClient;

  before(async () => {
    daemon = await startSecondLibvirtd();
    client = await LibvirtClient.connect(daemon.testUri, {
      reconnect: true,
      keepalive: false,
      backoff: { initialMs: 50, maxMs: 500 },
    });
  });

  after(async () => {
    await client.close();
    await daemon.stop();
  });

  it('fails the pending call, reconnects, re-registers and delivers events again', async () => {
    const sub = await client.events.domainLifecycle();
    const a = `hvtest-evre-${randomBytes(3).toString('hex')}`;
    await client.domains.defineXml(xmlOf(a));
    assert.equal((await nextNamed(sub, a)).event, 0);

    const reconnected = new Promise<void>((resolve) => {
      const off = client.caller.onReconnect?.(() => {
        off?.();
        resolve();
      });
    });
    daemon.freeze();
    // Attach the expectation at once: the call rejects while the kill is still being awaited.
    const pending = assert.rejects(
      client.connection.getHostname(),
      (e: unknown) => e instanceof LibvirtUnavailableError,
    );
    await daemon.kill();
    await pending;

    await daemon.restart();
    await reconnected;
    await client.events.settled();
    assert.notEqual(sub.callbackID, undefined, 're-registered');

    const b = `hvtest-evre-${randomBytes(3).toString('hex')}`;
    await client.domains.defineXml(xmlOf(b));
    const ev = await nextNamed(sub, b);
    assert.equal(ev.event, 0, 'DEFINED after the restart');
    await sub.return?.();
  });
});
