// Every CLI command module, in the order `hv --help` lists them. Add new commands here.
import type { CommandRegistrar } from '../command.js';
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

/** All command registrars. */
export const commandRegistrars: readonly CommandRegistrar[] = [
  registerVmList,
  registerVmInfo,
  registerConsole,
  registerVmCreate,
  registerVmClone,
  registerTemplate,
  registerLifecycle,
  registerManage,
  registerAutostartRun,
  registerShutdownAll,
  registerRecover,
  registerDoctor,
  registerConfig,
  registerImage,
  registerProfile,
  registerBackup,
  registerBackupPrune,
  registerSnapshot,
  registerCompletion,
];
