import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateHttpUrl } from './validate-http-url.js';

test('validateHttpUrl accepts http and https URLs with a host', () => {
  assert.equal(validateHttpUrl('url', 'https://cdimage.debian.org/x.iso').hostname, 'cdimage.debian.org');
  assert.equal(validateHttpUrl('url', 'http://[::1]:8080/a?b=c').port, '8080');
  assert.equal(validateHttpUrl('url', 'HTTPS://Example.COM/').hostname, 'example.com');
});

test('validateHttpUrl refuses other schemes', () => {
  for (const bad of [
    'file:///etc/passwd',
    'javascript:alert(1)',
    'ftp://x/y',
    'data:text/html,x',
    '/local',
    'x.iso',
  ]) {
    assert.throws(() => validateHttpUrl('url', bad), { rule: 'must be an http:// or https:// URL' }, bad);
  }
});

test('validateHttpUrl refuses URLs without a literal host', () => {
  for (const bad of ['http://', 'https:///path', 'http:/x', 'http:\\\\x', 'https://?q', 'http://:80/']) {
    assert.throws(
      () => validateHttpUrl('url', bad),
      { rule: 'must name a host after http:// or https://' },
      bad,
    );
  }
});

test('validateHttpUrl refuses credentials, spaces and control characters', () => {
  assert.throws(() => validateHttpUrl('url', 'https://user:pw@host/x'), {
    rule: 'must not contain credentials (user:password@)',
  });
  assert.throws(() => validateHttpUrl('url', 'https://user@host/x'), { rule: /credentials/ });
  for (const bad of ['https://host/a b', 'https://host/\nx', 'https://ho\tst/', 'https://host/\u0000']) {
    assert.throws(() => validateHttpUrl('url', bad), {
      rule: 'must not contain spaces or control characters',
    });
  }
});
