// What a person sees and hears of an hv profile's VM: graphics (VNC/SPICE on 127.0.0.1 unless told
// otherwise), video, sound and Looking Glass shared memory.
import { z } from 'zod';
import { ValidationError } from '../errors/index.js';
import { parseIpv4, parseIpv6 } from '../validate/ip-address.js';
import { intField, mibField, via } from './profile-fields.js';
import { GRAPHICS_TYPES, VIDEO_MODELS, type Graphics, type LookingGlass, type Video } from './vm-profile.js';

/** Where VNC/SPICE listen unless a profile says otherwise: this host only. */
export const DEFAULT_LISTEN = '127.0.0.1';

/** `graphics`: the remote display. */
export const graphicsSchema = z
  .strictObject({
    type: z.enum(GRAPHICS_TYPES).describe('none (serial console only), vnc or spice.'),
    listen: via(
      z.string().meta({ description: 'IP address the display server listens on.', default: DEFAULT_LISTEN }),
      (a) => {
        if (parseIpv4(a) === undefined && parseIpv6(a) === undefined) {
          throw new ValidationError('listen', 'must be an IP address like 127.0.0.1 or ::1');
        }
        return a;
      },
    ).optional(),
  })
  .transform((g): Graphics => ({ type: g.type, listen: g.listen ?? DEFAULT_LISTEN }));

/** `video`: the emulated graphics card. */
export const videoSchema = z
  .strictObject({
    model: z.enum(VIDEO_MODELS).default('virtio').describe('Video device model.'),
    heads: intField('Number of displays (heads).', 1, 16).default(1),
  })
  .transform((v): Video => ({ model: v.model, heads: v.heads }));

/** `looking_glass`: an ivshmem-plain region for the Looking Glass client. */
export const lookingGlassSchema = z
  .strictObject({
    size: mibField(
      'Shared memory size, a power of two (32M, 64M, 128M...). Default 64M.',
      1,
      1024,
    ).optional(),
  })
  .superRefine((l, ctx) => {
    if (l.size !== undefined && (l.size & (l.size - 1)) !== 0) {
      ctx.addIssue({ code: 'custom', message: 'must be a power of two, like 32M or 64M', path: ['size'] });
    }
  })
  .transform((l): LookingGlass => ({ sizeMiB: l.size ?? 64 }));
