// `hv image list [--catalog]`: the library (with how each image was verified), or the catalog.
import { verifiedLabel, type ImageRecord } from '../../core/image/image-record.js';
import type { CatalogListing } from '../../core/image/image-service.js';
import { formatSize } from '../../core/validate/format-size.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';
import { renderTable, type Column } from '../render/table.js';
import { withImageService } from './image-context.js';

const IMAGE_COLUMNS: readonly Column<ImageRecord>[] = [
  { header: 'NAME', value: (r) => r.name },
  { header: 'KIND', value: (r) => r.kind },
  { header: 'FORMAT', value: (r) => r.format },
  { header: 'SIZE', value: (r) => formatSize(r.sizeBytes), align: 'right' },
  { header: 'VERIFIED', value: verifiedLabel },
  { header: 'ADDED', value: (r) => r.addedAt.slice(0, 10) },
  { header: 'SOURCE', value: (r) => r.source, flexible: true },
];

const CATALOG_COLUMNS: readonly Column<CatalogListing>[] = [
  { header: 'NAME', value: (c) => c.entry.name },
  { header: 'KIND', value: (c) => c.entry.kind },
  { header: 'ARCH', value: (c) => c.entry.arch },
  {
    header: 'CHECK',
    value: (c) => `${c.entry.checksum.algorithm}${c.entry.signature === undefined ? '' : '+gpg'}`,
  },
  { header: 'PULLED', value: (c) => (c.pulledAs.length === 0 ? '-' : c.pulledAs.join(',')) },
  { header: 'DESCRIPTION', value: (c) => c.entry.description, flexible: true },
];

/** The command body. */
export async function imageList(ctx: CliContext, opts: { catalog?: boolean }): Promise<number> {
  return withImageService(ctx, async (svc) => {
    const width = ctx.stdout.isTTY === true ? ctx.stdout.columns : undefined;
    if (opts.catalog === true) {
      const rows = await svc.listCatalog();
      if (ctx.options.json)
        printJson(
          ctx,
          rows.map((r) => ({ ...r.entry, pulledAs: r.pulledAs })),
        );
      else printText(ctx, renderTable(rows, CATALOG_COLUMNS, width));
      return 0;
    }
    const rows = svc.list();
    if (ctx.options.json) printJson(ctx, rows);
    else if (rows.length === 0) printText(ctx, 'no images (hv image pull NAME, hv image list --catalog)');
    else printText(ctx, renderTable(rows, IMAGE_COLUMNS, width));
    return 0;
  });
}
