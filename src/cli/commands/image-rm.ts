// `hv image rm NAME`: refused (exit 10, IN_USE) while any VM uses the image, naming the VMs.
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';
import { withImageService } from './image-context.js';

/** The command body. */
export async function imageRemove(ctx: CliContext, name: string): Promise<number> {
  return withImageService(ctx, async (svc) => {
    const r = await svc.remove(name);
    if (ctx.options.json)
      printJson(ctx, { removed: r.image.name, volume: r.image.volume, volumeRemoved: r.volumeRemoved });
    else
      printText(
        ctx,
        `removed ${r.image.name}${r.volumeRemoved ? ` (volume ${r.image.pool}/${r.image.volume} deleted)` : ' (its volume was already gone)'}`,
      );
    return 0;
  });
}
