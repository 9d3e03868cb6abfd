// Why: procedures whose reply is followed by a byte stream (console, channel, screenshot). The
// connection's openStream() turns them into Duplex streams. Shapes from libvirt's remote_protocol.x.
import { xdr } from '../xdr/index.js';
import { RemoteProc } from '../protocol/procedures.js';
import { defineProcedure } from '../rpc/procedure-spec.js';
import { domainRef, optionalString } from './domain-shapes.js';

/** REMOTE_PROC_DOMAIN_OPEN_CONSOLE (201): {dom; str? dev_name; u32 flags} -> void + bidirectional stream. */
export const domainOpenConsole = defineProcedure({
  name: 'DOMAIN_OPEN_CONSOLE',
  procedure: RemoteProc.DOMAIN_OPEN_CONSOLE,
  args: xdr.struct({ dom: domainRef, devName: optionalString, flags: xdr.uint }),
  ret: xdr.void,
});

/** REMOTE_PROC_DOMAIN_OPEN_CHANNEL (296): {dom; str? name; u32 flags} -> void + bidirectional stream. */
export const domainOpenChannel = defineProcedure({
  name: 'DOMAIN_OPEN_CHANNEL',
  procedure: RemoteProc.DOMAIN_OPEN_CHANNEL,
  args: xdr.struct({ dom: domainRef, name: optionalString, flags: xdr.uint }),
  ret: xdr.void,
});

/** REMOTE_PROC_DOMAIN_SCREENSHOT (211): {dom; u32 screen; u32 flags} -> {str? mime} + download stream. */
export const domainScreenshot = defineProcedure({
  name: 'DOMAIN_SCREENSHOT',
  procedure: RemoteProc.DOMAIN_SCREENSHOT,
  args: xdr.struct({ dom: domainRef, screen: xdr.uint, flags: xdr.uint }),
  ret: xdr.struct({ mime: optionalString }),
});
