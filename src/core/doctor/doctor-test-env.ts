// Test support for the doctor's unit tests: a DoctorEnv with defaults that touch nothing real, plus
// helpers to build fixture directories. (Lives beside the tests because it needs core types.)
import { parseConfigText } from '../config/parse-config-text.js';
import type { HvConfig } from '../config/config-schema.js';
import type { DoctorEnv } from './doctor-check.js';

/** A DoctorEnv for tests; override what a test needs. Paths default to ones that do not exist. */
export function testDoctorEnv(overrides: Partial<DoctorEnv> & { configYaml?: string } = {}): DoctorEnv {
  const { configYaml, ...rest } = overrides;
  const config: HvConfig = parseConfigText(configYaml ?? '', 'test.yaml').config;
  return {
    connectUri: 'qemu:///system?socket=/nonexistent/hv-test.sock',
    config,
    configPath: '/nonexistent/config.yaml',
    configExists: false,
    searchPath: '/nonexistent',
    env: {},
    uid: 0,
    gids: [],
    paths: {
      devKvm: '/nonexistent/kvm',
      cpuinfo: '/nonexistent/cpuinfo',
      sysModule: '/nonexistent/module',
      ovmfDir: '/nonexistent/OVMF',
      etcGroup: '/nonexistent/group',
    },
    signal: new AbortController().signal,
    ...rest,
  };
}
