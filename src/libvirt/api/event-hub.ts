// Why: libvirt delivers every event as a MESSAGE packet tagged with the callbackID the server handed out
// at registration. This hub owns that bookkeeping for all event families: it routes MESSAGE packets by
// (program, procedure, callbackID) into bounded per-subscription queues, deregisters when an iterator is
// closed or aborted, and re-registers every live subscription after a reconnect (new callbackIDs).
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

interface Route {
  readonly subs: Map<number, Sub>;
  readonly off: () => void;
}

interface Sub {
  readonly source: EventSource<unknown>;
  readonly queue: BoundedEventQueue<unknown>;
  callbackID: number | undefined;
  closed: boolean;
}

/** Read through a call so TypeScript does not narrow a flag that changes across awaits. */
const isClosed = (sub: Sub): boolean => sub.closed;

const routeKey = (program: number, procedure: number): string => `${program}:${procedure}`;

/** Routes libvirt event MESSAGE packets to subscriptions; one hub per RpcCaller. */
export class EventHub {
  readonly #caller: RpcCaller;
  readonly #routes = new Map<string, Route>();
  readonly #live = new Set<Sub>();
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
    const sub: Sub = {
      source,
      queue: new BoundedEventQueue<unknown>(opts.bufferSize ?? DEFAULT_BUFFER),
      callbackID: undefined,
      closed: false,
    };
    const route = this.#route(source);
    this.#inFlight += 1;
    try {
      sub.callbackID = await source.register();
    } finally {
      this.#inFlight -= 1;
    }
    this.#attach(route, sub);
    this.#live.add(sub);
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
        return sub.callbackID;
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
    for (const sub of this.#live) {
      sub.closed = true;
      sub.queue.end(error);
    }
    this.#live.clear();
    for (const route of this.#routes.values()) route.off();
    this.#routes.clear();
    this.#offReconnect?.();
  }

  #route(source: EventSource<unknown>): Route {
    const key = routeKey(source.program, source.procedure);
    let route = this.#routes.get(key);
    if (route === undefined) {
      const subs = new Map<number, Sub>();
      const off = this.#caller.onMessage(source.program, source.procedure, (payload) => {
        this.#dispatch(key, source, payload);
      });
      route = { subs, off };
      this.#routes.set(key, route);
    }
    return route;
  }

  #attach(route: Route, sub: Sub): void {
    const key = routeKey(sub.source.program, sub.source.procedure);
    const probe = this.#orphans.filter((o) => o.key === key && o.callbackID === sub.callbackID);
    if (sub.callbackID !== undefined) route.subs.set(sub.callbackID, sub);
    if (probe.length > 0) {
      this.#orphans = this.#orphans.filter((o) => !probe.includes(o));
      for (const o of probe) this.#deliver(sub, o.payload);
    }
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
      for (const sub of route.subs.values()) sub.queue.push(decoded.event);
      return;
    }
    const sub = route.subs.get(decoded.callbackID);
    if (sub !== undefined) {
      sub.queue.push(decoded.event);
      return;
    }
    // The MESSAGE can be parsed before the registration reply's continuation has run.
    if (this.#inFlight > 0) {
      this.#orphans.push({ key, callbackID: decoded.callbackID, payload });
      if (this.#orphans.length > MAX_ORPHANS) this.#orphans.shift();
    }
  }

  #deliver(sub: Sub, payload: Buffer): void {
    try {
      sub.queue.push(sub.source.decode(payload).event);
    } catch {
      // ignore malformed
    }
  }

  async #close(sub: Sub): Promise<void> {
    if (sub.closed) return;
    sub.closed = true;
    this.#live.delete(sub);
    const key = routeKey(sub.source.program, sub.source.procedure);
    const route = this.#routes.get(key);
    const id = sub.callbackID;
    if (route !== undefined && id !== undefined) route.subs.delete(id);
    sub.queue.end(undefined, true);
    if (id !== undefined) {
      try {
        await sub.source.deregister(id);
      } catch {
        // The connection may be gone; nothing is left to undo on the server then.
      }
    }
  }

  async #reRegisterAll(): Promise<void> {
    this.#orphans = [];
    for (const route of this.#routes.values()) route.subs.clear();
    const subs = [...this.#live];
    for (const sub of subs) sub.callbackID = undefined;
    for (const source of new Set(subs.map((s) => s.source))) source.reset?.();
    await Promise.all(
      subs.map(async (sub) => {
        if (sub.closed) return;
        const route = this.#route(sub.source);
        this.#inFlight += 1;
        try {
          sub.callbackID = await sub.source.register();
        } catch (err) {
          sub.closed = true;
          this.#live.delete(sub);
          sub.queue.end(err);
          return;
        } finally {
          this.#inFlight -= 1;
        }
        if (isClosed(sub)) {
          await sub.source.deregister(sub.callbackID).catch(() => undefined);
          return;
        }
        this.#attach(route, sub);
      }),
    );
  }
}
