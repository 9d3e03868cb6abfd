import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { HvError } from '../../errors/index.js';
import { el, escapeXmlAttr, escapeXmlText, renderXml } from './xml-builder.js';

const HOSTILE = `a'b"c<d>e&f]]>g&amp;h&#10;i`;

test('text escapes & < > and leaves quotes; attributes escape quotes and whitespace too', () => {
  assert.equal(escapeXmlText(HOSTILE), `a'b"c&lt;d&gt;e&amp;f]]&gt;g&amp;amp;h&amp;#10;i`);
  assert.equal(escapeXmlAttr(`x'y"z\n\t\r`), 'x&apos;y&quot;z&#10;&#9;&#13;');
});

test('hostile strings survive a round trip through a real XML parser unchanged', () => {
  const xml = renderXml(
    el('root', { a: HOSTILE, b: 'line1\nline2\ttab' }, el('t', {}, HOSTILE), el('u', {}, 'x\ny')),
  );
  const parsed = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- decodes &#10; etc. independently of hv's code
    htmlEntities: true,
  }).parse(xml) as { root: { '@_a': string; '@_b': string; t: string; u: string } };
  assert.equal(parsed.root['@_a'], HOSTILE);
  assert.equal(parsed.root['@_b'], 'line1\nline2\ttab');
  assert.equal(parsed.root.t, HOSTILE);
  assert.equal(parsed.root.u, 'x\ny');
});

test('layout: attributes in order, undefined ones left out, empty elements closed, text inline', () => {
  const xml = renderXml(
    el('a', { x: 1, y: undefined, z: 'q' }, el('b'), el('c', {}, 'text', 2), false, null, [el('d')]),
  );
  assert.equal(xml, "<a x='1' z='q'>\n  <b/>\n  <c>text2</c>\n  <d/>\n</a>\n");
});

test('characters XML cannot carry are a bug, not output', () => {
  for (const bad of ['\u0000', '\u0007', '\ufffe', '\ud800']) {
    assert.throws(
      () => renderXml(el('a', {}, `x${bad}`)),
      (e: unknown) => e instanceof HvError && e.code === 'INTERNAL',
    );
    assert.throws(() => renderXml(el('a', { v: bad })), HvError);
  }
});
