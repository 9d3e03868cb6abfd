// Golden tests: each fixture profile renders to exactly its committed <case>.xml, and reads back from
// that XML's metadata as the same profile. HV_UPDATE_GOLDEN=1 rewrites the goldens instead (review
// the diff). virt-xml-validate runs on every golden in test/integration/profile-xml-validate.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { listProfileCases, renderCase } from '../../../../test/helpers/profile-fixtures.js';
import { domainXmlToProfile } from './domain-xml-to-profile.js';

const update = process.env.HV_UPDATE_GOLDEN === '1';
const cases = await listProfileCases();

/** One golden per field group the issue lists, plus the Hyper-NixOS examples. */
const REQUIRED = [
  'profiles/minimal',
  'profiles/disks',
  'profiles/nics',
  'profiles/uefi-secure-boot-tpm',
  'profiles/uefi-explicit-firmware',
  'profiles/kernel-boot',
  'profiles/cpu-pinning',
  'profiles/hugepages',
  'profiles/numa',
  'profiles/hostdevs',
  'profiles/limits',
  'profiles/graphics-vnc',
  'profiles/audio',
  'profiles/video',
  'profiles/looking-glass',
  'profiles/cpu-features',
  'profiles/memory-options',
  'profiles/escaping',
  'hyper-nixos/example_vm_x86_cet_private',
  'hyper-nixos/example_vm_aarch64',
  'hyper-nixos/example_vm_nixos',
  'hyper-nixos/example_vm_ubuntu',
  'hyper-nixos/example_vm_windows',
];

test('there is a golden case for every field group and every Hyper-NixOS example', () => {
  const ids = cases.map((c) => c.id);
  for (const id of REQUIRED) assert.ok(ids.includes(id), `missing golden case ${id}`);
});

for (const c of cases) {
  test(`golden ${c.id}`, async () => {
    const { parsed, xml } = await renderCase(c);
    if (update) {
      await writeFile(c.xmlPath, xml);
    } else {
      const golden = await readFile(c.xmlPath, 'utf8').catch(() => '(missing: run with HV_UPDATE_GOLDEN=1)');
      assert.equal(xml, golden);
    }
    const back = domainXmlToProfile(xml);
    assert.ok(back !== undefined, 'hv metadata is present');
    assert.deepEqual(back.profile, parsed.profile);
    assert.deepEqual(back.origin, { format: parsed.format, file: c.id });
  });
}
