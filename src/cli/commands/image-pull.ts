// `hv image pull NAME|URL`: one call to ImageService.pull, then a summary line (or JSON).
import type { ImageKind } from '../../core/image/catalog/catalog-entry-schema.js';
import { verifiedLabel } from '../../core/image/image-record.js';
import { formatSize } from '../../core/validate/format-size.js';
import { validateInt } from '../../core/validate/validate-int.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';
import { withImageService } from './image-context.js';

interface PullFlags {
  name?: string;
  sha256?: string;
  sha512?: string;
  kind?: ImageKind;
  insecure?: boolean;
  retries?: string;
  stallTimeout?: string;
  connectTimeout?: string;
}

function seconds(field: string, v: string | undefined): number | undefined {
  return v === undefined ? undefined : validateInt(field, v, { min: 1, max: 3600 });
}

/** The command body. */
export async function imagePull(ctx: CliContext, source: string, f: PullFlags): Promise<number> {
  const retries =
    f.retries === undefined ? undefined : validateInt('--retries', f.retries, { min: 0, max: 50 });
  const stall = seconds('--stall-timeout', f.stallTimeout);
  const connect = seconds('--connect-timeout', f.connectTimeout);
  return withImageService(ctx, async (svc) => {
    const r = await svc.pull({
      source,
      ...(f.name !== undefined && { name: f.name }),
      ...(f.sha256 !== undefined && { sha256: f.sha256 }),
      ...(f.sha512 !== undefined && { sha512: f.sha512 }),
      ...(f.kind !== undefined && { kind: f.kind }),
      insecure: f.insecure === true,
      ...(retries !== undefined && { retries }),
      ...(stall !== undefined && { stallTimeoutS: stall }),
      ...(connect !== undefined && { connectTimeoutS: connect }),
    });
    if (ctx.options.json) {
      printJson(ctx, r);
      return 0;
    }
    const rate = r.download.seconds > 0 ? r.download.transferred / r.download.seconds : 0;
    const img = r.image;
    printText(
      ctx,
      `pulled ${img.name}: ${formatSize(img.sizeBytes)} ${img.kind}/${img.format}, verified ${verifiedLabel(img)}` +
        `${img.signer === undefined ? '' : ` (signed by ${img.signer})`}\n  ${img.path}\n` +
        `  ${formatSize(r.download.transferred)} in ${r.download.seconds.toFixed(1)} s (${formatSize(rate)}/s)` +
        (r.download.resumedFrom > 0 ? `, resumed at ${formatSize(r.download.resumedFrom)}` : '') +
        (r.download.retries > 0 ? `, ${r.download.retries} retries` : ''),
    );
    return 0;
  });
}
