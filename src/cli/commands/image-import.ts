// `hv image import FILE` and `hv image import --scan DIR`.
import type { ImageKind } from '../../core/image/catalog/catalog-entry-schema.js';
import { UsageError } from '../../core/errors/index.js';
import { formatSize } from '../../core/validate/format-size.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';
import { withImageService } from './image-context.js';

interface ImportFlags {
  scan?: string;
  name?: string;
  sha256?: string;
  sha512?: string;
  kind?: ImageKind;
  move?: boolean;
}

/** The command body. */
export async function imageImport(
  ctx: CliContext,
  file: string | undefined,
  f: ImportFlags,
): Promise<number> {
  if ((file === undefined) === (f.scan === undefined))
    throw new UsageError('give a FILE or --scan DIR (one of them)');
  if (f.scan !== undefined && (f.name !== undefined || f.sha256 !== undefined || f.sha512 !== undefined)) {
    throw new UsageError('--name, --sha256 and --sha512 apply to one FILE, not to --scan');
  }
  return withImageService(ctx, async (svc) => {
    const common = { ...(f.kind !== undefined && { kind: f.kind }), ...(f.move === true && { move: true }) };
    if (f.scan !== undefined) {
      const results = await svc.importScan(f.scan, common);
      if (ctx.options.json) {
        printJson(
          ctx,
          results.map((r) => ({ file: r.file, image: r.image, error: r.error?.toJSON().error })),
        );
      } else if (results.length === 0) {
        printText(ctx, `no *.iso, *.qcow2 or *.img files under ${f.scan}`);
      } else {
        printText(
          ctx,
          results
            .map((r) =>
              r.image !== undefined
                ? `imported ${r.image.name}  ${r.file}`
                : `skipped  ${r.file}: ${r.error?.message ?? ''}`,
            )
            .join('\n'),
        );
      }
      const failed = results.find((r) => r.error !== undefined && r.error.code !== 'ALREADY_EXISTS');
      if (failed?.error !== undefined) throw failed.error;
      return 0;
    }
    const img = await svc.import(file ?? '', {
      ...common,
      ...(f.name !== undefined && { name: f.name }),
      ...(f.sha256 !== undefined && { sha256: f.sha256 }),
      ...(f.sha512 !== undefined && { sha512: f.sha512 }),
    });
    if (ctx.options.json) printJson(ctx, img);
    else
      printText(
        ctx,
        `imported ${img.name}: ${formatSize(img.sizeBytes)} ${img.kind}/${img.format}, ${img.checksum.algorithm} ${img.checksum.value} (verified: ${img.verifiedBy})\n  ${img.path}`,
      );
    return 0;
  });
}
