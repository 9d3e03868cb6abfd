// Why: a daemon error reply carries a virErrorNumber, an origin domain and extra fields. Callers
// branch on what went wrong (no such domain, operation invalid now, unsupported...) through named
// predicates instead of magic numbers or message text.
import { ErrorNumber, errorCodeName, errorDomainName } from './error-numbers.js';
import type { LibvirtErrorOptions } from './libvirt-protocol-error.js';
import type { RemoteDomain, RemoteNetwork } from '../protocol/remote-types.js';

/** Fields of a libvirt error (remote_error); only `code` is required. */
export interface LibvirtErrorInit {
  code: number;
  domain?: number;
  message?: string | null;
  level?: number;
  dom?: RemoteDomain | null;
  str1?: string | null;
  str2?: string | null;
  str3?: string | null;
  int1?: number;
  int2?: number;
  net?: RemoteNetwork | null;
}

const E = ErrorNumber;

/** An error reported by the libvirt daemon (REPLY or STREAM with status ERROR). */
export class LibvirtError extends Error {
  /** Stable discriminator for matching without instanceof. */
  readonly kind = 'libvirt';
  /** virErrorNumber, e.g. 42 (VIR_ERR_NO_DOMAIN). */
  readonly code: number;
  /** virErrorDomain, e.g. 10 (VIR_FROM_QEMU). */
  readonly domain: number;
  /** virErrorLevel: 1 warning, 2 error. */
  readonly level: number;
  readonly str1: string | null;
  readonly str2: string | null;
  readonly str3: string | null;
  readonly int1: number;
  readonly int2: number;
  /** The domain the error is about, when the daemon said. */
  readonly dom: RemoteDomain | null;
  /** The network the error is about, when the daemon said. */
  readonly net: RemoteNetwork | null;

