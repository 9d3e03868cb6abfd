// Why: peer-to-peer migration needs exactly one procedure on the source: the source daemon then runs
// Begin/Prepare/Perform/Finish/Confirm with the destination itself. Shape from remote_protocol.x.
import { xdr } from '../xdr/index.js';
import { typedParams } from '../xdr/typed-params.js';
import { RemoteProc } from '../protocol/procedures.js';
import { DOMAIN_MIGRATE_PARAM_LIST_MAX, MIGRATE_COOKIE_MAX } from '../protocol/remote-types.js';
import { defineProcedure } from '../rpc/procedure-spec.js';
import { domainRef, optionalString } from './domain-shapes.js';

/**
 * REMOTE_PROC_DOMAIN_MIGRATE_PERFORM3_PARAMS (305): {dom; str? dconnuri; typed_param params<64>;
 * opaque cookie_in<>; u32 flags} -> {opaque cookie_out<>}.
 */
export const domainMigratePerform3Params = defineProcedure({
  name: 'DOMAIN_MIGRATE_PERFORM3_PARAMS',
  procedure: RemoteProc.DOMAIN_MIGRATE_PERFORM3_PARAMS,
  args: xdr.struct({
    dom: domainRef,
    dconnuri: optionalString,
    params: typedParams(DOMAIN_MIGRATE_PARAM_LIST_MAX),
    cookieIn: xdr.opaque(MIGRATE_COOKIE_MAX),
    flags: xdr.uint,
  }),
  ret: xdr.struct({ cookieOut: xdr.opaque(MIGRATE_COOKIE_MAX) }),
});
