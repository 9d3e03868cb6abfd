// The API classes' own logic, over a recording RpcCaller (the daemon's part is covered by the golden
// bytes and the integration tests): the count-first node stats, NETWORK_UPDATE's argument order per
// daemon feature, lease conversion, upload byte counting and length limit, backup job polling.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Duplex, Readable } from 'node:stream';
import type { RpcCaller, StreamResult } from './rpc-caller.js';
import type { ProcedureSpec } from '../rpc/procedure-spec.js';
import { NodeApi } from './node-api.js';
import { NetworkApi } from './network-api.js';
import { StorageApi } from './storage-api.js';
import { BackupApi } from './backup-api.js';

type Handler = (args: unknown) => unknown;

/** An RpcCaller answering from a table by procedure name and recording every call. */
class RecordingCaller implements RpcCaller {
  readonly calls: { name: string; args: unknown }[] = [];
  readonly written: Buffer[] = [];
  readonly #handlers: Record<string, Handler>;
  constructor(handlers: Record<string, Handler>) {
    this.#handlers = handlers;
  }

  call<A, R>(spec: ProcedureSpec<A, R>, args: A): Promise<R> {
    this.calls.push({ name: spec.name, args });
    const h = this.#handlers[spec.name];
    if (h === undefined) return Promise.reject(new Error(`unexpected call ${spec.name}`));
    return Promise.resolve(h(args) as R);
  }

  openStream<A, R>(spec: ProcedureSpec<A, R>, args: A): Promise<StreamResult<R>> {
    this.calls.push({ name: spec.name, args });
    const written = this.written;
    const stream = new Duplex({
      read() {
        this.push(null);
      },
      write(chunk: Buffer, _enc, cb) {
        written.push(chunk);
        cb();
      },
    });
    return Promise.resolve({ ret: undefined as R, stream });
  }

  onMessage(): () => void {
    return () => undefined;
  }
}

const net = { name: 'n', uuid: Buffer.alloc(16) };
const vol = { pool: 'p', name: 'v', key: '/p/v' };
const dom = { name: 'd', uuid: Buffer.alloc(16), id: 1 };

describe('NodeApi', () => {
  it('getCpuStats asks with nparams 0, then with the count the daemon reported', async () => {
    const caller = new RecordingCaller({
      NODE_GET_CPU_STATS: (a) => {
        const { nparams } = a as { nparams: number };
        return nparams === 0
          ? { params: [], nparams: 2 }
          : {
              params: [
                { field: 'user', value: 5n },
                { field: 'idle', value: 9n },
              ],
              nparams: 2,
            };
      },
    });
    assert.deepEqual(await new NodeApi(caller).getCpuStats(), { user: 5n, idle: 9n });
    assert.deepEqual(
      caller.calls.map((c) => c.args),
      [
        { cpuNum: -1, nparams: 0, flags: 0 },
        { cpuNum: -1, nparams: 2, flags: 0 },
      ],
    );
  });
});

describe('NetworkApi', () => {
  const updateArgs = (c: RecordingCaller) =>
    c.calls
      .filter((x) => x.name === 'NETWORK_UPDATE')
      .map((x) => x.args as { command: number; section: number });

  it('update sends command then section when the daemon has the corrected order, and asks only once', async () => {
    const caller = new RecordingCaller({
      CONNECT_SUPPORTS_FEATURE: () => ({ supported: 1 }),
      NETWORK_UPDATE: () => undefined,
    });
    const api = new NetworkApi(caller);
    await api.update(net, 3, 4, '<host/>');
    await api.update(net, 2, 4, '<host/>', { flags: 3 });
    assert.deepEqual(
      updateArgs(caller).map((a) => [a.command, a.section]),
      [
        [3, 4],
        [2, 4],
      ],
    );
    assert.equal(caller.calls.filter((c) => c.name === 'CONNECT_SUPPORTS_FEATURE').length, 1);
    assert.deepEqual(caller.calls[0]?.args, { feature: 16 });
  });

  it('update swaps command and section for a daemon without the fix', async () => {
    const caller = new RecordingCaller({
      CONNECT_SUPPORTS_FEATURE: () => ({ supported: 0 }),
      NETWORK_UPDATE: () => undefined,
    });
    await new NetworkApi(caller).update(net, 3, 4, '<host/>');
    assert.deepEqual(
      updateArgs(caller).map((a) => [a.command, a.section]),
      [[4, 3]],
    );
  });

  it('getDhcpLeases turns absent strings into undefined and passes the mac filter', async () => {
    const lease = {
      iface: 'br',
      expirytime: 1n,
      type: 0,
      mac: 'm',
      iaid: null,
      ipaddr: '10.0.0.2',
      prefix: 24,
      hostname: null,
      clientid: 'c',
    };
    const caller = new RecordingCaller({ NETWORK_GET_DHCP_LEASES: () => ({ leases: [lease], ret: 1 }) });
    const leases = await new NetworkApi(caller).getDhcpLeases(net, 'm');
    assert.deepEqual(leases, [
      {
        iface: 'br',
        expiryTime: 1n,
        type: 0,
        mac: 'm',
        iaid: undefined,
        ipaddr: '10.0.0.2',
        prefix: 24,
        hostname: undefined,
        clientid: 'c',
      },
    ]);
    assert.deepEqual(caller.calls[0]?.args, { net, mac: 'm', needResults: 1, flags: 0 });
  });
});

describe('StorageApi streams', () => {
  it('uploadVolume sends every chunk, counts bytes and passes offset/length as bigint', async () => {
    const caller = new RecordingCaller({});
    const sent = await new StorageApi(caller).uploadVolume(
      vol,
      Readable.from([Buffer.from('abc'), Buffer.from('defg')]),
      {
        offset: 512,
        length: 7,
      },
    );
    assert.equal(sent, 7n);
    assert.equal(Buffer.concat(caller.written).toString(), 'abcdefg');
    assert.deepEqual(caller.calls[0], {
      name: 'STORAGE_VOL_UPLOAD',
      args: { vol, offset: 512n, length: 7n, flags: 0 },
    });
  });

  it('uploadVolume accepts a Buffer and rejects a source longer than length', async () => {
    const api = new StorageApi(new RecordingCaller({}));
    assert.equal(await api.uploadVolume(vol, Buffer.alloc(10)), 10n);
    await assert.rejects(api.uploadVolume(vol, Buffer.alloc(10), { length: 4 }), RangeError);
  });
});

describe('BackupApi.waitForCompletion', () => {
  it('polls the current job until none runs, then returns the completed stats', async () => {
    let polls = 0;
    const caller = new RecordingCaller({
      DOMAIN_GET_JOB_STATS: (a) => {
        const { flags } = a as { flags: number };
        if (flags === 1)
          return { type: 3, params: [{ field: 'operation', value: { type: 'int', value: 9 } }] };
        polls += 1;
        return { type: polls < 3 ? 2 : 0, params: [] };
      },
    });
    const done = await new BackupApi(caller).waitForCompletion(dom, { intervalMs: 1 });
    assert.deepEqual(done, { type: 3, stats: { operation: 9 } });
    assert.equal(polls, 3);
  });

  it('gives up with a timeout error when the job never ends', async () => {
    const caller = new RecordingCaller({ DOMAIN_GET_JOB_STATS: () => ({ type: 2, params: [] }) });
    await assert.rejects(new BackupApi(caller).waitForCompletion(dom, { intervalMs: 1, timeoutMs: 20 }), {
      name: 'LibvirtTimeoutError',
    });
  });
});
