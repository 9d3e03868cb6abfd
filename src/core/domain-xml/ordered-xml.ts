// Why: restore, boot tests, clones and templates edit a domain's XML (name, UUID, MACs, disk sources,
// devices) without losing anything libvirt wrote that hv does not model. An order-preserving tree
// round-trips the document unchanged except for the edits; entities stay encoded in the tree and are
// decoded only when read through these helpers, so nothing is decoded twice.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ValidationError } from '../errors/index.js';

/** One node of the ordered tree: `{tag: children, ':@': attributes}`, `{'#text': s}` or a comment. */
export type XmlNode = Record<string, unknown>;

const OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  commentPropName: '#comment',
} as const;

const ATTRS = ':@';
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decode the five XML entities and numeric references in one pass. */
export function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return NAMED[ref] ?? whole;
  });
}

/** Encode text for element content, or (`attribute`, the default) a double-quoted attribute. */
export function encodeXmlText(text: string, attribute = true): string {
  const t = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute ? t.replace(/"/g, '&quot;') : t;
}

/**
 * Reject text that is not well-formed XML (`what` names the document in the error). fast-xml-parser
 * alone accepts mismatched tags; its bundled validator (deprecated in favour of a package hv does not
 * depend on) rejects them.
 * @throws ValidationError
 */
export function assertWellFormedXml(xml: string, what: string): void {
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new ValidationError(what, `is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
}

/**
 * Parse XML into an ordered tree (the top-level node list).
 * @throws ValidationError when the text is not well-formed.
 */
export function parseOrderedXml(xml: string, what = 'XML'): XmlNode[] {
  assertWellFormedXml(xml, what);
  try {
    return new XMLParser(OPTIONS).parse(xml) as XmlNode[];
  } catch (err) {
    throw new ValidationError(what, `is not well-formed XML: ${(err as Error).message}`, { cause: err });
  }
}

function textOfRaw(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x: unknown) => textOfRaw((x as XmlNode)['#text'])).join('');
  return '';
}

function attrsText(node: XmlNode): string {
  const attrs = (node[ATTRS] as Record<string, unknown> | undefined) ?? {};
  // Values are kept encoded; a literal double quote (from a single-quoted source) still needs escaping.
  return Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${String(v).replace(/"/g, '&quot;')}"`)
    .join('');
}

/** Serialize an ordered tree back to XML text (empty elements as `<tag/>`). */
export function buildOrderedXml(nodes: readonly XmlNode[]): string {
  return nodes
    .map((n): string => {
      if ('#text' in n) return textOfRaw(n['#text']);
      if ('#comment' in n) return `<!--${textOfRaw(n['#comment'])}-->`;
      const tag = tagOf(n);
      if (tag === undefined) return '';
      if (tag.startsWith('?')) return `<${tag}${attrsText(n)}?>`;
      const kids = childrenOf(n);
      return kids.length === 0
        ? `<${tag}${attrsText(n)}/>`
        : `<${tag}${attrsText(n)}>${buildOrderedXml(kids)}</${tag}>`;
    })
    .join('');
}

/** The element name of a node (undefined for text and comments). */
export function tagOf(node: XmlNode): string | undefined {
  return Object.keys(node).find((k) => k !== ATTRS && k !== '#text' && k !== '#comment');
}

/** The child nodes of an element (empty for text). */
export function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  const kids = tag === undefined ? undefined : node[tag];
  return Array.isArray(kids) ? (kids as XmlNode[]) : [];
}

/** Child elements named `tag`. */
export function childElements(node: XmlNode, tag: string): XmlNode[] {
  return childrenOf(node).filter((c) => tagOf(c) === tag);
}

/** The first child element named `tag`. */
export function childElement(node: XmlNode, tag: string): XmlNode | undefined {
  return childrenOf(node).find((c) => tagOf(c) === tag);
}

/** The element at a path of tags below `node`, e.g. `['devices', 'disk']` (first match each step). */
export function elementAt(node: XmlNode, path: readonly string[]): XmlNode | undefined {
  let here: XmlNode | undefined = node;
  for (const tag of path) here = here === undefined ? undefined : childElement(here, tag);
  return here;
}

/** An attribute's decoded value. */
export function attrOf(node: XmlNode, name: string): string | undefined {
  const attrs = node[ATTRS] as Record<string, unknown> | undefined;
  const v = attrs?.[name];
  return typeof v === 'string' ? decodeXmlText(v) : undefined;
}

/** Set (or with undefined, remove) an attribute; `value` is plain text and gets encoded. */
export function setAttr(node: XmlNode, name: string, value: string | undefined): void {
  const before = (node[ATTRS] as Record<string, string> | undefined) ?? {};
  const attrs = Object.fromEntries(Object.entries(before).filter(([k]) => k !== name));
  if (value !== undefined) attrs[name] = encodeXmlText(value);
  node[ATTRS] = attrs;
}

/** The decoded text content directly inside an element. */
export function textOf(node: XmlNode): string {
  return childrenOf(node)
    .map((c) => (typeof c['#text'] === 'string' ? decodeXmlText(c['#text']) : ''))
    .join('');
}

/** Replace an element's content with plain text (encoded). */
export function setText(node: XmlNode, text: string): void {
  const tag = tagOf(node);
  if (tag !== undefined) node[tag] = [{ '#text': encodeXmlText(text, false) }];
}

/** Remove child nodes for which `drop` is true; returns how many went. */
export function removeChildren(node: XmlNode, drop: (child: XmlNode) => boolean): number {
  const tag = tagOf(node);
  if (tag === undefined) return 0;
  const kids = childrenOf(node);
  const kept = kids.filter((c) => !drop(c));
  node[tag] = kept;
  return kids.length - kept.length;
}

/** Create an element node with plain-text attributes and children. */
export function makeElement(
  tag: string,
  attrs: Readonly<Record<string, string>> = {},
  children: XmlNode[] = [],
): XmlNode {
  const node: XmlNode = { [tag]: children };
  for (const [k, v] of Object.entries(attrs)) setAttr(node, k, v);
  return node;
}

/** Append a child element (with a newline before it, to keep the output readable). */
export function appendChild(node: XmlNode, child: XmlNode, indent = '    '): void {
  const tag = tagOf(node);
  if (tag === undefined) return;
  node[tag] = [...childrenOf(node), { '#text': `\n${indent}` }, child];
}

/** The document's root element (the first element in the top-level list). */
export function rootElement(nodes: readonly XmlNode[], what = 'XML'): XmlNode {
  const root = nodes.find((n) => tagOf(n) !== undefined && !tagOf(n)?.startsWith('?'));
  if (root === undefined) throw new ValidationError(what, 'has no root element');
  return root;
}
