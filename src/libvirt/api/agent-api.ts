// Why: the QEMU guest agent reaches inside the guest (freeze file systems, run guest-* commands). These
// wrappers carry the two REMOTE procedures and the one QEMU-program procedure hv uses for that.
import type { RpcCaller } from './rpc-caller.js';
import type { DomainRef } from '../procedures/domain-types.js';
import {
  domainFsfreeze,
  domainFsthaw,
  qemuDomainAgentCommand,
} from '../procedures/domain-guest-procedures.js';

/** VIR_DOMAIN_AGENT_RESPONSE_TIMEOUT_DEFAULT (-2), _BLOCK (-1), _NOWAIT (0); positive = seconds. */
export const AgentTimeout = { DEFAULT: -2, BLOCK: -1, NOWAIT: 0 } as const;

/**
 * QEMU_PROC_DOMAIN_AGENT_COMMAND: send raw agent JSON (`{"execute":"guest-ping"}`); returns the JSON
 * reply text (undefined when the agent sends none). Fails at once when the agent is not connected.
 */
export async function agentCommand(
  caller: RpcCaller,
  dom: DomainRef,
  command: string,
  timeout: number = AgentTimeout.DEFAULT,
  flags = 0,
): Promise<string | undefined> {
  const r = await caller.call(qemuDomainAgentCommand, { dom, cmd: command, timeout, flags });
  return r.result ?? undefined;
}

/** DOMAIN_FSFREEZE: freeze `mountpoints` (empty: all); returns the number frozen. */
export async function fsFreeze(
  caller: RpcCaller,
  dom: DomainRef,
  mountpoints: readonly string[],
  flags = 0,
): Promise<number> {
  return (await caller.call(domainFsfreeze, { dom, mountpoints: [...mountpoints], flags })).filesystems;
}

/** DOMAIN_FSTHAW: thaw `mountpoints` (empty: all); returns the number thawed. */
export async function fsThaw(
  caller: RpcCaller,
  dom: DomainRef,
  mountpoints: readonly string[],
  flags = 0,
): Promise<number> {
  return (await caller.call(domainFsthaw, { dom, mountpoints: [...mountpoints], flags })).filesystems;
}
