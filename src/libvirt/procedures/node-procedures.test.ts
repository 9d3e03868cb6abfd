// Golden bytes for the host procedures, computed by hand from the XDR rules (RFC 4506). The point of
// NODE_GET_INFO: `char model[32]` is a fixed vector of 32 XDR chars, each a 4-byte int (128 bytes).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decode, encode } from '../xdr/index.js';
import { RemoteProc } from '../protocol/procedures.js';
import {
  connectGetSysinfo,
  nodeGetCellsFreeMemory,
  nodeGetCpuStats,
  nodeGetInfo,
  nodeGetMemoryStats,
  nodeGetSecurityModel,
} from './node-procedures.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** `x86_64` as char[32]: one 4-byte int per char, then 26 zero chars. */
const MODEL_X86_64 = '00000078 00000038 00000036 0000005f 00000036 00000034' + ' 00000000'.repeat(26);

describe('node procedure golden bytes', () => {
  it('NODE_GET_INFO (6) ret: model is 128 bytes, then memory (hyper) and six ints', () => {
    assert.equal(nodeGetInfo.procedure, 6);
    assert.equal(nodeGetInfo.procedure, RemoteProc.NODE_GET_INFO);
    const body = hex(
      MODEL_X86_64 +
        '0000000001800000' + // memory 25165824 KiB (24 GiB)
        '00000002' + // cpus
        '0000098d' + // mhz 2445
        '00000001' + // nodes
        '00000001' + // sockets
        '00000002' + // cores
        '00000001', // threads
    );
    assert.equal(body.length, 128 + 8 + 6 * 4);
    assert.deepEqual(decode(nodeGetInfo.ret, body), {
      model: 'x86_64',
      memory: 25165824n,
      cpus: 2,
      mhz: 2445,
      nodes: 1,
      sockets: 1,
      cores: 2,
      threads: 1,
    });
    // Round trip: the encoder pads the model with NUL chars to exactly 32 ints.
    assert.deepEqual(encode(nodeGetInfo.ret, decode(nodeGetInfo.ret, body)), body);
  });

  it('NODE_GET_INFO ret read as if model were 32 bytes fails (trailing/truncated data)', () => {
    const wrong = hex('7838365f36340000' + '0'.repeat(48) + '0000000001800000' + '00000002'.repeat(6));
    assert.throws(() => decode(nodeGetInfo.ret, wrong));
  });

  it('NODE_GET_MEMORY_STATS (228) args {nparams 0; cellNum -1; flags 0} and a two-param ret', () => {
    assert.equal(nodeGetMemoryStats.procedure, 228);
    assert.deepEqual(
      encode(nodeGetMemoryStats.args, { nparams: 0, cellNum: -1, flags: 0 }),
      hex('00000000 ffffffff 00000000'),
    );
    const ret = hex(
      '00000002' + // two params
        '00000005 746f74616c 000000 0000000001800000' + // total 25165824
        '00000004 66726565 0000000000c00000' + // free 12582912
        '00000002', // nparams
    );
    assert.deepEqual(decode(nodeGetMemoryStats.ret, ret), {
      params: [
        { field: 'total', value: 25165824n },
        { field: 'free', value: 12582912n },
      ],
      nparams: 2,
    });
  });

  it('NODE_GET_CPU_STATS (227) args order is {cpuNum; nparams; flags}', () => {
    assert.equal(nodeGetCpuStats.procedure, 227);
    assert.deepEqual(
      encode(nodeGetCpuStats.args, { cpuNum: -1, nparams: 4, flags: 0 }),
      hex('ffffffff 00000004 00000000'),
    );
  });

  it('NODE_GET_CELLS_FREE_MEMORY (101) args and a one-cell ret', () => {
    assert.deepEqual(
      encode(nodeGetCellsFreeMemory.args, { startCell: 0, maxcells: 1 }),
      hex('00000000 00000001'),
    );
    assert.deepEqual(decode(nodeGetCellsFreeMemory.ret, hex('00000001 0000000300000000')), {
      cells: [12884901888n],
    });
  });

  it('NODE_GET_SECURITY_MODEL (122) ret: counted char arrays with the C NUL inside', () => {
    const ret = hex(
      '00000005 0000006e 0000006f 0000006e 00000065 00000000' + // "none\0"
        '00000002 00000030 00000000', // "0\0"
    );
    assert.deepEqual(decode(nodeGetSecurityModel.ret, ret), { model: 'none', doi: '0' });
    assert.deepEqual(encode(nodeGetSecurityModel.ret, { model: 'none', doi: '0' }), ret);
  });

  it('CONNECT_GET_SYSINFO (203) args {flags 0}', () => {
    assert.equal(connectGetSysinfo.procedure, 203);
    assert.deepEqual(encode(connectGetSysinfo.args, { flags: 0 }), hex('00000000'));
  });
});
