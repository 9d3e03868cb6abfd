import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validatePath } from './validate-path.js';

let base = '';
let root = '';

before(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'hv-path-')));
  root = join(base, 'root');
  await mkdir(join(root, 'isos'), { recursive: true });
  await mkdir(join(base, 'root2'));
  await mkdir(join(base, 'outside'));
  await writeFile(join(root, 'isos', 'a.iso'), '');
  await writeFile(join(root, 'file'), '');
  await symlink(join(base, 'outside'), join(root, 'escape'));
  await symlink(join(root, 'isos'), join(root, 'inner-link'));
  await symlink(join(base, 'outside', 'nothing-yet'), join(root, 'dangling'));
});

after(async () => {
  await rm(base, { recursive: true, force: true });
});

test('validatePath returns the real location of paths inside a root', async () => {
  assert.equal(
    await validatePath('iso', join(root, 'isos', 'a.iso'), { roots: [root] }),
    join(root, 'isos', 'a.iso'),
  );
  assert.equal(
    await validatePath('iso', 'isos/a.iso', { roots: [root], cwd: root }),
    join(root, 'isos', 'a.iso'),
  );
  assert.equal(await validatePath('dir', root, { roots: [root] }), root);
});

test('validatePath accepts paths that do not exist yet under an existing directory', async () => {
  assert.equal(
    await validatePath('disk', join(root, 'new', 'deeper', 'd.qcow2'), { roots: [root] }),
    join(root, 'new', 'deeper', 'd.qcow2'),
  );
});

test('validatePath follows symbolic links that stay inside the roots', async () => {
  assert.equal(
    await validatePath('iso', join(root, 'inner-link', 'a.iso'), { roots: [root] }),
    join(root, 'isos', 'a.iso'),
  );
});

test('validatePath refuses symbolic links that lead out of the roots', async () => {
  await assert.rejects(validatePath('iso', join(root, 'escape', 'x.iso'), { roots: [root] }), {
    rule: `must not leave ${root} through a symbolic link`,
  });
  await assert.rejects(validatePath('iso', join(root, 'escape'), { roots: [root] }), { field: 'iso' });
});

test('validatePath refuses dangling links in the part that does not exist', async () => {
  await assert.rejects(validatePath('disk', join(root, 'dangling'), { roots: [root] }), {
    rule: 'must not go through a dangling symbolic link',
  });
});

test('validatePath compares whole components, not string prefixes', async () => {
  await assert.rejects(validatePath('iso', join(base, 'root2', 'x'), { roots: [root] }), {
    rule: `must be inside one of: ${root}`,
  });
  await assert.rejects(validatePath('iso', '/etc/passwd', { roots: [root, join(base, 'root2')] }), {
    rule: `must be inside one of: ${root}, ${join(base, 'root2')}`,
  });
});

test('validatePath refuses .., NUL, control characters and empty strings', async () => {
  await assert.rejects(validatePath('p', `${root}/isos/../isos/a.iso`, { roots: [root] }), {
    rule: 'must not contain ".." segments',
  });
  await assert.rejects(validatePath('p', '../x', { roots: [root], cwd: root }), { rule: /"\.\." segments/ });
  await assert.rejects(validatePath('p', `${root}/a\u0000b`, { roots: [root] }), {
    rule: 'must not contain NUL or control characters',
  });
  await assert.rejects(validatePath('p', `${root}/a\nb`, { roots: [root] }), { rule: /control characters/ });
  await assert.rejects(validatePath('p', '', { roots: [root] }), { rule: 'must not be empty' });
  await assert.rejects(validatePath('p', 7, { roots: [root] }), { rule: 'must be a string' });
});

test('validatePath refuses everything when no roots are configured, and paths through files', async () => {
  await assert.rejects(validatePath('p', join(root, 'isos'), { roots: [] }), {
    rule: 'must be inside one of: (no allowed roots are configured)',
  });
  await assert.rejects(validatePath('p', join(root, 'file', 'x'), { roots: [root] }), {
    rule: 'must not go through something that is not a directory',
  });
});
