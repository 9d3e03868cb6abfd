// The schema of /etc/hv/config.yaml: every key, its type, default and meaning. docs/configuration.md
// is generated from the descriptions here, so a key is documented the moment it exists.
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { NAME_MAX_LENGTH, NAME_PATTERN } from '../validate/validate-name.js';
import { catalogEntrySchema } from '../image/catalog/catalog-entry-schema.js';

/** Where hv looks for its configuration unless --config or HV_CONFIG says otherwise. */
export const DEFAULT_CONFIG_PATH = '/etc/hv/config.yaml';

const absolutePath = z
  .string()
  .refine(
    // eslint-disable-next-line no-control-regex
    (p) => isAbsolute(p) && !p.split('/').includes('..') && !/[\x00-\x1f\x7f]/.test(p),
    { error: 'expected an absolute path without ".." or control characters' },
  )
  .meta({ hvType: 'absolute path' });

const objectName = z
  .string()
  .refine((n) => n.length >= 1 && n.length <= NAME_MAX_LENGTH && NAME_PATTERN.test(n), {
    error: `expected a name of 1-${NAME_MAX_LENGTH} characters matching ${NAME_PATTERN.source}`,
  })
  .meta({ hvType: 'name' });

const libvirtUri = z
  .string()
  .refine((u) => /^[a-z][a-z0-9+.-]*:\/\/[^\s]*$/.test(u), {
    error: 'expected a libvirt URI like qemu:///system or qemu+ssh://root@host/system',
  })
  .meta({ hvType: 'libvirt URI' });

