// Why: a daemon that vanished without closing the socket (host crash, cable pulled, frozen VM) would
// leave calls hanging until TCP gives up, minutes later. The monitor pings a silent peer once per
// silent interval and declares it dead when `count` PINGs went unanswered, as libvirt's client does.

/**
 * Keepalive tuning: PING after each `intervalMs` without traffic; the peer is dead when `count` PINGs in
 * a row got no traffic back (about (count + 1) x intervalMs of silence, libvirt's rule).
 */
export interface KeepaliveOptions {
  readonly intervalMs?: number;
  readonly count?: number;
}

/** What the monitor does to the connection it watches. */
export interface KeepaliveHooks {
  /** Send one PING packet. */
  sendPing(): void;
  /** `count` PINGs in a row went unanswered; `silentMs` since the last received byte. */
  onDead(silentMs: number): void;
  /** True while WE stopped reading (stream backpressure): silence is then our doing, not the peer's. */
  isReadingPaused(): boolean;
}

/** Default interval and count, the same as libvirtd's keepalive_interval / keepalive_count. */
const KEEPALIVE_DEFAULTS = { intervalMs: 5000, count: 5 } as const;

/** A timer that watches received traffic; call `noteReceived` on every chunk read from the peer. */
export class KeepaliveMonitor {
  readonly intervalMs: number;
  readonly count: number;
  readonly #hooks: KeepaliveHooks;
  #lastReceived = Date.now();
  #receivedSinceTick = false;
  #misses = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: KeepaliveOptions, hooks: KeepaliveHooks) {
    this.intervalMs = Math.max(1, options.intervalMs ?? KEEPALIVE_DEFAULTS.intervalMs);
    this.count = Math.max(1, options.count ?? KEEPALIVE_DEFAULTS.count);
    this.#hooks = hooks;
  }

  /** True between start() and stop(). */
  get running(): boolean {
    return this.#timer !== undefined;
  }

  /** Start ticking (idempotent). The timer does not keep the process alive on its own. */
  start(): void {
    if (this.#timer !== undefined) return;
    this.#lastReceived = Date.now();
    this.#receivedSinceTick = false;
    this.#misses = 0;
    this.#timer = setInterval(() => {
      this.#tick();
    }, this.intervalMs);
    this.#timer.unref();
  }

  /** Stop ticking (idempotent). */
  stop(): void {
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Record that bytes arrived from the peer. */
  noteReceived(): void {
    this.#lastReceived = Date.now();
    this.#receivedSinceTick = true;
  }

  #tick(): void {
    const heard = this.#receivedSinceTick;
    this.#receivedSinceTick = false;
    if (this.#hooks.isReadingPaused()) {
      // We are not reading, so we cannot hear the peer; keep our side of the link visibly alive.
      this.#misses = 0;
      this.#hooks.sendPing();
      return;
    }
    if (heard) {
      this.#misses = 0;
      return;
    }
    // Counting ticks, not elapsed time, keeps a stalled event loop from looking like a dead peer.
    if (this.#misses >= this.count) {
      this.stop();
      this.#hooks.onDead(Date.now() - this.#lastReceived);
      return;
    }
    this.#misses += 1;
    this.#hooks.sendPing();
  }
}
