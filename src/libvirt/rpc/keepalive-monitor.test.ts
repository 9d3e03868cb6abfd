// Tests the keepalive monitor with small intervals: pings on silence, death after `count` silent
// intervals, no death while traffic flows or while reading is paused by us.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { KeepaliveMonitor } from './keepalive-monitor.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// The monitor's timer is unref'd (a socket keeps real processes alive); hold the loop open here.
let hold: NodeJS.Timeout;
before(() => {
  hold = setInterval(() => undefined, 1000);
});
after(() => {
  clearInterval(hold);
});

describe('KeepaliveMonitor', () => {
  it('sends count PINGs to a silent peer, then declares it dead once', async () => {
    let pings = 0;
    const deaths: number[] = [];
    const dead = new Promise<void>((resolve) => {
      const m = new KeepaliveMonitor(
        { intervalMs: 10, count: 3 },
        {
          sendPing: () => (pings += 1),
          onDead: (ms) => {
            deaths.push(ms);
            resolve();
          },
          isReadingPaused: () => false,
        },
      );
      m.start();
    });
    await dead;
    await sleep(30);
    assert.equal(pings, 3, 'count PINGs went out before giving up');
    assert.equal(deaths.length, 1);
    assert.ok(deaths[0]! >= 30, 'at least count x interval of silence');
  });

  it('stays alive while traffic arrives, and while reading is paused by us', async () => {
    let died = false;
    let paused = false;
    const m = new KeepaliveMonitor(
      { intervalMs: 5, count: 20 },
      { sendPing: () => undefined, onDead: () => (died = true), isReadingPaused: () => paused },
    );
    m.start();
    assert.equal(m.running, true);
    for (let i = 0; i < 20; i += 1) {
      m.noteReceived();
      await sleep(2);
    }
    paused = true;
    await sleep(40);
    m.stop();
    assert.equal(m.running, false);
    assert.equal(died, false);
  });
});
