import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTable, type Column } from './table.js';

interface Row {
  name: string;
  size: number;
}
const cols: Column<Row>[] = [
  { header: 'NAME', value: (r) => r.name, flexible: true },
  { header: 'SIZE', value: (r) => String(r.size), align: 'right' },
];

test('renderTable aligns columns to the widest cell', () => {
  const out = renderTable(
    [
      { name: 'a', size: 10 },
      { name: 'longer-name', size: 2 },
    ],
    cols,
  );
  assert.equal(out, 'NAME         SIZE\na              10\nlonger-name     2\n');
});

test('renderTable truncates flexible columns to the terminal width', () => {
  const out = renderTable([{ name: 'a-very-long-virtual-machine-name', size: 1 }], cols, 20);
  for (const line of out.trimEnd().split('\n')) assert.ok(line.length <= 20, `line too wide: ${line}`);
  assert.match(out, /…/);
});

test('renderTable flattens newlines in cells so rows stay one line', () => {
  const out = renderTable([{ name: 'a\nb', size: 1 }], cols);
  assert.equal(out.trimEnd().split('\n').length, 2);
});
