import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answerWizard,
  newWizard,
  parseWizardState,
  wizardView,
  type WizardState,
  type WizardView,
} from './create-vm-wizard.js';
import type { WizardContext } from './wizard-context.js';

const ctx: WizardContext = {
  cores: 4,
  totalMemoryMiB: 8192,
  freeMemoryMiB: 6000,
  hostArch: 'x86_64',
  networks: ['default', 'lan'],
  defaultNetwork: 'default',
  vms: ['vm-1', 'web'],
  images: [
    { name: 'debian-12', kind: 'cloud' },
    { name: 'alpine', kind: 'iso' },
  ],
  libraryLabel: 'image library (pool hv-images, /srv/images)',
  keyFiles: ['/root/.ssh/id_ed25519.pub'],
  userName: 'alice',
  hugepagesReserved: false,
  checkFile: (p) => (p === '/srv/own.iso' ? undefined : 'no such file'),
  checkKeyFile: (p) => (p.endsWith('.pub') ? undefined : 'must hold OpenSSH public keys, one a line'),
  checkNewFile: (p) => (p === './exists.yaml' ? 'already exists' : undefined),
};

/** Feed answers one by one; returns the final state and every error seen. */
function feed(answers: readonly string[], from: WizardState = newWizard()) {
  let state = from;
  const errors: string[] = [];
  for (const a of answers) {
    const r = answerWizard(state, a, ctx);
    if (r.error !== undefined) errors.push(r.error);
    state = r.state;
  }
  return { state, errors, view: wizardView(state, ctx) };
}

const q = (v: WizardView): string => (v.kind === 'question' ? v.id : v.kind);

test('defaults come from the host: free name, cores, free memory, default network, library image', () => {
  const v = wizardView(newWizard(), ctx);
  assert.equal(v.kind, 'question');
  assert.equal(v.defaultValue, 'vm-2');
  const { state } = feed(['']);
  assert.deepEqual(state.answers, { name: 'vm-2' });
  const next = (s: WizardState) => wizardView(s, ctx);
  const s2 = feed(['', '']).state;
  const cpus = next(s2);
  assert.equal(cpus.kind === 'question' && cpus.defaultValue, '2');
  const mem = next(feed(['', '', '']).state);
  assert.equal(mem.kind === 'question' && mem.defaultValue, '2G');
  const net = next(feed(['', '', '', '', '', '']).state);
  assert.deepEqual(net.kind === 'question' && [net.id, net.defaultValue, net.choices], [
    'network',
    'default',
    ['default', 'lan', 'user', 'none'],
  ]);
  const media = next(feed(['', '', '', '', '', '', '']).state);
  assert.equal(media.kind === 'question' && media.defaultValue, 'image');
});

test('every answer is validated inline with the profile rules; a bad one re-asks with the rule', () => {
  const r = feed(['web', 'Bad Name!', 'db1', '', '9', '0', '3', '10P', '64G', '1.5G', 'x']);
  assert.deepEqual(r.errors, [
    'a VM named web already exists',
    'must match ^[A-Za-z0-9][A-Za-z0-9._-]*$',
    "must be at most 4 (the host's cores)",
    'must be at least 1',
    'must be at most 16T',
    "must be at most the host's 8192 MiB",
    'must be a size like 512M, 20G, 1.5T or a number of bytes',
  ]);
  assert.equal(r.state.answers.memory, '1.5G');
  assert.equal(q(r.view), 'disk');
});

