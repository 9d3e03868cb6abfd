// `hv image` end to end: bin/hv against a real HTTP server on 127.0.0.1 and the real libvirtd
// (qemu:///system), with a GPG key made for the test. The image is the tiny test guest's disk.
// Each failure mode gives its documented exit code and leaves no file; Ctrl-C leaves a .part that
// the next run resumes; `rm` of an image a VM uses (cdrom, or backing file of an overlay) is refused
// and names the VM.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { startImageServer, type ImageServer } from '../helpers/image-server.js';
import { createTestGpgKey, type TestGpgKey } from '../helpers/test-gpg-key.js';
import {
  defineDomain,
  destroyAndUndefine,
  ensureTestGuest,
  uniqueDomainName,
  virsh,
} from '../helpers/test-guest.js';
import { spawnHv, type HvRun } from '../helpers/spawn-hv.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;
const tag = randomBytes(3).toString('hex');
const pool = `hvtest-img-e2e-${tag}`;
let dir = '';
let cfg = '';
let server: ImageServer;
let trusted: TestGpgKey;
let stranger: TestGpgKey;
let image: Buffer;
let sha: string;
const domains: string[] = [];

const hv = (args: string[], timeoutMs = 60_000): Promise<HvRun> =>
  spawnHv(['--config', cfg, ...args], { timeoutMs });
const errorCode = (run: HvRun): string =>
  /\[([A-Z_]+)\]\s*$/.exec(run.stderr.trim())?.[1] ?? `(none: ${run.stderr})`;
