// A creation in progress leaves a journal file in state_dir/creating/<vm>.json naming the process and
// every volume and domain it made so far. A normal failure reverts and removes the journal; when the
// process is killed (kill -9, power loss) the journal stays, and `hv gc` (or the next create) undoes
// what it lists once its process is gone.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What one interrupted create may have left. */
export interface CreateJournalData {
  readonly vm: string;
  readonly pid: number;
  readonly startedAt: string;
  /** libvirt pool the volumes are in. */
  readonly pool: string;
  /** Volume names created so far. */
  readonly volumes: string[];
  /** Files outside libvirt created so far (generated cloud-init documents). */
  readonly files: string[];
  /** The domain was defined. */
  domainDefined: boolean;
}

/** Directory of the journals. */
function journalDir(stateDir: string): string {
  return join(stateDir, 'creating');
}

/** A journal kept up to date on disk after every recorded step. */
export class CreateJournal {
  readonly path: string;
  readonly data: CreateJournalData;

  private constructor(path: string, data: CreateJournalData) {
    this.path = path;
    this.data = data;
  }

  /** Start a journal for `vm` (replacing none: the caller checked for leftovers first). */
  static async open(stateDir: string, vm: string, pool: string): Promise<CreateJournal> {
    await mkdir(journalDir(stateDir), { recursive: true, mode: 0o700 });
    const j = new CreateJournal(join(journalDir(stateDir), `${vm}.json`), {
      vm,
      pid: process.pid,
      startedAt: new Date().toISOString(),
      pool,
      volumes: [],
      files: [],
      domainDefined: false,
    });
    await j.#save();
    return j;
  }

  /** Record a volume about to be created (recorded first, so a kill right after still finds it). */
  async volume(name: string): Promise<void> {
    this.data.volumes.push(name);
    await this.#save();
  }

  async file(path: string): Promise<void> {
    this.data.files.push(path);
    await this.#save();
  }

  async domain(): Promise<void> {
    this.data.domainDefined = true;
    await this.#save();
  }

  /** The create finished (or was fully reverted): drop the journal. */
  async close(): Promise<void> {
    await rm(this.path, { force: true });
  }

  async #save(): Promise<void> {
    const tmp = `${this.path}.tmp`;
    await writeFile(tmp, `${JSON.stringify(this.data, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, this.path);
  }
}

/** Every journal in state_dir with its path (unreadable files are reported with data undefined). */
export async function readJournals(
  stateDir: string,
): Promise<{ path: string; data: CreateJournalData | undefined }[]> {
  const dir = journalDir(stateDir);
  const names = await readdir(dir).catch(() => [] as string[]);
  const out: { path: string; data: CreateJournalData | undefined }[] = [];
  for (const n of names.filter((x) => x.endsWith('.json')).sort()) {
    const path = join(dir, n);
    const data = await readFile(path, 'utf8')
      .then((t) => JSON.parse(t) as CreateJournalData)
      .catch(() => undefined);
    out.push({ path, data });
  }
  return out;
}

/** True while process `pid` exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}
