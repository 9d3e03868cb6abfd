import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  attrOf,
  buildOrderedXml,
  childElement,
  parseOrderedXml,
  rootElement,
  setAttr,
  setText,
  textOf,
} from './ordered-xml.js';

const XML = `<domain type="qemu">
  <!-- note -->
  <name>a &amp; b</name>
  <devices><disk type="file"><source file="/x &amp; y"/></disk></devices>
</domain>`;

test('a document round-trips unchanged', () => {
  assert.equal(buildOrderedXml(parseOrderedXml(XML)), XML);
});

test('single-quoted attributes come back double-quoted, with quotes escaped', () => {
  const out = buildOrderedXml(parseOrderedXml(`<a b='say "hi"' c='&apos;'/>`));
  assert.equal(out, '<a b="say &quot;hi&quot;" c="&apos;"/>');
});

test('reads decode entities once; writes encode them once', () => {
  const nodes = parseOrderedXml(XML);
  const root = rootElement(nodes);
  const name = childElement(root, 'name');
  assert.ok(name);
  assert.equal(textOf(name), 'a & b');
  const src = childElement(childElement(childElement(root, 'devices') ?? {}, 'disk') ?? {}, 'source');
  assert.ok(src);
  assert.equal(attrOf(src, 'file'), '/x & y');
  setAttr(src, 'file', '/new <&> "path"');
  setText(name, '&amp;');
  const out = buildOrderedXml(nodes);
  assert.match(out, /<source file="\/new &lt;&amp;&gt; &quot;path&quot;"\/>/);
  assert.match(out, /<name>&amp;amp;<\/name>/);
  assert.equal(
    attrOf(
      childElement(
        childElement(childElement(rootElement(parseOrderedXml(out)), 'devices') ?? {}, 'disk') ?? {},
        'source',
      ) ?? {},
      'file',
    ),
    '/new <&> "path"',
  );
});

test('malformed XML is a validation error naming what was parsed', () => {
  assert.throws(() => parseOrderedXml('<a><b></a>', 'domain XML'), /domain XML: is not well-formed/);
});
