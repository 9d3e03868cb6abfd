// The hv profile file format (YAML or JSON): every key, its type, default and meaning. Unknown keys
// are errors (a typo must not silently drop a setting). Parsing yields the normalized VmProfile;
// rules that involve several fields live in check-profile.ts. The JSON Schema for editors and the
// field list of docs/profiles.md are generated from this schema.
import { z } from 'zod';
import { parsePciAddress } from '../validate/parse-pci-address.js';
import { bootOrderSchema, cloudInitSchema, kernelSchema } from './boot-schema.js';
import { assignTargets, diskSchema } from './disk-schema.js';
import { DEFAULT_LISTEN, graphicsSchema, lookingGlassSchema, videoSchema } from './display-schema.js';
import { nicSchema } from './nic-schema.js';
import { intField, mibField, nameField, pathField, textField, via } from './profile-fields.js';
import { cpuSchema, limitsSchema, memoryBackingSchema, MEMORY_MAX_MIB, numaSchema } from './tuning-schema.js';
import {
  ARCHES,
  FIRMWARES,
  LAUNCH_SECURITY_TYPES,
  SOUND_MODELS,
  VIRT_TYPES,
  type Arch,
  type Firmware,
  type VmProfile,
} from './vm-profile.js';

/** Firmware when a profile does not choose: what each architecture's usual machine boots with. @public */
export function defaultFirmware(arch: Arch): Firmware {
  return arch === 'aarch64' || arch === 'loongarch64' ? 'uefi' : 'bios';
}

const fields = {
  $schema: z.string().optional().describe('URL of the JSON Schema, for editors; ignored by hv.'),
  name: nameField('VM name: 1-64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit.'),
  description: textField('Free text about the VM (may span lines).', 4096, true).optional(),
  owner: textField('Person or team the VM belongs to (shown and filtered on, not enforced).', 64).optional(),
  tags: z
    .array(nameField('A tag.'))
    .max(32)
    .default([])
    .describe('Tags for grouping and filtering (hv ls --tag).'),
  arch: z.enum(ARCHES).default('x86_64').describe('Guest architecture.'),
  virt_type: z
    .enum(VIRT_TYPES)
    .default('auto')
    .describe('kvm, qemu (TCG: slow, no hardware help), or auto: kvm where KVM really works, else qemu.'),
  cpus: intField('Number of vCPUs.', 1, 1024),
  memory: mibField('Guest RAM with a binary unit (2G, 512M); whole MiB.', 32, MEMORY_MAX_MIB),
  firmware: z
    .enum(FIRMWARES)
    .optional()
    .describe(
      'bios or uefi (per-VM NVRAM). Unset: bios on x86_64 and riscv64, uefi on aarch64 and loongarch64.',
    ),
  secure_boot: z
    .boolean()
    .default(false)
    .describe('UEFI secure boot with Microsoft keys enrolled (x86_64, uefi).'),
  tpm: z.boolean().default(false).describe('An emulated TPM 2.0 (swtpm).'),
  boot: bootOrderSchema.optional(),
  kernel: kernelSchema
    .optional()
    .describe('Direct kernel boot: the VM starts this kernel instead of a bootloader.'),
  disks: z.array(diskSchema).max(64).default([]).describe('Disks, in order (the first is the boot disk).'),
  iso: pathField('Installation ISO attached as a CD-ROM: a library name (no "/"), or a path.').optional(),
  cloud_init: cloudInitSchema.optional().describe('cloud-init NoCloud data for the first boot.'),
  nics: z
    .array(nicSchema)
    .max(16)
    .optional()
    .describe("Network interfaces. Unset: one virtio NIC on the host's default network; [] for none."),
  graphics: graphicsSchema
    .optional()
    .describe('Remote display. Unset: none (the serial console is always there).'),
  video: videoSchema
    .optional()
    .describe('Video device. Unset: virtio with one head when graphics is set, else none.'),
  audio: z.enum(SOUND_MODELS).optional().describe('Sound card model. Unset: no sound.'),
  cpu: cpuSchema.prefault({}).describe('CPU model, features and pinning.'),
  memory_backing: memoryBackingSchema.prefault({}).describe('How guest RAM is backed on the host.'),
  numa: numaSchema.optional().describe('Host NUMA placement of guest memory.'),
  limits: limitsSchema.prefault({}).describe('Limits libvirt enforces through cgroups.'),
  memballoon: z
    .boolean()
    .default(true)
    .describe('The virtio memory balloon (lets the host reclaim free guest RAM).'),
  rng: z.boolean().default(true).describe("A virtio RNG fed from the host's /dev/urandom."),
  looking_glass: lookingGlassSchema
    .optional()
    .describe('Looking Glass shared memory (ivshmem-plain); set to enable.'),
  hostdevs: z
    .array(
      via(
        z.string().meta({ description: 'PCI address (0000:01:00.0 or 01:00.0).' }),
        (a) => parsePciAddress('pci', a).text,
      ),
    )
    .max(32)
    .default([])
    .describe('PCI devices passed through to the VM (VFIO, managed by libvirt).'),
  launch_security: z
    .enum(LAUNCH_SECURITY_TYPES)
    .optional()
    .describe('AMD memory encryption: sev or sev-es (x86_64; the host must support it).'),
  autostart: z.boolean().default(false).describe('Start the VM when the host boots.'),
  autostart_group: nameField('Group for boot ordering (groups start in the configured order).').optional(),
  autostart_priority: intField('Order inside the group, 0-100; lower starts earlier.', 0, 100).default(50),
};

type Parsed = z.output<z.ZodObject<typeof fields>>;

function toVmProfile(p: Parsed): VmProfile {
  const opt = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
    (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
  return {
    name: p.name,
    ...opt('description', p.description),
    ...opt('owner', p.owner),
    tags: p.tags,
    arch: p.arch,
    virtType: p.virt_type,
    cpus: p.cpus,
    memoryMiB: p.memory,
    firmware: p.firmware ?? defaultFirmware(p.arch),
    secureBoot: p.secure_boot,
    tpm: p.tpm,
    ...opt('boot', p.boot),
    ...opt('kernel', p.kernel),
    disks: assignTargets(p.disks),
    ...opt('iso', p.iso),
    ...opt('cloudInit', p.cloud_init),
    nics: p.nics ?? [{ source: { type: 'network' }, model: 'virtio', vhost: false }],
    graphics: p.graphics ?? { type: 'none', listen: DEFAULT_LISTEN },
    ...opt('video', p.video),
    ...opt('audio', p.audio),
    cpu: p.cpu,
    memoryBacking: p.memory_backing,
    ...opt('numa', p.numa),
    limits: p.limits,
    memballoon: p.memballoon,
    rng: p.rng,
    ...opt('lookingGlass', p.looking_glass),
    hostdevs: p.hostdevs,
    ...opt('launchSecurity', p.launch_security),
    autostart: p.autostart,
    ...opt('autostartGroup', p.autostart_group),
    autostartPriority: p.autostart_priority,
  };
}

/** The hv profile schema: validates the file's object and yields a VmProfile (before cross-field checks). */
export const profileSchema = z.strictObject(fields).transform(toVmProfile);
