// What a file really is, from its first bytes rather than its name: a qcow2 header ("QFI\xfb"), an
// ISO 9660 volume descriptor ("CD001" at 32769), or anything else (raw). The kind and the volume's
// file extension follow from it, so a cloud image named .img that is really qcow2 is stored as such.
import { open } from 'node:fs/promises';
import type { ImageKind } from './catalog/catalog-entry-schema.js';

/** Formats hv tells apart. */
export type ImageFormat = 'qcow2' | 'iso' | 'raw';

/** Read the format of the file at `path`. */
export async function detectImageFormat(path: string): Promise<ImageFormat> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    if (head.equals(Buffer.from([0x51, 0x46, 0x49, 0xfb]))) return 'qcow2';
    const iso = Buffer.alloc(5);
    const { bytesRead } = await fh.read(iso, 0, 5, 32769);
    if (bytesRead === 5 && iso.toString('latin1') === 'CD001') return 'iso';
    return 'raw';
  } finally {
    await fh.close();
  }
}

/** The kind a format suggests when nobody said: ISO 9660 is installer media, the rest disk images. */
export function kindOfFormat(format: ImageFormat): ImageKind {
  return format === 'iso' ? 'iso' : 'cloud';
}

/** The volume (file) name of image `name`: the name plus .iso, .qcow2 or .img. */
export function volumeNameOf(name: string, kind: ImageKind, format: ImageFormat): string {
  const ext = format === 'qcow2' ? '.qcow2' : format === 'iso' || kind === 'iso' ? '.iso' : '.img';
  return `${name}${ext}`;
}

/**
 * A valid image name from a file name: the extension dropped, other characters than letters, digits,
 * `.`, `_` and `-` replaced by `-`, at most 64 characters; undefined when nothing usable remains.
 */
export function nameFromFileName(fileName: string): string | undefined {
  const stem = fileName.replace(/\.(iso|qcow2|img|raw)$/i, '');
  const cleaned = stem
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 64);
  return cleaned === '' ? undefined : cleaned;
}
