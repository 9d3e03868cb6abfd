import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orderAutostart, planAutostart, type AutostartVm } from './plan-autostart.js';

const CONFIG = { groups_order: ['core', 'network', 'apps'], delay_ms: 1500, group_delay_ms: 2500 };

function vm(
  name: string,
  group: string | undefined,
  priority = 50,
  state: AutostartVm['state'] = 'shut off',
) {
  return { name, state, priority, ...(group !== undefined && { group }) } satisfies AutostartVm;
}

const ORDER_CASES: readonly {
  readonly title: string;
  readonly vms: readonly AutostartVm[];
  readonly order?: readonly string[];
  readonly want: readonly string[];
}[] = [
  {
    title: 'configured groups first, in their configured (not alphabetical) order',
    vms: [vm('a', 'apps'), vm('n', 'network'), vm('c', 'core')],
    want: ['c', 'n', 'a'],
  },
  {
    title: 'groups not in groups_order come after the listed ones, alphabetically',
    vms: [vm('z', 'zeta'), vm('b', 'beta'), vm('a', 'apps')],
    want: ['a', 'b', 'z'],
  },
  {
    title: 'VMs without a group come last, even after unlisted groups',
    vms: [vm('none', undefined, 0), vm('x', 'extra', 100), vm('c', 'core', 100)],
    want: ['c', 'x', 'none'],
  },
  {
    title: 'inside a group: lower priority first (numerically, 5 before 10 before 50)',
    vms: [vm('p50', 'core', 50), vm('p10', 'core', 10), vm('p5', 'core', 5), vm('p100', 'core', 100)],
    want: ['p5', 'p10', 'p50', 'p100'],
  },
  {
    title: 'equal group and priority: by name',
    vms: [vm('web-2', 'apps', 20), vm('web-10', 'apps', 20), vm('db', 'apps', 20)],
    want: ['db', 'web-10', 'web-2'],
  },
  {
    title: 'priority never crosses groups',
    vms: [vm('app-first', 'apps', 0), vm('core-last', 'core', 100)],
    want: ['core-last', 'app-first'],
  },
  {
    title: 'an empty groups_order sorts every group alphabetically, ungrouped last',
    vms: [vm('n', 'network'), vm('u', undefined), vm('c', 'core'), vm('a', 'apps')],
    order: [],
    want: ['a', 'c', 'n', 'u'],
  },
];

for (const c of ORDER_CASES) {
  test(`orderAutostart: ${c.title}`, () => {
    const got = orderAutostart(c.vms, c.order ?? CONFIG.groups_order).map((v) => v.name);
    assert.deepEqual(got, c.want);
  });
}

test('orderAutostart does not reorder its input', () => {
  const input = [vm('b', 'apps'), vm('a', 'core')];
  orderAutostart(input, CONFIG.groups_order);
  assert.deepEqual(
    input.map((v) => v.name),
    ['b', 'a'],
  );
});

test('planAutostart: no wait before the first start, delay_ms between starts, + group_delay_ms on a new group', () => {
  const plan = planAutostart(
    [vm('c1', 'core', 10), vm('c2', 'core', 20), vm('a1', 'apps', 10), vm('u', undefined)],
    CONFIG,
  );
  assert.deepEqual(
    plan.map((s) => [s.position, s.name, s.action, s.delayBeforeMs, s.groupChange]),
    [
      [1, 'c1', 'start', 0, false],
      [2, 'c2', 'start', 1500, false],
      [3, 'a1', 'start', 4000, true],
      [4, 'u', 'start', 4000, true],
    ],
  );
});

test('planAutostart: running or paused VMs are skipped with no delay; the group change counts from the last start', () => {
  const plan = planAutostart(
    [
      vm('c1', 'core', 10, 'running'),
      vm('c2', 'core', 20),
      vm('n1', 'network', 10, 'running'),
      vm('n2', 'network', 20, 'paused'),
      vm('a1', 'apps', 10),
      vm('a2', 'apps', 20),
    ],
    CONFIG,
  );
  assert.deepEqual(
    plan.map((s) => [s.name, s.action, s.delayBeforeMs, s.groupChange]),
    [
      ['c1', 'skip', 0, false],
      ['c2', 'start', 0, false],
      ['n1', 'skip', 0, false],
      ['n2', 'skip', 0, false],
      ['a1', 'start', 4000, true],
      ['a2', 'start', 1500, false],
    ],
  );
});

test('planAutostart: everything up already -> all skips, no waiting (safe to run twice)', () => {
  const plan = planAutostart([vm('a', 'core', 1, 'running'), vm('b', 'apps', 1, 'idle')], CONFIG);
  assert.deepEqual(
    plan.map((s) => [s.action, s.delayBeforeMs]),
    [
      ['skip', 0],
      ['skip', 0],
    ],
  );
});

test('planAutostart: zero delays give zero waits; crashed VMs are planned as starts (and fail visibly)', () => {
  const plan = planAutostart([vm('a', 'core'), vm('b', 'apps', 50, 'crashed')], {
    groups_order: ['core'],
    delay_ms: 0,
    group_delay_ms: 0,
  });
  assert.deepEqual(
    plan.map((s) => [s.name, s.action, s.delayBeforeMs, s.groupChange]),
    [
      ['a', 'start', 0, false],
      ['b', 'start', 0, true],
    ],
  );
});