/** The configuration file's schema (unknown keys are errors; every key has a default). */
export const configSchema = z.strictObject({
  connect: libvirtUri
    .default('qemu:///system')
    .describe('libvirt URI hv connects to when neither --connect nor HV_CONNECT is given.'),
  state_dir: absolutePath
    .default('/var/lib/hv')
    .describe("Directory for hv's own state: catalog database, locks, job records."),
  log_dir: absolutePath
    .default('/var/log/hv')
    .describe('Directory of hv.log (JSON lines). When it cannot be written, hv logs to stderr only.'),
  log_level: z
    .enum(['error', 'warn', 'info', 'debug'])
    .default('info')
    .describe('Lowest level written to hv.log. (What stderr shows is set by --quiet and --verbose.)'),
  storage: z
    .strictObject({
      pool: objectName.default('hv').describe('Name of the libvirt storage pool hv creates VM disks in.'),
      pool_path: absolutePath
        .default('/var/lib/hv/images')
        .describe('Directory backing that pool (a libvirt "dir" pool).'),
    })
    .prefault({})
    .describe('VM disks.'),
  images: z
    .strictObject({
      dir: absolutePath
        .default('/var/lib/hv/library')
        .describe('Library of downloaded ISOs and cloud images, kept with their checksums.'),
      pool: objectName
        .default('hv-library')
        .describe('Name of the libvirt "dir" storage pool over images.dir (created on first use).'),
      keyring_dir: absolutePath
        .default('/etc/hv/keyrings')
        .describe(
          'Directory of OpenPGP public keyrings (*.gpg, binary, as `gpg --export FPR` writes them) that ' +
            'gpgv checks image signatures with. Only fingerprints pinned in the catalog are trusted.',
        ),
      catalog: z
        .array(catalogEntrySchema)
        .meta({ hvType: 'list of catalog entries' })
        .default([])
        .describe(
          'Extra image catalog entries (same fields as data/images/catalog.yaml, see docs/images.md); ' +
            'an entry with the name of a shipped one replaces it.',
        ),
      catalog_files: z
        .array(absolutePath)
        .default([])
        .describe(
          'Extra catalog files (YAML, `images:` list as in data/images/catalog.yaml), read in order.',
        ),
      retries: z
        .number()
        .int()
        .min(0)
        .max(50)
        .default(5)
        .describe(
          'How often a failed or stalled download is retried (with backoff, resuming where it stopped).',
        ),
      connect_timeout_s: z
        .number()
        .min(0.1)
        .default(30)
        .describe('Seconds to wait for a download server to accept the connection.'),
      stall_timeout_s: z
        .number()
        .min(0.1)
        .default(60)
        .describe('Seconds without a single byte after which a download counts as stalled (and is retried).'),
    })
    .prefault({})
    .describe('Installation media and cloud images.'),
  backup: z
    .strictObject({
      dir: absolutePath.default('/var/lib/hv/backups').describe('Where backups are written.'),
      compress: z
        .boolean()
        .default(true)
        .describe('Compress backup images (qcow2 compression); slower to write, smaller to keep.'),
    })
    .prefault({})
    .describe('Backups.'),
  network: z
    .strictObject({
      default: objectName
        .default('default')
        .describe('libvirt network new VMs are attached to unless their profile names another.'),
    })
    .prefault({})
    .describe('Networking.'),
  vm: z
    .strictObject({
      virt_type: z
        .enum(['auto', 'kvm', 'qemu'])
        .default('auto')
        .describe(
          'Domain type for new VMs: kvm, qemu (TCG, slow, no hardware help), or auto (kvm where usable).',
        ),
    })
    .prefault({})
    .describe('Defaults for new VMs.'),
  doctor: z
    .strictObject({
      min_free_gib: z
        .number()
        .min(0)
        .default(10)
        .describe('hv doctor warns when state_dir or backup.dir has less free space than this (GiB).'),
    })
    .prefault({})
    .describe('Host checks.'),
  autostart: z
    .strictObject({
      groups_order: z
        .array(objectName)
        .default(['core', 'network', 'apps'])
        .describe(
          'Order in which `hv autostart run` starts autostart groups; groups not listed follow ' +
            'alphabetically, VMs without a group come last.',
        ),
      delay_ms: z
        .number()
        .int()
        .min(0)
        .max(600_000)
        .default(1500)
        .describe('Milliseconds `hv autostart run` waits after each VM it starts.'),
      group_delay_ms: z
        .number()
        .int()
        .min(0)
        .max(600_000)
        .default(2500)
        .describe('Extra milliseconds `hv autostart run` waits before the first VM of a new group.'),
      wait_running_seconds: z
        .number()
        .int()
        .min(1)
        .max(3600)
        .default(60)
        .describe('Seconds `hv autostart run` waits for a started VM to be reported running.'),
      stop_timeout_seconds: z
        .number()
        .int()
        .min(1)
        .max(86_400)
        .default(120)
        .describe(
          'Seconds `hv shutdown-all` waits for each VM after the ACPI request before forcing it off.',
        ),
    })
    .prefault({})
    .describe(
      'Ordered start at host boot (`hv autostart run`) and stop at host shutdown (`hv shutdown-all`).',
    ),
  recover: z
    .strictObject({
      max_attempts_per_day: z
        .number()
        .int()
        .min(1)
        .max(100)
        .default(3)
        .describe(
          '`hv recover` restarts a crashed VM at most this often in any 24 hours; beyond that it ' +
            'reports "gave up" and leaves the VM as it is.',
        ),
      backoff_base_s: z
        .number()
        .min(0)
        .max(3600)
        .default(5)
        .describe(
          'Seconds before the second restart of a VM; each further one waits twice as long as the ' +
            'one before (counted from the last attempt, across runs).',
        ),
      backoff_max_s: z
        .number()
        .min(0)
        .max(86_400)
        .default(300)
        .describe('Upper bound of that wait, seconds.'),
    })
    .prefault({})
    .describe('Crashed-VM recovery (`hv recover`).'),
  allowed_roots: z
    .array(absolutePath)
    .default(['/var/lib/hv', '/var/lib/libvirt/images'])
    .describe(
      "Directories where ISOs, images and disks given on the command line may live. hv's own " +
        'directories (storage.pool_path, images.dir, backup.dir) are always allowed as well.',
    ),
});

/** hv's effective configuration: the file's values over the defaults. */
export type HvConfig = z.infer<typeof configSchema>;
