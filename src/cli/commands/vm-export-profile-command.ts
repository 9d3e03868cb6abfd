// Body of `hv vm export-profile NAME [--out FILE]`: the profile hv stored in the domain's metadata,
// written back out as hv YAML (the tags set since creation included). VMs hv did not create have no
// stored profile; reconstructing one from plain domain XML is not done yet (exit 7 says so).
import { writeFile } from 'node:fs/promises';
import { LibvirtError } from '../../libvirt/index.js';
import { loadConfig } from '../../core/config/load-config.js';
import { VmError } from '../../core/errors/index.js';
import { openHost } from '../../core/host/open-host.js';
import { fromLibvirtError } from '../../core/libvirt-errors.js';
import { domainXmlToProfile } from '../../core/profile/domain-xml/domain-xml-to-profile.js';
import { formatProfileYaml } from '../../core/profile/format-profile-yaml.js';
import type { CliContext } from '../context.js';
import { effectiveConnectUri } from '../effective-connect-uri.js';
import { printText } from '../render/output.js';

/** `hv vm export-profile NAME [--out FILE]`. */
export async function vmExportProfile(
  ctx: CliContext,
  name: string,
  opts: { out?: string },
): Promise<number> {
  const { config } = await loadConfig(ctx.options.configPath);
  const client = await openHost(effectiveConnectUri(ctx.options, config), { signal: ctx.signal });
  try {
    const dom = await client.domains.lookupByName(name).catch((err: unknown) => {
      if (err instanceof LibvirtError && err.isNoDomain())
        throw new VmError(`no VM named ${name}`, { code: 'VM_NOT_FOUND' });
      throw fromLibvirtError(err, `looking up VM ${name}`);
    });
    const stored = domainXmlToProfile(await client.domains.getXmlDesc(dom, 2 /* INACTIVE */));
    if (stored === undefined) {
      throw new VmError(`VM ${name} has no hv profile in its metadata (not created by hv)`);
    }
    const profile = { ...stored.profile, tags: stored.tags };
    const text = formatProfileYaml(profile, [`Exported from VM ${name} by hv vm export-profile.`]);
    if (opts.out === undefined) ctx.stdout.write(text);
    else {
      await writeFile(opts.out, text, { flag: 'wx', mode: 0o644 }).catch((err: unknown) => {
        if ((err as { code?: string }).code === 'EEXIST')
          throw new VmError(`${opts.out ?? ''} already exists; not overwritten`, { code: 'VM_ERROR' });
        throw err;
      });
      printText(ctx, `wrote ${opts.out}`);
    }
    return 0;
  } finally {
    await client.close();
  }
}
