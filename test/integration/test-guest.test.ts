// Proves the tiny test guest that every other integration test relies on: it builds, its domain
// XML is valid, it boots by direct kernel boot and from its disk image, its agent answers, it powers
// off on ACPI, and its probe.* switches (dd, ddev, acpi=ignore, panic) do what they say.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  defineDomain,
  destroyAndUndefine,
  diskAllocation,
  domStateReason,
  ensureTestGuest,
  GUEST_MARKERS,
  readDiskHead,
  startTestGuest,
  testGuestDomainXml,
  uniqueDomainName,
  virsh,
  waitForSerial,
  type RunningTestGuest,
  type TestGuest,
} from '../helpers/test-guest.js';

const sec = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** guest-ping through libvirt, retried: the agent connects a moment after qemu-ga opens its port. */
async function agentHostName(name: string): Promise<string> {
  let last = '';
  for (let i = 0; i < 50; i++) {
    const r = virsh(['qemu-agent-command', name, '{"execute":"guest-get-host-name"}'], true);
    if (r.status === 0)
      return (JSON.parse(r.stdout) as { return: { 'host-name': string } }).return['host-name'];
    last = r.stderr.trim();
    await sleep(200);
  }
  throw new Error(`guest agent of ${name} never answered: ${last}`);
}

