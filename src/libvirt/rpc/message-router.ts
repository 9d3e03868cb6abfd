// Why: events (MESSAGE packets) arrive unsolicited and are routed by (program, procedure) to whoever
// subscribed. A throwing subscriber must never take the connection down, so failures are counted and
// reported instead of propagating into the socket's 'data' handler.

/** Receives the raw XDR payload of one MESSAGE packet. */
export type MessageHandler = (payload: Buffer) => void;

/** Subscriptions keyed by program and procedure; dispatch isolates handler failures. */
export class MessageRouter {
  readonly #handlers = new Map<string, Set<MessageHandler>>();
  readonly #onHandlerError: (err: unknown) => void;

  constructor(onHandlerError: (err: unknown) => void) {
    this.#onHandlerError = onHandlerError;
  }

  /** Add a handler; returns its unsubscribe function (safe to call twice). */
  subscribe(program: number, procedure: number, handler: MessageHandler): () => void {
    const key = `${program}:${procedure}`;
    let set = this.#handlers.get(key);
    if (set === undefined) {
      set = new Set();
      this.#handlers.set(key, set);
    }
    // Wrap so that the same function subscribed twice is two subscriptions.
    const entry: MessageHandler = (payload) => {
      handler(payload);
    };
    set.add(entry);
    return () => {
      const current = this.#handlers.get(key);
      if (current === undefined) return;
      current.delete(entry);
      if (current.size === 0) this.#handlers.delete(key);
    };
  }

  /** Deliver a payload; returns how many handlers received it (0 = nobody listens). */
  dispatch(program: number, procedure: number, payload: Buffer): number {
    const set = this.#handlers.get(`${program}:${procedure}`);
    if (set === undefined) return 0;
    let delivered = 0;
    for (const handler of [...set]) {
      try {
        handler(payload);
      } catch (err) {
        this.#onHandlerError(err);
      }
      delivered += 1;
    }
    return delivered;
  }
}