const stagingFiles = (): string[] =>
  readdirSync(join(dir, 'state', 'downloads'), { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
const libraryFiles = (): string[] =>
  existsSync(join(dir, 'library')) ? readdirSync(join(dir, 'library')) : [];

function entry(name: string, sub: string, extra = ''): string {
  return `    - name: ${name}
      kind: cloud
      url: ${server.base}${sub}/img.qcow2
      checksum: { algorithm: sha256, url: SHA256SUMS }
      signature: { url: SHA256SUMS.gpg, fingerprints: ["${trusted.fingerprint}"] }${extra}\n`;
}

before(async () => {
  if (NOT_ROOT) return;
  dir = mkdtempSync('/var/tmp/hv-e2e-image-');
  const guest = await ensureTestGuest();
  image = readFileSync(guest.diskImage);
  sha = createHash('sha256').update(image).digest('hex');
  trusted = createTestGpgKey();
  stranger = createTestGpgKey('stranger <stranger@example.invalid>');
  mkdirSync(join(dir, 'keys'));
  writeFileSync(join(dir, 'keys', 'trusted.gpg'), trusted.publicKeyring);
  server = await startImageServer();
  const sums = `${sha}  img.qcow2\n${'0'.repeat(64)}  other.iso\n`;
  for (const sub of ['good', 'cut', 'missing', 'stall', 'intr']) {
    server.put(`${sub}/img.qcow2`, image);
    server.put(`${sub}/SHA256SUMS`, sums);
    server.put(`${sub}/SHA256SUMS.gpg`, trusted.signDetached(sums));
  }
  server.setMode('cut/img.qcow2', { kind: 'cut', times: 1 });
  server.setMode('missing/img.qcow2', { kind: 'not-found' });
  server.setMode('stall/img.qcow2', { kind: 'stall-headers' });
  const wrong = `${'ab'.repeat(32)}  img.qcow2\n`;
  server.put('wrongsum/img.qcow2', image);
  server.put('wrongsum/SHA256SUMS', wrong);
  server.put('wrongsum/SHA256SUMS.gpg', trusted.signDetached(wrong));
  server.put('badsig/img.qcow2', image);
  server.put('badsig/SHA256SUMS', sums);
  server.put('badsig/SHA256SUMS.gpg', trusted.signDetached(sums.replace('other.iso', 'other2.iso')));
  server.put('unknown/img.qcow2', image);
  server.put('unknown/SHA256SUMS', sums);
  server.put('unknown/SHA256SUMS.gpg', stranger.signDetached(sums));
  const bsd = `SHA256 (img.qcow2) = ${sha}\n`;
  server.put('clear/img.qcow2', image);
  server.put('clear/CHECKSUM', trusted.clearsign(bsd));
  cfg = join(dir, 'config.yaml');
  writeFileSync(
    cfg,
    `log_dir: ${dir}/log\nstate_dir: ${dir}/state\nallowed_roots: [${dir}]\nimages:\n  dir: ${dir}/library\n  pool: ${pool}\n` +
      `  keyring_dir: ${dir}/keys\n  retries: 2\n  catalog:\n` +
      ['good', 'cut', 'missing', 'stall', 'intr', 'wrongsum', 'badsig', 'unknown']
        .map((s) => entry(`t-${s}`, s))
        .join('') +
      `    - name: t-clear\n      kind: cloud\n      url: ${server.base}clear/img.qcow2\n      checksum: { algorithm: sha256, url: CHECKSUM }\n` +
      `      signature: { format: clearsigned, fingerprints: ["${trusted.fingerprint}"] }\n`,
  );
});

after(async () => {
  if (NOT_ROOT) return;
  for (const d of domains) destroyAndUndefine(d);
  await server.close();
  trusted.dispose();
  stranger.dispose();
  virsh(['pool-destroy', pool], true);
  virsh(['pool-undefine', pool], true);
  rmSync(dir, { recursive: true, force: true });
});

describe('hv image (e2e, loopback server, qemu:///system)', { skip: NOT_ROOT }, () => {
  it('pull from the catalog: verified sha256+gpg, in the libvirt pool, listed, info, verify, rm', async () => {
    const r = await hv(['image', 'pull', 't-good']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      new RegExp(`pulled t-good: .* verified sha256\\+gpg \\(signed by ${trusted.fingerprint}\\)`),
    );
    assert.match(virsh(['vol-list', pool]).stdout, /t-good\.qcow2/);
    const list = await hv(['--json', 'image', 'list']);
    const rows = JSON.parse(list.stdout) as {
      name: string;
      verifiedBy: string;
      insecure: boolean;
      checksum: { value: string };
    }[];
    assert.deepEqual(
      rows.map((x) => [x.name, x.verifiedBy, x.insecure, x.checksum.value]),
      [['t-good', 'sha256+gpg', false, sha]],
    );
    assert.match((await hv(['image', 'list'])).stdout, /^t-good\s+cloud\s+qcow2\s+\S+\s+sha256\+gpg\s/m);
    assert.match((await hv(['image', 'info', 't-good'])).stdout, /used by:\s+-/);
    const v = await hv(['image', 'verify', '--all']);
    assert.equal(v.code, 0, v.stderr);
    assert.match(v.stdout, /t-good\s+ok\s+sha256/);
    assert.deepEqual(stagingFiles(), []);
    const again = await hv(['image', 'pull', 't-good']);
    assert.equal(again.code, 10, again.stderr);
    const rm = await hv(['image', 'rm', 't-good']);
    assert.equal(rm.code, 0, rm.stderr);
    assert.deepEqual(libraryFiles(), []);
  });

  it('a clearsigned BSD CHECKSUM list is verified too', async () => {
    const r = await hv(['image', 'pull', 't-clear']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /verified sha256\+gpg/);
    assert.equal((await hv(['image', 'rm', 't-clear'])).code, 0);
  });

  it('a download cut halfway resumes with Range and ends verified', async () => {
    server.requests.length = 0;
    const r = await hv(['image', 'pull', 't-cut']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /retry 1 of 2/);
    const ranged = server.requests.filter((q) => q.path === '/cut/img.qcow2' && q.range !== undefined);
    assert.equal(ranged[0]?.status, 206, JSON.stringify(server.requests));
    assert.match(r.stdout, /verified sha256\+gpg/);
    assert.equal((await hv(['image', 'rm', 't-cut'])).code, 0);
  });

  const refused: [string, string[], number, string][] = [
    ['wrong checksum', ['t-wrongsum'], 11, 'CHECKSUM_MISMATCH'],
    ['bad signature', ['t-badsig'], 11, 'SIGNATURE_INVALID'],
    ['unknown key', ['t-unknown'], 11, 'SIGNING_KEY_MISSING'],
    ['404', ['t-missing'], 5, 'REMOTE_NOT_FOUND'],
    ['stalled server', ['t-stall', '--stall-timeout', '1', '--retries', '1'], 9, 'TIMEOUT'],
    ['URL without a checksum', ['URL', '--name', 'plain'], 11, 'IMAGE_UNVERIFIED'],
    ['name with path traversal', ['t-good', '--name', '../../etc/evil'], 4, 'INVALID_ARGUMENT'],
  ];
  for (const [what, args, exit, code] of refused) {
    it(`${what}: exit ${exit} (${code}) and no file left`, async () => {
      const a = args.map((x) => (x === 'URL' ? `${server.base}good/img.qcow2` : x));
      const r = await hv(['image', 'pull', ...a]);
      assert.equal(r.code, exit, r.stderr);
      assert.equal(errorCode(r), code);
      assert.deepEqual(stagingFiles(), []);
      assert.deepEqual(libraryFiles(), []);
      assert.equal((await hv(['--json', 'image', 'list'])).stdout.trim(), '[]');
    });
  }

  it('the unknown-key refusal names the pinned fingerprint and how to import it', async () => {
    const r = await hv(['image', 'pull', 't-unknown']);
    assert.match(r.stderr, new RegExp(`pinned key\\(s\\): ${trusted.fingerprint}`));
    assert.match(r.stderr, /gpg --export/);
    assert.match(r.stderr, new RegExp(stranger.fingerprint.slice(-16)));
  });

  it('--insecure lets an unverifiable image in, recorded and listed as INSECURE', async () => {
    const r = await hv(['image', 'pull', 't-unknown', '--name', 'risky', '--insecure']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /--insecure: SHA256SUMS of risky/);
    assert.match((await hv(['image', 'list'])).stdout, /^risky\s+.*\sINSECURE\s/m);
    const info = await hv(['image', 'info', 'risky']);
    assert.match(info.stdout, /insecure:\s+SHA256SUMS of risky: signed by key/);
    assert.equal((await hv(['image', 'rm', 'risky'])).code, 0);
  });

  it('pull URL --sha256 HEX: verified sha256; a wrong --sha256 is exit 11', async () => {
    const url = `${server.base}good/img.qcow2`;
    const bad = await hv(['image', 'pull', url, '--sha256', 'cd'.repeat(32)]);
    assert.equal(bad.code, 11, bad.stderr);
    assert.deepEqual(stagingFiles(), []);
    const ok = await hv(['image', 'pull', url, '--sha256', sha, '--name', 'by-url']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /verified sha256\n/);
    assert.equal((await hv(['image', 'rm', 'by-url'])).code, 0);
  });

  it('Ctrl-C leaves a resumable .part and exits 130; the same command then resumes', async () => {
    server.setMode('intr/img.qcow2', { kind: 'stall-half', times: 1 });
    const part = join(dir, 'state', 'downloads', 't-intr.part');
    const r = await spawnHv(['--config', cfg, 'image', 'pull', 't-intr'], {
      timeoutMs: 60_000,
      onSpawn: (child) => {
        const poll = setInterval(() => {
          if (existsSync(part) && statSync(part).size > 0) {
            clearInterval(poll);
            child.kill('SIGINT');
          }
        }, 50);
        child.on('exit', () => {
          clearInterval(poll);
        });
      },
    });
    assert.equal(r.code, 130, r.stderr);
    assert.equal(errorCode(r), 'INTERRUPTED');
    assert.match(r.stderr, /run the same command again to resume/);
    const kept = statSync(part).size;
    assert.ok(kept > 0 && kept < image.length, `kept ${kept}`);
    assert.deepEqual(libraryFiles(), []);
    server.requests.length = 0;
    const again = await hv(['image', 'pull', 't-intr']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /resumed at/);
    assert.equal(server.requests.find((q) => q.path === '/intr/img.qcow2')?.status, 206);
    assert.deepEqual(stagingFiles(), []);
    assert.equal((await hv(['image', 'rm', 't-intr'])).code, 0);
  });

  it('rm refuses while a VM uses the image as a cdrom or as the backing file of its disk, naming the VM', async () => {
    assert.equal((await hv(['image', 'pull', 't-good', '--name', 'base'])).code, 0);
    const path = join(dir, 'library', 'base.qcow2');
    const cdVm = uniqueDomainName('img-cd');
    const overlay = join(dir, `${tag}-overlay.qcow2`);
    execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', path, '-F', 'qcow2', overlay]);
    const diskVm = uniqueDomainName('img-ovl');
    const xml = (name: string, disk: string): string =>
      `<domain type='qemu'><name>${name}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os><devices>${disk}</devices></domain>`;
    domains.push(
      defineDomain(
        xml(
          cdVm,
          `<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='${path}'/><target dev='sda' bus='sata'/><readonly/></disk>`,
        ),
      ),
    );
    domains.push(
      defineDomain(
        xml(
          diskVm,
          `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${overlay}'/><target dev='vda' bus='virtio'/></disk>`,
        ),
      ),
    );
    const r = await hv(['image', 'rm', 'base']);
    assert.equal(r.code, 10, r.stderr);
    assert.equal(errorCode(r), 'IN_USE');
    assert.match(r.stderr, new RegExp(`${cdVm} \\(sda, cdrom\\)`));
    assert.match(r.stderr, new RegExp(`${diskVm} \\(vda, backing file\\)`));
    assert.ok(existsSync(path));
    destroyAndUndefine(cdVm);
    const r2 = await hv(['image', 'rm', 'base']);
    assert.equal(r2.code, 10);
    assert.doesNotMatch(r2.stderr, new RegExp(cdVm));
    destroyAndUndefine(diskVm);
    assert.equal((await hv(['image', 'rm', 'base'])).code, 0);
    assert.equal(existsSync(path), false);
  });

  it('import a local file (local / --sha256), refuse traversal names, verify finds tampering (exit 11)', async () => {
    const src = join(dir, 'src');
    mkdirSync(join(src, 'sub'), { recursive: true });
    writeFileSync(join(src, 'disk.img'), image);
    writeFileSync(join(src, 'sub', 'tiny.iso'), randomBytes(4096));
    const trav = await hv(['image', 'import', join(src, 'disk.img'), '--name', '../x']);
    assert.equal(trav.code, 4, trav.stderr);
    const outside = await hv(['image', 'import', '/etc/hostname']);
    assert.equal(outside.code, 4, outside.stderr);
    const bad = await hv(['image', 'import', join(src, 'disk.img'), '--sha256', 'ef'.repeat(32)]);
    assert.equal(bad.code, 11, bad.stderr);
    assert.deepEqual(libraryFiles(), []);
    const ok = await hv(['image', 'import', join(src, 'disk.img'), '--sha256', sha]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /imported disk: .* cloud\/qcow2, sha256 [0-9a-f]{64} \(verified: sha256\)/);
    const scan = await hv(['image', 'import', '--scan', src]);
    assert.equal(scan.code, 0, scan.stderr);
    assert.match(scan.stdout, /imported tiny /);
    assert.match(scan.stdout, /skipped .*disk\.img: image disk is already/);
    assert.match((await hv(['image', 'list'])).stdout, /^tiny\s+cloud\s+raw\s+4K\s+local\s/m);
    const stored = join(dir, 'library', 'disk.qcow2');
    const bytes = readFileSync(stored);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    writeFileSync(stored, bytes);
    const v = await hv(['image', 'verify', 'disk', 'tiny']);
    assert.equal(v.code, 11, v.stderr);
    assert.match(v.stdout, /disk\s+MISMATCH/);
    assert.match(v.stdout, /tiny\s+ok/);
    assert.equal(statSync(stored).size, image.length);
    for (const n of ['disk', 'tiny']) assert.equal((await hv(['image', 'rm', n])).code, 0);
  });
});
