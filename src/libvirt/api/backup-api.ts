// Why: a backup is a domain job: BACKUP_BEGIN starts it (push to files, or a pull-mode NBD server),
// job stats tell when it is done, ABORT_JOB ends it. This class puts the three together, reusing the
// domain job procedures, and adds the wait-for-completion loop every caller would otherwise write.
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallOptions, RpcCaller } from './rpc-caller.js';
import type { DomainRef } from '../procedures/domain-types.js';
import type { TypedParamRecord } from '../xdr/typed-params.js';
import { typedParamsToRecord } from '../xdr/typed-params.js';
import * as b from '../procedures/backup-procedures.js';
import { domainAbortJob, domainGetJobStats } from '../procedures/domain-stats-procedures.js';
import { LibvirtTimeoutError } from '../errors/index.js';

/** DOMAIN_GET_JOB_STATS result: virDomainJobType plus the statistics by key. */
export interface JobStats {
  /** virDomainJobType: 0 none, 1 bounded, 2 unbounded, 3 completed, 4 failed, 5 cancelled. */
  readonly type: number;
  /** e.g. `operation` (9 = backup), `time_elapsed` (ms), `disk_total`, `disk_processed` (bytes). */
  readonly stats: TypedParamRecord;
}

/** How {@link BackupApi.waitForCompletion} polls. */
export interface WaitForJobOptions {
  /** Poll interval in ms (default 100). */
  readonly intervalMs?: number;
  /** Give up with a LibvirtTimeoutError after this many ms (default: never). */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** VIR_DOMAIN_JOB_NONE. */
const JOB_NONE = 0;
/** VIR_DOMAIN_JOB_STATS_COMPLETED. */
const STATS_COMPLETED = 1;

/** Typed wrapper over the backup procedures (and the job calls that follow a backup) of one connection. */
export class BackupApi {
  readonly #c: RpcCaller;

  constructor(caller: RpcCaller) {
    this.#c = caller;
  }

  /**
   * DOMAIN_BACKUP_BEGIN: start a backup job described by `<domainbackup>` XML (push: target files;
   * pull: an NBD server), optionally creating a checkpoint (`<domaincheckpoint>` XML) at the same
   * instant for the next incremental one. Returns once the job runs; flags REUSE_EXTERNAL=1.
   */
  async begin(
    dom: DomainRef,
    backupXml: string,
    checkpointXml?: string,
    flags = 0,
    opts?: CallOptions,
  ): Promise<void> {
    await this.#c.call(
      b.domainBackupBegin,
      { dom, backupXml, checkpointXml: checkpointXml ?? null, flags },
      opts,
    );
  }

  /** DOMAIN_BACKUP_GET_XML_DESC: the running backup's XML (with the filled-in defaults). */
  async getXmlDesc(dom: DomainRef, flags = 0, opts?: CallOptions): Promise<string> {
    return (await this.#c.call(b.domainBackupGetXmlDesc, { dom, flags }, opts)).xml;
  }

  /** DOMAIN_GET_JOB_STATS: the current job, or (flags COMPLETED=1, KEEP_COMPLETED=2) the last finished one. */
  async getJobStats(dom: DomainRef, flags = 0, opts?: CallOptions): Promise<JobStats> {
    const r = await this.#c.call(domainGetJobStats, { dom, flags }, opts);
    return { type: r.type, stats: typedParamsToRecord(r.params) };
  }

  /** DOMAIN_ABORT_JOB: cancel the running job (also how a pull-mode backup is ended). */
  async abortJob(dom: DomainRef, opts?: CallOptions): Promise<void> {
    await this.#c.call(domainAbortJob, { dom }, opts);
  }

  /**
   * Poll DOMAIN_GET_JOB_STATS until no job runs, then return the finished job's statistics
   * (type 3 completed, 4 failed, 5 cancelled; `stats.operation` 9 for a backup).
   */
  async waitForCompletion(dom: DomainRef, options: WaitForJobOptions = {}): Promise<JobStats> {
    const interval = options.intervalMs ?? 100;
    const start = performance.now();
    const callOpts = options.signal === undefined ? undefined : { signal: options.signal };
    for (;;) {
      const now = await this.getJobStats(dom, 0, callOpts);
      if (now.type === JOB_NONE) return this.getJobStats(dom, STATS_COMPLETED, callOpts);
      if (options.timeoutMs !== undefined && performance.now() - start > options.timeoutMs) {
        throw new LibvirtTimeoutError(
          `job of domain ${dom.name} still running after ${options.timeoutMs} ms`,
          {
            procedure: 'DOMAIN_GET_JOB_STATS',
            timeoutMs: options.timeoutMs,
          },
        );
      }
      await sleep(interval, undefined, callOpts);
    }
  }
}
