// Why: a state word in colour is read at a glance, but escape codes in a pipe or a log file are noise.
// Colour is applied only when the global options say so (stdout is a TTY, NO_COLOR unset, no --no-color).

const CODES = {
  green: 32,
  yellow: 33,
  red: 31,
  cyan: 36,
  dim: 2,
} as const;

type Colour = keyof typeof CODES;

const STATE_COLOURS: Readonly<Record<string, Colour>> = {
  running: 'green',
  idle: 'green',
  paused: 'yellow',
  'in shutdown': 'yellow',
  pmsuspended: 'cyan',
  crashed: 'red',
  'shut off': 'dim',
};

/** `text` wrapped in the SGR code of `colour` when `enabled`, else unchanged. */
function colour(text: string, name: Colour, enabled: boolean): string {
  return enabled ? `\x1b[${CODES[name]}m${text}\x1b[0m` : text;
}

/** A VM state word in its colour (running green, paused yellow, crashed red, shut off dim). */
export function colourState(state: string, enabled: boolean): string {
  const c = STATE_COLOURS[state];
  return c === undefined ? state : colour(state, c, enabled);
}
