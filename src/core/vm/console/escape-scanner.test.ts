import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ESCAPE_BYTE, scanForEscape } from './escape-scanner.js';

describe('scanForEscape', () => {
  it('forwards a chunk without the escape byte whole', () => {
    const r = scanForEscape(Buffer.from('ls -l\r'));
    assert.equal(r.escaped, false);
    assert.equal(r.forward.toString(), 'ls -l\r');
  });

  it('forwards what came before Ctrl-] and stops there', () => {
    const r = scanForEscape(Buffer.from([0x61, 0x62, ESCAPE_BYTE, 0x63]));
    assert.equal(r.escaped, true);
    assert.deepEqual([...r.forward], [0x61, 0x62]);
    assert.equal(scanForEscape(Buffer.from([ESCAPE_BYTE])).forward.length, 0);
  });

  it('does not mistake Ctrl-C or other control bytes for the escape', () => {
    assert.equal(scanForEscape(Buffer.from([0x03, 0x04, 0x1b, 0x1c, 0x1e])).escaped, false);
  });
});
