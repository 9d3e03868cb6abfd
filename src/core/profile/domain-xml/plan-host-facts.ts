// The conventional host facts for a profile: where hv keeps a VM's disks and seed ISO in its storage
// pool, and where a library ISO lives. `hv profile render` uses them as they are; create resolves and
// checks the same names against libvirt and the allowed roots before defining anything.
import { isAbsolute, join, resolve } from 'node:path';
import type { Arch, VirtType, VmProfile } from '../vm-profile.js';
import type { HostFacts, UefiFirmware, ZoneFacts } from './host-facts.js';

/** Inputs of {@link planHostFacts}: configuration values and what was learnt about the host. */
export interface HostPlanInput {
  readonly virtType: VirtType;
  readonly hostArch: Arch;
  /** Directory of hv's storage pool (configuration storage.pool_path). */
  readonly poolPath: string;
  /** Library of ISOs and images (configuration images.dir). */
  readonly imagesDir: string;
  /** Base for relative paths in the profile (the directory of the profile file, or the cwd). */
  readonly baseDir: string;
  readonly defaultNetwork?: string;
  readonly uefi?: UefiFirmware;
  readonly zones?: Readonly<Record<string, ZoneFacts>>;
  readonly uuid?: string;
}

/** Volume (file) name of a VM's disk number `index` in the pool: `<vm>-disk<index>.qcow2`. @public */
export function diskVolumeName(vmName: string, index: number): string {
  return `${vmName}-disk${index}.qcow2`;
}

/** Volume name of a VM's generated cloud-init seed ISO: `<vm>-cidata.iso`. @public */
export function seedVolumeName(vmName: string): string {
  return `${vmName}-cidata.iso`;
}

/** Volume name of a VM's UEFI variable store: `<vm>-nvram.fd`. @public */
export function nvramVolumeName(vmName: string): string {
  return `${vmName}-nvram.fd`;
}

/**
 * A name without `/` is a library entry (`images.dir/<name>`); other relative paths are taken from
 * `baseDir`; absolute paths stay as they are.
 * @public
 */
export function resolveMediaPath(value: string, imagesDir: string, baseDir: string): string {
  if (isAbsolute(value)) return value;
  return value.includes('/') ? resolve(baseDir, value) : join(imagesDir, value);
}

/** Host facts with hv's conventional locations for this profile. Pure. */
export function planHostFacts(profile: VmProfile, input: HostPlanInput): HostFacts {
  const ci = profile.cloudInit;
  const seed =
    ci === undefined || Object.keys(ci).length === 0
      ? undefined
      : ci.seedIso !== undefined
        ? resolveMediaPath(ci.seedIso, input.imagesDir, input.baseDir)
        : join(input.poolPath, seedVolumeName(profile.name));
  return {
    virtType: input.virtType,
    arch: input.hostArch,
    disks: profile.disks.map((_, i) => ({
      path: join(input.poolPath, diskVolumeName(profile.name, i)),
      format: 'qcow2',
    })),
    ...(profile.iso === undefined
      ? {}
      : { isoPath: resolveMediaPath(profile.iso, input.imagesDir, input.baseDir) }),
    ...(seed === undefined ? {} : { seedIsoPath: seed }),
    ...(input.defaultNetwork === undefined ? {} : { defaultNetwork: input.defaultNetwork }),
    ...(input.uefi === undefined
      ? {}
      : { uefi: input.uefi, nvramPath: join(input.poolPath, nvramVolumeName(profile.name)) }),
    ...(input.zones === undefined ? {} : { zones: input.zones }),
    ...(input.uuid === undefined ? {} : { uuid: input.uuid }),
  };
}
