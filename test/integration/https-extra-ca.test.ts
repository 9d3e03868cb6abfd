// Image downloads trust the extra CAs bin/hv hands over in HV_EXTRA_CA_CERTS (Node itself starts
// without NODE_EXTRA_CA_CERTS): a real HTTPS server on 127.0.0.1 with a certificate from a CA made
// here is refused without it and answers with it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueCert, makeCa } from '../helpers/tls-libvirtd.js';
import { openResponse } from '../../src/core/image/download/open-response.js';

describe('HTTPS downloads with HV_EXTRA_CA_CERTS', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hvtest-httpsca-'));
  const ca = makeCa(dir, 'hvtest-ca');
  const server = issueCert(ca, dir, 'srv', { role: 'server', cn: '127.0.0.1', ips: ['127.0.0.1'] });
  let srv: Server;
  let url: URL;
  const saved = { hv: process.env.HV_EXTRA_CA_CERTS, node: process.env.NODE_EXTRA_CA_CERTS };

  before(async () => {
    srv = createServer({ cert: readFileSync(server.cert), key: readFileSync(server.key) }, (_req, res) => {
      res.end('hello over tls\n');
    });
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    url = new URL(`https://127.0.0.1:${(srv.address() as AddressInfo).port}/file`);
    // As under bin/hv: Node started without NODE_EXTRA_CA_CERTS (the CA made here was never in it).
    delete process.env.NODE_EXTRA_CA_CERTS;
  });
  after(async () => {
    if (saved.hv === undefined) delete process.env.HV_EXTRA_CA_CERTS;
    else process.env.HV_EXTRA_CA_CERTS = saved.hv;
    if (saved.node !== undefined) process.env.NODE_EXTRA_CA_CERTS = saved.node;
    await new Promise<void>((resolve) =>
      srv.close(() => {
        resolve();
      }),
    );
    rmSync(dir, { recursive: true, force: true });
  });

  const opts = { connectTimeoutMs: 5000, stallTimeoutMs: 5000 };

  it('is refused without the CA', async () => {
    delete process.env.HV_EXTRA_CA_CERTS;
    await assert.rejects(openResponse(url, opts), (err: Error) => {
      assert.match(err.message, /127\.0\.0\.1:\d+: (SELF_SIGNED|UNABLE_TO_VERIFY|.*certificate)/i);
      return true;
    });
  });

  it('answers with HV_EXTRA_CA_CERTS naming the CA', async () => {
    process.env.HV_EXTRA_CA_CERTS = ca.cert;
    const res = await openResponse(url, opts);
    assert.equal(res.status, 200);
    let body = '';
    for await (const chunk of res.body) body += (chunk as Buffer).toString();
    assert.equal(body, 'hello over tls\n');
  });
});
