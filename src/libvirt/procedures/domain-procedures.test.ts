// Golden bytes for representative domain procedures, computed by hand from the XDR rules (RFC 4506):
// 4-byte big-endian ints, strings as length + bytes + zero pad to 4, optional as 0/1 + value,
// uchar/ushort as 4 bytes, hypers as 8 bytes, typed params as field + i32 kind + value.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decode, encode } from '../xdr/index.js';
import { domainLookupByName, domainCreateWithFlags } from './domain-lifecycle-procedures.js';
import { domainGetInfo, domainGetState } from './domain-info-procedures.js';
import { connectGetAllDomainStats } from './domain-stats-procedures.js';
import { connectDomainEventCallbackRegisterAny } from './event-procedures.js';
import { domainOpenConsole } from './domain-stream-procedures.js';
import { qemuDomainAgentCommand } from './domain-guest-procedures.js';
import { domainEventKinds } from './event-domain-messages.js';
import { RemoteProc, QemuProc } from '../protocol/procedures.js';
import { Program } from '../protocol/packet.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const UUID = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
/** remote_nonnull_domain {name 'vm'; uuid 00..0f; id 7}. */
const DOM_VM = '00000002 766d0000 000102030405060708090a0b0c0d0e0f 00000007';
const dom = { name: 'vm', uuid: UUID, id: 7 };

