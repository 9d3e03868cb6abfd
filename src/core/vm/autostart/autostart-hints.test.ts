import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAutostartHints } from './autostart-hints.js';

const CASES: readonly { readonly xml: string; readonly want: ReturnType<typeof parseAutostartHints> }[] = [
  {
    xml: '<vm xmlns="https://hv.dev/xmlns/vm/1"><autostart enabled="yes" group="core" priority="10"/></vm>',
    want: { group: 'core', priority: 10 },
  },
  {
    xml: "<hv:vm><hv:autostart enabled='yes' priority='0' group='apps'/></hv:vm>",
    want: { group: 'apps', priority: 0 },
  },
  { xml: '<vm><autostart enabled="no"/></vm>', want: { priority: 50 } },
  { xml: '<vm><autostart enabled="yes" group="" priority="abc"/></vm>', want: { priority: 50 } },
  { xml: '<vm><autostart priority="101" group="x"/></vm>', want: { group: 'x', priority: 50 } },
  { xml: '<vm><tags><tag>autostart</tag></tags></vm>', want: { priority: 50 } },
  { xml: '', want: { priority: 50 } },
];

for (const c of CASES) {
  test(`parseAutostartHints(${c.xml || '""'})`, () => {
    assert.deepEqual(parseAutostartHints(c.xml), c.want);
  });
}
