// Why: each domain event arrives as its own MESSAGE procedure with its own shape. This table pairs the
// event ID used to register with the MESSAGE procedure, its codec and a flattening into a friendly
// event object, so the event API is one generic subscribe over data.
// Shapes checked against libvirt's src/remote/remote_protocol.x (the callback forms, 318 and later).
import { decode, xdr, type Codec } from '../xdr/index.js';
import { typedParams, typedParamsToRecord, type TypedParamRecord } from '../xdr/typed-params.js';
import { DomainEventId, RemoteProc } from '../protocol/procedures.js';
import { DOMAIN_EVENT_TUNABLE_MAX, DOMAIN_JOB_STATS_MAX } from '../protocol/remote-types.js';
import { domainRef, nonnullString, optionalString } from './domain-shapes.js';
import type { DomainRef } from './domain-types.js';

/** How one domain event kind is registered and decoded. */
export interface DomainEventKind<T> {
  /** VIR_DOMAIN_EVENT_ID_* used with CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY. */
  readonly eventId: number;
  /** REMOTE_PROC_DOMAIN_EVENT_CALLBACK_* carrying it. */
  readonly procedure: number;
  /** Decode a MESSAGE payload into its callbackID and the event. */
  readonly decode: (payload: Buffer) => { callbackID: number; event: T };
}

function kind<M extends { callbackID: number }, T>(
  eventId: number,
  procedure: number,
  codec: Codec<M>,
  map: (m: M) => T,
): DomainEventKind<T> {
  return {
    eventId,
    procedure,
    decode: (payload) => {
      const m = decode(codec, payload);
      return { callbackID: m.callbackID, event: map(m) };
    },
  };
}

const cb = { callbackID: xdr.int };
const nested = <F extends Record<string, Codec<unknown>>>(fields: F) =>
  xdr.struct({ ...cb, msg: xdr.struct({ dom: domainRef, ...fields }) });

/** A domain started, stopped, was defined... `event` is VIR_DOMAIN_EVENT_*, `detail` its reason. */
export interface DomainLifecycleEvent {
  readonly dom: DomainRef;
  readonly event: number;
  readonly detail: number;
}

/** An event that only names the domain (reboot, control error). */
export interface DomainOnlyEvent {
  readonly dom: DomainRef;
}

/** Block job finished/failed/cancelled/ready on a disk (`disk` is the target, e.g. vda, or a path). */
export interface DomainBlockJobEvent {
  readonly dom: DomainRef;
  readonly disk: string;
  readonly type: number;
  readonly status: number;
}

/** A device (by alias) was removed, added or its removal failed. */
export interface DomainDeviceEvent {
  readonly dom: DomainRef;
  readonly devAlias: string;
}

/** Typed-parameter events (tunables changed, a job completed with its final statistics). */
export interface DomainParamsEvent {
  readonly dom: DomainRef;
  readonly params: TypedParamRecord;
}

/** The guest agent connected (state 1) or disconnected (2); reason 1 channel, 2 domain started. */
export interface DomainAgentLifecycleEvent {
  readonly dom: DomainRef;
  readonly state: number;
  readonly reason: number;
}

/** Metadata changed: `type` VIR_DOMAIN_METADATA_*; `nsuri` for element metadata. */
export interface DomainMetadataChangeEvent {
  readonly dom: DomainRef;
  readonly type: number;
  readonly nsuri: string | undefined;
}

