// The Hyper-NixOS VM profile JSON (modules/vm_profile.schema.json@b05ef19 plus the keys its converter
// read beyond it: numa, tpm), validated field by field under their own names. Their files use "" (and
// sometimes null) for "not set", so empty strings read as absent. Unknown keys are not errors here
// (their schema allowed them); hyper-nixos-unknown-fields.ts warns about each one.
import { z } from 'zod';
import { parsePciAddress } from '../../validate/parse-pci-address.js';
import { validateEnum } from '../../validate/validate-enum.js';
import { validateName } from '../../validate/validate-name.js';
import { via } from '../profile-fields.js';
import { checkNodeSet, checkPathText, checkText } from '../profile-values.js';
import { ARCHES, SOUND_MODELS } from '../vm-profile.js';

/** A string where "" and null mean "not set". */
const maybeString = z
  .string()
  .nullish()
  .transform((s) => (s === '' || s === null ? undefined : s));

function maybe<O>(check: (s: string) => O) {
  return via(maybeString, (s) => (s === undefined ? undefined : check(s))).optional();
}

const path = () => maybe((s) => checkPathText('path', s));
const flag = () => z.boolean().nullish();
const int = (min: number, max: number) => z.number().int().min(min).max(max).nullish();
const section = <T extends z.ZodRawShape>(shape: T) => z.object(shape).nullish();

/** Their schema, with the converter's own rules (name pattern, PCI address form) added. */
export const hyperNixosSchema = z.object({
  name: via(z.string(), (n) => validateName('name', n)),
  owner: maybe((s) => checkText('owner', s, 64)),
  arch: maybe((s) => validateEnum('arch', s, ARCHES)),
  cpus: z.number().int().min(1).max(1024),
  memory_mb: z
    .number()
    .int()
    .min(256)
    .max(16 * 1024 * 1024),
  disk_gb: int(1, 1024 * 1024),
  iso_path: path(),
  disk_image_path: path(),
  cloud_init: section({
    seed_iso_path: path(),
    user_data_path: path(),
    meta_data_path: path(),
    network_config_path: path(),
  }),
  network: section({
    bridge: maybe((s) => validateName('bridge', s)),
    zone: maybe((s) => validateName('zone', s)),
    vhost: flag(),
  }),
  cpu_pinning: z.array(z.number().int().min(0).max(4095)).max(4096).nullish(),
  hugepages: flag(),
  audio: section({ model: maybe((s) => validateEnum('model', s, SOUND_MODELS)) }),
  video: section({ heads: int(1, 16) }),
  looking_glass: section({ enable: flag(), size_mb: int(32, 1024) }),
  hostdevs: z
    .array(via(z.string(), (a) => parsePciAddress('pci', a).text))
    .max(32)
    .nullish(),
  cpu_features: section({
    shstk: flag(),
    ibt: flag(),
    avic: flag(),
    secure_avic: flag(),
    sev: flag(),
    sev_es: flag(),
    sev_snp: flag(),
    ciphertext_hiding: flag(),
    secure_tsc: flag(),
    fred: flag(),
    zhaoxin_centaur_leaves: flag(),
  }),
  memory_options: section({ guest_memfd: flag(), private: flag() }),
  limits: section({
    cpu_quota_percent: z.number().min(1).max(1000).nullish(),
    memory_max_mb: int(256, 32 * 1024 * 1024),
  }),
  memballoon: section({ disable: flag() }),
  autostart: flag(),
  autostart_group: maybe((s) => validateName('autostart_group', s)),
  autostart_priority: int(0, 100),
  numa: section({ nodeset: maybe((s) => checkNodeSet('nodeset', s)) }),
  tpm: section({ enable: flag() }),
  os: maybeString.optional(),
});

/** A Hyper-NixOS profile after validation. */
export type HyperNixosProfile = z.output<typeof hyperNixosSchema>;

/** The keys their format knows, per object ('' is the top level), for unknown-field warnings. */
export const HYPER_NIXOS_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(hyperNixosSchema.shape),
  cloud_init: ['seed_iso_path', 'user_data_path', 'meta_data_path', 'network_config_path'],
  network: ['bridge', 'zone', 'vhost'],
  audio: ['model'],
  video: ['heads'],
  looking_glass: ['enable', 'size_mb'],
  cpu_features: [
    'shstk',
    'ibt',
    'avic',
    'secure_avic',
    'sev',
    'sev_es',
    'sev_snp',
    'ciphertext_hiding',
    'secure_tsc',
    'fred',
    'zhaoxin_centaur_leaves',
  ],
  memory_options: ['guest_memfd', 'private'],
  limits: ['cpu_quota_percent', 'memory_max_mb'],
  memballoon: ['disable'],
  numa: ['nodeset'],
  tpm: ['enable'],
};
