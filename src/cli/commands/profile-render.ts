// Body of `hv profile render FILE`: the domain XML the profile gives on this host, with disks at hv's
// conventional places in its pool. KVM is detected as `hv doctor` does unless --virt-type pins it; a
// warning says when the VM would fall back to TCG. Nothing is defined.
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../../core/config/load-config.js';
import { kvmUsable } from '../../core/profile/detect-kvm.js';
import {
  archFromNode,
  effectiveVirtType,
  resolveVirtType,
} from '../../core/profile/domain-xml/host-facts.js';
import { planHostFacts } from '../../core/profile/domain-xml/plan-host-facts.js';
import { profileToDomainXml } from '../../core/profile/domain-xml/profile-to-domain-xml.js';
import { loadProfileFile } from '../../core/profile/load-profile-file.js';
import { formatProfileWarning } from '../../core/profile/profile-error.js';
import type { CliContext } from '../context.js';
import { printJson } from '../render/output.js';

/** `hv profile render FILE [--virt-type kvm|qemu]`. */
export async function profileRender(
  ctx: CliContext,
  file: string,
  opts: { virtType?: 'kvm' | 'qemu' },
): Promise<undefined> {
  const parsed = await loadProfileFile(file);
  const { config } = await loadConfig(ctx.options.configPath);
  for (const w of parsed.warnings) ctx.stderr.write(`${formatProfileWarning(w, file)}\n`);
  const kvm = opts.virtType === undefined ? await kvmUsable() : opts.virtType === 'kvm';
  const resolved = resolveVirtType(parsed.profile.virtType, kvm);
  if (resolved.warning !== undefined && !ctx.options.quiet)
    ctx.stderr.write(`hv: warning: ${resolved.warning}\n`);
  const facts = planHostFacts(parsed.profile, {
    virtType: kvm ? 'kvm' : 'qemu',
    hostArch: archFromNode(process.arch) ?? 'x86_64',
    poolPath: config.storage.pool_path,
    imagesDir: config.images.dir,
    baseDir: dirname(resolve(file)),
    defaultNetwork: config.network.default,
  });
  const xml = profileToDomainXml(parsed.profile, facts, {
    origin: { format: parsed.format, file: resolve(file) },
  });
  if (ctx.options.json) {
    const virtType = effectiveVirtType(parsed.profile.virtType, parsed.profile.arch, facts);
    printJson(ctx, { file, format: parsed.format, virtType, warnings: parsed.warnings, xml });
  } else {
    ctx.stdout.write(xml);
  }
  return undefined;
}
