// Why: a daemon that vanished without closing the socket (host crash, cable pulled, frozen VM) would
// leave calls hanging until TCP gives up, minutes later. The monitor pings a silent peer and declares it
// dead after `count` silent intervals, the way libvirt's own client does.

/** Keepalive tuning: ping after `intervalMs` of silence, give up after `count` silent intervals. */
export interface KeepaliveOptions {
  readonly intervalMs?: number;
  readonly count?: number;
}

/** What the monitor does to the connection it watches. */
export interface KeepaliveHooks {
  /** Send one PING packet. */
  sendPing(): void;
  /** The peer has been silent for `count` intervals. */
  onDead(silentMs: number): void;
  /** True while WE stopped reading (stream backpressure): silence is then our doing, not the peer's. */
  isReadingPaused(): boolean;
}

/** Default interval and count, the same as libvirtd's keepalive_interval / keepalive_count. */
export const KEEPALIVE_DEFAULTS = { intervalMs: 5000, count: 5 } as const;

/** A timer that watches received traffic; call `noteReceived` on every chunk read from the peer. */
export class KeepaliveMonitor {
  readonly intervalMs: number;
  readonly count: number;
  readonly #hooks: KeepaliveHooks;
  #lastReceived = Date.now();
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
  }

  #tick(): void {
    const now = Date.now();
    if (this.#hooks.isReadingPaused()) {
      // We are not reading, so we cannot hear the peer; keep our side of the link visibly alive.
      this.#lastReceived = now;
      this.#hooks.sendPing();
      return;
    }
    const silent = now - this.#lastReceived;
    if (silent >= this.intervalMs * this.count) {
      this.stop();
      this.#hooks.onDead(silent);
      return;
    }
    // Timers fire a little early or late; 90% of an interval without traffic counts as a silent interval.
    if (silent >= this.intervalMs * 0.9) this.#hooks.sendPing();
  }
}
