// Why: hv migrates peer-to-peer: one DOMAIN_MIGRATE_PERFORM3_PARAMS call on the source, after which the
// source daemon talks to the destination itself (Begin/Prepare/Perform/Finish/Confirm). This avoids
// implementing the client-driven five-phase protocol.
import type { RpcCaller } from './rpc-caller.js';
import type { DomainRef } from '../procedures/domain-types.js';
import type { TypedParam } from '../xdr/typed-params.js';
import { domainMigratePerform3Params } from '../procedures/domain-migrate-procedures.js';
import { DomainMigrateFlags } from '../protocol/flags.js';

/** Migration parameters (VIR_MIGRATE_PARAM_*), by their libvirt key. */
export interface MigrateParams {
  /** `migrate_uri`: where QEMU sends the data (e.g. tcp://10.0.0.2). */
  readonly migrateUri?: string;
  /** `destination_name`. */
  readonly destinationName?: string;
  /** `destination_xml`. */
  readonly destinationXml?: string;
  /** `persistent_xml`. */
  readonly persistentXml?: string;
  /** `bandwidth` in MiB/s. */
  readonly bandwidthMiBs?: bigint | number;
  /** `migrate_disks` (repeated, one per disk target). */
  readonly migrateDisks?: readonly string[];
  /** `parallel.connections`. */
  readonly parallelConnections?: number;
}

/** A params object, or raw typed params for keys not listed in {@link MigrateParams}. */
export type MigrateParamsInput = MigrateParams | readonly TypedParam[];

/** Encode {@link MigrateParams} as typed parameters with libvirt's keys and types. */
export function migrateTypedParams(p: MigrateParamsInput): TypedParam[] {
  if (Array.isArray(p)) return [...(p as readonly TypedParam[])];
  const m = p as MigrateParams;
  const out: TypedParam[] = [];
  const str = (field: string, value: string | undefined): void => {
    if (value !== undefined) out.push({ field, value: { type: 'string', value } });
  };
  str('migrate_uri', m.migrateUri);
  str('destination_name', m.destinationName);
  str('destination_xml', m.destinationXml);
  str('persistent_xml', m.persistentXml);
  if (m.bandwidthMiBs !== undefined) {
    out.push({ field: 'bandwidth', value: { type: 'ullong', value: BigInt(m.bandwidthMiBs) } });
  }
  for (const disk of m.migrateDisks ?? []) str('migrate_disks', disk);
  if (m.parallelConnections !== undefined) {
    out.push({ field: 'parallel.connections', value: { type: 'int', value: m.parallelConnections } });
  }
  return out;
}

/**
 * DOMAIN_MIGRATE_PERFORM3_PARAMS, peer-to-peer: the source daemon connects to `dconnuri`
 * (e.g. qemu+tls://dst/system) and runs the whole migration. Returns the (usually empty) cookie.
 */
export async function migratePerform3Params(
  caller: RpcCaller,
  dom: DomainRef,
  dconnuri: string,
  params: MigrateParamsInput,
  flags = 0,
): Promise<Buffer> {
  const r = await caller.call(
    domainMigratePerform3Params,
    {
      dom,
      dconnuri,
      params: migrateTypedParams(params),
      cookieIn: Buffer.alloc(0),
      flags: (flags | DomainMigrateFlags.PEER2PEER) >>> 0,
    },
    { timeoutMs: 0 },
  );
  return r.cookieOut;
}
