// The test-guest toolkit in one import for integration tests: build/locate the tiny guest, write
// its domain XML, boot it, read its serial markers, and clean up. See docs/developing.md.
export { ensureTestGuest, repoRoot, type TestGuest, type TestGuestManifest } from './guest-build.js';
export {
  detectVirtType,
  testGuestDomainXml,
  TEST_GUEST_CMDLINE,
  type TestGuestDomainOptions,
} from './guest-domain-xml.js';
export { GUEST_MARKERS, waitForSerial, type SerialMatch } from './guest-serial.js';
export {
  defineDomain,
  destroyAndUndefine,
  domState,
  domStateReason,
  uniqueDomainName,
  setHvTags,
  virsh,
  waitForDomState,
  type VirshResult,
} from './guest-virsh.js';
export { createBlankDisk, createOverlay, diskAllocation, readDiskHead } from './guest-disk.js';
export { startTestGuest, type RunningTestGuest, type StartTestGuestOptions } from './guest-fixture.js';
