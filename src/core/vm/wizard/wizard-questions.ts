// The questions create_vm_wizard.sh meant to ask, as data: each has an id (the key of its answer in the
// state file), a prompt, a default drawn from the host, the condition under which it is asked, its
// choices, and the profile fields its answer becomes (so profile-schema errors on those fields are its
// errors). Pure.
import { ARCHES, FIRMWARES, GRAPHICS_TYPES } from '../../profile/vm-profile.js';
import { ValidationError } from '../../errors/index.js';
import { checkUserName } from '../create/cloud-user.js';
import type { WizardContext } from './wizard-context.js';

/** Answers so far, by question id (text as typed, defaults filled in). */
export type Answers = Readonly<Record<string, string>>;

/** One question. */
export interface Question {
  readonly id: string;
  readonly prompt: string;
  /** The rule, shown with the prompt and after a bad answer. */
  readonly help: string;
  /** Profile field paths this answer sets (their schema errors are this question's). */
  readonly fields: readonly string[];
  /** A blank answer (or `-`) means "none" instead of the default. */
  readonly optional?: boolean;
  readonly choices?: (ctx: WizardContext, a: Answers) => readonly string[];
  /** Choices only suggest: any other answer is checked by the rules (paths, names). */
  readonly openChoices?: boolean;
  readonly defaultValue: (ctx: WizardContext, a: Answers) => string;
  readonly when?: (a: Answers) => boolean;
  /** Extra rule beyond the profile schema: an error text, or undefined. */
  readonly check?: (value: string, ctx: WizardContext, a: Answers) => string | undefined;
}

const YES_NO = ['y', 'n'];

/** The rule a throwing validator broke, or undefined when it passed. */
function ruleOf(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (err) {
    if (err instanceof ValidationError) return err.rule;
    throw err;
  }
}
const yes = (v: string | undefined): boolean => v === 'y' || v === 'yes';
const isPath = (v: string): boolean => v.includes('/');
const libraryOf = (ctx: WizardContext, kind: 'iso' | 'cloud'): string[] =>
  ctx.images.filter((i) => i.kind === kind).map((i) => i.name);

/** A y/n question whose default is n. */
function yesNo(
  id: string,
  prompt: string,
  fields: readonly string[],
  when?: (a: Answers) => boolean,
): Question {
  return {
    id,
    prompt,
    help: 'y or n',
    fields,
    choices: () => YES_NO,
    defaultValue: () => 'n',
    ...(when !== undefined && { when }),
  };
}

/** The free `vm-N` name with the smallest N. */
function freeName(vms: readonly string[]): string {
  for (let n = 1; ; n++) if (!vms.includes(`vm-${n}`)) return `vm-${n}`;
}

function mediaCheck(kind: 'iso' | 'cloud') {
  return (v: string, ctx: WizardContext): string | undefined => {
    if (isPath(v)) return ctx.checkFile(v);
    if (libraryOf(ctx, kind).includes(v)) return undefined;
    return `is not an ${kind === 'iso' ? 'ISO' : 'cloud image'} in the ${ctx.libraryLabel} (give a name from the list or a path with a /)`;
  };
}

/** Memory default: 2G when at least 4 GiB are free, else 1G, else 512M. */
function memoryDefault(ctx: WizardContext): string {
  if (ctx.freeMemoryMiB >= 4096) return '2G';
  return ctx.freeMemoryMiB >= 1024 ? '1G' : '512M';
}

