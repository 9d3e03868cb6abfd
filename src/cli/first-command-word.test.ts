import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstCommandWord, GLOBAL_VALUE_OPTIONS } from './first-command-word.js';
import { buildProgram } from './program.js';

test('the command word comes after global flags and the values of -c/--connect/--config', () => {
  const cases: [string[], string | undefined][] = [
    [['ls'], 'ls'],
    [['--json', 'ls', '--state', 'running'], 'ls'],
    [['-c', 'qemu+ssh://h/system', 'vm', 'list'], 'vm'],
    [['--connect', 'backup', 'ls'], 'ls'],
    [['--connect=test:///default', 'ls'], 'ls'],
    [['--config', '/etc/hv/x.yaml', '-q', 'backup', 'create'], 'backup'],
    [['-qc', 'snapshot', 'ls'], 'ls'],
    [['-cqemu:///system', 'doctor'], 'doctor'],
    [['-qv', 'start', 'web-*'], 'start'],
    [['--', 'ls'], 'ls'],
    [[], undefined],
    [['--help'], undefined],
    [['-c'], undefined],
  ];
  for (const [argv, word] of cases) assert.equal(firstCommandWord(argv), word, argv.join(' '));
});

test('every global option that takes a value is known to the word finder', () => {
  const program = buildProgram(() => () => Promise.resolve(), 'ls');
  const valued = program.options
    .filter((o) => o.required || o.optional)
    .flatMap((o) => [o.short, o.long].filter((f): f is string => f !== undefined));
  assert.ok(valued.length > 0);
  assert.deepEqual([...valued].sort(), [...GLOBAL_VALUE_OPTIONS].sort());
});
