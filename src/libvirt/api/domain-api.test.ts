// DomainApi over a scripted RpcCaller: every call is encoded with the real argument codec and every
// reply decoded with the real reply codec, so these tests check what goes on the wire and what the
// caller gets back, including the "nparams 0 first" pattern and the bulk-stats fallbacks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DomainApi } from './domain-api.js';
import type { RpcCaller } from './rpc-caller.js';
import type { ProcedureSpec } from '../rpc/procedure-spec.js';
import { decode, encode, XdrWriter } from '../xdr/index.js';
import { LibvirtError, ErrorNumber } from '../errors/index.js';
import { listDomainsWithStats } from '../convenience/list-domains-with-stats.js';

interface Sent {
  name: string;
  args: unknown;
}
type Reply = Buffer | LibvirtError;

/** Replies scripted per procedure name (consumed in order); records every call. */
class ScriptedCaller implements RpcCaller {
  readonly sent: Sent[] = [];
  readonly #replies = new Map<string, Reply[]>();
  readonly #responders = new Map<string, (args: unknown) => Reply | undefined>();
  reply(name: string, ...bodies: Reply[]): this {
    this.#replies.set(name, [...(this.#replies.get(name) ?? []), ...bodies]);
    return this;
  }
  /** Answer `name` by its (decoded) arguments instead of in order. */
  respond(name: string, fn: (args: unknown) => Reply | undefined): this {
    this.#responders.set(name, fn);
    return this;
  }
  call<A, R>(spec: ProcedureSpec<A, R>, args: A): Promise<R> {
    const decoded = decode(spec.args, encode(spec.args, args));
    this.sent.push({ name: spec.name, args: decoded });
    const body = this.#responders.get(spec.name)?.(decoded) ?? this.#replies.get(spec.name)?.shift();
    if (body === undefined) return Promise.reject(new Error(`unscripted ${spec.name}`));
    if (body instanceof LibvirtError) return Promise.reject(body);
    return Promise.resolve(decode(spec.ret, body));
  }
  openStream(): Promise<never> {
    return Promise.reject(new Error('not used'));
  }
  onMessage(): () => void {
    return () => undefined;
  }
}

const dom = { name: 'vm', uuid: Buffer.alloc(16, 1), id: 3 };
const inactive = { name: 'off', uuid: Buffer.alloc(16, 2), id: -1 };

function writeDom(w: XdrWriter, d: typeof dom): void {
  w.string(d.name);
  w.opaqueFixed(d.uuid, 16);
  w.int(d.id);
}

/** `{typed_param params<>; int nparams}` with ullong params. */
function paramsReply(params: [string, bigint][], nparams: number): Buffer {
  const w = new XdrWriter();
  w.uint(params.length);
  for (const [field, v] of params) {
    w.string(field);
    w.int(4);
    w.uhyper(v);
  }
  w.int(nparams);
  return w.toBuffer();
}

function statsReply(records: [typeof dom, [string, number | bigint][]][]): Buffer {
  const w = new XdrWriter();
  w.uint(records.length);
  for (const [d, params] of records) {
    writeDom(w, d);
    w.uint(params.length);
    for (const [field, v] of params) {
      w.string(field);
      if (typeof v === 'bigint') w.int(4).uhyper(v);
      else w.int(1).int(v);
    }
  }
  return w.toBuffer();
}

function domListReply(doms: (typeof dom)[]): Buffer {
  const w = new XdrWriter();
  w.uint(doms.length);
  for (const d of doms) writeDom(w, d);
  w.uint(doms.length);
  return w.toBuffer();
}

const noSupport = (): LibvirtError =>
  new LibvirtError({ code: ErrorNumber.VIR_ERR_NO_SUPPORT, message: 'unsupported flags' });

describe('DomainApi', () => {
  it('getMemoryParameters asks for the count with nparams 0, then for that many', async () => {
    const c = new ScriptedCaller().reply(
      'DOMAIN_GET_MEMORY_PARAMETERS',
      paramsReply([], 2),
      paramsReply(
        [
          ['hard_limit', 100n],
          ['soft_limit', 50n],
        ],
        2,
      ),
    );
    const params = await new DomainApi(c).getMemoryParameters(dom);
    assert.deepEqual(
      c.sent.map((s) => (s.args as { nparams: number }).nparams),
      [0, 2],
    );
    assert.deepEqual(params, [
      { field: 'hard_limit', value: { type: 'ullong', value: 100n } },
      { field: 'soft_limit', value: { type: 'ullong', value: 50n } },
    ]);
  });

  it('setMemoryParameters with a record sends each value with the daemon type', async () => {
    const c = new ScriptedCaller()
      .reply('DOMAIN_GET_MEMORY_PARAMETERS', paramsReply([], 1), paramsReply([['hard_limit', 1n]], 1))
      .reply('DOMAIN_SET_MEMORY_PARAMETERS', Buffer.alloc(0));
    await new DomainApi(c).setMemoryParameters(dom, { hard_limit: 1048576 }, 1);
    const set = c.sent.at(-1);
    assert.equal(set?.name, 'DOMAIN_SET_MEMORY_PARAMETERS');
    assert.deepEqual(set.args, {
      dom,
      params: [{ field: 'hard_limit', value: { type: 'ullong', value: 1048576n } }],
      flags: 1,
    });
    c.reply('DOMAIN_GET_MEMORY_PARAMETERS', paramsReply([], 1), paramsReply([['hard_limit', 1n]], 1));
    await assert.rejects(new DomainApi(c).setMemoryParameters(dom, { bogus: 1 }), /unknown parameter bogus/);
  });

  it('getAllDomainStats turns typed params into records', async () => {
    const c = new ScriptedCaller().reply(
      'CONNECT_GET_ALL_DOMAIN_STATS',
      statsReply([
        [
          dom,
          [
            ['state.state', 1],
            ['cpu.time', 5n],
          ],
        ],
      ]),
    );
    const [rec] = await new DomainApi(c).getAllDomainStats([], 3, 0x20000000);
    assert.deepEqual(rec, { dom, stats: { 'state.state': 1, 'cpu.time': 5n } });
    assert.deepEqual(c.sent[0]?.args, { doms: [], stats: 3, flags: 0x20000000 });
  });
});