/** Every question, in the order they are asked. */
export const QUESTIONS: readonly Question[] = [
  {
    id: 'name',
    prompt: 'VM name',
    help: 'letters, digits, . _ - (starting with a letter or digit), at most 64; not an existing VM',
    fields: ['name'],
    defaultValue: (ctx) => freeName(ctx.vms),
    check: (v, ctx) => (ctx.vms.includes(v) ? `a VM named ${v} already exists` : undefined),
  },
  {
    id: 'owner',
    prompt: 'Owner (person or team)',
    help: 'one line, at most 64 characters; blank for none',
    fields: ['owner'],
    optional: true,
    defaultValue: () => '',
  },
  {
    id: 'cpus',
    prompt: 'vCPUs',
    help: 'a whole number from 1 to the host cores',
    fields: ['cpus'],
    defaultValue: (ctx) => String(Math.min(2, ctx.cores)),
    check: (v, ctx) =>
      /^\d+$/.test(v) && Number(v) > ctx.cores
        ? `must be at most ${ctx.cores} (the host's cores)`
        : undefined,
  },
  {
    id: 'memory',
    prompt: 'Memory',
    help: 'a size like 512M or 2G (whole MiB), at most the host memory',
    fields: ['memory'],
    defaultValue: memoryDefault,
  },
  {
    id: 'disk',
    prompt: 'Disk size',
    help: 'a size like 20G (with a cloud image: at least the image size)',
    fields: ['disks'],
    defaultValue: () => '20G',
  },
  {
    id: 'arch',
    prompt: 'Architecture',
    help: `one of ${ARCHES.join(', ')}`,
    fields: ['arch'],
    choices: () => ARCHES,
    defaultValue: (ctx) => ctx.hostArch,
  },
  {
    id: 'network',
    prompt: 'Network',
    help: 'a libvirt network, bridge:NAME, zone:NAME, user (user-mode NAT) or none',
    fields: ['nics'],
    choices: (ctx) => [...ctx.networks, 'user', 'none'],
    openChoices: true,
    defaultValue: (ctx) => (ctx.networks.includes(ctx.defaultNetwork) ? ctx.defaultNetwork : 'user'),
    check: (v, ctx) =>
      /^(bridge|zone):/.test(v) || ['user', 'none'].includes(v) || ctx.networks.includes(v)
        ? undefined
        : `is not a libvirt network here (${ctx.networks.join(', ') || 'none defined'}); or bridge:NAME, zone:NAME, user, none`,
  },
  {
    id: 'media',
    prompt: 'Install from',
    help: 'image (a cloud image, as a linked overlay with cloud-init), iso (an installer ISO) or none',
    fields: [],
    choices: () => ['image', 'iso', 'none'],
    defaultValue: (ctx) =>
      libraryOf(ctx, 'cloud').length > 0 ? 'image' : libraryOf(ctx, 'iso').length > 0 ? 'iso' : 'none',
  },
  {
    id: 'image',
    prompt: 'Cloud image',
    help: 'a library image name (hv image list) or a path with a /',
    fields: ['disks'],
    choices: (ctx) => libraryOf(ctx, 'cloud'),
    openChoices: true,
    when: (a) => a.media === 'image',
    defaultValue: (ctx) => libraryOf(ctx, 'cloud')[0] ?? '',
    check: mediaCheck('cloud'),
  },
  {
    id: 'user',
    prompt: 'Login user (cloud-init)',
    help: 'a Linux user name with sudo and key-only login; blank for none',
    fields: [],
    optional: true,
    when: (a) => a.media === 'image',
    defaultValue: (ctx) => ctx.userName ?? 'ops',
    check: (v) => ruleOf(() => checkUserName('user', v)),
  },
  {
    id: 'ssh_key',
    prompt: 'SSH public key file for that user',
    help: 'a file of OpenSSH public keys; blank for none',
    fields: [],
    optional: true,
    when: (a) => a.media === 'image' && (a.user ?? '') !== '',
    defaultValue: (ctx) => ctx.keyFiles[0] ?? '',
    check: (v, ctx) => ctx.checkKeyFile(v),
  },
  {
    id: 'iso',
    prompt: 'Installer ISO',
    help: 'a library ISO name (hv image list) or a path with a /',
    fields: ['iso'],
    choices: (ctx) => libraryOf(ctx, 'iso'),
    openChoices: true,
    when: (a) => a.media === 'iso',
    defaultValue: (ctx) => libraryOf(ctx, 'iso')[0] ?? '',
    check: mediaCheck('iso'),
  },
  yesNo('advanced', 'Advanced settings (firmware, display, huge pages, autostart)?', []),
  {
    id: 'firmware',
    prompt: 'Firmware',
    help: FIRMWARES.join(' or '),
    fields: ['firmware'],
    choices: () => FIRMWARES,
    when: (a) => yes(a.advanced),
    defaultValue: () => 'bios',
  },
  {
    id: 'graphics',
    prompt: 'Display',
    help: `${GRAPHICS_TYPES.join(', ')} (VNC/SPICE listen on 127.0.0.1)`,
    fields: ['graphics'],
    choices: () => GRAPHICS_TYPES,
    when: (a) => yes(a.advanced),
    defaultValue: (_ctx, a) => graphicsDefault(a),
  },
  {
    ...yesNo('hugepages', 'Back memory with huge pages?', ['memory_backing'], (a) => yes(a.advanced)),
    help: 'y or n (reserve them on the host first)',
    defaultValue: (ctx) => (ctx.hugepagesReserved ? 'y' : 'n'),
  },
  yesNo('autostart', 'Start with the host?', ['autostart'], (a) => yes(a.advanced)),
  {
    id: 'autostart_group',
    prompt: 'Autostart group',
    help: 'a name (groups start in the configured order); blank for none',
    fields: ['autostart_group'],
    optional: true,
    when: (a) => yes(a.advanced) && yes(a.autostart),
    defaultValue: () => '',
  },
  {
    id: 'autostart_priority',
    prompt: 'Autostart priority',
    help: '0-100, lower starts earlier',
    fields: ['autostart_priority'],
    when: (a) => yes(a.advanced) && yes(a.autostart),
    defaultValue: () => '50',
  },
  yesNo('start', 'Start the VM once it is created?', []),
];

/** Graphics when not asked: a screen for an installer ISO, none otherwise. */
export function graphicsDefault(a: Answers): string {
  return a.media === 'iso' ? 'vnc' : 'none';
}

/** Whether a y/n answer is yes. */
export function isYes(v: string | undefined): boolean {
  return yes(v);
}
