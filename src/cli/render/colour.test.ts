import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { colourState } from './colour.js';

describe('colourState', () => {
  it('wraps state words in their SGR colour only when enabled', () => {
    assert.equal(colourState('running', true), '\x1b[32mrunning\x1b[0m');
    assert.equal(colourState('crashed', true), '\x1b[31mcrashed\x1b[0m');
    assert.equal(colourState('paused', true), '\x1b[33mpaused\x1b[0m');
    assert.equal(colourState('running', false), 'running');
    assert.equal(colourState('no state', true), 'no state');
  });
});
