// Why: a snapshot policy (how often is up to the caller; what to keep is here) belongs to its VM, so it
// lives in the VM's hv metadata next to the profile: `<snapshot-policies><policy name=... tz=...
// keep-daily=.../></snapshot-policies>` inside hv's `<vm>` element. These pure functions read that
// element and rewrite only the policies in it, leaving the profile, tags and anything else untouched.
import { XMLParser } from 'fast-xml-parser';
import { ValidationError } from '../errors/index.js';
import { escapeXmlAttr } from '../profile/domain-xml/xml-builder.js';
import {
  RETENTION_KEYS,
  parseRetentionOptions,
  retentionPrunes,
  type RetentionOptions,
} from '../retention/index.js';
import { validateTimeZone } from '../retention/index.js';
import { validateName } from '../validate/validate-name.js';

/** What a policy keeps and how its snapshots are taken. */
export interface SnapshotPolicy {
  /** 1-40 characters (its snapshots are named `<name>-YYYYmmdd-HHMMSS`). */
  readonly name: string;
  readonly retention: RetentionOptions;
  /** IANA zone for the hour/day/week/month/year buckets, fixed when the policy is set. */
  readonly timeZone: string;
  readonly diskOnly?: boolean;
  readonly noMemory?: boolean;
  readonly quiesce?: boolean;
}

/** The policy name used when none is given. */
export const DEFAULT_POLICY_NAME = 'default';
/** Longest policy name (leaves room for `-YYYYmmdd-HHMMSS` within the 64-character name limit). */
const POLICY_NAME_MAX = 40;

/**
 * Check a policy: a name, a valid zone, and at least one keep option (or keep-all).
 * @throws ValidationError naming the field.
 */
export function validatePolicy(p: SnapshotPolicy): SnapshotPolicy {
  validateName('policy name', p.name);
  if (p.name.length > POLICY_NAME_MAX) {
    throw new ValidationError('policy name', `must be at most ${POLICY_NAME_MAX} characters long`, {
      value: p.name,
    });
  }
  validateTimeZone('--tz', p.timeZone);
  if (!retentionPrunes(p.retention) && p.retention.keepAll !== true) {
    throw new ValidationError('retention', 'give at least one --keep-... option above 0 (or --keep-all)');
  }
  return p;
}

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => name === 'policy',
});

/**
 * The policies stored in hv's `<vm>` metadata element (as GetMetadata returns it, any prefix).
 * @throws ValidationError when a stored policy is malformed (names the policy and the attribute).
 */
export function parsePolicies(vmMetadata: string | undefined): SnapshotPolicy[] {
  if (vmMetadata === undefined || vmMetadata.trim() === '') return [];
  const doc = parser.parse(vmMetadata) as Node;
  const vm = doc.vm as Node | undefined;
  const container = vm?.['snapshot-policies'] as Node | undefined;
  const items = Array.isArray(container?.policy) ? (container.policy as Node[]) : [];
  return items.map((n) => {
    const a = (k: string): string | undefined =>
      typeof n[`@_${k}`] === 'string' ? (n[`@_${k}`] as string) : undefined;
    const name = a('name') ?? '';
    const raw: Record<string, unknown> = {};
    for (const { key, flag } of RETENTION_KEYS) if (a(flag) !== undefined) raw[key] = a(flag);
    const retention = parseRetentionOptions({ ...raw, keepAll: a('keep-all') === 'yes' });
    return {
      name,
      retention,
      timeZone: a('tz') ?? 'UTC',
      ...(a('disk-only') === 'yes' && { diskOnly: true }),
      ...(a('no-memory') === 'yes' && { noMemory: true }),
      ...(a('quiesce') === 'yes' && { quiesce: true }),
    };
  });
}

function policyElement(p: SnapshotPolicy): string {
  const attrs: [string, string | undefined][] = [
    ['name', p.name],
    ['tz', p.timeZone],
    ...RETENTION_KEYS.map(({ key, flag }): [string, string | undefined] => [
      flag,
      (p.retention[key] ?? 0) > 0 ? String(p.retention[key]) : undefined,
    ]),
    ['keep-all', p.retention.keepAll === true ? 'yes' : undefined],
    ['disk-only', p.diskOnly === true ? 'yes' : undefined],
    ['no-memory', p.noMemory === true ? 'yes' : undefined],
    ['quiesce', p.quiesce === true ? 'yes' : undefined],
  ];
  return `<policy${attrs
    .filter((kv): kv is [string, string] => kv[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXmlAttr(v)}"`)
    .join('')}/>`;
}

const POLICIES_ELEMENT =
  /<(?:[\w.-]+:)?snapshot-policies(?:\s[^>]*)?(?:\/>|>[\s\S]*?<\/(?:[\w.-]+:)?snapshot-policies>)/g;

/**
 * hv's `<vm>` metadata with its snapshot policies replaced by `policies` (none: the element goes).
 * Everything else in it is kept byte for byte. Input and output are unprefixed, as libvirt's
 * GetMetadata returns them and SetMetadata (with key `hv`) takes them.
 */
export function withPolicies(vmMetadata: string | undefined, policies: readonly SnapshotPolicy[]): string {
  const block =
    policies.length === 0
      ? ''
      : `<snapshot-policies>${policies.map(policyElement).join('')}</snapshot-policies>`;
  const base = (vmMetadata ?? '').trim();
  if (base === '' || /^<vm\s*\/>$/.test(base)) return `<vm>${block}</vm>`;
  const stripped = base.replace(POLICIES_ELEMENT, '');
  const close = stripped.lastIndexOf('</');
  if (!/^<vm[\s>]/.test(stripped) || close < 0) {
    throw new ValidationError('hv metadata', 'is not a <vm> element', { value: base.slice(0, 60) });
  }
  return `${stripped.slice(0, close)}${block}${stripped.slice(close)}`;
}
