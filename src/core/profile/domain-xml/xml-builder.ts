// A tiny XML writer for domain XML: elements are plain data, and every attribute value and text node is
// escaped on the way out, so no profile string can open a tag, close an attribute or inject an entity.
// Output is deterministic: attributes in the order given, two-space indentation, single quotes (as
// libvirt writes), one element per line, text-only elements on one line.
import { HvError } from '../../errors/index.js';

/** An attribute value; undefined leaves the attribute out. */
export type XmlAttrValue = string | number | undefined;

/** An element: name, attributes and children (elements or text). */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, XmlAttrValue>>;
  readonly children: readonly (XmlElement | string)[];
}

/** A child argument of {@link el}: false/undefined/null are skipped, arrays are flattened. */
export type XmlChild = XmlElement | string | number | false | null | undefined | readonly XmlChild[];

function flatten(children: readonly XmlChild[], out: (XmlElement | string)[]): void {
  for (const c of children) {
    if (c === false || c === null || c === undefined) continue;
    if (Array.isArray(c)) flatten(c as readonly XmlChild[], out);
    else out.push(typeof c === 'number' ? String(c) : (c as XmlElement | string));
  }
}

/** Build an element. `el('disk', { type: 'file' }, el('source', { file: path }))`. */
export function el(
  name: string,
  attrs: Readonly<Record<string, XmlAttrValue>> = {},
  ...children: XmlChild[]
): XmlElement {
  const flat: (XmlElement | string)[] = [];
  flatten(children, flat);
  return { name, attrs, children: flat };
}

// XML 1.0 cannot carry these at all, escaped or not.
const UNREPRESENTABLE =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

function checkChars(text: string): void {
  if (UNREPRESENTABLE.test(text)) {
    // Profiles are validated before they get here, so this is a bug, never user error.
    throw new HvError('INTERNAL', 'domain XML: a value holds a character XML cannot represent');
  }
}

/** Escape text content: & < > (quotes need no escaping outside attributes). */
export function escapeXmlText(text: string): string {
  checkChars(text);
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escape an attribute value: & < > ' " and tab, CR, LF as character references (parsers keep them). */
export function escapeXmlAttr(text: string): string {
  return escapeXmlText(text)
    .replace(/'/g, '&apos;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function attrsText(attrs: Readonly<Record<string, XmlAttrValue>>): string {
  let out = '';
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined) out += ` ${k}='${escapeXmlAttr(String(v))}'`;
  }
  return out;
}

function write(node: XmlElement, indent: string, lines: string[]): void {
  const open = `${indent}<${node.name}${attrsText(node.attrs)}`;
  if (node.children.length === 0) {
    lines.push(`${open}/>`);
  } else if (node.children.every((c) => typeof c === 'string')) {
    lines.push(`${open}>${node.children.map((c) => escapeXmlText(c)).join('')}</${node.name}>`);
  } else {
    lines.push(`${open}>`);
    for (const c of node.children) {
      if (typeof c === 'string') lines.push(`${indent}  ${escapeXmlText(c)}`);
      else write(c, `${indent}  `, lines);
    }
    lines.push(`${indent}</${node.name}>`);
  }
}

/** Serialize an element tree (no XML declaration), ending with a newline. */
export function renderXml(root: XmlElement): string {
  const lines: string[] = [];
  write(root, '', lines);
  return `${lines.join('\n')}\n`;
}
