#!/usr/bin/env node
// Runs the compiled test suites with node's own runner and ends with one plain "N passed, N failed" line.
// Usage: node scripts/run-tests.mjs unit|e2e|integration|all [filter]
// Suites: unit = dist/src/**/*.test.js (no I/O, parallel); e2e = dist/test/e2e (spawn bin/hv);
// integration = dist/test/integration (real libvirtd, guests: limited concurrency).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const suites = {
  unit: { dir: 'dist/src', concurrency: 2 },
  e2e: { dir: 'dist/test/e2e', concurrency: 2 },
  integration: { dir: 'dist/test/integration', concurrency: Number(process.env.HV_TEST_CONCURRENCY ?? 1) },
};

function findTests(dir) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(findTests(p));
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const which = process.argv[2] ?? 'all';
const filter = process.argv[3];
const names = which === 'all' ? Object.keys(suites) : [which];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const name of names) {
  const suite = suites[name];
  if (!suite) {
    console.error(`run-tests: unknown suite '${name}' (unit, e2e, integration, all)`);
    process.exit(2);
  }
  const files = findTests(suite.dir).filter((f) => !filter || f.includes(filter));
  if (files.length === 0) continue;
  console.log(`\n=== ${name}: ${files.length} files`);
  const tap = join(tmpdir(), `hv-tests-${process.pid}-${name}.tap`);
  const res = spawnSync(
    process.execPath,
    [
      '--test',
      `--test-concurrency=${suite.concurrency}`,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    { stdio: 'inherit', env: { ...process.env, HV_TEST_SUITE: name } },
  );
  const text = readFileSync(tap, 'utf8');
  rmSync(tap, { force: true });
  const count = (key) =>
    Number(/^# (\w+) (\d+)$/gm.exec(text) && (text.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0));
  passed += count('pass');
  failed += count('fail') + count('cancelled');
  skipped += count('skipped') + count('todo');
  if (res.status !== 0 && count('fail') + count('cancelled') === 0) failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
