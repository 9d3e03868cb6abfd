import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePolicies, validatePolicy, withPolicies, type SnapshotPolicy } from './snapshot-policy.js';

// hv's <vm> element as libvirt's GetMetadata returns it (unprefixed, pretty-printed by libxml2).
const STORED = `<vm>
  <profile format="json">{"name":"web-1","note":"a &lt;b&gt; &amp; c"}</profile>
  <tags>
    <tag>prod</tag>
  </tags>
  <autostart enabled="no"/>
</vm>`;

const daily: SnapshotPolicy = {
  name: 'daily',
  retention: { keepLast: 2, keepDaily: 7 },
  timeZone: 'Europe/Berlin',
};
const hourly: SnapshotPolicy = {
  name: 'hourly',
  retention: { keepHourly: 24 },
  timeZone: 'UTC',
  diskOnly: true,
  quiesce: true,
};

describe('snapshot policies in hv metadata', () => {
  it('adds policies without touching the profile, tags or anything else', () => {
    const next = withPolicies(STORED, [daily, hourly]);
    assert.ok(next.startsWith(STORED.slice(0, STORED.lastIndexOf('</vm>'))), next);
    assert.ok(next.endsWith('</snapshot-policies></vm>'));
    assert.match(
      next,
      /<policy name="daily" tz="Europe\/Berlin" keep-last="2" keep-daily="7"\/><policy name="hourly" tz="UTC" keep-hourly="24" disk-only="yes" quiesce="yes"\/>/,
    );
    assert.deepEqual(parsePolicies(next), [daily, hourly]);
  });

  it('replaces the stored policies (prefixed or not) and removes the element when none are left', () => {
    const once = withPolicies(STORED, [daily]);
    const twice = withPolicies(once, [hourly]);
    assert.deepEqual(parsePolicies(twice), [hourly]);
    assert.equal((twice.match(/snapshot-policies>/g) ?? []).length, 2);
    assert.equal(withPolicies(twice, []), STORED);
    const prefixed =
      '<hv:vm xmlns:hv="https://hv.dev/xmlns/vm/1"><hv:snapshot-policies><hv:policy name="x" tz="UTC" keep-last="1"/></hv:snapshot-policies></hv:vm>';
    assert.deepEqual(parsePolicies(prefixed), [{ name: 'x', retention: { keepLast: 1 }, timeZone: 'UTC' }]);
  });

  it('creates the element for a VM without hv metadata', () => {
    assert.equal(withPolicies(undefined, []), '<vm></vm>');
    const fresh = withPolicies(undefined, [daily]);
    assert.deepEqual(parsePolicies(fresh), [daily]);
    assert.deepEqual(parsePolicies(undefined), []);
    assert.deepEqual(parsePolicies(STORED), []);
  });

  it('escapes attribute values and refuses metadata that is not a <vm>', () => {
    const odd: SnapshotPolicy = { ...daily, timeZone: 'America/Port-au-Prince' };
    assert.deepEqual(parsePolicies(withPolicies(STORED, [odd])), [odd]);
    assert.throws(() => withPolicies('<other/>', [daily]), /hv metadata: is not a <vm> element/);
  });

  it('a stored policy with a bad count is reported, not guessed', () => {
    assert.throws(
      () =>
        parsePolicies(
          '<vm><snapshot-policies><policy name="x" tz="UTC" keep-daily="-1"/></snapshot-policies></vm>',
        ),
      /keep-daily: must be from 0 to/,
    );
  });

  it('validatePolicy wants a name, a zone and something to keep', () => {
    assert.equal(validatePolicy(daily), daily);
    assert.throws(() => validatePolicy({ ...daily, retention: {} }), /give at least one --keep-/);
    assert.throws(
      () => validatePolicy({ ...daily, retention: { keepDaily: 0 } }),
      /give at least one --keep-/,
    );
    assert.equal(validatePolicy({ ...daily, retention: { keepAll: true } }).name, 'daily');
    assert.throws(() => validatePolicy({ ...daily, timeZone: 'Mars/Base' }), /--tz: must be an IANA/);
    assert.throws(() => validatePolicy({ ...daily, name: 'a/b' }), /policy name: must match/);
    assert.throws(() => validatePolicy({ ...daily, name: 'x'.repeat(41) }), /at most 40 characters/);
  });
});
