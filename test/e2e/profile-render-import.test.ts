// `hv profile render|import|schema` through bin/hv: rendered XML passes virt-xml-validate and honours
// --virt-type, hostile strings come out escaped, Hyper-NixOS files import to hv YAML that validates,
// existing files are not overwritten, and the schema printed is the committed one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../src/core/exec/run-command.js';
import { domainXmlToProfile } from '../../src/core/profile/domain-xml/domain-xml-to-profile.js';
import { parseProfileText } from '../../src/core/profile/parse-profile-text.js';
import { readRepoFile, repoPath } from '../helpers/repo-file.js';
import { spawnHv } from '../helpers/spawn-hv.js';

let dir = '';
let env: NodeJS.ProcessEnv = {};

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hv-e2e-profile-render-'));
  await writeFile(
    join(dir, 'config.yaml'),
    `log_dir: ${dir}/log\nstate_dir: ${dir}/state\nstorage:\n  pool_path: /srv/pool\nimages:\n  dir: /srv/library\n`,
  );
  env = { HV_CONFIG: join(dir, 'config.yaml') };
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function xmlValidates(xml: string): Promise<void> {
  const file = join(dir, 'out.xml');
  await writeFile(file, xml);
  const r = await runCommand('virt-xml-validate', [file, 'domain'], { okExitCodes: [0, 1, 2, 3] });
  assert.equal(r.exitCode, 0, r.stderr + r.stdout);
}

describe('hv profile render', () => {
  it('prints valid domain XML with disks in the configured pool; --virt-type pins the domain type', async () => {
    const fixture = repoPath('test/fixtures/profiles/iso-cloud-init.yaml');
    const kvm = await spawnHv(['profile', 'render', '--virt-type', 'kvm', fixture], { env });
    assert.equal(kvm.code, 0, kvm.stderr);
    assert.match(kvm.stdout, /^<domain type='kvm'>/);
    assert.match(kvm.stdout, /<source file='\/srv\/pool\/iso-cloud-init-disk0.qcow2'\/>/);
    assert.match(kvm.stdout, /<source file='\/srv\/library\/debian-12.5.0-amd64-netinst.iso'\/>/);
    assert.match(kvm.stdout, /<source file='\/srv\/pool\/iso-cloud-init-cidata.iso'\/>/);
    assert.equal(kvm.stderr, '');
    await xmlValidates(kvm.stdout);
    const back = domainXmlToProfile(kvm.stdout);
    assert.ok(back);
    assert.deepEqual(back.profile, parseProfileText(await readFile(fixture, 'utf8'), 'x').profile);
    assert.deepEqual(back.origin, { format: 'hv', file: fixture });

    const qemu = await spawnHv(['profile', 'render', '--virt-type', 'qemu', fixture], { env });
    assert.equal(qemu.code, 0);
    assert.match(qemu.stdout, /^<domain type='qemu'>/);
    assert.match(qemu.stdout, /<cpu mode='maximum'>/);
    assert.match(qemu.stderr, /warning: KVM is not usable on this host: the VM runs under TCG/);
  });

  it('escapes XML and shell metacharacters from every string field', async () => {
    const r = await spawnHv(
      ['profile', 'render', '--virt-type', 'kvm', repoPath('test/fixtures/profiles/escaping.yaml')],
      {
        env,
      },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.ok(
      r.stdout.includes('<description>&lt;script&gt;alert(\'x\')&lt;/script&gt; &amp; "quotes" ]]&gt;'),
    );
    assert.ok(r.stdout.includes("<source file='/srv/iso/a&apos;b&quot;c&lt;d&gt;&amp;e.iso'/>"));
    assert.doesNotMatch(r.stdout, /<script>/);
    await xmlValidates(r.stdout);
  });

  it('renders a Hyper-NixOS profile as their converter meant (bridge read as itself)', async () => {
    const r = await spawnHv(
      [
        'profile',
        'render',
        '--virt-type',
        'kvm',
        repoPath('test/fixtures/hyper-nixos/example_vm_x86_cet_private.json'),
      ],
      {
        env,
      },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /<interface type='bridge'>\n\s+<source bridge='virbr0'\/>/);
    assert.match(r.stdout, /<feature policy='require' name='shstk'\/>/);
    await xmlValidates(r.stdout);
  });

  it('an invalid profile renders nothing and exits 4', async () => {
    await writeFile(join(dir, 'bad.yaml'), 'name: x\ncpus: 1\nmemory: 1G\nhostdevs: [nope]\n');
    const r = await spawnHv(['profile', 'render', join(dir, 'bad.yaml')], { env });
    assert.equal(r.code, 4);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /bad\.yaml:4:\d+: hostdevs\[0\]: must be a PCI address/);
  });
});

describe('hv profile import', () => {
  it('writes hv YAML for each Hyper-NixOS profile, with warnings on stderr, and refuses to overwrite', async () => {
    const out = join(dir, 'imported');
    const names = ['example_vm_nixos', 'wizard_output', 'all_fields'];
    const files = names.map((n) => repoPath(`test/fixtures/hyper-nixos/${n}.json`));
    const r = await spawnHv(['profile', 'import', '--out', out, ...files], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((await readdir(out)).sort(), [
      'all-fields.yaml',
      'example-nixos.yaml',
      'wizard-vm.yaml',
    ]);
    assert.match(r.stderr, /wizard_output\.json:\d+:\d+: warning: disk_gb: ignored with disk_image_path/);
    assert.match(r.stderr, /all_fields\.json:\d+:\d+: warning: video_ram: unknown field/);
    for (const [i, name] of names.entries()) {
      const original = parseProfileText(await readFile(files[i] ?? '', 'utf8'), name);
      const yamlFile = join(out, `${original.profile.name}.yaml`);
      const converted = parseProfileText(await readFile(yamlFile, 'utf8'), yamlFile);
      assert.equal(converted.format, 'hv');
      assert.deepEqual(converted.profile, original.profile);
    }
    const again = await spawnHv(['profile', 'import', '--out', out, files[0] ?? ''], { env });
    assert.equal(again.code, 10);
    assert.match(again.stderr, /example-nixos\.yaml already exists \(use --force/);
    const forced = await spawnHv(['profile', 'import', '--out', out, '--force', files[0] ?? ''], { env });
    assert.equal(forced.code, 0, forced.stderr);
    assert.deepEqual((await readdir(out)).sort(), [
      'all-fields.yaml',
      'example-nixos.yaml',
      'wizard-vm.yaml',
    ]);
  });

  it('prints the YAML without --out; a file that breaks a rule imports nothing', async () => {
    const r = await spawnHv(
      ['profile', 'import', repoPath('test/fixtures/hyper-nixos/example_vm_windows.json')],
      { env },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# yaml-language-server: \$schema=/);
    assert.match(r.stdout, /\nname: example-windows\n[\s\S]*\n {2}- size: 40G\n/);
    await writeFile(join(dir, 'broken.json'), '{"name":"b","cpus":1,"memory_mb":100}');
    const bad = await spawnHv(['profile', 'import', '--out', join(dir, 'none'), join(dir, 'broken.json')], {
      env,
    });
    assert.equal(bad.code, 4);
    assert.match(bad.stderr, /memory_mb: must be at least 256/);
    await assert.rejects(readdir(join(dir, 'none')));
  });
});

describe('hv profile schema', () => {
  it('prints the committed JSON Schema', async () => {
    const r = await spawnHv(['profile', 'schema'], { env });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, await readRepoFile('schemas/vm-profile.schema.json'));
    assert.equal((JSON.parse(r.stdout) as { title: string }).title, 'hv VM profile');
  });
});
