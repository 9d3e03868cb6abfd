// Runs the doctor's checks concurrently, each with a time limit, and turns what the probes saw into
// ok / warn / fail / skip using each check's severity. Pure orchestration: the probes do the looking.
import { InterruptedError } from '../errors/index.js';
import type { CheckReport, CheckStatus, DoctorCheck, DoctorEnv, ProbeResult } from './doctor-check.js';
import { DOCTOR_CHECKS } from './doctor-checks.js';

/** Longest a single check may take. */
const CHECK_TIMEOUT_MS = 10_000;

function statusOf(check: DoctorCheck, probe: ProbeResult): CheckStatus {
  switch (probe.state) {
    case 'ok':
      return 'ok';
    case 'skip':
      return 'skip';
    case 'degraded':
      return 'warn';
    case 'missing':
      return check.severity;
  }
}

async function runOne(check: DoctorCheck, env: DoctorEnv): Promise<CheckReport> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ProbeResult>((resolve) => {
    timer = setTimeout(() => {
      resolve({ state: 'missing', summary: `the check did not finish within ${CHECK_TIMEOUT_MS / 1000} s` });
    }, CHECK_TIMEOUT_MS);
  });
  let probe: ProbeResult;
  try {
    probe = await Promise.race([check.probe(env), timeout]);
  } catch (err) {
    probe = {
      state: 'missing',
      summary: `the check itself failed: ${err instanceof Error ? err.message : String(err)}`,
    };
  } finally {
    clearTimeout(timer);
  }
  const status = statusOf(check, probe);
  return {
    id: check.id,
    title: check.title,
    kind: check.kind,
    status,
    summary: probe.summary,
    ...(status === 'warn' || status === 'fail' ? { fix: probe.fix ?? check.fix } : {}),
    neededBy: check.neededBy,
    ...(check.debianPackage === undefined ? {} : { debianPackage: check.debianPackage }),
  };
}

/**
 * Run the checks (all, or those whose id is in `only`) and return their reports in table order.
 * @throws InterruptedError when env.signal is aborted meanwhile.
 */
export async function runDoctor(
  env: DoctorEnv,
  only?: readonly string[],
  checks: readonly DoctorCheck[] = DOCTOR_CHECKS,
): Promise<CheckReport[]> {
  const chosen = only === undefined || only.length === 0 ? checks : checks.filter((c) => only.includes(c.id));
  const reports = await Promise.all(chosen.map((c) => runOne(c, env)));
  if (env.signal.aborted) throw new InterruptedError('interrupted while checking the host');
  return reports;
}
