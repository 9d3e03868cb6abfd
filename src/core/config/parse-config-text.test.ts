import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../errors/index.js';
import { parseConfigText } from './parse-config-text.js';

const F = '/etc/hv/config.yaml';

function configError(text: string): ConfigError {
  try {
    parseConfigText(text, F);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    assert.equal(err.exitCode, 6);
    return err;
  }
  assert.fail('expected a ConfigError');
}

test('an empty file means every default', () => {
  const { config, setKeys } = parseConfigText('', F);
  assert.equal(config.connect, 'qemu:///system');
  assert.equal(config.state_dir, '/var/lib/hv');
  assert.equal(config.storage.pool, 'hv');
  assert.equal(config.storage.pool_path, '/var/lib/hv/images');
  assert.equal(config.backup.dir, '/var/lib/hv/backups');
  assert.equal(config.backup.compress, true);
  assert.equal(config.vm.virt_type, 'auto');
  assert.equal(config.doctor.min_free_gib, 10);
  assert.deepEqual(setKeys, []);
  assert.deepEqual(parseConfigText('# only a comment\n', F).config, config);
});

test('values from the file override the defaults; the rest stay', () => {
  const { config, setKeys } = parseConfigText('backup:\n  dir: /srv/backups\nvm:\n  virt_type: qemu\n', F);
  assert.equal(config.backup.dir, '/srv/backups');
  assert.equal(config.backup.compress, true);
  assert.equal(config.vm.virt_type, 'qemu');
  assert.deepEqual(setKeys, ['backup.dir', 'vm.virt_type']);
});

test('a section left empty (all keys commented out) means its defaults', () => {
  assert.equal(parseConfigText('backup:\n  # dir: /x\n', F).config.backup.dir, '/var/lib/hv/backups');
});

test('a bad value names file, line, column, key, rule and value', () => {
  const err = configError('state_dir: /var/lib/hv\nbackup:\n  dir: relative/dir\n');
  assert.equal(
    err.message,
    `${F}:3:8: backup.dir: expected an absolute path without ".." or control characters (got "relative/dir")`,
  );
  assert.deepEqual(err.details.issues, [
    {
      key: 'backup.dir',
      rule: 'expected an absolute path without ".." or control characters',
      value: '"relative/dir"',
      line: 3,
      column: 8,
    },
  ]);
});

test('unknown keys are errors with a did-you-mean', () => {
  assert.equal(
    configError('backup:\n  compres: false\n').message,
    `${F}:2:3: backup.compres: unknown key (did you mean backup.compress?)`,
  );
  assert.equal(
    configError('stat_dir: /x\n').message,
    `${F}:1:1: stat_dir: unknown key (did you mean state_dir?)`,
  );
  assert.equal(configError('zzzzzz: 1\n').message, `${F}:1:1: zzzzzz: unknown key`);
});

test('type errors say what was expected', () => {
  assert.match(
    configError('backup:\n  compress: yes\n').message,
    /backup\.compress: expected true or false \(got "yes"\)/,
  );
  assert.match(
    configError('doctor:\n  min_free_gib: -1\n').message,
    /doctor\.min_free_gib: expected 0 or more \(got -1\)/,
  );
  assert.match(configError('backup: /x\n').message, /:1:9: backup: expected a mapping of keys/);
  assert.match(configError('allowed_roots: /x\n').message, /allowed_roots: expected a list/);
  assert.match(
    configError('allowed_roots:\n  - /ok\n  - rel\n').message,
    /:3:5: allowed_roots\.1: expected an absolute path/,
  );
  assert.match(
    configError('vm:\n  virt_type: kmv\n').message,
    /vm\.virt_type: expected one of: auto, kvm, qemu \(did you mean kvm\?\)/,
  );
  assert.match(
    configError('storage:\n  pool: "a b"\n').message,
    /storage\.pool: expected a name of 1-64 characters/,
  );
  assert.match(configError('connect: not a uri\n').message, /connect: expected a libvirt URI/);
  assert.match(configError('log_dir: /var/../etc\n').message, /log_dir: expected an absolute path/);
});

test('several problems are all reported, up to three in the message', () => {
  const err = configError('a: 1\nb: 2\nc: 3\nd: 4\n');
  assert.match(err.message, /a: unknown key; .*b: unknown key; .*c: unknown key; and 1 more$/);
  assert.equal((err.details.issues as unknown[]).length, 4);
});

test('YAML syntax errors carry line and column', () => {
  assert.match(
    configError('backup:\n  dir: [unclosed\n').message,
    /^\/etc\/hv\/config\.yaml:\d+:\d+: YAML syntax error: /,
  );
  assert.match(
    configError('state_dir: /a\nstate_dir: /b\n').message,
    /:2:1: YAML syntax error: Map keys must be unique/,
  );
  assert.match(configError('\tstate_dir: /a\n').message, /:1:1: YAML syntax error/);
});

test('a top level that is not a mapping is refused', () => {
  assert.match(configError('- a\n- b\n').message, /expected a mapping of keys at the top level/);
  assert.match(
    configError('just text\n').message,
    /expected a mapping of keys at the top level \(got "just text"\)/,
  );
});

test('alias bombs are refused rather than expanded', () => {
  const bomb = [
    'a: &a [x, x, x, x, x, x, x, x, x, x]',
    ...Array.from({ length: 8 }, (_, i) => {
      const prev = i === 0 ? 'a' : `l${i - 1}`;
      return `l${i}: &l${i} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`;
    }),
  ].join('\n');
  assert.match(configError(bomb).message, /YAML aliases expand too much/);
});
