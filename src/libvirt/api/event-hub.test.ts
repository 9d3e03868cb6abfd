import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventHub, type EventSource } from './event-hub.js';
import type { RpcCaller } from './rpc-caller.js';

/** A stand-in for the RPC layer: records message handlers and lets the test emit MESSAGE packets. */
class FakeCaller implements RpcCaller {
  readonly handlers = new Map<string, Set<(p: Buffer) => void>>();
  readonly reconnects = new Set<() => void>();
  call(): Promise<never> {
    return Promise.reject(new Error('not used'));
  }
  openStream(): Promise<never> {
    return Promise.reject(new Error('not used'));
  }
  onMessage(program: number, procedure: number, handler: (p: Buffer) => void): () => void {
    const key = `${program}:${procedure}`;
    let set = this.handlers.get(key);
    if (set === undefined) this.handlers.set(key, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }
  onReconnect(handler: () => void): () => void {
    this.reconnects.add(handler);
    return () => this.reconnects.delete(handler);
  }
  emit(procedure: number, callbackID: number, value: number): void {
    const b = Buffer.alloc(8);
    b.writeInt32BE(callbackID, 0);
    b.writeInt32BE(value, 4);
    for (const h of this.handlers.get(`1:${procedure}`) ?? []) h(b);
  }
}

/** A fake server-side registry handing out increasing callbackIDs, like libvirtd. */
function source(
  procedure: number,
  server: { next: number; live: Set<number>; onRegister?: (id: number) => void },
): EventSource<number> {
  return {
    program: 1,
    procedure,
    decode: (p) => ({ callbackID: p.readInt32BE(0), event: p.readInt32BE(4) }),
    register: () => {
      const id = server.next++;
      server.live.add(id);
      server.onRegister?.(id);
      return Promise.resolve(id);
    },
    deregister: (id) => {
      server.live.delete(id);
      return Promise.resolve();
    },
  };
}

describe('EventHub', () => {
  it('routes by callbackID and deregisters on return()', async () => {
    const caller = new FakeCaller();
    const hub = new EventHub(caller);
    const server = { next: 7, live: new Set<number>() };
    const a = await hub.subscribe(source(318, server));
    const b = await hub.subscribe(source(318, server));
    assert.equal(a.callbackID, 7);
    assert.equal(b.callbackID, 8);
    caller.emit(318, 8, 42);
    caller.emit(318, 7, 41);
    assert.equal((await a.next()).value, 41);
    assert.equal((await b.next()).value, 42);
    await a.return?.();
    assert.deepEqual([...server.live], [8]);
    assert.equal((await a.next()).done, true);
    caller.emit(318, 7, 99); // stale: nobody gets it
    caller.emit(318, 8, 43);
    assert.equal((await b.next()).value, 43);
  });

  it('keeps an event that arrives before the registration reply is processed', async () => {
    const caller = new FakeCaller();
    const hub = new EventHub(caller);
    const server = {
      next: 1,
      live: new Set<number>(),
      onRegister: (id: number) => {
        caller.emit(318, id, 5);
      },
    };
    const sub = await hub.subscribe(source(318, server));
    assert.equal((await sub.next()).value, 5);
  });

  it('drops oldest events beyond the buffer and counts them', async () => {
    const caller = new FakeCaller();
    const hub = new EventHub(caller);
    const sub = await hub.subscribe(source(318, { next: 1, live: new Set() }), { bufferSize: 2 });
    for (let i = 0; i < 5; i++) caller.emit(318, 1, i);
    assert.equal(sub.dropped, 3);
    assert.equal((await sub.next()).value, 3);
    assert.equal((await sub.next()).value, 4);
  });

  it('closes on abort', async () => {
    const caller = new FakeCaller();
    const hub = new EventHub(caller);
    const server = { next: 1, live: new Set<number>() };
    const ac = new AbortController();
    const sub = await hub.subscribe(source(318, server), { signal: ac.signal });
    const pending = sub.next();
    ac.abort();
    assert.equal((await pending).done, true);
    await new Promise((r) => setImmediate(r));
    assert.equal(server.live.size, 0);
  });

  it('re-registers live subscriptions after a reconnect with new callbackIDs', async () => {
    const caller = new FakeCaller();
    const hub = new EventHub(caller);
    const server = { next: 1, live: new Set<number>() };
    const sub = await hub.subscribe(source(318, server));
    assert.equal(sub.callbackID, 1);
    server.live.clear(); // the new daemon knows nothing
    server.next = 100;
    for (const h of caller.reconnects) h();
    await new Promise((r) => setImmediate(r));
    assert.equal(sub.callbackID, 100);
    caller.emit(318, 1, 1); // old id: ignored
    caller.emit(318, 100, 2);
    assert.equal((await sub.next()).value, 2);
  });

  describe('shared registrations (libvirtd refuses a second one for the same event and domain)', () => {
    /** A server that, like libvirtd, refuses a second live registration for the same key. */
    function strictSource(
      server: { next: number; live: Map<number, string>; registrations: number },
      key: string,
    ): EventSource<number> {
      return {
        ...source(318, { next: 0, live: new Set() }),
        shareKey: key,
        register: () => {
          if ([...server.live.values()].includes(key)) {
            return Promise.reject(new Error('event callback already tracked'));
          }
          const id = server.next++;
          server.live.set(id, key);
          server.registrations += 1;
          return Promise.resolve(id);
        },
        deregister: (id) => {
          server.live.delete(id);
          return Promise.resolve();
        },
      };
    }

    it('two subscriptions to one domain share one registration; both get every event', async () => {
      const caller = new FakeCaller();
      const hub = new EventHub(caller);
      const server = { next: 1, live: new Map<number, string>(), registrations: 0 };
      const [a, b] = await Promise.all([
        hub.subscribe(strictSource(server, 'vm-1')),
        hub.subscribe(strictSource(server, 'vm-1')),
      ]);
      const c = await hub.subscribe(strictSource(server, 'vm-2'));
      assert.equal(server.registrations, 2);
      assert.equal(a.callbackID, b.callbackID);
      assert.notEqual(a.callbackID, c.callbackID);
      caller.emit(318, a.callbackID ?? -1, 7);
      assert.equal((await a.next()).value, 7);
      assert.equal((await b.next()).value, 7);
      await a.close();
      assert.equal(server.live.size, 2, 'the shared registration stays while b listens');
      caller.emit(318, b.callbackID ?? -1, 8);
      assert.equal((await b.next()).value, 8);
      await b.close();
      assert.deepEqual([...server.live.values()], ['vm-2']);
    });

    it('a subscription while the last one closes keeps the registration; after it, registers anew', async () => {
      const caller = new FakeCaller();
      const hub = new EventHub(caller);
      const server = { next: 1, live: new Map<number, string>(), registrations: 0 };
      const a = await hub.subscribe(strictSource(server, 'vm-1'));
      const closing = a.close();
      const b = await hub.subscribe(strictSource(server, 'vm-1'));
      await closing;
      assert.equal(server.registrations, 1);
      assert.equal(server.live.size, 1, 'b still has its registration');
      caller.emit(318, b.callbackID ?? -1, 9);
      assert.equal((await b.next()).value, 9);
      await b.close();
      assert.equal(server.live.size, 0);
      const c = await hub.subscribe(strictSource(server, 'vm-1'));
      assert.equal(server.registrations, 2);
      caller.emit(318, c.callbackID ?? -1, 10);
      assert.equal((await c.next()).value, 10);
    });

    it('a reconnect re-registers a shared registration once', async () => {
      const caller = new FakeCaller();
      const hub = new EventHub(caller);
      const server = { next: 1, live: new Map<number, string>(), registrations: 0 };
      const a = await hub.subscribe(strictSource(server, 'vm-1'));
      const b = await hub.subscribe(strictSource(server, 'vm-1'));
      server.live.clear();
      server.next = 50;
      for (const h of caller.reconnects) h();
      await hub.settled();
      assert.equal(server.registrations, 2);
      assert.equal(a.callbackID, 50);
      assert.equal(b.callbackID, 50);
      caller.emit(318, 50, 3);
      assert.equal((await a.next()).value, 3);
      assert.equal((await b.next()).value, 3);
    });
  });
});
