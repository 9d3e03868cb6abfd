// A VmProfile written back in hv's file format (snake_case keys, sizes with units): the full form is
// what hv stores in a domain's metadata, so a later hv version with other defaults still knows exactly
// what was asked; the compact form leaves out defaults, for files people read (import, export).
import { isDeepStrictEqual } from 'node:util';
import { assignTargets } from './disk-schema.js';
import { DEFAULT_LISTEN } from './display-schema.js';
import { profileSchema } from './profile-schema.js';
import type { DiskSpec, NicSpec, VmProfile } from './vm-profile.js';

type Doc = Record<string, unknown>;

const UNITS: readonly [string, number][] = [
  ['P', 2 ** 50],
  ['T', 2 ** 40],
  ['G', 2 ** 30],
  ['M', 2 ** 20],
  ['K', 2 ** 10],
];

/** Exact size text: the largest unit that divides the size (`20G`, `1536M`), else plain bytes. */
export function sizeText(bytes: number): string {
  for (const [unit, factor] of UNITS) if (bytes % factor === 0) return `${bytes / factor}${unit}`;
  return String(bytes);
}

function put(doc: Doc, key: string, value: unknown): void {
  if (value !== undefined) doc[key] = value;
}

function diskDoc(d: DiskSpec): Doc {
  const out: Doc = {};
  put(out, 'size', d.sizeBytes === undefined ? undefined : sizeText(d.sizeBytes));
  out.bus = d.bus;
  put(out, 'cache', d.cache);
  out.discard = d.discard;
  put(out, 'from', d.from);
  out.linked = d.linked;
  out.target = d.target;
  return out;
}

function nicDoc(n: NicSpec): Doc {
  const out: Doc = {};
  const s = n.source;
  if (s.type === 'network') put(out, 'network', s.network);
  else if (s.type === 'bridge') out.bridge = s.bridge;
  else if (s.type === 'zone') out.zone = s.zone;
  else out.user = true;
  put(out, 'mac', n.mac);
  out.model = n.model;
  out.vhost = n.vhost;
  return out;
}

function fullDoc(p: VmProfile): Doc {
  const doc: Doc = { name: p.name };
  put(doc, 'description', p.description);
  put(doc, 'owner', p.owner);
  Object.assign(doc, { tags: [...p.tags], arch: p.arch, virt_type: p.virtType, cpus: p.cpus });
  Object.assign(doc, { memory: sizeText(p.memoryMiB * 2 ** 20), firmware: p.firmware });
  Object.assign(doc, { secure_boot: p.secureBoot, tpm: p.tpm });
  put(doc, 'boot', p.boot === undefined ? undefined : [...p.boot]);
  put(doc, 'kernel', p.kernel === undefined ? undefined : { ...p.kernel });
  doc.disks = p.disks.map(diskDoc);
  put(doc, 'iso', p.iso);
  const c = p.cloudInit;
  if (c !== undefined) {
    const ci: Doc = {};
    put(ci, 'user_data', c.userData);
    put(ci, 'meta_data', c.metaData);
    put(ci, 'network_config', c.networkConfig);
    put(ci, 'seed_iso', c.seedIso);
    doc.cloud_init = ci;
  }
  doc.nics = p.nics.map(nicDoc);
  doc.graphics = { ...p.graphics };
  put(doc, 'video', p.video === undefined ? undefined : { ...p.video });
  put(doc, 'audio', p.audio);
  doc.cpu = { mode: p.cpu.mode, features: [...p.cpu.features], pinning: [...p.cpu.pinning] };
  doc.memory_backing = { ...p.memoryBacking };
  put(doc, 'numa', p.numa === undefined ? undefined : { ...p.numa });
  const limits: Doc = {};
  put(limits, 'cpu_quota_percent', p.limits.cpuQuotaPercent);
  put(
    limits,
    'memory_max',
    p.limits.memoryMaxMiB === undefined ? undefined : sizeText(p.limits.memoryMaxMiB * 2 ** 20),
  );
  doc.limits = limits;
  Object.assign(doc, { memballoon: p.memballoon, rng: p.rng });
  put(
    doc,
    'looking_glass',
    p.lookingGlass === undefined ? undefined : { size: sizeText(p.lookingGlass.sizeMiB * 2 ** 20) },
  );
  doc.hostdevs = [...p.hostdevs];
  put(doc, 'launch_security', p.launchSecurity);
  doc.autostart = p.autostart;
  put(doc, 'autostart_group', p.autostartGroup);
  doc.autostart_priority = p.autostartPriority;
  return doc;
}

/** Drop per-item defaults from disks and NICs, and targets that assignment would give anyway. */
function compactItems(p: VmProfile, doc: Doc): void {
  const auto = assignTargets(p.disks.map(({ target: _t, ...rest }) => rest));
  const keepTargets = auto.some((d, i) => d.target !== p.disks[i]?.target);
  const drop = (items: unknown, defaults: Doc, also?: (d: Doc) => void): Doc[] | undefined =>
    Array.isArray(items)
      ? (items as Doc[]).map((item) => {
          const out = Object.fromEntries(Object.entries(item).filter(([k, v]) => defaults[k] !== v));
          also?.(out);
          return out;
        })
      : undefined;
  put(
    doc,
    'disks',
    drop(doc.disks, { bus: 'virtio', discard: true }, (d) => {
      if (d.linked === true || d.from === undefined) delete d.linked;
      if (!keepTargets) delete d.target;
    }),
  );
  put(doc, 'nics', drop(doc.nics, { model: 'virtio', vhost: false }));
  const g = doc.graphics as Doc | undefined;
  if (g?.listen === DEFAULT_LISTEN) delete g.listen;
}

/**
 * The profile in hv's file format. Full (default): every key explicit. `compact`: keys equal to the
 * defaults are left out. Either parses back (parseProfileObject) to an equal VmProfile.
 */
export function profileToDocument(p: VmProfile, options: { compact?: boolean } = {}): Doc {
  const doc = fullDoc(p);
  if (options.compact !== true) return doc;
  const base = profileSchema.parse({ name: p.name, cpus: p.cpus, memory: doc.memory, arch: p.arch });
  const defaults = fullDoc(base);
  const compact = Object.fromEntries(
    Object.entries(doc).filter(
      ([key, value]) =>
        ['name', 'cpus', 'memory'].includes(key) ||
        // The defaults were computed for this arch (firmware depends on it): compare arch itself with x86_64.
        (key === 'arch' ? value !== 'x86_64' : !isDeepStrictEqual(value, defaults[key])),
    ),
  );
  // Sections whose keys all have defaults: keep only the keys that differ.
  for (const key of ['cpu', 'memory_backing'] as const) {
    const value = compact[key] as Doc | undefined;
    const base = defaults[key] as Doc;
    if (value !== undefined) {
      compact[key] = Object.fromEntries(
        Object.entries(value).filter(([k, v]) => !isDeepStrictEqual(v, base[k])),
      );
    }
  }
  compactItems(p, compact);
  return compact;
}
