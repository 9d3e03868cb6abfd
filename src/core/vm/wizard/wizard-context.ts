// What the create wizard knows about the host, gathered once by the caller (CLI, later the TUI) so the
// question flow itself stays pure: defaults come from here, and checks that need the file system are
// functions passed in.
import type { Arch } from '../../profile/vm-profile.js';

/** One image of the library, as the wizard offers it. @public */
export interface WizardImage {
  readonly name: string;
  readonly kind: 'iso' | 'cloud';
}

/** The host as the wizard sees it. */
export interface WizardContext {
  /** Host CPUs (vCPU default and limit). */
  readonly cores: number;
  readonly totalMemoryMiB: number;
  readonly freeMemoryMiB: number;
  readonly hostArch: Arch;
  /** libvirt networks, by name. */
  readonly networks: readonly string[];
  /** The network new VMs use unless told otherwise (config network.default). */
  readonly defaultNetwork: string;
  /** Existing VM names (a new name must be free). */
  readonly vms: readonly string[];
  /** The image library. */
  readonly images: readonly WizardImage[];
  /** How messages name the library. */
  readonly libraryLabel: string;
  /** Public key files to offer for the cloud-image login (e.g. ~/.ssh/id_ed25519.pub). */
  readonly keyFiles: readonly string[];
  /** Login user to offer (e.g. $SUDO_USER). */
  readonly userName?: string;
  /** Huge pages are reserved on the host (the hugepages default). */
  readonly hugepagesReserved: boolean;
  /** Check a path the user typed for an existing readable file: an error rule, or undefined when fine. */
  readonly checkFile: (path: string) => string | undefined;
  /** Check an SSH public key file: an error rule, or undefined. */
  readonly checkKeyFile: (path: string) => string | undefined;
  /** Check where a profile would be saved (must not exist; its directory must): error or undefined. */
  readonly checkNewFile: (path: string) => string | undefined;
}
