// The `nics` entries of an hv profile: where each NIC is plugged in (at most one of network, bridge,
// zone, user; none means the host's default network), its MAC and model, and vhost. Leaving `nics`
// out gives one virtio NIC on the host's default network; `nics: []` gives none.
import { z } from 'zod';
import { normalizeMac } from '../validate/normalize-mac.js';
import { nameField, via } from './profile-fields.js';
import { NIC_MODELS, type NicSource, type NicSpec } from './vm-profile.js';

/** Schema of one `nics` entry. */
export const nicSchema = z
  .strictObject({
    network: nameField(
      "libvirt network to plug into. When no network, bridge, zone or user is set: the host's default " +
        'network (configuration network.default).',
    ).optional(),
    bridge: nameField('Host bridge to plug into (e.g. br0).').optional(),
    zone: nameField('Network zone (e.g. secure, untrusted); the host maps it to its bridge.').optional(),
    user: z.literal(true).optional().describe('User-mode networking (outbound only, no host set-up).'),
    mac: via(
      z.string().meta({ description: 'MAC address (52:54:00:xx:xx:xx); unset: libvirt picks one.' }),
      (m) => normalizeMac('mac', m),
    ).optional(),
    model: z.enum(NIC_MODELS).default('virtio').describe('NIC model the guest sees.'),
    vhost: z.boolean().default(false).describe('Ask for the vhost-net backend explicitly (virtio only).'),
  })
  .superRefine((n, ctx) => {
    const set = (['network', 'bridge', 'zone', 'user'] as const).filter((k) => n[k] !== undefined);
    if (set.length > 1) {
      ctx.addIssue({
        code: 'custom',
        message: `must set at most one of network, bridge, zone, user (got ${set.join(' and ')})`,
        input: n,
      });
    }
    if (n.vhost && n.model !== 'virtio') {
      ctx.addIssue({ code: 'custom', message: 'vhost needs model virtio', path: ['vhost'], input: n.vhost });
    }
  })
  .transform((n): NicSpec => {
    const source: NicSource =
      n.bridge !== undefined
        ? { type: 'bridge', bridge: n.bridge }
        : n.zone !== undefined
          ? { type: 'zone', zone: n.zone }
          : n.user === true
            ? { type: 'user' }
            : n.network === undefined
              ? { type: 'network' }
              : { type: 'network', network: n.network };
    return { source, model: n.model, vhost: n.vhost, ...(n.mac === undefined ? {} : { mac: n.mac }) };
  });
