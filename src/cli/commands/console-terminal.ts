// Why: a console session puts the terminal in raw mode (every key goes to the guest, Ctrl-C too); a
// terminal left raw after hv ends is unusable. The mode is restored on every way out: normal return,
// an error, a termination signal and a crash (the process 'exit' event runs for uncaught exceptions).

/** The part of a tty.ReadStream this needs. */
export interface RawModeInput {
  readonly isRaw: boolean;
  setRawMode(mode: boolean): unknown;
}

/** Is this stdin a terminal that can go raw? */
export function canGoRaw(stdin: unknown): stdin is RawModeInput {
  return (
    typeof stdin === 'object' &&
    stdin !== null &&
    (stdin as { isTTY?: unknown }).isTTY === true &&
    typeof (stdin as { setRawMode?: unknown }).setRawMode === 'function'
  );
}

const SIGNALS = ['SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;
const SIGNAL_NUMBERS: Readonly<Record<(typeof SIGNALS)[number], number>> = {
  SIGHUP: 1,
  SIGQUIT: 3,
  SIGTERM: 15,
};

/** Switch `stdin` (a TTY) to raw mode; returns the idempotent function that restores it. */
export function enterRawMode(stdin: RawModeInput): () => void {
  const wasRaw = stdin.isRaw;
  stdin.setRawMode(true);
  let restored = false;
  const onSignal = (signal: (typeof SIGNALS)[number]): void => {
    restore();
    process.exit(128 + SIGNAL_NUMBERS[signal]);
  };
  function restore(): void {
    if (restored) return;
    restored = true;
    try {
      stdin.setRawMode(wasRaw);
    } catch {
      // The terminal went away (SIGHUP): nothing left to restore.
    }
    process.off('exit', restore);
    for (const s of SIGNALS) process.off(s, onSignal);
  }
  process.on('exit', restore);
  for (const s of SIGNALS) process.on(s, onSignal);
  return restore;
}
