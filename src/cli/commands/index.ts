// Every CLI command module, in the order `hv --help` lists them, with the top-level words each adds
// (index.test.ts checks them against what it registers). Add new commands here.
import type { CommandModule } from '../command.js';
import { registerAutostartRun } from './autostart-run.js';
import { registerBackup } from './backup.js';
import { registerBackupPrune } from './backup-prune.js';
import { registerConfig } from './config.js';
import { registerCompletion } from './completion.js';
import { registerConsole } from './console.js';
import { registerDoctor } from './doctor.js';
import { registerImage } from './image.js';
import { registerLifecycle } from './lifecycle-verbs.js';
import { registerManage } from './manage.js';
import { registerProfile } from './profile.js';
import { registerRecover } from './recover.js';
import { registerShutdownAll } from './shutdown-all.js';
import { registerSnapshot } from './snapshot.js';
import { registerTemplate } from './template.js';
import { registerVmClone } from './vm-clone.js';
import { registerVmCreate } from './vm-create.js';
import { registerVmInfo } from './vm-info.js';
import { registerVmList } from './vm-list.js';

/** All command modules. */
export const commandModules: readonly CommandModule[] = [
  { words: ['ls', 'vm'], register: registerVmList },
  { words: ['vm', 'info'], register: registerVmInfo },
  { words: ['console', 'vm'], register: registerConsole },
  { words: ['vm', 'gc'], register: registerVmCreate },
  { words: ['vm'], register: registerVmClone },
  { words: ['template'], register: registerTemplate },
  {
    words: ['vm', 'start', 'stop', 'kill', 'reboot', 'reset', 'pause', 'resume'],
    register: registerLifecycle,
  },
  { words: ['vm', 'delete', 'rename', 'edit', 'autostart'], register: registerManage },
  { words: ['autostart'], register: registerAutostartRun },
  { words: ['shutdown-all'], register: registerShutdownAll },
  { words: ['recover'], register: registerRecover },
  { words: ['doctor'], register: registerDoctor },
  { words: ['config'], register: registerConfig },
  { words: ['image'], register: registerImage },
  { words: ['profile'], register: registerProfile },
  { words: ['backup'], register: registerBackup },
  { words: ['backup'], register: registerBackupPrune },
  { words: ['snapshot'], register: registerSnapshot },
  { words: ['completion', '__complete'], needsAll: true, register: registerCompletion },
];
