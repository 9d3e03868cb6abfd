import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import type { ParsedKey } from 'ssh2';
import { SshTransport, type SshTransportOptions } from './ssh-transport.js';
import { LibvirtAuthError, LibvirtUnavailableError } from '../errors/index.js';

// A real SSH server (ssh2's Server) on loopback plays the remote host: `echo` copies stdin to stdout,
// `fail` writes to stderr and exits 3, anything else exits 0 at once.
const { Server, utils } = ssh2;

function keyPair(): { priv: string; pub: ParsedKey } {
  const pair = utils.generateKeyPairSync('ed25519');
  const pub = utils.parseKey(pair.public);
  if (pub instanceof Error) throw pub;
  return { priv: pair.private, pub };
}

const host = keyPair();
const otherHost = keyPair();
const client = keyPair();
const stranger = keyPair();
let dir: string;
let server: InstanceType<typeof Server>;
let port: number;
const commands: string[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hv-ssh-unit-'));
  writeFileSync(join(dir, 'id_client'), client.priv, { mode: 0o600 });
  writeFileSync(join(dir, 'id_stranger'), stranger.priv, { mode: 0o600 });
  const enc = utils.generateKeyPairSync('ed25519', {
    passphrase: 'secret',
    cipher: 'aes256-cbc',
    rounds: 16,
  });
  writeFileSync(join(dir, 'id_encrypted'), enc.private, { mode: 0o600 });
  server = new Server({ hostKeys: [host.priv] }, (conn) => {
    conn.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey' || ctx.username !== 'root') {
        ctx.reject(['publickey']);
        return;
      }
      const ok =
        ctx.key.algo === client.pub.type &&
        ctx.key.data.equals(client.pub.getPublicSSH()) &&
        (ctx.signature === undefined || client.pub.verify(ctx.blob!, ctx.signature, ctx.hashAlgo));
      if (ok) ctx.accept();
      else ctx.reject(['publickey']);
    });
    conn.on('ready', () => {
      conn.on('session', (accept) => {
        accept().on('exec', (acceptExec, _reject, info) => {
          commands.push(info.command);
          const ch = acceptExec();
          if (info.command === 'echo') {
            ch.pipe(ch);
          } else if (info.command === 'fail') {
            ch.stderr.write('virt-ssh-helper: cannot connect to /run/libvirt/libvirt-sock\n');
            ch.exit(3);
            ch.end();
          } else {
            ch.exit(0);
            ch.end();
          }
        });
      });
    });
    conn.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

function knownHosts(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => `${l}\n`).join(''));
  return path;
}

const line = (k: ParsedKey, p = port): string =>
  `[127.0.0.1]:${p} ${k.type} ${k.getPublicSSH().toString('base64')}`;

function transport(over: Partial<SshTransportOptions>): SshTransport {
  return new SshTransport({
    host: '127.0.0.1',
    port,
    user: 'root',
    command: 'echo',
    knownHosts: knownHosts('kh-good', [line(host.pub)]),
    hostKeyPolicy: 'normal',
    keyfile: join(dir, 'id_client'),
    home: dir,
    agentSocket: undefined,
    ...over,
  });
}

async function roundTrip(stream: Duplex, text: string): Promise<string> {
  const got = new Promise<string>((resolve) => {
    stream.once('data', (d: Buffer) => {
      resolve(d.toString());
    });
  });
  stream.write(text);
  const out = await got;
  stream.destroy();
  return out;
}

