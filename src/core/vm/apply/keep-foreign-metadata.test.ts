import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keepForeignMetadata } from './keep-foreign-metadata.js';

const NS = 'https://hv.dev/xmlns/vm/1';
const hvVm = (prefix: string, inner: string) =>
  `<${prefix}vm xmlns${prefix === '' ? '' : `:${prefix.slice(0, -1)}`}="${NS}">${inner}</${prefix}vm>`;
const domain = (meta: string) =>
  `<domain type='kvm'>\n  <name>a</name>\n  <metadata>${meta}</metadata>\n  <memory unit='MiB'>512</memory>\n</domain>`;

const fresh = domain(
  `<hv:vm xmlns:hv='${NS}'><hv:profile format='json'>{"name":"a","memory":"512M"}</hv:profile><hv:autostart enabled='no'/></hv:vm>`,
);

test('keeps hv children apply does not generate (snapshot policies, a template marker) and drops the old owned ones', () => {
  const old = domain(
    hvVm(
      'hv:',
      `\n  <hv:profile format="json">{"name":"a","memory":"256M"}</hv:profile>\n  <hv:owner>x</hv:owner>` +
        `\n  <hv:snapshot-policies>\n    <hv:policy name="daily" tz="UTC" keep-daily="7"/>\n  </hv:snapshot-policies>` +
        `\n  <hv:template sealed="yes"/>\n  <hv:autostart enabled="no"/>\n`,
    ),
  );
  const out = keepForeignMetadata(old, fresh);
  assert.match(
    out,
    /<hv:snapshot-policies>\n {4}<hv:policy name="daily" tz="UTC" keep-daily="7"\/>\n {2}<\/hv:snapshot-policies><hv:template sealed="yes"\/><\/hv:vm>/,
  );
  assert.equal(out.match(/<hv:profile/g)?.length, 1);
  assert.match(out, /"memory":"512M"/);
  assert.doesNotMatch(out, /256M|<hv:owner>/);
  assert.match(out, /<memory unit='MiB'>512<\/memory>\n<\/domain>$/);
});

test('renames another prefix bound to hv namespace and keeps other namespaces whole', () => {
  const old = domain(
    hvVm(
      'x:',
      '<x:profile format="json">{}</x:profile><x:snapshot-policies><x:policy name="p"/></x:snapshot-policies>',
    ) +
      `<libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0"><libosinfo:os id="http://debian.org/debian/12"/></libosinfo:libosinfo>`,
  );
  const out = keepForeignMetadata(old, fresh);
  assert.match(out, /<hv:snapshot-policies><hv:policy name="p"\/><\/hv:snapshot-policies><\/hv:vm>/);
  assert.match(
    out,
    /<\/hv:vm><libosinfo:libosinfo [^>]*><libosinfo:os id="[^"]+"\/><\/libosinfo:libosinfo><\/metadata>/,
  );
});

test('returns the new XML unchanged when there is nothing foreign (or no metadata at all)', () => {
  const old = domain(
    hvVm('hv:', '<hv:profile format="json">{}</hv:profile><hv:tags><hv:tag>t</hv:tag></hv:tags>'),
  );
  assert.equal(keepForeignMetadata(old, fresh), fresh);
  assert.equal(keepForeignMetadata('<domain><name>a</name></domain>', fresh), fresh);
});

test('an element of another namespace that looks like hv vm is not mistaken for it', () => {
  const old = domain(`<o:vm xmlns:o="urn:other"><o:profile>keep</o:profile></o:vm>`);
  const out = keepForeignMetadata(old, fresh);
  assert.match(out, /<\/hv:vm><o:vm xmlns:o="urn:other"><o:profile>keep<\/o:profile><\/o:vm><\/metadata>/);
});
