// Why: bulk statistics and job progress come back as typed parameters; these are the procedures that
// carry them. Shapes checked against libvirt's src/remote/remote_protocol.x.
import { xdr } from '../xdr/index.js';
import { typedParams } from '../xdr/typed-params.js';
import { RemoteProc } from '../protocol/procedures.js';
import {
  CONNECT_GET_ALL_DOMAIN_STATS_MAX,
  DOMAIN_JOB_STATS_MAX,
  DOMAIN_LIST_MAX,
} from '../protocol/remote-types.js';
import { defineProcedure } from '../rpc/procedure-spec.js';
import { domArgs, domFlagsArgs, domainRef } from './domain-shapes.js';

/** remote_domain_stats_record: {dom; typed_param params<262144>}. */
const domainStatsRecord = xdr.struct({
  dom: domainRef,
  params: typedParams(CONNECT_GET_ALL_DOMAIN_STATS_MAX),
});

/**
 * REMOTE_PROC_CONNECT_GET_ALL_DOMAIN_STATS (344): {dom doms<16384>; u32 stats; u32 flags} ->
 * {remote_domain_stats_record retStats<16384>}. Empty `doms` means every domain.
 */
export const connectGetAllDomainStats = defineProcedure({
  name: 'CONNECT_GET_ALL_DOMAIN_STATS',
  procedure: RemoteProc.CONNECT_GET_ALL_DOMAIN_STATS,
  args: xdr.struct({ doms: xdr.array(domainRef, DOMAIN_LIST_MAX), stats: xdr.uint, flags: xdr.uint }),
  ret: xdr.struct({ retStats: xdr.array(domainStatsRecord, DOMAIN_LIST_MAX) }),
});

/** REMOTE_PROC_DOMAIN_GET_JOB_INFO (163): {dom} -> {int type; 11 x u hyper}. */
export const domainGetJobInfo = defineProcedure({
  name: 'DOMAIN_GET_JOB_INFO',
  procedure: RemoteProc.DOMAIN_GET_JOB_INFO,
  args: domArgs,
  ret: xdr.struct({
    type: xdr.int,
    timeElapsed: xdr.uhyper,
    timeRemaining: xdr.uhyper,
    dataTotal: xdr.uhyper,
    dataProcessed: xdr.uhyper,
    dataRemaining: xdr.uhyper,
    memTotal: xdr.uhyper,
    memProcessed: xdr.uhyper,
    memRemaining: xdr.uhyper,
    fileTotal: xdr.uhyper,
    fileProcessed: xdr.uhyper,
    fileRemaining: xdr.uhyper,
  }),
});

/** REMOTE_PROC_DOMAIN_GET_JOB_STATS (298): {dom; u32 flags} -> {int type; typed_param params<64>}. */
export const domainGetJobStats = defineProcedure({
  name: 'DOMAIN_GET_JOB_STATS',
  procedure: RemoteProc.DOMAIN_GET_JOB_STATS,
  args: domFlagsArgs,
  ret: xdr.struct({ type: xdr.int, params: typedParams(DOMAIN_JOB_STATS_MAX) }),
});

/** REMOTE_PROC_DOMAIN_ABORT_JOB (164): {dom} -> void. */
export const domainAbortJob = defineProcedure({
  name: 'DOMAIN_ABORT_JOB',
  procedure: RemoteProc.DOMAIN_ABORT_JOB,
  args: domArgs,
  ret: xdr.void,
});