describe('listDomainsWithStats', () => {
  it('makes two bulk stats calls (CPU for active domains only, NOWAIT) plus one autostart listing', async () => {
    const c = new ScriptedCaller()
      .respond('CONNECT_GET_ALL_DOMAIN_STATS', (a) =>
        (a as { stats: number }).stats === 2
          ? statsReply([[dom, [['cpu.time', 2_500_000_000n]]]])
          : statsReply([
              [
                dom,
                [
                  ['state.state', 1],
                  ['state.reason', 1],
                  ['balloon.current', 131072n],
                  ['balloon.maximum', 262144n],
                  ['vcpu.current', 2],
                  ['vcpu.maximum', 4],
                ],
              ],
              [
                inactive,
                [
                  ['state.state', 5],
                  ['balloon.current', 65536n],
                  ['balloon.maximum', 65536n],
                  ['vcpu.current', 1],
                ],
              ],
            ]),
      )
      .reply('CONNECT_LIST_ALL_DOMAINS', domListReply([inactive]));
    const rows = await listDomainsWithStats({ domains: new DomainApi(c) });
    assert.deepEqual(c.sent.map((s) => s.name).sort(), [
      'CONNECT_GET_ALL_DOMAIN_STATS',
      'CONNECT_GET_ALL_DOMAIN_STATS',
      'CONNECT_LIST_ALL_DOMAINS',
    ]);
    const stats = c.sent
      .filter((s) => s.name === 'CONNECT_GET_ALL_DOMAIN_STATS')
      .map((s) => s.args as { stats: number; flags: number })
      .map((a) => [a.stats, a.flags]);
    assert.deepEqual(stats, [
      [1 | 4 | 8, 0x20000000],
      [2, 0x20000000 | 1],
    ]);
    assert.deepEqual(rows[0], {
      name: 'vm',
      uuid: '01010101-0101-0101-0101-010101010101',
      id: 3,
      state: 1,
      reason: 1,
      vcpus: 2,
      maxVcpus: 4,
      memoryKiB: 131072,
      maxMemoryKiB: 262144,
      cpuTimeNs: 2_500_000_000n,
      autostart: false,
    });
    assert.equal(rows[1]!.autostart, true);
    assert.equal(rows[1]!.cpuTimeNs, 0n, 'an inactive domain used no CPU');
  });

  it('retries without NOWAIT, then with all groups, when the driver refuses', async () => {
    const c = new ScriptedCaller()
      .respond('CONNECT_GET_ALL_DOMAIN_STATS', (a) => {
        const { stats, flags } = a as { stats: number; flags: number };
        if (stats !== 0) return noSupport();
        return flags === 1
          ? statsReply([[dom, [['cpu.time', 7n]]]])
          : statsReply([
              [
                dom,
                [
                  ['state.state', 1],
                  ['balloon.maximum', 1024n],
                  ['vcpu.current', 1],
                ],
              ],
            ]);
      })
      .reply('CONNECT_LIST_ALL_DOMAINS', domListReply([]));
    const rows = await listDomainsWithStats({ domains: new DomainApi(c) });
    const tries = c.sent
      .filter((s) => s.name === 'CONNECT_GET_ALL_DOMAIN_STATS')
      .map((s) => s.args as { stats: number; flags: number })
      .map((t) => [t.stats, t.flags])
      .sort((x, y) => x[1]! - y[1]! || x[0]! - y[0]!);
    assert.deepEqual(tries, [
      [0, 0],
      [13, 0],
      [0, 1],
      [2, 1],
      [13, 0x20000000],
      [2, 0x20000001],
    ]);
    const [row] = rows;
    assert.ok(row);
    assert.equal(row.maxMemoryKiB, 1024);
    assert.equal(row.cpuTimeNs, 7n);
  });

  it('does not retry other errors', async () => {
    const denied = new LibvirtError({ code: ErrorNumber.VIR_ERR_ACCESS_DENIED, message: 'no' });
    const c = new ScriptedCaller()
      .reply('CONNECT_GET_ALL_DOMAIN_STATS', denied)
      .reply('CONNECT_LIST_ALL_DOMAINS', domListReply([]));
    await assert.rejects(listDomainsWithStats({ domains: new DomainApi(c) }), (e: unknown) => e === denied);
  });
});
