// PCI addresses for device passthrough (VFIO), in the long form lspci -D prints (0000:01:00.0) or the
// short one (01:00.0). Parsed into numbers so the XML writer never splices user text.
import { ValidationError } from '../errors/index.js';
import { requireString } from './require-string.js';

/** A PCI address as numbers, plus its canonical text `dddd:bb:ss.f` in lower case. */
export interface PciAddress {
  readonly domain: number;
  readonly bus: number;
  readonly slot: number;
  readonly function: number;
  readonly text: string;
}

const PCI_RE = /^(?:([0-9a-f]{1,4}):)?([0-9a-f]{1,2}):([0-9a-f]{1,2})\.([0-9a-f]+)$/i;

/**
 * Parse `[domain:]bus:slot.function` (hex; domain 0-ffff, bus 0-ff, slot 0-1f, function 0-7).
 * @throws ValidationError naming the part that is out of range, or the expected format.
 */
export function parsePciAddress(field: string, value: unknown): PciAddress {
  const text = requireString(field, value);
  const m = PCI_RE.exec(text);
  if (m === null) {
    throw new ValidationError(field, 'must be a PCI address like 0000:01:00.0 or 01:00.0', { value: text });
  }
  const [, d = '0', b = '0', s = '0', f = '0'] = m;
  const domain = parseInt(d, 16);
  const bus = parseInt(b, 16);
  const slot = parseInt(s, 16);
  const fn = f.length <= 2 ? parseInt(f, 16) : Infinity;
  if (slot > 0x1f) throw new ValidationError(field, 'slot must be from 00 to 1f', { value: text });
  if (fn > 7) throw new ValidationError(field, 'function must be from 0 to 7', { value: text });
  const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
  return {
    domain,
    bus,
    slot,
    function: fn,
    text: `${hex(domain, 4)}:${hex(bus, 2)}:${hex(slot, 2)}.${fn}`,
  };
}