describe('SshTransport against an in-process SSH server', () => {
  it('known host key + accepted key: the channel carries bytes both ways', async () => {
    const stream = await transport({}).open();
    assert.equal(await roundTrip(stream, 'ping'), 'ping');
    assert.equal(commands.at(-1), 'echo');
  });

  it('unknown host key is refused, naming the file and the fingerprint', async () => {
    const kh = knownHosts('kh-empty', []);
    await assert.rejects(transport({ knownHosts: kh }).open(), (err: unknown) => {
      assert.ok(err instanceof LibvirtAuthError, String(err));
      assert.match(err.message, /ssh-ed25519 key SHA256:\S+ of \[127\.0\.0\.1\]:\d+ is not in .*kh-empty/);
      return true;
    });
  });

  it('a changed host key is refused as such', async () => {
    const kh = knownHosts('kh-other', [line(otherHost.pub)]);
    await assert.rejects(transport({ knownHosts: kh }).open(), (err: unknown) => {
      assert.ok(err instanceof LibvirtAuthError, String(err));
      assert.match(err.message, /HOST KEY CHANGED: .* line 1 lists another key/);
      return true;
    });
  });

  it('a key known for another port does not count', async () => {
    const kh = knownHosts('kh-port', [line(host.pub, port + 1)]);
    await assert.rejects(transport({ knownHosts: kh }).open(), /is not in/);
  });

  it('policy auto records an unknown key, after which policy normal accepts it', async () => {
    const kh = knownHosts('kh-auto', []);
    (await transport({ knownHosts: kh, hostKeyPolicy: 'auto' }).open()).destroy();
    assert.match(readFileSync(kh, 'utf8'), new RegExp(`^\\[127\\.0\\.0\\.1\\]:${port} ssh-ed25519 `));
    const stream = await transport({ knownHosts: kh }).open();
    assert.equal(await roundTrip(stream, 'again'), 'again');
  });

  it('policy auto still refuses a changed key', async () => {
    const kh = knownHosts('kh-auto-changed', [line(otherHost.pub)]);
    await assert.rejects(transport({ knownHosts: kh, hostKeyPolicy: 'auto' }).open(), /HOST KEY CHANGED/);
  });

  it('policy ignore (no_verify=1) connects without any known_hosts', async () => {
    const stream = await transport({ knownHosts: join(dir, 'missing'), hostKeyPolicy: 'ignore' }).open();
    assert.equal(await roundTrip(stream, 'x'), 'x');
  });

  it('a key the server does not accept: auth error naming the key tried', async () => {
    await assert.rejects(transport({ keyfile: join(dir, 'id_stranger') }).open(), (err: unknown) => {
      assert.ok(err instanceof LibvirtAuthError, String(err));
      assert.match(err.message, /refused authentication \(tried key .*id_stranger\)/);
      return true;
    });
  });

  it('default keys: ~/.ssh/id_ed25519 is used when no keyfile is given', async () => {
    const home = join(dir, 'home');
    mkdirSync(join(home, '.ssh'), { recursive: true });
    writeFileSync(join(home, '.ssh', 'id_ed25519'), client.priv, { mode: 0o600 });
    const stream = await transport({ keyfile: undefined, home }).open();
    assert.equal(await roundTrip(stream, 'dflt'), 'dflt');
  });

  it('no key and no agent: refused before connecting, saying so', async () => {
    await assert.rejects(transport({ keyfile: undefined, home: join(dir, 'nohome') }).open(), /no ssh-agent/);
  });

  it('a missing keyfile is named', async () => {
    await assert.rejects(
      transport({ keyfile: join(dir, 'nope') }).open(),
      /ssh keyfile .*nope cannot be read \(ENOENT\)/,
    );
  });

  it('an encrypted keyfile is refused with a hint to use the agent', async () => {
    await assert.rejects(transport({ keyfile: join(dir, 'id_encrypted') }).open(), /encrypted.*ssh-agent/);
  });

  it("a failing remote proxy surfaces its stderr and exit status as the stream's error", async () => {
    const stream = await transport({ command: 'fail' }).open();
    const err = await new Promise<Error>((resolve) => stream.once('error', resolve));
    assert.ok(err instanceof LibvirtUnavailableError, String(err));
    assert.match(err.message, /ended \(exit status 3\): virt-ssh-helper: cannot connect/);
  });

  it('a proxy that exits cleanly just ends the stream', async () => {
    const stream = await transport({ command: 'true' }).open();
    stream.resume();
    await new Promise<void>((resolve, reject) => {
      stream.once('end', resolve);
      stream.once('error', reject);
    });
  });

  it('nothing listening: unavailable, not-running', async () => {
    const t = transport({ port: 1 });
    await assert.rejects(
      t.open(),
      (err: unknown) => err instanceof LibvirtUnavailableError && /nothing listens/.test(err.message),
    );
  });

  it('an aborted signal rejects without connecting', async () => {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(transport({}).open(ac.signal), /aborted/);
  });
});
