// Entry point of `hv`: wires the process (argv, streams, Ctrl-C) to runCli and exits with its code.
import { runCli } from './run-cli.js';

// Ctrl-C, and the signals service managers, `timeout` and closing terminals send, end a command the
// same way: its work is aborted and undone (a backup's job, checkpoint and partial files), then hv exits
// 128 + the signal's number, as the shell reports a program killed by it. A second signal, or work
// that does not watch the signal for 5 s, exits at once.
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
const controller = new AbortController();
let caught: keyof typeof SIGNAL_EXIT | undefined;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    const code = SIGNAL_EXIT[caught ?? signal];
    if (caught !== undefined) process.exit(code);
    caught = signal;
    controller.abort();
    setTimeout(() => process.exit(code), 5000).unref();
  });
}

// The reader of our output went away (`hv ls | head -1`): stop quietly, with the status a program
// killed by SIGPIPE has (Node ignores the signal, so the write fails with EPIPE instead).
const EXIT_SIGPIPE = 141;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(EXIT_SIGPIPE);
    throw err;
  });
}

// No top-level await: the bundle (scripts/bundle-cli.mjs) is CommonJS.
void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  // Only commands that read stdin pay for opening it (~5 ms).
  get stdin() {
    return process.stdin;
  },
  env: process.env,
  signal: controller.signal,
}).then((code) => {
  // An interrupted command reports the signal that interrupted it.
  process.exitCode = caught !== undefined && code === SIGNAL_EXIT.SIGINT ? SIGNAL_EXIT[caught] : code;
});
