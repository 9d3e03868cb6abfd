// The three NoCloud documents of a VM's cloud-init seed. meta-data always carries a fresh
// instance-id (so a clone or re-created VM runs cloud-init again); user-data is generated from
// --user/--ssh-key when no file is given; network-config defaults to DHCP on every ethernet NIC.
// Pure text builders: values are emitted as JSON strings (valid YAML), so nothing a user typed can
// change the structure of the document.
import { randomUUID } from 'node:crypto';

/** Login set-up for a generated user-data. */
export interface CloudUser {
  readonly name: string;
  /** OpenSSH public key lines. */
  readonly sshKeys: readonly string[];
}

/** A fresh instance-id (`iid-hv-<uuid>`). */
export function newInstanceId(): string {
  return `iid-hv-${randomUUID()}`;
}

/** `#cloud-config` creating `user` with sudo and the given keys (password login stays locked). */
export function generateUserData(vmName: string, user: CloudUser | undefined): string {
  const lines = ['#cloud-config', `hostname: ${JSON.stringify(vmName)}`];
  if (user !== undefined) {
    lines.push(
      'users:',
      `  - name: ${JSON.stringify(user.name)}`,
      '    sudo: "ALL=(ALL) NOPASSWD:ALL"',
      '    shell: /bin/bash',
      '    lock_passwd: true',
    );
    if (user.sshKeys.length > 0) {
      lines.push('    ssh_authorized_keys:');
      for (const k of user.sshKeys) lines.push(`      - ${JSON.stringify(k)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * meta-data: the given text with its instance-id replaced by `instanceId` (added when missing), or a
 * generated one with the hostname.
 */
export function metaData(vmName: string, instanceId: string, given?: string): string {
  if (given === undefined) {
    return `instance-id: ${JSON.stringify(instanceId)}\nlocal-hostname: ${JSON.stringify(vmName)}\n`;
  }
  const body = given
    .split('\n')
    .filter((l) => !/^instance-id\s*:/.test(l))
    .join('\n');
  return `instance-id: ${JSON.stringify(instanceId)}\n${body}${body.endsWith('\n') ? '' : '\n'}`;
}

/** network-config v2: DHCP (v4 and v6) on every NIC whose name starts with e. */
export function defaultNetworkConfig(): string {
  return [
    'version: 2',
    'ethernets:',
    '  all-en:',
    '    match:',
    '      name: "e*"',
    '    dhcp4: true',
    '    dhcp6: true',
    '',
  ].join('\n');
}

/** The instance-id in a meta-data text, if any. */
export function instanceIdOf(meta: string): string | undefined {
  const m = /^instance-id\s*:\s*"?([^"\n]+)"?\s*$/m.exec(meta);
  return m?.[1];
}
