// Why: libvirt's push backup is described by two small XML documents: `<domainbackup>` (which disks go to
// which qcow2 file, and since which checkpoint) and `<domaincheckpoint>` (the dirty bitmaps created at
// the same instant for the next incremental). Built here, escaped, from plain values.
import { encodeXmlText as esc } from '../domain-xml/ordered-xml.js';

/** Where one disk's backup goes. */
export interface PushTarget {
  /** Guest device name (vda). */
  readonly target: string;
  /** qcow2 file QEMU writes. */
  readonly file: string;
}

/**
 * `<domainbackup mode='push'>` for `targets`; every other disk in `skip` is listed with backup='no'.
 * @param incrementalFrom checkpoint name for an incremental backup; undefined for a full one.
 */
export function pushBackupXml(
  targets: readonly PushTarget[],
  skip: readonly string[],
  incrementalFrom?: string,
): string {
  const disks = [
    ...targets.map(
      (t) =>
        `    <disk name="${esc(t.target)}" backup="yes" type="file">` +
        `<target file="${esc(t.file)}"/><driver type="qcow2"/></disk>`,
    ),
    ...skip.map((s) => `    <disk name="${esc(s)}" backup="no"/>`),
  ];
  return [
    `<domainbackup mode="push">`,
    ...(incrementalFrom === undefined ? [] : [`  <incremental>${esc(incrementalFrom)}</incremental>`]),
    '  <disks>',
    ...disks,
    '  </disks>',
    '</domainbackup>',
    '',
  ].join('\n');
}

/** `<domaincheckpoint>` with a bitmap on each of `targets` and none on the disks in `skip`. */
export function checkpointXml(
  name: string,
  description: string,
  targets: readonly string[],
  skip: readonly string[],
): string {
  return [
    '<domaincheckpoint>',
    `  <name>${esc(name)}</name>`,
    `  <description>${esc(description)}</description>`,
    '  <disks>',
    ...targets.map((t) => `    <disk name="${esc(t)}" checkpoint="bitmap"/>`),
    ...skip.map((s) => `    <disk name="${esc(s)}" checkpoint="no"/>`),
    '  </disks>',
    '</domaincheckpoint>',
    '',
  ].join('\n');
}