function validateXml(xml: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'hvtest-validate-'));
  try {
    writeFileSync(join(dir, 'd.xml'), xml);
    const r = spawnSync('virt-xml-validate', [join(dir, 'd.xml'), 'domain'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `virt-xml-validate rejected:\n${r.stderr}\n${xml}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('test guest on qemu:///system', () => {
  let guest: TestGuest;
  const cleanups: (() => void)[] = [];

  before(async () => {
    const v = virsh(['-q', 'version'], true);
    assert.equal(
      v.status,
      0,
      `libvirtd does not answer on qemu:///system (run scripts/setup-host.sh): ${v.stderr}`,
    );
    guest = await ensureTestGuest();
  });
  after(() => {
    for (const c of cleanups.reverse()) c();
  });

  it('is built complete: ELF vmlinux, bzImage, gzip initrd, qcow2 disk, manifest', (t) => {
    assert.equal(readFileSync(guest.vmlinux).subarray(0, 4).toString('latin1'), '\x7fELF');
    assert.equal(readFileSync(guest.vmlinuz).subarray(0x202, 0x206).toString('latin1'), 'HdrS');
    assert.deepEqual([...readFileSync(guest.initrd).subarray(0, 2)], [0x1f, 0x8b]);
    assert.equal(readFileSync(guest.diskImage).subarray(0, 4).toString('latin1'), 'QFI\xfb');
    for (const f of ['vmlinux', 'vmlinuz', 'initrd.img', 'guest-disk.qcow2']) {
      assert.equal(
        guest.manifest.files[f]?.bytes,
        statSync(join(guest.dir, f)).size,
        `manifest size of ${f}`,
      );
    }
    t.diagnostic(
      `guest ${guest.dir}: ` +
        Object.entries(guest.manifest.files)
          .map(([f, s]) => `${f} ${(s.bytes / 1048576).toFixed(1)} MiB`)
          .join(', '),
    );
  });

  it('writes domain XML that virt-xml-validate accepts (kernel and disk boot)', () => {
    const base = { name: 'hvtest-xml', serialLog: '/tmp/x.log', virtType: 'qemu' as const };
    validateXml(
      testGuestDomainXml({ ...base, kernel: guest.vmlinux, initrd: guest.initrd, kernelArgs: 'probe.dd=1' }),
    );
    const disk = testGuestDomainXml({
      ...base,
      bootFrom: 'disk',
      diskPath: '/tmp/a.qcow2',
      dataDiskPath: '/tmp/b.qcow2',
      kernelArgs: 'probe.dd=4 probe.net=1',
      network: 'default',
      agent: false,
    });
    validateXml(disk);
    assert.match(disk, /<entry name='opt\/org.hv\/args'>probe.dd=4 probe.net=1<\/entry>/);
    assert.match(disk, /<target dev='vdb' bus='virtio'\/>/);
    assert.doesNotMatch(disk, /guest_agent/);
  });

  it('boots by direct kernel boot, answers the agent and powers off on ACPI', async (t) => {
    const name = uniqueDomainName('kboot');
    const dir = mkdtempSync(join(tmpdir(), `${name}-`));
    chmodSync(dir, 0o755);
    cleanups.push(() => {
      destroyAndUndefine(name);
      rmSync(dir, { recursive: true, force: true });
    });
    const serialLog = join(dir, 'serial.log');
    defineDomain(testGuestDomainXml({ name, kernel: guest.vmlinux, initrd: guest.initrd, serialLog }));
    const start = performance.now();
    virsh(['start', name]);
    const ready = await waitForSerial(serialLog, GUEST_MARKERS.ready, 120_000);
    const bootMs = performance.now() - start;
    assert.match(ready.line, /boot=kernel/);
    assert.match(readFileSync(serialLog, 'utf8'), /HV-TEST-GUEST-QGA-STARTED/);
    assert.equal(await agentHostName(name), 'hv-test-guest');

    const t0 = performance.now();
    virsh(['shutdown', '--mode', 'acpi', name]);
    await waitForSerial(serialLog, GUEST_MARKERS.acpiPower, 60_000);
    for (let i = 0; i < 600 && domStateReason(name) !== 'shut off (shutdown)'; i++) await sleep(100);
    assert.equal(domStateReason(name), 'shut off (shutdown)');
    t.diagnostic(`kernel boot: start -> ${ready.line.split(' ')[0]} ${sec(bootMs)} (${ready.line})`);
    t.diagnostic(`ACPI shutdown -> shut off: ${sec(performance.now() - t0)}`);
  });

  it('boots from an overlay of the disk image and writes probe.dd data to vdb', async (t) => {
    const before = statSync(guest.diskImage);
    const g: RunningTestGuest = await startTestGuest({
      label: 'dboot',
      bootFrom: 'disk',
      dataDiskMiB: 64,
      kernelArgs: 'probe.dd=4',
    });
    cleanups.push(g.dispose);
    assert.match(g.readyLine ?? '', /boot=disk/);
    const dd = await waitForSerial(g.serialLog, GUEST_MARKERS.ddDone, 1000);
    assert.match(dd.line, /dev=vdb mib=4/);
    const shutdownMs = await g.shutdownAcpi();
    const data = g.dataDiskPath!;
    assert.equal(readDiskHead(data, 32).toString('latin1').split('\n')[0], 'HV-TEST-GUEST-DATA mib=4');
    assert.ok(diskAllocation(data) > 4 * 1048576, `data disk holds ${diskAllocation(data)} bytes`);
    const afterStat = statSync(guest.diskImage);
    assert.equal(afterStat.mtimeMs, before.mtimeMs, 'the cached disk image was written');
    t.diagnostic(`disk boot: start -> READY ${sec(g.bootMs)}; ACPI shutdown ${sec(shutdownMs)}`);
  });

  it('probe.ddev=vdb writes the second disk and leaves vda alone', async (t) => {
    const g = await startTestGuest({
      label: 'ddev',
      diskMiB: 16,
      dataDiskMiB: 16,
      kernelArgs: 'probe.dd=4 probe.ddev=vdb',
    });
    cleanups.push(g.dispose);
    await waitForSerial(g.serialLog, GUEST_MARKERS.ddDone, 1000);
    await g.shutdownAcpi();
    assert.match(readDiskHead(g.dataDiskPath!, 64).toString('latin1'), /^HV-TEST-GUEST-DATA mib=4\n/);
    assert.ok(
      readDiskHead(g.diskPath!, 512).every((b) => b === 0),
      'vda was written',
    );
    assert.ok(diskAllocation(g.diskPath!) < 1048576, 'vda grew');
    t.diagnostic(`kernel boot with two disks: start -> READY ${sec(g.bootMs)}`);
  });

  it('probe.acpi=ignore ignores the power button; probe.panic=N crashes into on_crash', async (t) => {
    const g = await startTestGuest({
      label: 'panic',
      kernelArgs: 'probe.acpi=ignore probe.panic=4',
      agent: false,
    });
    cleanups.push(g.dispose);
    assert.match(readFileSync(g.serialLog, 'utf8'), /HV-TEST-GUEST-ACPI-IGNORED/);
    virsh(['shutdown', '--mode', 'acpi', g.name]);
    const panic = await waitForSerial(g.serialLog, GUEST_MARKERS.panicNow, 60_000);
    for (let i = 0; i < 300 && !domStateReason(g.name).startsWith('shut off'); i++) await sleep(100);
    assert.equal(domStateReason(g.name), 'shut off (crashed)');
    assert.doesNotMatch(readFileSync(g.serialLog, 'utf8'), /HV-TEST-GUEST-ACPI-POWER/);
    t.diagnostic(`panic ${sec(panic.waitedMs)} after the ignored ACPI shutdown`);
  });
});
