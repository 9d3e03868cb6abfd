// Why: one object per libvirt connection that holds every typed API (domains, events, node, storage...)
// over the same RpcCaller, so callers write `client.domains.lookupByName(...)` and close one thing.
import { connectLibvirt, type ConnectLibvirtOptions } from './connect.js';
import type { RpcCaller } from './api/rpc-caller.js';
import { ConnectApi } from './api/connect-api.js';
import { DomainApi } from './api/domain-api.js';
import { EventApi } from './api/event-api.js';
import { NodeApi } from './api/node-api.js';
import { StorageApi } from './api/storage-api.js';
import { NetworkApi } from './api/network-api.js';
import { NwfilterApi } from './api/nwfilter-api.js';
import { NodeDeviceApi } from './api/node-device-api.js';
import { SnapshotApi } from './api/snapshot-api.js';
import { CheckpointApi } from './api/checkpoint-api.js';
import { BackupApi } from './api/backup-api.js';
import { LibvirtUnavailableError } from './errors/index.js';

/** An RpcCaller that can also be closed (RpcConnection, ReconnectingSession). */
export interface ClosableRpcCaller extends RpcCaller {
  close(): Promise<void>;
  /** RpcConnection: told when the link ends (undefined error = closed by us). */
  onClose?(handler: (err?: Error) => void): () => void;
}

/** Options of {@link LibvirtClient.connect}: those of connectLibvirt. */
export type LibvirtClientOptions = ConnectLibvirtOptions;

/** A connection to one libvirt daemon with every typed API on it. */
export class LibvirtClient {
  /** The URI this client was opened with. */
  readonly uri: string;
  /** The RPC layer underneath (for procedures without a typed wrapper). */
  readonly caller: ClosableRpcCaller;
  /** Hypervisor type, versions, host name, capabilities. */
  readonly connection: ConnectApi;
  readonly domains: DomainApi;
  readonly events: EventApi;
  /** Host hardware, free memory, CPU/memory counters, sysinfo. */
  readonly node: NodeApi;
  /** Storage pools and volumes (with upload/download streams). */
  readonly storage: StorageApi;
  readonly networks: NetworkApi;
  readonly nwfilters: NwfilterApi;
  readonly nodeDevices: NodeDeviceApi;
  readonly snapshots: SnapshotApi;
  readonly checkpoints: CheckpointApi;
  /** Backup jobs (begin, XML, job stats, abort, wait for completion). */
  readonly backups: BackupApi;
  #closed = false;

  /** Wrap an open RpcCaller (tests, or a session made elsewhere). */
  constructor(uri: string, caller: ClosableRpcCaller) {
    this.uri = uri;
    this.caller = caller;
    this.connection = new ConnectApi(caller);
    this.domains = new DomainApi(caller);
    this.events = new EventApi(caller);
    this.node = new NodeApi(caller);
    this.storage = new StorageApi(caller);
    this.networks = new NetworkApi(caller);
    this.nwfilters = new NwfilterApi(caller);
    this.nodeDevices = new NodeDeviceApi(caller);
    this.snapshots = new SnapshotApi(caller);
    this.checkpoints = new CheckpointApi(caller);
    this.backups = new BackupApi(caller);
    caller.onClose?.((err) => {
      this.events.shutdown(err ?? new LibvirtUnavailableError(`connection to ${uri} closed`));
    });
  }

  /**
   * Connect to `uri` (qemu:///system, test:///default, qemu+ssh://host/system, ...). With
   * `{reconnect: true}` the client survives daemon restarts and event subscriptions re-register.
   */
  static async connect(uri: string, opts: LibvirtClientOptions = {}): Promise<LibvirtClient> {
    const caller: ClosableRpcCaller = await connectLibvirt(uri, opts);
    return new LibvirtClient(uri, caller);
  }

  /** True after close(). */
  get closed(): boolean {
    return this.#closed;
  }

  /** End event subscriptions and close the connection (CONNECT_CLOSE). Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.events.shutdown();
    await this.caller.close();
  }
}