/** Every domain event kind hv subscribes to, by name. */
export const domainEventKinds = {
  /** REMOTE_PROC_DOMAIN_EVENT_CALLBACK_LIFECYCLE (318), event ID 0. */
  lifecycle: kind(
    DomainEventId.LIFECYCLE,
    RemoteProc.DOMAIN_EVENT_CALLBACK_LIFECYCLE,
    nested({ event: xdr.int, detail: xdr.int }),
    (m): DomainLifecycleEvent => ({ dom: m.msg.dom, event: m.msg.event, detail: m.msg.detail }),
  ),
  /** REMOTE_PROC_DOMAIN_EVENT_CALLBACK_REBOOT (319), event ID 1. */
  reboot: kind(
    DomainEventId.REBOOT,
    RemoteProc.DOMAIN_EVENT_CALLBACK_REBOOT,
    nested({}),
    (m): DomainOnlyEvent => ({ dom: m.msg.dom }),
  ),
  /** REMOTE_PROC_DOMAIN_EVENT_CALLBACK_RTC_CHANGE (320), event ID 2: offset in seconds. */
  rtcChange: kind(
    DomainEventId.RTC_CHANGE,
    RemoteProc.DOMAIN_EVENT_CALLBACK_RTC_CHANGE,
    nested({ offset: xdr.hyper }),
    (m) => ({ dom: m.msg.dom, offset: m.msg.offset }),
  ),
  /** REMOTE_PROC_DOMAIN_EVENT_CALLBACK_WATCHDOG (321), event ID 3. */
  watchdog: kind(
    DomainEventId.WATCHDOG,
    RemoteProc.DOMAIN_EVENT_CALLBACK_WATCHDOG,
    nested({ action: xdr.int }),
    (m) => ({ dom: m.msg.dom, action: m.msg.action }),
  ),
  /** REMOTE_PROC_DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON (324), event ID 6. */
  ioErrorReason: kind(
    DomainEventId.IO_ERROR_REASON,
    RemoteProc.DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON,
    nested({ srcPath: nonnullString, devAlias: nonnullString, action: xdr.int, reason: nonnullString }),
    (m) => ({ ...m.msg }),
  ),
  /** REMOTE_PROC_DOMAIN_EVENT_CALLBACK_CONTROL_ERROR (325), event ID 7. */
  controlError: kind(
    DomainEventId.CONTROL_ERROR,
    RemoteProc.DOMAIN_EVENT_CALLBACK_CONTROL_ERROR,
    nested({}),
    (m): DomainOnlyEvent => ({ dom: m.msg.dom }),
  ),
  /** REMOTE_PROC_DOMAIN_EVENT_CALLBACK_BLOCK_JOB (326), event ID 8 (disk named by path). */
  blockJob: kind(
    DomainEventId.BLOCK_JOB,
    RemoteProc.DOMAIN_EVENT_CALLBACK_BLOCK_JOB,
    nested({ path: nonnullString, type: xdr.int, status: xdr.int }),
    (m): DomainBlockJobEvent => ({
      dom: m.msg.dom,
      disk: m.msg.path,
      type: m.msg.type,
      status: m.msg.status,
    }),
  ),
  /** REMOTE_PROC_DOMAIN_EVENT_CALLBACK_TRAY_CHANGE (328), event ID 10. */
  trayChange: kind(
    DomainEventId.TRAY_CHANGE,
    RemoteProc.DOMAIN_EVENT_CALLBACK_TRAY_CHANGE,
    nested({ devAlias: nonnullString, reason: xdr.int }),
    (m) => ({ ...m.msg }),
  ),
  /** REMOTE_PROC_DOMAIN_EVENT_CALLBACK_BALLOON_CHANGE (331), event ID 13: actual KiB. */
  balloonChange: kind(
    DomainEventId.BALLOON_CHANGE,
    RemoteProc.DOMAIN_EVENT_CALLBACK_BALLOON_CHANGE,
    nested({ actual: xdr.uhyper }),
    (m) => ({ dom: m.msg.dom, actualKiB: m.msg.actual }),
  ),
  /** REMOTE_PROC_DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED (333), event ID 15. */
  deviceRemoved: kind(
    DomainEventId.DEVICE_REMOVED,
    RemoteProc.DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED,
    nested({ devAlias: nonnullString }),
    (m): DomainDeviceEvent => ({ dom: m.msg.dom, devAlias: m.msg.devAlias }),
  ),
  /** REMOTE_PROC_DOMAIN_EVENT_BLOCK_JOB_2 (339), event ID 16 (disk named by target, e.g. vda). */
  blockJob2: kind(
    DomainEventId.BLOCK_JOB_2,
    RemoteProc.DOMAIN_EVENT_BLOCK_JOB_2,
    xdr.struct({ ...cb, dom: domainRef, dst: nonnullString, type: xdr.int, status: xdr.int }),
    (m): DomainBlockJobEvent => ({ dom: m.dom, disk: m.dst, type: m.type, status: m.status }),
  ),
  /** REMOTE_PROC_DOMAIN_EVENT_CALLBACK_TUNABLE (346), event ID 17. */
  tunable: kind(
    DomainEventId.TUNABLE,
    RemoteProc.DOMAIN_EVENT_CALLBACK_TUNABLE,
    xdr.struct({ ...cb, dom: domainRef, params: typedParams(DOMAIN_EVENT_TUNABLE_MAX) }),
    (m): DomainParamsEvent => ({ dom: m.dom, params: typedParamsToRecord(m.params) }),
  ),
  /** REMOTE_PROC_DOMAIN_EVENT_CALLBACK_AGENT_LIFECYCLE (348), event ID 18. */
  agentLifecycle: kind(
    DomainEventId.AGENT_LIFECYCLE,
    RemoteProc.DOMAIN_EVENT_CALLBACK_AGENT_LIFECYCLE,
    xdr.struct({ ...cb, dom: domainRef, state: xdr.int, reason: xdr.int }),
    (m): DomainAgentLifecycleEvent => ({ dom: m.dom, state: m.state, reason: m.reason }),
  ),
  /** REMOTE_PROC_DOMAIN_EVENT_CALLBACK_DEVICE_ADDED (354), event ID 19. */
  deviceAdded: kind(
    DomainEventId.DEVICE_ADDED,
    RemoteProc.DOMAIN_EVENT_CALLBACK_DEVICE_ADDED,
    xdr.struct({ ...cb, dom: domainRef, devAlias: nonnullString }),
    (m): DomainDeviceEvent => ({ dom: m.dom, devAlias: m.devAlias }),
  ),
  /** REMOTE_PROC_DOMAIN_EVENT_CALLBACK_MIGRATION_ITERATION (359), event ID 20. */
  migrationIteration: kind(
    DomainEventId.MIGRATION_ITERATION,
    RemoteProc.DOMAIN_EVENT_CALLBACK_MIGRATION_ITERATION,
    xdr.struct({ ...cb, dom: domainRef, iteration: xdr.int }),
    (m) => ({ dom: m.dom, iteration: m.iteration }),
  ),
  /** REMOTE_PROC_DOMAIN_EVENT_CALLBACK_JOB_COMPLETED (363), event ID 21: final job statistics. */
  jobCompleted: kind(
    DomainEventId.JOB_COMPLETED,
    RemoteProc.DOMAIN_EVENT_CALLBACK_JOB_COMPLETED,
    xdr.struct({ ...cb, dom: domainRef, params: typedParams(DOMAIN_JOB_STATS_MAX) }),
    (m): DomainParamsEvent => ({ dom: m.dom, params: typedParamsToRecord(m.params) }),
  ),
  /** REMOTE_PROC_DOMAIN_EVENT_CALLBACK_DEVICE_REMOVAL_FAILED (367), event ID 22. */
  deviceRemovalFailed: kind(
    DomainEventId.DEVICE_REMOVAL_FAILED,
    RemoteProc.DOMAIN_EVENT_CALLBACK_DEVICE_REMOVAL_FAILED,
    xdr.struct({ ...cb, dom: domainRef, devAlias: nonnullString }),
    (m): DomainDeviceEvent => ({ dom: m.dom, devAlias: m.devAlias }),
  ),
  /** REMOTE_PROC_DOMAIN_EVENT_CALLBACK_METADATA_CHANGE (379), event ID 23. */
  metadataChange: kind(
    DomainEventId.METADATA_CHANGE,
    RemoteProc.DOMAIN_EVENT_CALLBACK_METADATA_CHANGE,
    xdr.struct({ ...cb, dom: domainRef, type: xdr.int, nsuri: optionalString }),
    (m): DomainMetadataChangeEvent => ({ dom: m.dom, type: m.type, nsuri: m.nsuri ?? undefined }),
  ),
  /** REMOTE_PROC_DOMAIN_EVENT_BLOCK_THRESHOLD (385), event ID 24: bytes written past a threshold. */
  blockThreshold: kind(
    DomainEventId.BLOCK_THRESHOLD,
    RemoteProc.DOMAIN_EVENT_BLOCK_THRESHOLD,
    xdr.struct({
      ...cb,
      dom: domainRef,
      dev: nonnullString,
      path: optionalString,
      threshold: xdr.uhyper,
      excess: xdr.uhyper,
    }),
    (m) => ({ dom: m.dom, dev: m.dev, path: m.path ?? undefined, threshold: m.threshold, excess: m.excess }),
  ),
} as const;

/** The names of the domain event kinds. */
export type DomainEventName = keyof typeof domainEventKinds;
