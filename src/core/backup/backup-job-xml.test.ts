import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkpointXml, pushBackupXml } from './backup-job-xml.js';

test('push backup XML lists every disk, targets escaped, incremental only when asked', () => {
  const full = pushBackupXml([{ target: 'vda', file: '/b/a&b/vda.push.qcow2' }], ['sda']);
  assert.match(full, /<domainbackup mode="push">/);
  assert.doesNotMatch(full, /<incremental>/);
  assert.match(
    full,
    /<disk name="vda" backup="yes" type="file"><target file="\/b\/a&amp;b\/vda.push.qcow2"\/><driver type="qcow2"\/><\/disk>/,
  );
  assert.match(full, /<disk name="sda" backup="no"\/>/);
  const inc = pushBackupXml([{ target: 'vda', file: '/b/vda.qcow2' }], [], 'hv-backup-x');
  assert.match(inc, /<incremental>hv-backup-x<\/incremental>/);
});

test('checkpoint XML puts a bitmap on backed-up disks only', () => {
  const xml = checkpointXml('hv-backup-x', 'hv backup <x>', ['vda', 'vdb'], ['sda']);
  assert.match(xml, /<name>hv-backup-x<\/name>/);
  assert.match(xml, /<description>hv backup &lt;x&gt;<\/description>/);
  assert.match(xml, /<disk name="vdb" checkpoint="bitmap"\/>/);
  assert.match(xml, /<disk name="sda" checkpoint="no"\/>/);
});