test('the whole flow with a cloud image: profile YAML at review, then create with user and key', () => {
  const r = feed([
    'db1',
    'ops-team',
    '2',
    '1G',
    '10G',
    '',
    'lan',
    'image',
    'debian-13',
    'debian-12',
    '',
    '',
    'n',
    'yes',
  ]);
  assert.deepEqual(r.errors, [
    'is not an cloud image in the image library (pool hv-images, /srv/images) (give a name from the list or a path with a /)',
  ]);
  assert.equal(r.view.kind, 'review');
  assert.match(r.view.yaml, /^name: db1$/m);
  assert.match(r.view.yaml, /^owner: ops-team$/m);
  assert.match(r.view.yaml, /from: debian-12/);
  assert.match(r.view.yaml, /network: lan/);
  assert.deepEqual(r.view.summary, [
    'start after create: yes',
    'login user: alice (keys from /root/.ssh/id_ed25519.pub)',
  ]);
  const done = feed(['c'], r.state).view;
  assert.equal(done.kind, 'done');
  assert.equal(done.action, 'create');
  assert.equal(done.profile.profile.memoryMiB, 1024);
  assert.equal(done.profile.profile.disks[0]?.from, 'debian-12');
  assert.equal(done.profile.profile.disks[0].linked, true);
  assert.deepEqual(
    [done.user, done.sshKeyFile, done.start, done.cloudImage],
    ['alice', '/root/.ssh/id_ed25519.pub', true, true],
  );
});

test('advanced answers (firmware, graphics, hugepages, autostart group and priority) reach the profile', () => {
  const r = feed([
    '',
    '',
    '',
    '',
    '',
    '',
    'none',
    'iso',
    '/srv/other.iso',
    '/srv/own.iso',
    'y',
    'efi',
    'uefi',
    '',
    'y',
    'y',
    'apps',
    '101',
    '10',
    'n',
  ]);
  assert.deepEqual(r.errors, ['no such file', 'must be one of bios, uefi', r.errors[2]]);
  assert.match(r.errors[2] ?? '', /100/);
  assert.equal(r.view.kind, 'review');
  const done = feed(['c'], r.state).view;
  assert.ok(done.kind === 'done');
  const p = done.profile.profile;
  assert.deepEqual(
    [
      p.firmware,
      p.graphics.type,
      p.memoryBacking.hugepages,
      p.autostart,
      p.autostartGroup,
      p.autostartPriority,
      p.nics.length,
      p.iso,
    ],
    ['uefi', 'vnc', true, true, 'apps', 10, 0, '/srv/own.iso'],
  );
  assert.equal(done.cloudImage, false);
});

test('review: edit an answer goes back to that question only; save asks a path that must be new', () => {
  const base = feed(['', '', '', '', '', '', '', 'none', '', '']).state;
  assert.equal(wizardView(base, ctx).kind, 'review');
  const edited = feed(['e memory', '3G'], base);
  assert.equal(edited.view.kind, 'review');
  assert.equal(edited.state.answers.memory, '3G');
  assert.deepEqual(feed(['e nosuch'], base).errors, [
    'edit which answer? one of name, owner, cpus, memory, disk, arch, network, media, advanced, start',
  ]);
  const saved = feed(['s', './exists.yaml', './new.yaml'], base);
  assert.deepEqual(saved.errors, ['already exists']);
  assert.ok(
    saved.view.kind === 'done' && saved.view.action === 'save' && saved.view.savePath === './new.yaml',
  );
  assert.equal(answerWizard(base, 'q', ctx).quit, true);
});

test('resume: a saved state (JSON round trip) continues at the first unanswered question; review decisions are not restored', () => {
  const mid = feed(['db2', '', '3']).state;
  const back = parseWizardState(JSON.parse(JSON.stringify(mid)));
  assert.deepEqual(back, mid);
  assert.equal(q(wizardView(back, ctx)), 'memory');
  const decided = feed(['', '', '', '', '', '', '', 'none', '', '', 's'], newWizard()).state;
  assert.equal(decided.action, 'save');
  assert.equal(
    wizardView(parseWizardState(JSON.parse(JSON.stringify(decided))) ?? newWizard(), ctx).kind,
    'review',
  );
  assert.equal(parseWizardState({ version: 2, answers: {} }), undefined);
  assert.equal(parseWizardState({ version: 1, answers: { evil: 'x' } }), undefined);
});