  constructor(init: LibvirtErrorInit, options: LibvirtErrorOptions = {}) {
    super(
      init.message ?? `libvirt error ${errorCodeName(init.code)} (code ${init.code})`,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.name = new.target.name;
    this.code = init.code;
    this.domain = init.domain ?? 0;
    this.level = init.level ?? 2;
    this.str1 = init.str1 ?? null;
    this.str2 = init.str2 ?? null;
    this.str3 = init.str3 ?? null;
    this.int1 = init.int1 ?? 0;
    this.int2 = init.int2 ?? 0;
    this.dom = init.dom ?? null;
    this.net = init.net ?? null;
  }

  /** virErrorNumber name, e.g. `VIR_ERR_NO_DOMAIN` (`VIR_ERR_UNKNOWN_<n>` if newer than our table). */
  get codeName(): string {
    return errorCodeName(this.code);
  }

  /** virErrorDomain name, e.g. `VIR_FROM_QEMU`. */
  get domainName(): string {
    return errorDomainName(this.domain);
  }

  /** True when the code is `code` (a number or a virErrorNumber name). */
  is(code: number | keyof typeof ErrorNumber): boolean {
    return this.code === (typeof code === 'number' ? code : E[code]);
  }

  /** VIR_ERR_NO_DOMAIN (42): domain not found. */
  isNoDomain(): boolean {
    return this.code === E.VIR_ERR_NO_DOMAIN;
  }
  /** VIR_ERR_DOM_EXIST (28): domain already exists. */
  isDomainExists(): boolean {
    return this.code === E.VIR_ERR_DOM_EXIST;
  }
  /** VIR_ERR_NO_NETWORK (43). */
  isNoNetwork(): boolean {
    return this.code === E.VIR_ERR_NO_NETWORK;
  }
  /** VIR_ERR_NETWORK_EXIST (37). */
  isNetworkExists(): boolean {
    return this.code === E.VIR_ERR_NETWORK_EXIST;
  }
  /** VIR_ERR_NO_STORAGE_POOL (49). */
  isNoStoragePool(): boolean {
    return this.code === E.VIR_ERR_NO_STORAGE_POOL;
  }
  /** VIR_ERR_NO_STORAGE_VOL (50). */
  isNoStorageVol(): boolean {
    return this.code === E.VIR_ERR_NO_STORAGE_VOL;
  }
  /** VIR_ERR_STORAGE_VOL_EXIST (90). */
  isStorageVolExists(): boolean {
    return this.code === E.VIR_ERR_STORAGE_VOL_EXIST;
  }
  /** VIR_ERR_NO_NODE_DEVICE (53). */
  isNoNodeDevice(): boolean {
    return this.code === E.VIR_ERR_NO_NODE_DEVICE;
  }
  /** VIR_ERR_NO_NWFILTER (62). */
  isNoNwfilter(): boolean {
    return this.code === E.VIR_ERR_NO_NWFILTER;
  }
  /** VIR_ERR_NO_NWFILTER_BINDING (101). */
  isNoNwfilterBinding(): boolean {
    return this.code === E.VIR_ERR_NO_NWFILTER_BINDING;
  }
  /** VIR_ERR_NO_SECRET (66). */
  isNoSecret(): boolean {
    return this.code === E.VIR_ERR_NO_SECRET;
  }
  /** VIR_ERR_NO_DOMAIN_SNAPSHOT (72). */
  isNoDomainSnapshot(): boolean {
    return this.code === E.VIR_ERR_NO_DOMAIN_SNAPSHOT;
  }
  /** VIR_ERR_NO_DOMAIN_CHECKPOINT (103). */
  isNoDomainCheckpoint(): boolean {
    return this.code === E.VIR_ERR_NO_DOMAIN_CHECKPOINT;
  }
  /** VIR_ERR_NO_DOMAIN_BACKUP (104): no backup job. */
  isNoDomainBackup(): boolean {
    return this.code === E.VIR_ERR_NO_DOMAIN_BACKUP;
  }
  /** VIR_ERR_NO_DOMAIN_METADATA (80): the requested metadata is absent. */
  isNoDomainMetadata(): boolean {
    return this.code === E.VIR_ERR_NO_DOMAIN_METADATA;
  }
  /** VIR_ERR_NO_HOSTNAME (108). */
  isNoHostname(): boolean {
    return this.code === E.VIR_ERR_NO_HOSTNAME;
  }
  /** VIR_ERR_OPERATION_INVALID (55): not applicable in the object's current state. */
  isOperationInvalid(): boolean {
    return this.code === E.VIR_ERR_OPERATION_INVALID;
  }
  /** VIR_ERR_OPERATION_FAILED (9). */
  isOperationFailed(): boolean {
    return this.code === E.VIR_ERR_OPERATION_FAILED;
  }
  /** VIR_ERR_OPERATION_DENIED (29): e.g. read-only connection. */
  isOperationDenied(): boolean {
    return this.code === E.VIR_ERR_OPERATION_DENIED;
  }
  /** VIR_ERR_OPERATION_ABORTED (78). */
  isOperationAborted(): boolean {
    return this.code === E.VIR_ERR_OPERATION_ABORTED;
  }
  /** VIR_ERR_OPERATION_TIMEOUT (68). */
  isOperationTimeout(): boolean {
    return this.code === E.VIR_ERR_OPERATION_TIMEOUT;
  }
  /** VIR_ERR_OPERATION_UNSUPPORTED (84). */
  isOperationUnsupported(): boolean {
    return this.code === E.VIR_ERR_OPERATION_UNSUPPORTED;
  }
  /** VIR_ERR_NO_SUPPORT (3): the driver lacks this API. */
  isNoSupport(): boolean {
    return this.code === E.VIR_ERR_NO_SUPPORT;
  }
  /** VIR_ERR_CONFIG_UNSUPPORTED (67). */
  isConfigUnsupported(): boolean {
    return this.code === E.VIR_ERR_CONFIG_UNSUPPORTED;
  }
  /** VIR_ERR_ARGUMENT_UNSUPPORTED (74): e.g. an unknown flag. */
  isArgumentUnsupported(): boolean {
    return this.code === E.VIR_ERR_ARGUMENT_UNSUPPORTED;
  }
  /** VIR_ERR_INVALID_ARG (8). */
  isInvalidArg(): boolean {
    return this.code === E.VIR_ERR_INVALID_ARG;
  }
  /** VIR_ERR_XML_ERROR (27). */
  isXmlError(): boolean {
    return this.code === E.VIR_ERR_XML_ERROR;
  }
  /** VIR_ERR_AUTH_FAILED (45). */
  isAuthFailed(): boolean {
    return this.code === E.VIR_ERR_AUTH_FAILED;
  }
  /** VIR_ERR_AUTH_CANCELLED (79). */
  isAuthCancelled(): boolean {
    return this.code === E.VIR_ERR_AUTH_CANCELLED;
  }
  /** VIR_ERR_AUTH_UNAVAILABLE (94). */
  isAuthUnavailable(): boolean {
    return this.code === E.VIR_ERR_AUTH_UNAVAILABLE;
  }
  /** VIR_ERR_ACCESS_DENIED (88): the access-control driver refused. */
  isAccessDenied(): boolean {
    return this.code === E.VIR_ERR_ACCESS_DENIED;
  }
  /** VIR_ERR_AGENT_UNRESPONSIVE (86): guest agent not running or not usable. */
  isAgentUnresponsive(): boolean {
    return this.code === E.VIR_ERR_AGENT_UNRESPONSIVE;
  }
  /** VIR_ERR_RESOURCE_BUSY (87). */
  isResourceBusy(): boolean {
    return this.code === E.VIR_ERR_RESOURCE_BUSY;
  }
  /** VIR_ERR_INTERNAL_ERROR (1). */
  isInternalError(): boolean {
    return this.code === E.VIR_ERR_INTERNAL_ERROR;
  }
  /** VIR_ERR_SYSTEM_ERROR (38): a failed system call (I/O etc.). */
  isSystemError(): boolean {
    return this.code === E.VIR_ERR_SYSTEM_ERROR;
  }
  /** VIR_ERR_RPC (39). */
  isRpc(): boolean {
    return this.code === E.VIR_ERR_RPC;
  }
  /** VIR_ERR_NO_CONNECT (5): the daemon cannot reach the hypervisor / driver. */
  isNoConnect(): boolean {
    return this.code === E.VIR_ERR_NO_CONNECT;
  }
  /** VIR_ERR_MIGRATE_UNSAFE (81). */
  isMigrateUnsafe(): boolean {
    return this.code === E.VIR_ERR_MIGRATE_UNSAFE;
  }
}
