// Why: backups, snapshots, image usage and VM deletion all read facts out of a domain's XML (and its
// snapshots' XML). One parser
// configuration and a few typed accessors make them read the document the same way: attributes as
// strings, repeated devices always as arrays, and one clear error for a document that is not a domain.
import { XMLParser } from 'fast-xml-parser';
import { ValidationError } from '../errors/index.js';
import { assertWellFormedXml } from './ordered-xml.js';

/** An element as fast-xml-parser gives it: children by name, attributes under `@_name`. */
export type XmlObject = Record<string, unknown>;

/** Elements a document may have several of: always arrays, even when there is one. */
const REPEATED = new Set([
  'domain.devices.disk',
  'domain.devices.channel',
  'domain.devices.interface',
  'domainsnapshot.disks.disk',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  jPath: true,
  isArray: (_name, jpath) => typeof jpath === 'string' && REPEATED.has(jpath),
});

/** `v` as an element, or undefined (absent, text only, or a list). */
export function objectOf(v: unknown): XmlObject | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as XmlObject) : undefined;
}

/** The elements of a repeated child (see REPEATED); empty when absent. */
export function elementsOf(v: unknown): XmlObject[] {
  return Array.isArray(v) ? v.map((x) => objectOf(x) ?? {}) : [];
}

/** An attribute's value, or undefined when the element or the attribute is absent. */
export function attributeOf(n: XmlObject | undefined, name: string): string | undefined {
  const v = n?.[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}

/** An attribute's value when it is present and not empty (an empty path or name names nothing). */
export function nonEmptyAttributeOf(n: XmlObject | undefined, name: string): string | undefined {
  const v = attributeOf(n, name);
  return v === '' ? undefined : v;
}

/** The text of an element that may also carry attributes; undefined when it has none. */
export function textContentOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  const inner = objectOf(v)?.['#text'];
  return typeof inner === 'string' ? inner : undefined;
}

/** A parsed document: its root element under the root's name. */
export function parseXmlDocument(xml: string): XmlObject {
  return objectOf(parser.parse(xml) as unknown) ?? {};
}

/** The `<domain>` element of `xml`, or undefined when the document is not a domain. */
export function domainElementOf(xml: string): XmlObject | undefined {
  return objectOf(parseXmlDocument(xml).domain);
}

/**
 * The `<domain>` element of `xml` (`what` names the document in errors).
 * @throws ValidationError when the text is not well-formed XML or not a domain.
 */
export function requireDomainElement(xml: string, what = 'domain XML'): XmlObject {
  assertWellFormedXml(xml, what);
  const domain = domainElementOf(xml);
  if (domain === undefined) throw new ValidationError(what, 'has no <domain> element');
  return domain;
}
