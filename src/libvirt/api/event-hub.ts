// Why: libvirt delivers every event as a MESSAGE packet tagged with the callbackID the server handed out
// at registration. This hub owns that bookkeeping for all event families: it routes MESSAGE packets by
// (program, procedure, callbackID) into bounded per-subscription queues, deregisters when an iterator is
// closed or aborted, and re-registers every live subscription after a reconnect (new callbackIDs).
// libvirtd refuses a second registration of the same event for the same domain on one connection
// ("event callback already tracked"), so subscriptions with the same `shareKey` share one server
// registration, reference-counted, as libvirt's own C client does.
import type { RpcCaller } from './rpc-caller.js';
import { BoundedEventQueue } from './event-queue.js';

/** How one kind of event is registered, deregistered and decoded. */
export interface EventSource<T> {
  /** Program of the MESSAGE packets (REMOTE for all event families). */
  readonly program: number;
  /** Procedure of the MESSAGE packets carrying this event. */
  readonly procedure: number;
  /**
   * Decode a MESSAGE payload. `callbackID` is undefined for families without one (connection closed);
   * those are broadcast to every subscriber of the procedure.
   */
  decode(payload: Buffer): { callbackID: number | undefined; event: T };
  /** Register on the server and return the callbackID (any number for broadcast families). */
  register(): Promise<number>;
  /** Undo `register` for that callbackID. */
  deregister(callbackID: number): Promise<void>;
  /** Called once after a reconnect, before `register` runs again (the server forgot everything). */
  reset?(): void;
  /**
   * Sources with the same key (within one program/procedure) share one server registration, e.g.
   * `lifecycle:<domain uuid>`; undefined: every subscription registers on its own.
   */
  readonly shareKey?: string;
}

/** Options for one subscription. */
export interface SubscribeOptions {
  /** Closing the subscription when aborted (the iterator then ends normally). */
  readonly signal?: AbortSignal;
  /** Events kept while the consumer is slow; the oldest are dropped beyond this (default 1024). */
  readonly bufferSize?: number;
}

/** A live event subscription: an async iterator that deregisters when closed. */
export interface EventSubscription<T> extends AsyncIterableIterator<T> {
  /** Events dropped because the consumer fell behind the buffer. */
  readonly dropped: number;
  /** The server's current callbackID (changes after a reconnect; undefined while re-registering). */
  readonly callbackID: number | undefined;
  /** Stop: deregister on the server and end the iterator. Idempotent. */
  close(): Promise<void>;
}

const DEFAULT_BUFFER = 1024;
/** Messages for callbackIDs not yet known are held only while a registration is in flight. */
const MAX_ORPHANS = 256;

/** One server registration and the subscriptions fed by it. */
interface Registration {
  readonly source: EventSource<unknown>;
  /** Key in the hub's shared table; undefined for an unshared registration. */
  readonly key: string | undefined;
  readonly subs: Set<Sub>;
  callbackID: number | undefined;
  /** Settles when the server registration is done (rejects when it failed). */
  ready: Promise<void>;
}

interface Route {
  readonly regs: Map<number, Registration>;
  readonly off: () => void;
}

interface Sub {
  readonly reg: Registration;
  readonly queue: BoundedEventQueue<unknown>;
  closed: boolean;
}

const routeKey = (program: number, procedure: number): string => `${program}:${procedure}`;

/** Routes libvirt event MESSAGE packets to subscriptions; one hub per RpcCaller. */
export class EventHub {
  readonly #caller: RpcCaller;
  readonly #routes = new Map<string, Route>();
  /** Live registrations (shared or not). */
  readonly #regs = new Set<Registration>();
  /** Shared registrations by route + share key. */
  readonly #shared = new Map<string, Registration>();
  /** Deregistrations still in flight by share key: a new registration waits for them. */
  readonly #leaving = new Map<string, Promise<void>>();
  #inFlight = 0;
  #orphans: { key: string; callbackID: number; payload: Buffer }[] = [];
  readonly #offReconnect: (() => void) | undefined;
  #settled: Promise<void> = Promise.resolve();

