// Why: libvirtd serves at most max_client_requests (5) calls per connection at a time and simply stops
// reading the socket beyond that, which would stall replies, events and keepalives behind it. Keeping
// at most that many calls on the wire, and the rest in a FIFO here, keeps the socket flowing.
import type { PendingCall } from './pending-call.js';

/** The in-flight limit and the FIFO of calls waiting for a slot, plus serial allocation. */
export class CallSlots {
  readonly maxInFlight: number;
  readonly #inFlight = new Map<number, PendingCall>();
  readonly #queue: PendingCall[] = [];
  readonly #serialInUse: (serial: number) => boolean;
  #nextSerial = 1;

  /** @param serialInUse serials still owned by something else (open streams) are skipped. */
  constructor(maxInFlight: number, serialInUse: (serial: number) => boolean = () => false) {
    this.maxInFlight = Math.max(1, Math.floor(maxInFlight));
    this.#serialInUse = serialInUse;
  }

  /** Calls on the wire awaiting their reply. */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Calls waiting for a slot. */
  get queued(): number {
    return this.#queue.length;
  }

  /** Queue a call: priority calls go ahead of ordinary ones (FIFO among themselves). */
  enqueue(call: PendingCall): void {
    if (call.spec.priority === true) {
      const firstOrdinary = this.#queue.findIndex((c) => c.spec.priority !== true);
      if (firstOrdinary >= 0) {
        this.#queue.splice(firstOrdinary, 0, call);
        return;
      }
    }
    this.#queue.push(call);
  }

  /** Move queued calls into free slots, assigning serials; returns them in send order. */
  takeSendable(): PendingCall[] {
    const out: PendingCall[] = [];
    while (this.#inFlight.size < this.maxInFlight) {
      const call = this.#queue.shift();
      if (call === undefined) break;
      if (call.settled) continue;
      call.serial = this.#allocateSerial();
      this.#inFlight.set(call.serial, call);
      out.push(call);
    }
    return out;
  }

  /** The call on the wire with this serial, if any (still in its slot). */
  get(serial: number): PendingCall | undefined {
    return this.#inFlight.get(serial);
  }

  /** Free the slot of the call with this serial and return it. */
  complete(serial: number): PendingCall | undefined {
    const call = this.#inFlight.get(serial);
    if (call !== undefined) this.#inFlight.delete(serial);
    return call;
  }

  /** Forget a call wherever it is (given up by timeout/abort). Returns true if it held a slot. */
  remove(call: PendingCall): boolean {
    if (call.serial !== 0 && this.#inFlight.get(call.serial) === call) {
      this.#inFlight.delete(call.serial);
      return true;
    }
    const index = this.#queue.indexOf(call);
    if (index >= 0) this.#queue.splice(index, 1);
    return false;
  }

  /** Empty both the queue and the slots, returning every call (for rejection on close). */
  drain(): PendingCall[] {
    const all = [...this.#inFlight.values(), ...this.#queue];
    this.#inFlight.clear();
    this.#queue.length = 0;
    return all;
  }

  #allocateSerial(): number {
    for (;;) {
      const serial = this.#nextSerial;
      this.#nextSerial = serial >= 0xffffffff ? 1 : serial + 1;
      if (!this.#inFlight.has(serial) && !this.#serialInUse(serial)) return serial;
    }
  }
}
