// Waits for a marker line in a guest's serial log file. Polling a file is the simplest reliable
// way: virtlogd writes the log as root, and `virsh console` would need a tty.
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** The marker lines the test guest prints on ttyS0 (each line is `MARKER details`). */
export const GUEST_MARKERS = {
  /** Boot finished (after the probe.* switches ran); details: `uptime=S boot=kernel|disk`. */
  ready: 'HV-TEST-GUEST-READY',
  /** probe.dd=N finished; details: `dev=vdX mib=N`. The disk starts with `HV-TEST-GUEST-DATA mib=N`. */
  ddDone: 'HV-TEST-GUEST-DD-DONE',
  ddFailed: 'HV-TEST-GUEST-DD-FAILED',
  /** probe.net=1 got a lease; details: `ip=A router=R`. */
  dhcp: 'HV-TEST-GUEST-DHCP',
  qgaStarted: 'HV-TEST-GUEST-QGA-STARTED',
  /** acpid saw the power button and is powering off. */
  acpiPower: 'HV-TEST-GUEST-ACPI-POWER',
  acpiIgnored: 'HV-TEST-GUEST-ACPI-IGNORED',
  panicArmed: 'HV-TEST-GUEST-PANIC-ARMED',
  panicNow: 'HV-TEST-GUEST-PANIC-NOW',
} as const;

/** The first line that matched, and how long the wait took. */
export interface SerialMatch {
  line: string;
  waitedMs: number;
}

/**
 * Polls `logPath` every 50 ms until a complete line contains `marker` (string) or matches it (RegExp).
 * Throws after `timeoutMs`, quoting the end of the log so a failure explains itself.
 */
export async function waitForSerial(
  logPath: string,
  marker: string | RegExp,
  timeoutMs: number,
): Promise<SerialMatch> {
  const start = performance.now();
  const matches = (line: string): boolean =>
    typeof marker === 'string' ? line.includes(marker) : marker.test(line);
  let text: string;
  for (;;) {
    text = await readFile(logPath, 'utf8').catch(() => '');
    // Whole lines only: the guest may be half-way through writing the marker's line (a test once read
    // `HV-TEST-GUEST-READY uptime=5.22 boot=ker`).
    const lines = text.split(/\r?\n/);
    lines.pop();
    const line = lines.find(matches);
    if (line !== undefined) return { line: line.trim(), waitedMs: performance.now() - start };
    if (performance.now() - start > timeoutMs) break;
    await sleep(50);
  }
  const tail = text.length > 1500 ? '...' + text.slice(-1500) : text;
  throw new Error(`serial log ${logPath}: no '${String(marker)}' within ${timeoutMs} ms; log ends:\n${tail}`);
}
