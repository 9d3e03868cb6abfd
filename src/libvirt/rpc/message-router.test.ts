// Tests event routing by (program, procedure): delivery counts, isolation of throwing handlers,
// duplicate subscriptions and idempotent unsubscribe.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MessageRouter } from './message-router.js';

describe('MessageRouter', () => {
  it('delivers to the handlers of one program/procedure only', () => {
    const router = new MessageRouter(() => undefined);
    const got: string[] = [];
    router.subscribe(1, 318, (p) => got.push(`a:${p.toString()}`));
    router.subscribe(1, 319, (p) => got.push(`b:${p.toString()}`));
    router.subscribe(2, 318, (p) => got.push(`c:${p.toString()}`));
    assert.equal(router.dispatch(1, 318, Buffer.from('x')), 1);
    assert.equal(router.dispatch(3, 318, Buffer.from('y')), 0);
    assert.deepEqual(got, ['a:x']);
  });

  it('reports a throwing handler and still delivers to the others', () => {
    const errors: unknown[] = [];
    const router = new MessageRouter((e) => errors.push(e));
    let delivered = 0;
    router.subscribe(1, 1, () => {
      throw new Error('boom');
    });
    router.subscribe(1, 1, () => (delivered += 1));
    assert.equal(router.dispatch(1, 1, Buffer.alloc(0)), 2);
    assert.equal(delivered, 1);
    assert.equal(errors.length, 1);
  });

  it('treats the same function subscribed twice as two subscriptions; unsubscribe is idempotent', () => {
    const router = new MessageRouter(() => undefined);
    let n = 0;
    const handler = (): void => {
      n += 1;
    };
    const off1 = router.subscribe(1, 1, handler);
    router.subscribe(1, 1, handler);
    router.dispatch(1, 1, Buffer.alloc(0));
    assert.equal(n, 2);
    off1();
    off1();
    router.dispatch(1, 1, Buffer.alloc(0));
    assert.equal(n, 3);
  });
});
