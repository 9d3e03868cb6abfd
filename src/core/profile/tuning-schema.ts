// Performance and isolation settings of an hv profile: CPU model, features and pinning; memory
// backing; NUMA placement; and the cgroup limits libvirt enforces (CPU quota, memory hard limit).
import { z } from 'zod';
import { intField, mibField, nodeSetField } from './profile-fields.js';
import {
  CPU_MODES,
  NUMA_MODES,
  type CpuSpec,
  type Limits,
  type MemoryBacking,
  type Numa,
} from './vm-profile.js';

/** Largest memory a profile may ask for, MiB (16 TiB). */
export const MEMORY_MAX_MIB = 16 * 1024 * 1024;

/** `cpu`: model, required features and pinning. */
export const cpuSchema = z
  .strictObject({
    mode: z
      .enum(CPU_MODES)
      .default('auto')
      .describe(
        'CPU model: auto (host-passthrough under kvm, maximum under qemu), host-passthrough, host-model, maximum.',
      ),
    features: z
      .array(
        z
          .string()
          .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, { error: 'must be a CPU feature name like shstk or ibt' })
          .meta({ description: 'A CPU feature name (lower case).' }),
      )
      .max(64)
      .default([])
      .describe('CPU features the guest requires, e.g. [shstk, ibt] (Intel CET).'),
    pinning: z
      .array(intField('Host CPU number.', 0, 4095))
      .max(4096)
      .default([])
      .describe('Host CPUs to pin vCPUs to: vCPU i runs on pinning[i mod length]. Empty: no pinning.'),
  })
  .transform((c): CpuSpec => ({ mode: c.mode, features: c.features, pinning: c.pinning }));

/** `memory_backing`: how guest RAM is backed on the host. */
export const memoryBackingSchema = z
  .strictObject({
    hugepages: z
      .boolean()
      .default(false)
      .describe('Back guest RAM with huge pages (the host must have them reserved).'),
    memfd: z.boolean().default(false).describe("Back guest RAM with memfd (<source type='memfd'/>)."),
    private: z.boolean().default(false).describe("Map guest RAM private (<access mode='private'/>)."),
  })
  .transform((m): MemoryBacking => ({ hugepages: m.hugepages, memfd: m.memfd, private: m.private }));

/** `numa`: which host NUMA nodes guest memory comes from. */
export const numaSchema = z
  .strictObject({
    nodeset: nodeSetField('Host NUMA nodes, e.g. 0 or 0-1.'),
    mode: z.enum(NUMA_MODES).default('strict').describe('Placement policy.'),
  })
  .transform((n): Numa => ({ nodeset: n.nodeset, mode: n.mode }));

/** `limits`: cgroup limits enforced by libvirt itself. */
export const limitsSchema = z
  .strictObject({
    cpu_quota_percent: z
      .number()
      .min(1)
      .max(100 * 4096)
      .optional()
      .describe(
        'CPU time for the whole VM in percent of one host CPU (200 = two CPUs): <cputune> global quota.',
      ),
    memory_max: mibField(
      'Hard memory limit of the VM process (guest RAM plus QEMU overhead): <memtune><hard_limit>. At least memory.',
      1,
      MEMORY_MAX_MIB * 2,
    ).optional(),
  })
  .transform((l): Limits => ({
    ...(l.cpu_quota_percent === undefined ? {} : { cpuQuotaPercent: l.cpu_quota_percent }),
    ...(l.memory_max === undefined ? {} : { memoryMaxMiB: l.memory_max }),
  }));
