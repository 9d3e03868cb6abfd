// Why: the handshake (authentication list, polkit, open, feature probe, close) belongs to the session
// layer, not the typed API, so these few procedures are declared here beside the code that runs them.
// Shapes from libvirt's remote_protocol.x.
import { xdr } from '../xdr/codec.js';
import { RemoteProc } from '../protocol/procedures.js';
import { defineProcedure } from './procedure-spec.js';

/** remote_auth_type values. */
export const AuthType = { NONE: 0, SASL: 1, POLKIT: 2 } as const;

/** VIR_DRV_FEATURE_* values probed during the handshake. */
export const DrvFeature = {
  PROGRAM_KEEPALIVE: 10,
  REMOTE_EVENT_CALLBACK: 14,
  REMOTE_CLOSE_CALLBACK: 15,
} as const;

/** VIR_CONNECT_RO: open read-only. */
export const CONNECT_RO = 1;

/** REMOTE_STRING_MAX (4 MiB). */
const STRING_MAX = 4 * 1024 * 1024;
/** REMOTE_AUTH_TYPE_LIST_MAX. */
const AUTH_TYPE_LIST_MAX = 20;

/** AUTH_LIST (66): void -> {remote_auth_type types<20>}. */
export const authList = defineProcedure({
  name: 'AUTH_LIST',
  procedure: RemoteProc.AUTH_LIST,
  args: xdr.void,
  ret: xdr.struct({ types: xdr.array(xdr.int, AUTH_TYPE_LIST_MAX) }),
  priority: true,
});

/** AUTH_POLKIT (70): void -> {int complete}. */
export const authPolkit = defineProcedure({
  name: 'AUTH_POLKIT',
  procedure: RemoteProc.AUTH_POLKIT,
  args: xdr.void,
  ret: xdr.struct({ complete: xdr.int }),
  priority: true,
});

/** CONNECT_OPEN (1): {remote_string name; unsigned int flags} -> void. */
export const connectOpen = defineProcedure({
  name: 'CONNECT_OPEN',
  procedure: RemoteProc.CONNECT_OPEN,
  args: xdr.struct({ name: xdr.optional(xdr.string(STRING_MAX)), flags: xdr.uint }),
  ret: xdr.void,
  priority: true,
});

/** CONNECT_CLOSE (2): void -> void. */
export const connectClose = defineProcedure({
  name: 'CONNECT_CLOSE',
  procedure: RemoteProc.CONNECT_CLOSE,
  args: xdr.void,
  ret: xdr.void,
  priority: true,
});

/** CONNECT_SUPPORTS_FEATURE (60): {int feature} -> {int supported}. */
export const connectSupportsFeature = defineProcedure({
  name: 'CONNECT_SUPPORTS_FEATURE',
  procedure: RemoteProc.CONNECT_SUPPORTS_FEATURE,
  args: xdr.struct({ feature: xdr.int }),
  ret: xdr.struct({ supported: xdr.int }),
  priority: true,
});
