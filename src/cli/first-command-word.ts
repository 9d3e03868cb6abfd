// Why: the program builds only the command modules a run needs (program.ts), so it must know the
// command word before commander parses: the first argument that is neither a global flag nor the
// value of one. Any doubt yields a word no module adds (or none), which builds the whole tree.

/** Global options that take a value as the next argument (checked against program.ts by a test). */
export const GLOBAL_VALUE_OPTIONS: readonly string[] = ['-c', '--connect', '--config'];

/** Short global flags whose value may follow as the next argument when last in a group (`-qc URI`). */
const SHORT_VALUE_FLAGS = new Set(GLOBAL_VALUE_OPTIONS.filter((o) => /^-\w$/.test(o)).map((o) => o[1]));

/** Does this argument consume the next one as its value? */
function takesNext(arg: string): boolean {
  if (GLOBAL_VALUE_OPTIONS.includes(arg)) return true;
  if (!/^-[^-]/.test(arg)) return false; // long flags carry a value only as --opt=value
  // A group of short flags: the first one that takes a value takes the rest, or else the next argument.
  const letters = arg.slice(1);
  for (let i = 0; i < letters.length; i++) {
    if (SHORT_VALUE_FLAGS.has(letters.charAt(i))) return i === letters.length - 1;
  }
  return false;
}

/** The command word of `argv` (without node and script), or undefined when there is none. */
export function firstCommandWord(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') return argv[i + 1];
    if (!arg.startsWith('-') || arg === '-') return arg;
    if (takesNext(arg)) i++;
  }
  return undefined;
}
