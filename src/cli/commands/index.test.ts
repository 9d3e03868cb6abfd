import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import type { ActionBinder } from '../command.js';
import { buildProgram, modulesFor } from '../program.js';
import { commandModules } from './index.js';

const bind: ActionBinder = () => () => Promise.resolve();

function topWords(program: Command): string[] {
  return program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
}

/** Every command and subcommand with its options, as a comparable outline. */
function outline(cmd: Command, prefix = ''): string[] {
  const here = `${prefix}${cmd.name()} [${cmd.aliases().join(',')}] ${cmd.options.map((o) => o.flags).join(' ')}`;
  return [here, ...cmd.commands.flatMap((c) => outline(c, `${prefix}${cmd.name()} `))];
}

test('each command module adds exactly the top-level words it declares', () => {
  for (const m of commandModules) {
    const program = new Command('hv');
    m.register(program, bind);
    assert.deepEqual(new Set(topWords(program)), new Set(m.words), m.register.name);
  }
});

test('a run of any command word builds that command exactly as the whole tree has it', () => {
  const full = buildProgram(bind);
  const words = [...new Set(commandModules.flatMap((m) => m.words))];
  assert.deepEqual(new Set(topWords(full)), new Set(words));
  for (const word of words) {
    const lazy = buildProgram(bind, word);
    const pick = (p: Command): Command | undefined =>
      p.commands.find((c) => c.name() === word || c.aliases().includes(word));
    const a = pick(lazy);
    const b = pick(full);
    assert.ok(a !== undefined && b !== undefined, word);
    assert.deepEqual(outline(a), outline(b), word);
    assert.equal(a.helpInformation(), b.helpInformation(), word);
  }
});

test('help, completion, unknown words and none build every module', () => {
  for (const word of [undefined, 'help', 'completion', 'lsit']) {
    assert.equal(modulesFor(word), commandModules, String(word));
  }
  assert.ok(modulesFor('ls').length < commandModules.length);
});
