// The profile golden cases: every profile under test/fixtures/profiles (hv YAML) and
// test/fixtures/hyper-nixos (their JSON), the host facts each renders with (fixed defaults, plus an
// optional <case>.facts.json beside it), and the path of its golden domain XML (<case>.xml).
import { readdir, readFile } from 'node:fs/promises';
import { parseProfileText, type ParsedProfile } from '../../src/core/profile/parse-profile-text.js';
import type { HostFacts } from '../../src/core/profile/domain-xml/host-facts.js';
import { planHostFacts } from '../../src/core/profile/domain-xml/plan-host-facts.js';
import { profileToDomainXml } from '../../src/core/profile/domain-xml/profile-to-domain-xml.js';
import { repoPath } from './repo-file.js';

/** Directories holding golden cases, relative to the repository. */
export const PROFILE_FIXTURE_DIRS = ['test/fixtures/profiles', 'test/fixtures/hyper-nixos'] as const;

/** One golden case. */
export interface ProfileCase {
  /** `profiles/disks`, `hyper-nixos/example_vm_nixos`. */
  readonly id: string;
  /** Absolute paths of the profile, its golden XML and its optional facts file. */
  readonly profilePath: string;
  readonly xmlPath: string;
  readonly factsPath: string;
}

/** Every case, sorted. */
export async function listProfileCases(): Promise<ProfileCase[]> {
  const out: ProfileCase[] = [];
  for (const dir of PROFILE_FIXTURE_DIRS) {
    const abs = repoPath(dir);
    for (const name of (await readdir(abs)).sort()) {
      const m = /^(.+)\.(yaml|json)$/.exec(name);
      if (m === null || name.endsWith('.facts.json')) continue;
      const base = m[1] ?? name;
      out.push({
        id: `${dir.split('/').pop() ?? dir}/${base}`,
        profilePath: `${abs}/${name}`,
        xmlPath: `${abs}/${base}.xml`,
        factsPath: `${abs}/${base}.facts.json`,
      });
    }
  }
  return out;
}

/** Parse a case's profile (the file name, not the absolute path, appears in messages). */
export async function parseCase(c: ProfileCase): Promise<ParsedProfile> {
  return parseProfileText(await readFile(c.profilePath, 'utf8'), c.id);
}

/** The fixed host facts of the goldens: KVM x86_64, hv's default directories, facts.json on top. */
export async function caseFacts(c: ProfileCase, parsed: ParsedProfile): Promise<HostFacts> {
  const base = planHostFacts(parsed.profile, {
    virtType: 'kvm',
    hostArch: 'x86_64',
    poolPath: '/var/lib/hv/images',
    imagesDir: '/var/lib/hv/library',
    baseDir: '/srv/profiles',
    defaultNetwork: 'default',
  });
  const extra: Partial<HostFacts> = await readFile(c.factsPath, 'utf8').then(
    (t) => JSON.parse(t) as Partial<HostFacts>,
    () => ({}),
  );
  const merged: HostFacts = { ...base, ...extra };
  return extra.uefi !== undefined && base.nvramPath === undefined
    ? { ...merged, nvramPath: `/var/lib/hv/images/${parsed.profile.name}-nvram.fd` }
    : merged;
}

/** Render a case's domain XML as the goldens hold it. */
export async function renderCase(c: ProfileCase): Promise<{ parsed: ParsedProfile; xml: string }> {
  const parsed = await parseCase(c);
  const facts = await caseFacts(c, parsed);
  return {
    parsed,
    xml: profileToDomainXml(parsed.profile, facts, { origin: { format: parsed.format, file: c.id } }),
  };
}