describe('domain procedure golden bytes', () => {
  it('DOMAIN_LOOKUP_BY_NAME (23) args {name: "web-1"}', () => {
    assert.equal(domainLookupByName.procedure, 23);
    assert.equal(domainLookupByName.program, Program.REMOTE);
    assert.deepEqual(encode(domainLookupByName.args, { name: 'web-1' }), hex('00000005 7765622d31 000000'));
  });

  it('DOMAIN_LOOKUP_BY_NAME ret decodes remote_nonnull_domain', () => {
    assert.deepEqual(decode(domainLookupByName.ret, hex(DOM_VM)), { dom });
  });

  it('DOMAIN_GET_STATE (212) args {dom; flags 0} and ret {state 3 (paused); reason 1}', () => {
    assert.equal(domainGetState.procedure, RemoteProc.DOMAIN_GET_STATE);
    assert.deepEqual(encode(domainGetState.args, { dom, flags: 0 }), hex(`${DOM_VM} 00000000`));
    assert.deepEqual(decode(domainGetState.ret, hex('00000003 00000001')), { state: 3, reason: 1 });
  });

  it('DOMAIN_GET_INFO (16) ret: uchar and ushort take 4 bytes each, hypers 8', () => {
    const body = hex(
      '00000001' + // uchar state = RUNNING
        '0000000000020000' + // maxMem 131072 KiB
        '0000000000010000' + // memory 65536 KiB
        '00000002' + // ushort nrVirtCpu = 2
        '00000002540be400', // cpuTime 10 000 000 000 ns
    );
    assert.deepEqual(decode(domainGetInfo.ret, body), {
      state: 1,
      maxMem: 131072n,
      memory: 65536n,
      nrVirtCpu: 2,
      cpuTime: 10_000_000_000n,
    });
  });

  it('DOMAIN_CREATE_WITH_FLAGS (196) args {dom; flags START_PAUSED}', () => {
    assert.deepEqual(encode(domainCreateWithFlags.args, { dom, flags: 1 }), hex(`${DOM_VM} 00000001`));
  });

  it('CONNECT_GET_ALL_DOMAIN_STATS (344) args and a ret with typed params', () => {
    assert.deepEqual(
      encode(connectGetAllDomainStats.args, { doms: [], stats: 1 | 2, flags: 0x20000000 }),
      hex('00000000 00000003 20000000'),
    );
    const ret = hex(
      '00000001' + // one record
        DOM_VM +
        '00000003' + // three params
        '0000000b 73746174652e7374617465 00' + // "state.state" (11 bytes + 1 pad)
        '00000001 00000001' + // INT 1
        '00000008 6370752e74696d65' + // "cpu.time"
        '00000004 000000003b9aca00' + // ULLONG 1e9
        '0000000f 62616c6c6f6f6e2e63757272656e74 00' + // "balloon.current" (15 + 1 pad)
        '00000004 0000000000020000', // ULLONG 131072
    );
    assert.deepEqual(decode(connectGetAllDomainStats.ret, ret), {
      retStats: [
        {
          dom,
          params: [
            { field: 'state.state', value: { type: 'int', value: 1 } },
            { field: 'cpu.time', value: { type: 'ullong', value: 1_000_000_000n } },
            { field: 'balloon.current', value: { type: 'ullong', value: 131072n } },
          ],
        },
      ],
    });
  });

  it('CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY (316) args: eventID, absent or present dom', () => {
    assert.deepEqual(
      encode(connectDomainEventCallbackRegisterAny.args, { eventID: 0, dom: null }),
      hex('00000000 00000000'),
    );
    assert.deepEqual(
      encode(connectDomainEventCallbackRegisterAny.args, { eventID: 18, dom }),
      hex(`00000012 00000001 ${DOM_VM}`),
    );
  });

  it('DOMAIN_EVENT_CALLBACK_LIFECYCLE (318) message decodes to callbackID and event', () => {
    const k = domainEventKinds.lifecycle;
    assert.equal(k.procedure, 318);
    assert.equal(k.eventId, 0);
    const msg = hex(`00000004 ${DOM_VM} 00000005 00000001`); // callback 4: STOPPED, DESTROYED
    assert.deepEqual(k.decode(msg), { callbackID: 4, event: { dom, event: 5, detail: 1 } });
  });

  it('DOMAIN_EVENT_CALLBACK_JOB_COMPLETED (363) message: typed params become a record', () => {
    const msg = hex(
      `00000002 ${DOM_VM} 00000001` +
        '0000000c 74696d655f656c6170736564' + // "time_elapsed" (12)
        '00000004 00000000000004d2', // ULLONG 1234
    );
    assert.deepEqual(domainEventKinds.jobCompleted.decode(msg), {
      callbackID: 2,
      event: { dom, params: { time_elapsed: 1234n } },
    });
  });

  it('DOMAIN_OPEN_CONSOLE (201) args {dom; dev_name absent; flags FORCE}', () => {
    assert.deepEqual(
      encode(domainOpenConsole.args, { dom, devName: null, flags: 1 }),
      hex(`${DOM_VM} 00000000 00000001`),
    );
    assert.deepEqual(
      encode(domainOpenConsole.args, { dom, devName: 'serial0', flags: 0 }),
      hex(`${DOM_VM} 00000001 00000007 73657269616c30 00 00000000`),
    );
  });

  it('QEMU DOMAIN_AGENT_COMMAND (program 0x20008087, proc 3) args and ret', () => {
    assert.equal(qemuDomainAgentCommand.program, 0x20008087);
    assert.equal(qemuDomainAgentCommand.procedure, QemuProc.DOMAIN_AGENT_COMMAND);
    const cmd = '{"execute":"guest-ping"}'; // 24 bytes, no pad
    assert.deepEqual(
      encode(qemuDomainAgentCommand.args, { dom, cmd, timeout: -2, flags: 0 }),
      Buffer.concat([hex(`${DOM_VM} 00000018`), Buffer.from(cmd), hex('fffffffe 00000000')]),
    );
    const ret = Buffer.concat([hex('00000001 0000000d'), Buffer.from('{"return":{}}'), hex('000000')]);
    assert.deepEqual(decode(qemuDomainAgentCommand.ret, ret), { result: '{"return":{}}' });
    assert.deepEqual(decode(qemuDomainAgentCommand.ret, hex('00000000')), { result: null });
  });
});
