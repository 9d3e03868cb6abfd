// The vocabulary of `hv doctor`: a check is a row of the dependency map (what, of which kind, needed by
// which commands, from which Debian package, how to fix) plus a probe that looks at the host.
import type { HvConfig } from '../config/config-schema.js';
import type { HvError } from '../errors/index.js';

/** A check's verdict. `skip` means it does not apply here (e.g. permissions for a remote URI). */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

/**
 * What a probe saw. `missing`: the dependency is absent or broken; the check's `severity` decides
 * whether that fails or warns. `degraded`: present but not fully usable (always a warning).
 */
export interface ProbeResult {
  readonly state: 'ok' | 'missing' | 'degraded' | 'skip';
  /** One line: what was found, or what is wrong. */
  readonly summary: string;
  /** A fix more precise than the check's general one. */
  readonly fix?: string;
}

/**
 * Asks the daemon behind `uri` for its libvirt version ("9.0.0").
 * HOOK(libvirt-client): the CLI passes one built on src/libvirt's connectGetLibVersion once the
 * client can open a connection; until then the libvirtd check only opens the socket.
 * @public
 */
export type LibvirtVersionProbe = (uri: string, signal: AbortSignal) => Promise<string>;

/** Files the probes read, so tests can point them at fixtures. */
export interface HostPaths {
  readonly devKvm: string;
  readonly cpuinfo: string;
  readonly sysModule: string;
  readonly ovmfDir: string;
  readonly etcGroup: string;
}

/** The real locations on a Linux host. */
export const HOST_PATHS: HostPaths = {
  devKvm: '/dev/kvm',
  cpuinfo: '/proc/cpuinfo',
  sysModule: '/sys/module',
  ovmfDir: '/usr/share/OVMF',
  etcGroup: '/etc/group',
};

/** Everything the probes look at, gathered once by the caller. */
export interface DoctorEnv {
  readonly connectUri: string;
  /** The effective configuration (the defaults when the file is invalid). */
  readonly config: HvConfig;
  readonly configPath: string;
  readonly configExists: boolean;
  /** Why the configuration file could not be used, if it could not. */
  readonly configError?: HvError;
  /** PATH to search for programs. */
  readonly searchPath: string;
  /** Environment (XDG_RUNTIME_DIR, HOME for session sockets). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly uid: number;
  readonly gids: readonly number[];
  readonly paths: HostPaths;
  readonly signal: AbortSignal;
  readonly probeLibvirtVersion?: LibvirtVersionProbe;
}

/** The kinds of dependency in the map. */
type DependencyKind = 'service' | 'device' | 'program' | 'file' | 'space' | 'permission' | 'config';

/** One row of the dependency map, with its probe. */
export interface DoctorCheck {
  /** Stable id, used on the command line (`hv doctor qemu-img`) and in JSON. */
  readonly id: string;
  readonly title: string;
  readonly kind: DependencyKind;
  /** The hv commands or features that need it. */
  readonly neededBy: readonly string[];
  /** Debian package that provides it, if any. */
  readonly debianPackage?: string;
  /** What a missing dependency means: `fail` (hv cannot work) or `warn` (a feature is lost). */
  readonly severity: 'fail' | 'warn';
  /** How to fix it, in general. */
  readonly fix: string;
  probe(env: DoctorEnv): Promise<ProbeResult>;
}

/** One line of the doctor's report. */
export interface CheckReport {
  readonly id: string;
  readonly title: string;
  readonly kind: DependencyKind;
  readonly status: CheckStatus;
  readonly summary: string;
  /** Present when the status is warn or fail. */
  readonly fix?: string;
  readonly neededBy: readonly string[];
  readonly debianPackage?: string;
}
