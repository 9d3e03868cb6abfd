// `hv image verify [NAME...|--all]`: re-hash stored images; exit 11 when one changed.
import { UsageError } from '../../core/errors/index.js';
import { ImageService, type VerifyResult } from '../../core/image/image-service.js';
import { formatSize } from '../../core/validate/format-size.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';
import { renderTable, type Column } from '../render/table.js';
import { withImageService } from './image-context.js';

const MiB = 1024 * 1024;
const rateOf = (r: VerifyResult): number => (r.seconds > 0 ? r.bytes / MiB / r.seconds : 0);

const COLUMNS: readonly Column<VerifyResult>[] = [
  { header: 'NAME', value: (r) => r.name },
  { header: 'RESULT', value: (r) => (r.status === 'ok' ? 'ok' : r.status.toUpperCase()) },
  { header: 'ALGORITHM', value: (r) => r.algorithm },
  { header: 'SIZE', value: (r) => formatSize(r.bytes), align: 'right' },
  { header: 'MIB/S', value: (r) => (r.seconds > 0 ? rateOf(r).toFixed(0) : '-'), align: 'right' },
];

/** The command body. */
export async function imageVerify(
  ctx: CliContext,
  names: string[],
  opts: { all?: boolean },
): Promise<number> {
  if ((names.length === 0) === (opts.all !== true))
    throw new UsageError('name images to verify, or give --all');
  return withImageService(ctx, async (svc) => {
    const results = await svc.verify(opts.all === true ? [] : names);
    if (ctx.options.json)
      printJson(
        ctx,
        results.map((r) => ({ ...r, mibPerSecond: Math.round(rateOf(r)) })),
      );
    else if (results.length === 0) printText(ctx, 'no images to verify');
    else printText(ctx, renderTable(results, COLUMNS));
    ImageService.assertVerified(results);
    return 0;
  });
}
