// The create wizard as a user meets it: the real `hv vm create` under a pseudo-terminal (`script`),
// answering questions (a bad answer re-asked with its rule), killed midway, run again and resumed from
// the saved state (0600), then creating the VM on qemu:///system; the state file is gone afterwards.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HV_BIN } from '../helpers/spawn-hv.js';
import { vmCreateEnv, type VmCreateEnv } from '../helpers/vm-create-env.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;
const NO_SCRIPT = !existsSync('/usr/bin/script') ? 'needs script(1) for a pseudo-terminal' : false;
const name = `hvt-wiz-${Math.random().toString(36).slice(2, 7)}`;
let env: VmCreateEnv;

/** `hv vm create` on a pseudo-terminal, driven expect-style. */
class PtyHv {
  readonly child: ChildProcess;
  #out = '';
  #mark = 0;
  readonly exited: Promise<number | null>;

  constructor() {
    this.child = spawn('script', ['-qfec', `${process.execPath} ${HV_BIN} vm create`, '/dev/null'], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: env.dir,
        NO_COLOR: '1',
        TERM: 'dumb',
        HV_CONFIG: env.configPath,
      },
      cwd: env.dir,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const collect = (b: Buffer): void => {
      this.#out += b.toString('utf8');
    };
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code) => {
        resolve(code);
      });
    });
  }

  /** Wait until the output after the last match matches `re`; returns the text up to the match. */
  async expect(re: RegExp, timeoutMs = 30_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const rest = this.#out.slice(this.#mark);
      const m = re.exec(rest);
      if (m !== null) {
        this.#mark += m.index + m[0].length;
        return rest.slice(0, m.index + m[0].length);
      }
      if (Date.now() > end) assert.fail(`timed out waiting for ${re}; output so far:\n${this.#out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Answer the prompt `re` (once it is shown) with `text` and Enter. */
  async answer(re: RegExp, text: string): Promise<string> {
    const seen = await this.expect(re);
    this.child.stdin?.write(`${text}\r`);
    return seen;
  }

  kill(): void {
    if (this.child.pid !== undefined) process.kill(-this.child.pid, 'SIGKILL');
  }
}

before(async () => {
  if (NOT_ROOT || NO_SCRIPT) return;
  env = await vmCreateEnv('wiz');
});
after(async () => {
  if (NOT_ROOT || NO_SCRIPT) return;
  await env.dispose([name]);
});

describe(
  'hv vm create wizard (e2e, pseudo-terminal, qemu:///system)',
  { skip: NOT_ROOT || NO_SCRIPT },
  () => {
    it('asks, re-asks a bad answer with its rule, survives kill -9, resumes and creates the VM', async () => {
      const stateFile = join(env.config.state_dir, 'wizard', 'create-vm.json');
      const first = new PtyHv();
      await first.answer(/VM name \[vm-1\]: /, name);
      await first.answer(/Owner \(person or team\) \[\]: /, 'ops-team');
      await first.answer(/vCPUs \[\d+\]: /, '999');
      await first.expect(/! must be at most \d+ \(the host's cores\)/);
      await first.answer(/vCPUs \[\d+\]: /, '1');
      await first.answer(/Memory \[\d+[MG]\]: /, '128M');
      await first.expect(/Disk size \[20G\]: /);
      // The state is written after every answer: kill the wizard here, as a lost terminal would.
      first.kill();
      await first.exited;
      assert.equal(statSync(stateFile).mode & 0o777, 0o600);
      const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as { answers: Record<string, string> };
      assert.deepEqual(saved.answers, { name, owner: 'ops-team', cpus: '1', memory: '128M' });

      const second = new PtyHv();
      await second.expect(new RegExp(`An unfinished wizard was found \\(4 answers, VM ${name}\\)`));
      await second.answer(/Resume it\? \[Y\/n\]/, 'y');
      await second.answer(/\[5\/\d+\] Disk size[^\n]*\n[^\n]*Disk size \[20G\]: /, '64M');
      await second.answer(/Architecture \[x86_64\]: /, '');
      await second.answer(/Network \[[^\]]*\]: /, 'nosuchnet');
      await second.expect(/! is not a libvirt network here/);
      await second.answer(/Network \[[^\]]*\]: /, 'user');
      await second.answer(/Install from \[none\]: /, 'none');
      await second.answer(/Advanced settings[^[]*\[n\]: /, 'y');
      await second.answer(/Firmware \[bios\]: /, '');
      await second.answer(/Display \[none\]: /, 'none');
      await second.answer(/huge pages\? \[[yn]\]: /, 'n');
      await second.answer(/Start with the host\? \[n\]: /, 'y');
      await second.answer(/Autostart group \[\]: /, 'apps');
      await second.answer(/Autostart priority \[50\]: /, '101');
      await second.expect(/! must be at most 100/);
      await second.answer(/Autostart priority \[50\]: /, '10');
      await second.answer(/Start the VM once it is created\? \[n\]: /, 'n');
      const review = await second.answer(/> $/m, 'c');
      assert.match(review, new RegExp(`^name: ${name}\\r?$`, 'm'));
      assert.match(review, /^memory: 128M\r?$/m);
      assert.match(review, /^owner: ops-team\r?$/m);
      assert.match(review, /^autostart_group: apps\r?$/m);
      await second.expect(new RegExp(`created VM ${name} \\(`));
      assert.equal(await second.exited, 0);
      assert.equal(existsSync(stateFile), false, 'the state file is removed after create');

      const dom = await env.client.domains.lookupByName(name);
      const xml = await env.client.domains.getXmlDesc(dom, 2);
      assert.match(xml, /<memory unit='KiB'>131072<\/memory>/);
      assert.match(xml, /<hv:owner>ops-team<\/hv:owner>/);
      assert.match(xml, /<hv:autostart enabled="yes" group="apps" priority="10"\/>/);
      assert.equal(await env.client.domains.getAutostart(dom), true);
    });
  },
);
