// Why: a serial console, a virtio-serial channel and a screenshot are all "a call, then a byte stream".
// The connection already turns the stream into a Duplex with backpressure; these helpers only make the
// call with the right flags and hand the Duplex over.
import type { Duplex } from 'node:stream';
import type { RpcCaller } from './rpc-caller.js';
import type { DomainRef } from '../procedures/domain-types.js';
import {
  domainOpenChannel,
  domainOpenConsole,
  domainScreenshot,
} from '../procedures/domain-stream-procedures.js';
import { DomainChannelFlags, DomainConsoleFlags } from '../protocol/flags.js';

/** How to open a console or channel. */
export interface ConsoleOptions {
  /** Take the console over from another client that holds it (VIR_DOMAIN_CONSOLE_FORCE). */
  readonly force?: boolean;
  /** Refuse unless the driver can guarantee exclusive access (VIR_DOMAIN_CONSOLE_SAFE). */
  readonly safe?: boolean;
  readonly signal?: AbortSignal;
}

function consoleFlags(o: ConsoleOptions): number {
  return (o.force === true ? DomainConsoleFlags.FORCE : 0) | (o.safe === true ? DomainConsoleFlags.SAFE : 0);
}

/**
 * DOMAIN_OPEN_CONSOLE: a Duplex; writes go to the guest's console, reads are its output. `devName`
 * (e.g. `serial0`, `console0`) picks a device; undefined = the first console. Destroy it to detach.
 */
export async function openConsole(
  caller: RpcCaller,
  dom: DomainRef,
  devName: string | undefined,
  options: ConsoleOptions = {},
): Promise<Duplex> {
  const { stream } = await caller.openStream(
    domainOpenConsole,
    { dom, devName: devName ?? null, flags: consoleFlags(options) },
    options.signal === undefined ? undefined : { signal: options.signal },
  );
  return stream;
}

/** DOMAIN_OPEN_CHANNEL: a Duplex on a virtio-serial channel (by target name, e.g. org.qemu.guest_agent.0). */
export async function openChannel(
  caller: RpcCaller,
  dom: DomainRef,
  name: string | undefined,
  options: ConsoleOptions = {},
): Promise<Duplex> {
  const { stream } = await caller.openStream(
    domainOpenChannel,
    { dom, name: name ?? null, flags: options.force === true ? DomainChannelFlags.FORCE : 0 },
    options.signal === undefined ? undefined : { signal: options.signal },
  );
  return stream;
}

/** DOMAIN_SCREENSHOT: the image's mime type and a readable stream of its bytes (needs graphics). */
export async function screenshot(
  caller: RpcCaller,
  dom: DomainRef,
  screen: number,
  flags: number,
): Promise<{ mime: string | undefined; stream: Duplex }> {
  const { ret, stream } = await caller.openStream(domainScreenshot, { dom, screen, flags });
  // Nothing is ever written to a screenshot stream: finish our side so the daemon can close it.
  stream.end();
  return { mime: ret.mime ?? undefined, stream };
}
