// `npm run bench`: runs every benchmark module (bench/*.bench.ts, compiled) in turn, or those whose
// name contains the first argument. Each writes bench/results/<name>.json and refreshes docs/performance.md.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js') && (filter === undefined || f.includes(filter)))
  .sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f}`);
  try {
    const mod = (await import(join(here, f))) as { run: () => Promise<void> };
    await mod.run();
  } catch (err) {
    failed += 1;
    console.error(`bench ${f} failed: ${(err as Error).stack ?? String(err)}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
