// Every golden domain XML of the profile fixtures passes libvirt's own schema (virt-xml-validate), and
// libvirtd accepts it: each case is rendered under a unique name, defined, read back with dumpxml (as
// libvirt re-serializes it) and must give the same profile through domainXmlToProfile; then it is
// undefined again. Cases the host cannot run (no aarch64 emulator, no SEV) are skipped with the reason.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCommand } from '../../src/core/exec/run-command.js';
import { domainXmlToProfile } from '../../src/core/profile/domain-xml/domain-xml-to-profile.js';
import { profileToDomainXml } from '../../src/core/profile/domain-xml/profile-to-domain-xml.js';
import { caseFacts, listProfileCases, parseCase } from '../helpers/profile-fixtures.js';
import { defineDomain, uniqueDomainName, virsh } from '../helpers/test-guest.js';

const cases = await listProfileCases();
const defined: string[] = [];

after(() => {
  for (const name of defined) virsh(['undefine', name, '--nvram'], true);
});

describe('golden domain XML passes virt-xml-validate', () => {
  for (const c of cases) {
    it(c.id, async () => {
      const r = await runCommand('virt-xml-validate', [c.xmlPath, 'domain'], {
        okExitCodes: [0, 1, 2, 3],
        missingHint: 'Debian package libvirt-clients',
      });
      assert.equal(r.exitCode, 0, `${c.xmlPath}:\n${r.stderr}${r.stdout}`);
      assert.match(r.stdout + r.stderr, /validates/);
    });
  }
});

/** libvirt refusals that mean "this host cannot", not "the XML is wrong". */
const HOST_LIMITS = /No emulator found for arch|SEV launch security is not supported/;

describe('libvirtd defines every golden and gives the profile back from dumpxml', () => {
  for (const c of cases) {
    it(c.id, async (t) => {
      const parsed = await parseCase(c);
      const profile = {
        ...parsed.profile,
        name: uniqueDomainName(c.id.replace(/[^a-z0-9]+/gi, '-').slice(0, 30)),
      };
      const xml = profileToDomainXml(profile, await caseFacts(c, { ...parsed, profile }));
      try {
        defineDomain(xml);
      } catch (err) {
        const text = err instanceof Error ? err.message : String(err);
        if (HOST_LIMITS.test(text)) {
          t.skip(text.split('\n').pop() ?? text);
          return;
        }
        throw err;
      }
      defined.push(profile.name);
      const dumped = virsh(['dumpxml', '--inactive', profile.name]).stdout;
      const back = domainXmlToProfile(dumped);
      assert.ok(back, 'hv metadata survives libvirt');
      assert.deepEqual(back.profile, profile);
      virsh(['undefine', profile.name, '--nvram']);
      defined.splice(defined.indexOf(profile.name), 1);
    });
  }
});
