// How an hv profile's VM boots: direct kernel boot (kernel, initrd, command line), the boot order, and
// the cloud-init data that first boot reads.
import { z } from 'zod';
import { pathField, textField } from './profile-fields.js';
import { BOOT_DEVICES, type CloudInit, type KernelBoot } from './vm-profile.js';

/** `kernel`: boot this kernel directly instead of firmware reading a disk. */
export const kernelSchema = z
  .strictObject({
    path: pathField('Kernel image on the host (vmlinuz/vmlinux), absolute.', true),
    initrd: pathField('Initial ramdisk on the host, absolute.', true).optional(),
    cmdline: textField('Kernel command line, e.g. "console=ttyS0 root=/dev/vda1".', 4096).optional(),
  })
  .transform((k): KernelBoot => ({
    path: k.path,
    ...(k.initrd === undefined ? {} : { initrd: k.initrd }),
    ...(k.cmdline === undefined ? {} : { cmdline: k.cmdline }),
  }));

/** `boot`: devices in the order firmware tries them. */
export const bootOrderSchema = z
  .array(z.enum(BOOT_DEVICES))
  .min(1)
  .max(3)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    for (const [i, dev] of list.entries()) {
      if (seen.has(dev))
        ctx.addIssue({ code: 'custom', message: `${dev} is listed twice`, path: [i], input: dev });
      seen.add(dev);
    }
  })
  .describe('Boot order, e.g. [cdrom, hd]. Unset: cdrom then hd when an ISO is attached, else hd.');

/** `cloud_init`: NoCloud data given as files, or a ready seed ISO. */
export const cloudInitSchema = z
  .strictObject({
    user_data: pathField('cloud-init user-data file (#cloud-config...).').optional(),
    meta_data: pathField('cloud-init meta-data file.').optional(),
    network_config: pathField('cloud-init network-config file.').optional(),
    seed_iso: pathField(
      'A ready-made NoCloud seed ISO (volume label cidata); excludes the files above.',
    ).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.seed_iso !== undefined && (c.user_data ?? c.meta_data ?? c.network_config) !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'seed_iso excludes user_data, meta_data and network_config (the seed already holds them)',
        path: ['seed_iso'],
        input: c.seed_iso,
      });
    }
  })
  .transform((c): CloudInit => ({
    ...(c.user_data === undefined ? {} : { userData: c.user_data }),
    ...(c.meta_data === undefined ? {} : { metaData: c.meta_data }),
    ...(c.network_config === undefined ? {} : { networkConfig: c.network_config }),
    ...(c.seed_iso === undefined ? {} : { seedIso: c.seed_iso }),
  }));
