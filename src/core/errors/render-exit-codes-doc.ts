// Renders docs/exit-codes.md from the one error table, so scripts that branch on hv's exit status
// read the same numbers the code uses; a unit test fails when the committed file is stale.
import { ERROR_CODES, EXIT_CODES, type ErrorCode, type ExitCode } from './error-codes.js';

/** The full text of docs/exit-codes.md. */
export function renderExitCodesDoc(): string {
  const codes = Object.keys(ERROR_CODES) as ErrorCode[];
  const exits = Object.keys(EXIT_CODES).map(Number) as ExitCode[];
  const byExit = exits.map((exit) => {
    const mapped = codes.filter((c) => ERROR_CODES[c].exit === exit);
    const list =
      mapped.length === 0 ? '—' : mapped.map((c) => `\`${c}\` (${ERROR_CODES[c].http})`).join(', ');
    return `| ${exit} | ${EXIT_CODES[exit]} | ${list} |`;
  });
  const byCode = codes.map((c) => {
    const info = ERROR_CODES[c];
    return `| \`${c}\` | ${info.exit} | ${info.http} | ${info.summary} |`;
  });
  return `<!-- Generated from src/core/errors/error-codes.ts by \`npm run gen:docs\`; do not edit. -->
# Exit codes

Every error hv reports has a stable **error code** (never match on message text). One table maps each
error code to a process **exit code** and an **HTTP status** (used by the API). On the command line an
error is one line on stderr, \`hv: <message> [<CODE>]\`; with \`--json\` it is the same JSON shape the
HTTP API returns:

\`\`\`json
{"error":{"code":"INVALID_ARGUMENT","message":"name: must match ... (got \\"a;b\\")","details":{"field":"name","rule":"must match ...","value":"\\"a;b\\""}}}
\`\`\`

\`hv doctor\` exits 0 when every check passes or only warns, and 11 (\`CHECK_FAILED\`) when any check fails.
When the reader of hv's output goes away (\`hv ls | head -1\`), hv stops writing and exits 141, as a
program killed by SIGPIPE does, without an error message.
An interrupted command (\`INTERRUPTED\`) first undoes its work (a backup aborts its job and removes its
checkpoint and partial files), then exits 128 + the number of the signal: 130 for Ctrl-C (SIGINT), 143
for SIGTERM (a service manager, \`timeout\`), 129 for SIGHUP (its terminal closed). A second signal, or
work that has not ended 5 s after the first, exits at once. Node resets the signals it inherits, so
\`nohup\` does not keep hv running when its terminal closes: start long work with \`setsid\` (no
controlling terminal), \`systemd-run\`, or in \`tmux\`/\`screen\`.

## By exit code

| exit | meaning | error codes (HTTP status) |
|---|---|---|
${byExit.join('\n')}

## By error code

| error code | exit | HTTP | meaning |
|---|---|---|---|
${byCode.join('\n')}
`;
}
