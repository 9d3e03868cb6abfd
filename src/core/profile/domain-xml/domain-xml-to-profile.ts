// Reads hv's profile back out of a domain's XML (as `virsh dumpxml` or libvirt's GetXMLDesc gives it),
// for apply, export and clone. The profile JSON in hv's metadata is validated again like any file, so
// hand-edited or foreign metadata cannot smuggle in what a profile may not hold.
import { XMLParser } from 'fast-xml-parser';
import { ValidationError } from '../../errors/index.js';
import { parseProfileObject } from '../parse-profile-text.js';
import type { VmProfile } from '../vm-profile.js';
import { HV_VM_NAMESPACE, type ProfileOrigin } from './domain-metadata.js';

/** What hv stored about a VM in its domain XML. */
export interface DomainProfile {
  readonly profile: VmProfile;
  readonly tags: readonly string[];
  readonly origin?: ProfileOrigin;
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Entities are decoded here in one pass (decodeXml): decoding twice would turn a literal "&#10;"
  // written as "&amp;#10;" into a newline.
  processEntities: false,
});

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decode the five XML entities and numeric character references, in one pass. */
function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return NAMED[ref] ?? whole;
  });
}

function asNode(v: unknown): Node | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;
}

function textOf(v: unknown): string | undefined {
  const t = typeof v === 'string' ? v : asNode(v)?.['#text'];
  return typeof t === 'string' ? decodeXml(t) : undefined;
}

function attrOf(node: Node | undefined, name: string): string | undefined {
  const v = node?.[`@_${name}`];
  return typeof v === 'string' ? decodeXml(v) : undefined;
}

/** hv's `<prefix:vm>` element (any prefix bound to hv's namespace) and its prefix. */
function findHvVm(metadata: Node): { vm: Node; prefix: string } | undefined {
  for (const [key, value] of Object.entries(metadata)) {
    const m = /^(?:([\w.-]+):)?vm$/.exec(key);
    const node = asNode(value);
    if (m === null || node === undefined) continue;
    if (attrOf(node, m[1] === undefined ? 'xmlns' : `xmlns:${m[1]}`) === HV_VM_NAMESPACE)
      return { vm: node, prefix: m[1] === undefined ? '' : `${m[1]}:` };
  }
  return undefined;
}

/**
 * The profile hv stored in `xml`, or undefined when the domain has no hv metadata (a VM hv did not
 * create).
 * @throws ValidationError (PROFILE_INVALID) when the XML cannot be parsed or the stored profile is
 *   not valid JSON; ProfileError when it breaks a profile rule.
 */
export function domainXmlToProfile(xml: string): DomainProfile | undefined {
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (err) {
    throw new ValidationError('domain XML', 'is not well-formed XML', {
      code: 'PROFILE_INVALID',
      cause: err,
    });
  }
  const metadata = asNode(asNode(doc.domain)?.metadata);
  const found = metadata === undefined ? undefined : findHvVm(metadata);
  if (found === undefined) return undefined;
  const { vm, prefix } = found;
  const json = textOf(vm[`${prefix}profile`]);
  if (json === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new ValidationError('metadata profile', 'is not valid JSON', {
      code: 'PROFILE_INVALID',
      cause: err,
    });
  }
  const { profile } = parseProfileObject(raw, 'domain metadata');
  const originNode = asNode(vm[`${prefix}origin`]);
  const format = attrOf(originNode, 'format');
  const file = attrOf(originNode, 'file');
  const origin: ProfileOrigin | undefined =
    format === 'hv' || format === 'hyper-nixos'
      ? { format, ...(file === undefined ? {} : { file }) }
      : undefined;
  return { profile, tags: profile.tags, ...(origin === undefined ? {} : { origin }) };
}
