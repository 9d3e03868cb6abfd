// Tests the in-flight window: the limit, FIFO order, priority calls ahead of ordinary ones, serials
// from 1 that skip serials still in use, and removal of given-up calls.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { xdr } from '../xdr/codec.js';
import { CallSlots } from './call-slots.js';
import { PendingCall } from './pending-call.js';
import { defineProcedure } from './procedure-spec.js';

const ordinary = defineProcedure({ name: 'ORDINARY', procedure: 1, args: xdr.void, ret: xdr.void });
const urgent = defineProcedure({
  name: 'URGENT',
  procedure: 2,
  args: xdr.void,
  ret: xdr.void,
  priority: true,
});

function call(spec: typeof ordinary, tag: string): PendingCall {
  const c = new PendingCall(spec, Buffer.from(tag), 0, undefined, () => undefined);
  c.promise.catch(() => undefined);
  return c;
}
const tags = (calls: PendingCall[]): string[] => calls.map((c) => c.payload.toString());

describe('CallSlots', () => {
  it('sends at most maxInFlight calls, FIFO, with serials from 1', () => {
    const slots = new CallSlots(2);
    for (const t of ['a', 'b', 'c', 'd']) slots.enqueue(call(ordinary, t));
    const first = slots.takeSendable();
    assert.deepEqual(tags(first), ['a', 'b']);
    assert.deepEqual(
      first.map((c) => c.serial),
      [1, 2],
    );
    assert.deepEqual(slots.takeSendable(), []);
    assert.equal(slots.complete(1)?.payload.toString(), 'a');
    assert.equal(slots.complete(1), undefined);
    assert.deepEqual(tags(slots.takeSendable()), ['c']);
    assert.equal(slots.inFlight, 2);
    assert.equal(slots.queued, 1);
  });

  it('puts priority calls ahead of ordinary ones, FIFO among themselves', () => {
    const slots = new CallSlots(1);
    slots.enqueue(call(ordinary, 'o1'));
    slots.enqueue(call(ordinary, 'o2'));
    slots.enqueue(call(urgent, 'u1'));
    slots.enqueue(call(urgent, 'u2'));
    const order: string[] = [];
    for (;;) {
      const [next] = slots.takeSendable();
      if (next === undefined) break;
      order.push(next.payload.toString());
      slots.complete(next.serial);
    }
    assert.deepEqual(order, ['u1', 'u2', 'o1', 'o2']);
  });

  it('skips serials still in use and forgets removed calls', () => {
    const slots = new CallSlots(5, (serial) => serial === 2);
    const a = call(ordinary, 'a');
    const b = call(ordinary, 'b');
    const c = call(ordinary, 'c');
    slots.enqueue(a);
    slots.enqueue(b);
    assert.deepEqual(
      slots.takeSendable().map((x) => x.serial),
      [1, 3],
    );
    slots.enqueue(c);
    assert.equal(slots.remove(c), false, 'a queued call held no slot');
    assert.equal(slots.remove(a), true);
    assert.deepEqual(tags(slots.drain()), ['b']);
    assert.equal(slots.inFlight + slots.queued, 0);
  });
});
