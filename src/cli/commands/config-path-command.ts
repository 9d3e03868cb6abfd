// Body of `hv config path`: which file is in use. Kept apart from the other config commands so it
// loads neither zod nor yaml.
import { access } from 'node:fs/promises';
import type { CliContext } from '../context.js';
import { DEFAULT_CONFIG_PATH } from '../global-options.js';
import { printJson, printText } from '../render/output.js';

/** `hv config path`: the file in use (and, with --json, whether it exists). */
export async function configPath(ctx: CliContext): Promise<undefined> {
  const path = ctx.options.configPath;
  if (ctx.options.json) {
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    printJson(ctx, { path, exists, default: path === DEFAULT_CONFIG_PATH });
  } else {
    printText(ctx, path);
  }
  return undefined;
}
