// Why: the console is left with one byte the guest never needs to see, Ctrl-] (0x1d, telnet's and
// virsh's escape). Keystrokes arrive in chunks: everything before the escape still goes to the guest.

/** Ctrl-]. */
export const ESCAPE_BYTE = 0x1d;

/** What to forward from one input chunk, and whether the escape byte ended the session. */
export interface EscapeScan {
  readonly forward: Buffer;
  readonly escaped: boolean;
}

/** Split an input chunk at the first escape byte. Pure. */
export function scanForEscape(chunk: Buffer): EscapeScan {
  const at = chunk.indexOf(ESCAPE_BYTE);
  return at < 0 ? { forward: chunk, escaped: false } : { forward: chunk.subarray(0, at), escaped: true };
}
