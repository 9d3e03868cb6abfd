// `hv image info NAME`: everything recorded about an image, and which VMs use it.
import { verifiedLabel } from '../../core/image/image-record.js';
import { formatSize } from '../../core/validate/format-size.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';
import { withImageService } from './image-context.js';

/** The command body. */
export async function imageInfo(ctx: CliContext, name: string): Promise<number> {
  return withImageService(ctx, async (svc) => {
    const info = await svc.info(name);
    if (ctx.options.json) {
      printJson(ctx, info);
      return 0;
    }
    const i = info.image;
    const rows: [string, string][] = [
      ['name', i.name],
      ['kind', `${i.kind} (${i.format})`],
      ['arch', i.arch ?? '-'],
      ['size', `${formatSize(i.sizeBytes)} (${i.sizeBytes} bytes)`],
      ['volume', `${i.pool}/${i.volume}${info.volumePresent ? '' : ' (MISSING)'}`],
      ['path', i.path],
      ['source', i.source],
      ['catalog', i.catalogEntry ?? '-'],
      ['checksum', `${i.checksum.algorithm} ${i.checksum.value}`],
      ['verified', verifiedLabel(i)],
      ['signer', i.signer ?? '-'],
      ...(i.insecure ? ([['insecure', i.insecureReason ?? 'yes']] as [string, string][]) : []),
      ['added', i.addedAt],
      ['re-verified', i.verifiedAt ?? 'never'],
      [
        'used by',
        info.usedBy.length === 0
          ? '-'
          : info.usedBy
              .map((u) => `${u.vm} (${u.target ?? '?'}, ${u.how === 'backing' ? 'backing file' : u.device})`)
              .join(', '),
      ],
    ];
    printText(ctx, rows.map(([k, v]) => `${`${k}:`.padEnd(13)}${v}`).join('\n'));
    return 0;
  });
}
