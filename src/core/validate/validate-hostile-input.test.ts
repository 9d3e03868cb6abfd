// Table-driven: hostile inputs of every kind a shell, XML writer or file system could trip over must be
// refused by the validator that guards them, with the right field and rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { ValidationError } from '../errors/index.js';
import { validateName } from './validate-name.js';
import { parseSize } from './parse-size.js';
import { validatePath } from './validate-path.js';
import { validateHttpUrl } from './validate-http-url.js';
import { parseCron } from './parse-cron.js';
import { validateInt } from './validate-int.js';

const NAME_RULE = 'must match ^[A-Za-z0-9][A-Za-z0-9._-]*$';
const LENGTH_RULE = 'must be 1 to 64 characters long';
const SIZE_RULE = 'must be a size like 512M, 20G, 1.5T or a number of bytes';

interface Case {
  what: string;
  run: () => unknown;
  field: string;
  rule: string | RegExp;
}

const names: [string, string, string][] = [
  ['path traversal', '../etc/passwd', NAME_RULE],
  ['absolute path', '/etc/passwd', NAME_RULE],
  ['inner traversal', 'a/../../b', NAME_RULE],
  ['semicolon', 'a;b', NAME_RULE],
  ['command substitution', 'a$(reboot)', NAME_RULE],
  ['backticks', 'a`id`', NAME_RULE],
  ['pipe', 'a|b', NAME_RULE],
  ['ampersand', 'a&b', NAME_RULE],
  ['redirect', 'a>b', NAME_RULE],
  ['glob', 'a*', NAME_RULE],
  ['space', 'a b', NAME_RULE],
  ['XML <', 'a<b', NAME_RULE],
  ['XML &amp;', 'a&amp;', NAME_RULE],
  ["XML '", "a'b", NAME_RULE],
  ['XML "', 'a"b', NAME_RULE],
  ['NUL', 'a\u0000b', NAME_RULE],
  ['newline', 'a\nb', NAME_RULE],
  ['carriage return', 'a\rb', NAME_RULE],
  ['escape sequence', 'a\u001b[2J', NAME_RULE],
  ['overlong (65)', 'a'.repeat(65), LENGTH_RULE],
  ['empty', '', LENGTH_RULE],
  ['Cyrillic а', '\u0430dmin', NAME_RULE],
  ['Cyrillic е inside', 'w\u0435b-1', NAME_RULE],
  ['fullwidth', '\uff57\uff45\uff42', NAME_RULE],
  ['zero-width joiner', 'web\u200d1', NAME_RULE],
  ['zero-width space', 'web\u200b', NAME_RULE],
  ['right-to-left override', 'x\u202egpj.exe', NAME_RULE],
  ['leading dash (option injection)', '--force', NAME_RULE],
  ['leading dot', '..', NAME_RULE],
];

const cases: Case[] = [
  ...names.map(([what, value, rule]) => ({
    what: `name: ${what}`,
    run: () => validateName('name', value),
    field: 'name',
    rule,
  })),
  { what: 'size -1G', run: () => parseSize('size', '-1G'), field: 'size', rule: 'must not be negative' },
  {
    what: 'size 99999999P',
    run: () => parseSize('size', '99999999P'),
    field: 'size',
    rule: 'must be at most 1024P',
  },
  { what: 'size 1e400', run: () => parseSize('size', '1e400'), field: 'size', rule: SIZE_RULE },
  { what: 'size with ;', run: () => parseSize('size', '1G;rm'), field: 'size', rule: SIZE_RULE },
  { what: 'size with $()', run: () => parseSize('size', '$(id)G'), field: 'size', rule: SIZE_RULE },
  { what: 'size NUL', run: () => parseSize('size', '1G\u0000'), field: 'size', rule: SIZE_RULE },
  { what: 'size fullwidth digits', run: () => parseSize('size', '\uff11G'), field: 'size', rule: SIZE_RULE },
  { what: 'size 0', run: () => parseSize('size', '0'), field: 'size', rule: 'must be greater than zero' },
  {
    what: 'vcpus -1',
    run: () => validateInt('vcpus', '-1', { min: 1, max: 256 }),
    field: 'vcpus',
    rule: 'must be from 1 to 256',
  },
  {
    what: 'vcpus huge',
    run: () => validateInt('vcpus', '99999999999999999999', { min: 1, max: 256 }),
    field: 'vcpus',
    rule: 'must be from 1 to 256',
  },
  {
    what: 'vcpus 1e400',
    run: () => validateInt('vcpus', '1e400', { min: 1, max: 256 }),
    field: 'vcpus',
    rule: 'must be a whole number',
  },
  {
    what: 'vcpus Arabic-Indic digit',
    run: () => validateInt('vcpus', '\u0664', { min: 1, max: 256 }),
    field: 'vcpus',
    rule: 'must be a whole number',
  },
  {
    what: 'url file:',
    run: () => validateHttpUrl('url', 'file:///etc/shadow'),
    field: 'url',
    rule: 'must be an http:// or https:// URL',
  },
  {
    what: 'url javascript:',
    run: () => validateHttpUrl('url', 'javascript:alert(1)'),
    field: 'url',
    rule: 'must be an http:// or https:// URL',
  },
  {
    what: 'url newline',
    run: () => validateHttpUrl('url', 'https://a/\nb'),
    field: 'url',
    rule: 'must not contain spaces or control characters',
  },
  {
    what: 'cron with ;',
    run: () => parseCron('schedule', '0 0 * * *;reboot'),
    field: 'schedule',
    rule: /^day-of-week: /,
  },
  {
    what: 'cron with $()',
    run: () => parseCron('schedule', '$(id) 0 * * *'),
    field: 'schedule',
    rule: /^minute: /,
  },
];

for (const c of cases) {
  test(`refuses ${c.what}`, () => {
    assert.throws(c.run, (err: unknown) => {
      assert.ok(err instanceof ValidationError, `not a ValidationError: ${String(err)}`);
      assert.equal(err.field, c.field);
      if (typeof c.rule === 'string') assert.equal(err.rule, c.rule);
      else assert.match(err.rule, c.rule);
      assert.equal(err.exitCode, 4);
      // The message is one line of printable ASCII whatever the input held.
      assert.match(err.message, /^[\x20-\x7e]+$/);
      assert.ok(err.message.length < 200, err.message);
      return true;
    });
  });
}

const paths: [string, string, string | RegExp][] = [
  ['traversal', '/var/lib/hv/../../etc/shadow', 'must not contain ".." segments'],
  ['relative traversal', '../../etc/shadow', 'must not contain ".." segments'],
  ['NUL', '/var/lib/hv/a\u0000/etc/shadow', 'must not contain NUL or control characters'],
  ['newline', '/var/lib/hv/a\nb', 'must not contain NUL or control characters'],
  ['outside', '/etc/shadow', /^must be inside one of: /],
  ['prefix sibling', '/var/lib/hv2/x', /^must be inside one of: /],
  ['shell metacharacters outside', '/tmp/$(reboot)', /^must be inside one of: /],
];

for (const [what, value, rule] of paths) {
  test(`validatePath refuses ${what}`, async () => {
    await assert.rejects(
      validatePath('path', value, { roots: ['/var/lib/hv'], cwd: tmpdir() }),
      (err: unknown) => {
        assert.ok(err instanceof ValidationError);
        assert.equal(err.field, 'path');
        if (typeof rule === 'string') assert.equal(err.rule, rule);
        else assert.match(err.rule, rule);
        assert.match(err.message, /^[\x20-\x7e]+$/);
        return true;
      },
    );
  });
}