  constructor(caller: RpcCaller) {
    this.#caller = caller;
    this.#offReconnect = caller.onReconnect?.(() => {
      this.#settled = this.#reRegisterAll();
    });
  }

  /** Subscribe to one event source; resolves once the server registration is done. */
  async subscribe<T>(source: EventSource<T>, opts: SubscribeOptions = {}): Promise<EventSubscription<T>> {
    opts.signal?.throwIfAborted();
    const key =
      source.shareKey === undefined
        ? undefined
        : `${routeKey(source.program, source.procedure)}:${source.shareKey}`;
    if (key !== undefined) await this.#leaving.get(key);
    const reg = (key === undefined ? undefined : this.#shared.get(key)) ?? this.#register(source, key);
    const sub: Sub = {
      reg,
      queue: new BoundedEventQueue<unknown>(opts.bufferSize ?? DEFAULT_BUFFER),
      closed: false,
    };
    reg.subs.add(sub);
    try {
      await reg.ready;
    } catch (err) {
      reg.subs.delete(sub);
      throw err;
    }
    const close = async (): Promise<void> => {
      await this.#close(sub);
    };
    if (opts.signal !== undefined) {
      const signal = opts.signal;
      const onAbort = (): void => void close();
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) onAbort();
    }
    const iterator: EventSubscription<T> = {
      get dropped() {
        return sub.queue.dropped;
      },
      get callbackID() {
        return reg.callbackID;
      },
      close,
      next: () => sub.queue.next() as Promise<IteratorResult<T>>,
      return: async (): Promise<IteratorResult<T>> => {
        await close();
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return iterator;
  }

  /** Resolves once the re-registration after the latest reconnect has finished. */
  settled(): Promise<void> {
    return this.#settled;
  }

  /** End every subscription (with `error` if given) without talking to the server. */
  shutdown(error?: unknown): void {
    for (const reg of this.#regs) {
      for (const sub of reg.subs) {
        sub.closed = true;
        sub.queue.end(error);
      }
      reg.subs.clear();
    }
    this.#regs.clear();
    this.#shared.clear();
    for (const route of this.#routes.values()) route.off();
    this.#routes.clear();
    this.#offReconnect?.();
  }

  /** A new registration: in the tables at once (so concurrent subscribers join it), then registered. */
  #register(source: EventSource<unknown>, key: string | undefined): Registration {
    const reg: Registration = {
      source,
      key,
      subs: new Set(),
      callbackID: undefined,
      ready: Promise.resolve(),
    };
    this.#regs.add(reg);
    if (key !== undefined) this.#shared.set(key, reg);
    reg.ready = this.#serverRegister(reg).catch((err: unknown) => {
      this.#forget(reg);
      throw err;
    });
    return reg;
  }

  async #serverRegister(reg: Registration): Promise<void> {
    const route = this.#route(reg.source);
    this.#inFlight += 1;
    try {
      reg.callbackID = await reg.source.register();
    } finally {
      this.#inFlight -= 1;
    }
    route.regs.set(reg.callbackID, reg);
    const key = routeKey(reg.source.program, reg.source.procedure);
    const early = this.#orphans.filter((o) => o.key === key && o.callbackID === reg.callbackID);
    if (early.length > 0) {
      this.#orphans = this.#orphans.filter((o) => !early.includes(o));
      for (const o of early) this.#deliver(reg, o.payload);
    }
  }

  #forget(reg: Registration): void {
    this.#regs.delete(reg);
    if (reg.key !== undefined && this.#shared.get(reg.key) === reg) this.#shared.delete(reg.key);
    const route = this.#routes.get(routeKey(reg.source.program, reg.source.procedure));
    if (route !== undefined && reg.callbackID !== undefined && route.regs.get(reg.callbackID) === reg) {
      route.regs.delete(reg.callbackID);
    }
  }

  #route(source: EventSource<unknown>): Route {
    const key = routeKey(source.program, source.procedure);
    let route = this.#routes.get(key);
    if (route === undefined) {
      const regs = new Map<number, Registration>();
      const off = this.#caller.onMessage(source.program, source.procedure, (payload) => {
        this.#dispatch(key, source, payload);
      });
      route = { regs, off };
      this.#routes.set(key, route);
    }
    return route;
  }

  #dispatch(key: string, source: EventSource<unknown>, payload: Buffer): void {
    const route = this.#routes.get(key);
    if (route === undefined) return;
    let decoded: { callbackID: number | undefined; event: unknown };
    try {
      decoded = source.decode(payload);
    } catch {
      return; // a malformed event must not take the connection down
    }
    if (decoded.callbackID === undefined) {
      for (const reg of route.regs.values()) for (const sub of reg.subs) sub.queue.push(decoded.event);
      return;
    }
    const reg = route.regs.get(decoded.callbackID);
    if (reg !== undefined) {
      for (const sub of reg.subs) sub.queue.push(decoded.event);
      return;
    }
    // The MESSAGE can be parsed before the registration reply's continuation has run.
    if (this.#inFlight > 0) {
      this.#orphans.push({ key, callbackID: decoded.callbackID, payload });
      if (this.#orphans.length > MAX_ORPHANS) this.#orphans.shift();
    }
  }

  #deliver(reg: Registration, payload: Buffer): void {
    let event: unknown;
    try {
      event = reg.source.decode(payload).event;
    } catch {
      return; // ignore malformed
    }
    for (const sub of reg.subs) sub.queue.push(event);
  }

  async #close(sub: Sub): Promise<void> {
    if (sub.closed) return;
    sub.closed = true;
    const reg = sub.reg;
    reg.subs.delete(sub);
    sub.queue.end(undefined, true);
    if (reg.subs.size > 0) return;
    await reg.ready.catch(() => undefined);
    if (reg.subs.size > 0) return; // someone joined while the registration was finishing
    this.#forget(reg);
    const id = reg.callbackID;
    if (id === undefined) return;
    const leaving = reg.source.deregister(id).catch(() => {
      // The connection may be gone; nothing is left to undo on the server then.
    });
    if (reg.key !== undefined) {
      const key = reg.key;
      const done = leaving.finally(() => {
        if (this.#leaving.get(key) === done) this.#leaving.delete(key);
      });
      this.#leaving.set(key, done);
    }
    await leaving;
  }

  async #reRegisterAll(): Promise<void> {
    this.#orphans = [];
    for (const route of this.#routes.values()) route.regs.clear();
    const regs = [...this.#regs];
    for (const reg of regs) reg.callbackID = undefined;
    for (const source of new Set(regs.map((r) => r.source))) source.reset?.();
    await Promise.all(
      regs.map(async (reg) => {
        if (reg.subs.size === 0) return;
        reg.ready = this.#serverRegister(reg);
        try {
          await reg.ready;
        } catch (err) {
          this.#forget(reg);
          for (const sub of reg.subs) {
            sub.closed = true;
            sub.queue.end(err);
          }
          reg.subs.clear();
          return;
        }
        if (reg.subs.size === 0) {
          this.#forget(reg);
          await reg.source.deregister(reg.callbackID as number).catch(() => undefined);
        }
      }),
    );
  }
}
