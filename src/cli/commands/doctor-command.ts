// The body of `hv doctor`: load the configuration (a broken one is itself a finding, not a stop),
// gather the host facts, run the checks, print them, log a summary, and fail with CHECK_FAILED when
// any check failed.
import { loadConfig } from '../../core/config/load-config.js';
import { parseConfigText } from '../../core/config/parse-config-text.js';
import { HOST_PATHS, type DoctorEnv } from '../../core/doctor/doctor-check.js';
import { doctorCheckIds } from '../../core/doctor/doctor-checks.js';
import { runDoctor } from '../../core/doctor/run-doctor.js';
import { CheckFailedError, HvError } from '../../core/errors/index.js';
import { validateEnum } from '../../core/validate/validate-enum.js';
import { openCliLogger } from '../cli-logger.js';
import type { CliContext } from '../context.js';
import { effectiveConnectUri } from '../effective-connect-uri.js';
import { printJson, printText } from '../render/output.js';
import { countStatuses, renderDoctorReport } from '../render/render-doctor-report.js';

async function configFor(
  ctx: CliContext,
): Promise<Pick<DoctorEnv, 'config' | 'configExists' | 'configError'>> {
  try {
    const loaded = await loadConfig(ctx.options.configPath);
    return { config: loaded.config, configExists: loaded.exists };
  } catch (err) {
    if (!(err instanceof HvError)) throw err;
    return {
      config: parseConfigText('', ctx.options.configPath).config,
      configExists: true,
      configError: err,
    };
  }
}

/** Run `hv doctor` with the given check ids (none = all). */
export async function doctorCommand(ctx: CliContext, ids: readonly string[]): Promise<number | undefined> {
  const known = doctorCheckIds();
  for (const id of ids) validateEnum('check', id, known);
  const loaded = await configFor(ctx);
  const env: DoctorEnv = {
    ...loaded,
    connectUri: effectiveConnectUri(ctx.options, loaded.config),
    configPath: ctx.options.configPath,
    searchPath: ctx.env.PATH ?? '',
    env: ctx.env,
    uid: process.getuid?.() ?? 0,
    gids: process.getgroups?.() ?? [],
    paths: HOST_PATHS,
    signal: ctx.signal,
    // HOOK(libvirt-client): probeLibvirtVersion: (uri, signal) => <client>.connectGetLibVersion(),
    // once src/libvirt can open a connection; until then the libvirtd check opens the socket only.
  };
  const reports = await runDoctor(env, ids);
  const counts = countStatuses(reports);
  const failed = reports.filter((r) => r.status === 'fail').map((r) => r.id);
  const log = openCliLogger(ctx, loaded.configError === undefined ? loaded.config : undefined);
  log.logger.info(
    {
      event: 'doctor',
      ...counts,
      failed,
      warned: reports.filter((r) => r.status === 'warn').map((r) => r.id),
    },
    `doctor: ${counts.ok} ok, ${counts.warn} warning${counts.warn === 1 ? '' : 's'}, ${counts.fail} failed`,
  );
  log.close();
  if (ctx.options.json) printJson(ctx, { checks: reports, summary: counts, config: ctx.options.configPath });
  else printText(ctx, renderDoctorReport(reports, ctx.options.color));
  if (failed.length > 0) {
    throw new CheckFailedError(`${failed.length} of ${reports.length} checks failed: ${failed.join(', ')}`, {
      details: { failed },
    });
  }
  return undefined;
}
