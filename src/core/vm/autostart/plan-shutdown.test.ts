import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planShutdown, type ShutdownCandidate } from './plan-shutdown.js';
import type { AutostartVm } from './plan-autostart.js';

const ORDER = ['core', 'network', 'apps'];

function c(name: string, state: ShutdownCandidate['state'], autostart: boolean): ShutdownCandidate {
  return { name, state, autostart };
}

const HINTS: AutostartVm[] = [
  { name: 'dns', state: 'running', group: 'core', priority: 10 },
  { name: 'fw', state: 'running', group: 'core', priority: 5 },
  { name: 'proxy', state: 'running', group: 'network', priority: 50 },
  { name: 'web', state: 'running', group: 'apps', priority: 50 },
  { name: 'misc', state: 'running', priority: 50 },
];

test('planShutdown: hand-started VMs first by name, then autostart VMs in reverse boot order', () => {
  const plan = planShutdown(
    [
      c('fw', 'running', true),
      c('web', 'running', true),
      c('zz-manual', 'running', false),
      c('dns', 'paused', true),
      c('misc', 'running', true),
      c('proxy', 'running', true),
      c('aa-manual', 'idle', false),
    ],
    HINTS,
    ORDER,
  );
  assert.deepEqual(
    plan.map((s) => [s.position, s.name, s.autostart, s.group ?? null]),
    [
      [1, 'aa-manual', false, null],
      [2, 'zz-manual', false, null],
      [3, 'misc', true, null],
      [4, 'web', true, 'apps'],
      [5, 'proxy', true, 'network'],
      [6, 'dns', true, 'core'],
      [7, 'fw', true, 'core'],
    ],
  );
});

test('planShutdown: shut-off VMs are left out; nothing up -> empty plan (safe to run twice)', () => {
  assert.deepEqual(planShutdown([c('fw', 'shut off', true), c('x', 'shut off', false)], HINTS, ORDER), []);
  const plan = planShutdown([c('fw', 'shut off', true), c('web', 'crashed', true)], HINTS, ORDER);
  assert.deepEqual(
    plan.map((s) => [s.name, s.state]),
    [['web', 'crashed']],
  );
});

test('planShutdown: an autostart VM without hints counts as ungrouped, priority 50 (stopped first of them)', () => {
  const plan = planShutdown([c('fw', 'running', true), c('new', 'running', true)], HINTS, ORDER);
  assert.deepEqual(
    plan.map((s) => [s.name, s.priority]),
    [
      ['new', 50],
      ['fw', 5],
    ],
  );
});
