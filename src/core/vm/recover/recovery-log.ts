// Why: the daily cap of `hv recover` must hold across runs (a timer runs it again and again), so every
// restart attempt is a row in hv.db (migration 0004-recovery-attempts): which VM, when, what state it
// was found in, and whether the restart worked.
import type { StateDb } from '../../store/state-db.js';

/** One restart attempt. */
export interface RecoveryAttempt {
  readonly vmUuid: string;
  readonly vm: string;
  /** ISO 8601 UTC. */
  readonly at: string;
  /** `crashed`, or `shut off (crashed)`. */
  readonly foundState: string;
  readonly outcome: 'restarted' | 'failed';
  readonly errorCode?: string;
  readonly error?: string;
}

interface Row {
  vm_uuid: string;
  vm: string;
  at: string;
  found_state: string;
  outcome: 'restarted' | 'failed';
  error_code: string | null;
  error: string | null;
}

function fromRow(r: Row): RecoveryAttempt {
  return {
    vmUuid: r.vm_uuid,
    vm: r.vm,
    at: r.at,
    foundState: r.found_state,
    outcome: r.outcome,
    ...(r.error_code !== null && { errorCode: r.error_code }),
    ...(r.error !== null && { error: r.error }),
  };
}

/** The recovery attempts table. */
export class RecoveryLog {
  readonly #db: StateDb;

  constructor(db: StateDb) {
    this.#db = db;
  }

  /** Append one attempt. */
  record(a: RecoveryAttempt): void {
    this.#db
      .prepare(
        `INSERT INTO recovery_attempts (vm_uuid, vm, at, found_state, outcome, error_code, error)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(a.vmUuid, a.vm, a.at, a.foundState, a.outcome, a.errorCode ?? null, a.error ?? null);
  }

  /** Attempts for the VM with this uuid at or after `since`, oldest first. */
  since(vmUuid: string, since: Date): RecoveryAttempt[] {
    return this.#db
      .prepare<[string, string], Row>(
        `SELECT vm_uuid, vm, at, found_state, outcome, error_code, error FROM recovery_attempts
         WHERE vm_uuid = ? AND at >= ? ORDER BY at, id`,
      )
      .all(vmUuid, since.toISOString())
      .map(fromRow);
  }
}
