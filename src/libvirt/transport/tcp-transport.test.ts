import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { TcpTransport } from './tcp-transport.js';
import { LibvirtAbortError, LibvirtUnavailableError } from '../errors/index.js';

async function listen(): Promise<Server> {
  const srv = createServer((s) => s.pipe(s));
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  return srv;
}

describe('TcpTransport (loopback)', () => {
  it('connects and carries bytes', async () => {
    const srv = await listen();
    const { port } = srv.address() as AddressInfo;
    const t = new TcpTransport({ host: '127.0.0.1', port });
    assert.equal(t.description, `tcp:127.0.0.1:${port}`);
    const s = await t.open();
    const echoed = new Promise<string>((resolve) => {
      s.once('data', (d: Buffer) => {
        resolve(d.toString());
      });
    });
    s.write('hello');
    assert.equal(await echoed, 'hello');
    s.destroy();
    srv.close();
  });

  it('refused: LibvirtUnavailableError saying nothing listens, with the listen hint', async () => {
    const srv = await listen();
    const { port } = srv.address() as AddressInfo;
    await new Promise<void>((resolve) => {
      srv.close(() => {
        resolve();
      });
    });
    await assert.rejects(new TcpTransport({ host: '127.0.0.1', port }).open(), (err: unknown) => {
      assert.ok(err instanceof LibvirtUnavailableError, String(err));
      assert.equal(err.reason, 'refused');
      assert.match(
        err.message,
        new RegExp(`nothing listens at tcp:127\\.0\\.0\\.1:${port} \\(needs libvirtd --listen`),
      );
      return true;
    });
  });

  it('already-aborted signal: LibvirtAbortError', async () => {
    const srv = await listen();
    const { port } = srv.address() as AddressInfo;
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(new TcpTransport({ host: '127.0.0.1', port }).open(ac.signal), LibvirtAbortError);
    srv.close();
  });

  it('defaults: localhost:16509', () => {
    assert.equal(new TcpTransport().description, 'tcp:localhost:16509');
  });
});
