// Why: libvirt pushes events whether or not anyone reads them. A subscriber that stops reading must not
// make the process grow without bound, so every subscription buffers into a fixed-size queue that drops
// the OLDEST events (and counts them) when full, and hands events out as an async iterator.

/** A bounded FIFO that feeds one async consumer; overflow drops the oldest item and counts it. */
export class BoundedEventQueue<T> {
  readonly #capacity: number;
  readonly #items: T[] = [];
  #head = 0;
  #dropped = 0;
  #waiter: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  #done = false;
  #error: unknown = undefined;

  /** @param capacity most items held before the oldest is dropped (at least 1). */
  constructor(capacity: number) {
    this.#capacity = Math.max(1, Math.floor(capacity));
  }

  /** How many items were dropped because the consumer fell behind. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Items waiting to be read. */
  get size(): number {
    return this.#items.length - this.#head;
  }

  /** True once ended (no more items will be accepted). */
  get closed(): boolean {
    return this.#done;
  }

  /** Add an item; wakes a waiting reader, or drops the oldest item when full. Ignored once ended. */
  push(item: T): void {
    if (this.#done) return;
    const waiter = this.#waiter;
    if (waiter !== undefined) {
      this.#waiter = undefined;
      waiter.resolve({ value: item, done: false });
      return;
    }
    if (this.size >= this.#capacity) {
      this.#head += 1;
      this.#dropped += 1;
    }
    this.#items.push(item);
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items.splice(0, this.#head);
      this.#head = 0;
    }
  }

  /**
   * End the stream: readers get the remaining items (none with `discard`), then `done` (or `error` if
   * given).
   */
  end(error?: unknown, discard = false): void {
    if (discard) {
      this.#items.length = 0;
      this.#head = 0;
    }
    if (this.#done) return;
    this.#done = true;
    this.#error = error;
    const waiter = this.#waiter;
    if (waiter === undefined) return;
    this.#waiter = undefined;
    if (error === undefined) waiter.resolve({ value: undefined, done: true });
    else waiter.reject(error);
  }

  /** Next item; resolves when one arrives or the queue ends. One reader at a time. */
  next(): Promise<IteratorResult<T>> {
    if (this.size > 0) {
      const value = this.#items[this.#head] as T;
      this.#head += 1;
      if (this.#head === this.#items.length) {
        this.#items.length = 0;
        this.#head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.#done) {
      if (this.#error !== undefined) {
        const err = this.#error;
        this.#error = undefined;
        return Promise.reject(err instanceof Error ? err : new Error('event stream failed', { cause: err }));
      }
      return Promise.resolve({ value: undefined, done: true });
    }
    if (this.#waiter !== undefined) {
      return Promise.reject(new Error('BoundedEventQueue: only one pending next() at a time'));
    }
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }
}
