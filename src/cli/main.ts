// Entry point of `hv`: wires the process (argv, streams, Ctrl-C) to runCli and exits with its code.
import { runCli } from './run-cli.js';

const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  interrupts += 1;
  if (interrupts > 1) process.exit(130);
  controller.abort();
  // Work that does not watch the signal still ends promptly.
  setTimeout(() => process.exit(130), 5000).unref();
});

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
  process.exitCode = code;
});
