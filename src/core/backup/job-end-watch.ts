// Why: polling job stats alone notices the end of a backup up to one poll interval late (250 ms for a
// long job), plus however long the poll in flight takes while QEMU is busy. libvirt announces a
// finished job with its JOB_COMPLETED event, sent once the job's result is recorded (whatever it is);
// this watch lets the poll loop look again the moment it arrives. Polling stays the judge (libvirt
// sends the event before it has detached the target files) and carries on across a libvirtd restart,
// when an event may be lost.
import type { DomainRef, EventSubscription, LibvirtClient } from '../../libvirt/index.js';

/** The end of a domain's job, as libvirt announces it. */
export interface JobEndWatch {
  /** Resolves when a JOB_COMPLETED event arrives (never rejects; never resolves without one). */
  readonly ended: Promise<void>;
  /** Deregister the event (never throws). */
  close(): Promise<void>;
}

/**
 * Watch `dom` for JOB_COMPLETED. Subscribe before the job starts, or its event may be missed; when
 * the daemon refuses the subscription, `ended` never resolves and polling alone decides.
 */
export async function watchJobEnd(client: LibvirtClient, dom: DomainRef): Promise<JobEndWatch> {
  let sub: EventSubscription<unknown> | undefined;
  try {
    sub = await client.events.domainJobCompleted({ dom, bufferSize: 4 });
  } catch {
    sub = undefined;
  }
  let pump: Promise<void> = Promise.resolve();
  const ended = new Promise<void>((resolve) => {
    if (sub === undefined) return;
    const events = sub;
    pump = (async (): Promise<void> => {
      for await (const _ of events) {
        resolve();
        break;
      }
    })().catch(() => undefined);
  });
  return {
    ended,
    async close() {
      await sub?.close().catch(() => undefined);
      await pump;
    },
  };
}
