import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseProfileObject } from '../../profile/parse-profile-text.js';
import { editHvMetadataText } from './hv-metadata-edit.js';

const profile = parseProfileObject({
  name: 'web-1',
  cpus: 1,
  memory: '256M',
  description: 'a & b <c>',
}).profile;
const META =
  '<vm>\n  <profile format="json">{}</profile>\n' +
  '  <tags><tag>x</tag></tags>\n  <autostart enabled="no" group="db" priority="10"/>\n</vm>';

function storedDoc(xml: string): Record<string, unknown> {
  const text = /<profile format="json">([^<]*)<\/profile>/.exec(xml)?.[1] ?? '';
  return JSON.parse(text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as Record<
    string,
    unknown
  >;
}

describe('editHvMetadataText', () => {
  it('renames the stored profile and keeps everything else', () => {
    const out = editHvMetadataText(META, profile, { name: 'web-2' });
    const doc = storedDoc(out);
    assert.equal(doc.name, 'web-2');
    assert.equal(doc.memory, '256M');
    assert.equal(doc.description, 'a & b <c>');
    assert.match(out, /<tags><tag>x<\/tag><\/tags>/);
    assert.match(out, /<autostart enabled="no" group="db" priority="10"\/>/);
  });

  it('turns autostart on in the profile and the element, keeping group and priority', () => {
    const out = editHvMetadataText(META, profile, { autostart: true });
    assert.equal(storedDoc(out).autostart, true);
    assert.match(out, /<autostart enabled="yes" group="db" priority="10"\/>/);
  });

  it('adds an autostart element when there is none', () => {
    const out = editHvMetadataText('<vm><profile format="json">{}</profile></vm>', profile, {
      autostart: false,
    });
    assert.match(out, /<\/profile><autostart enabled="no"\/><\/vm>$/);
    assert.equal(storedDoc(out).autostart, false);
  });
});
