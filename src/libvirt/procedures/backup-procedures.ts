// Why: starting a push or pull backup job and reading its description back, as data. The job itself
// is then watched with DOMAIN_GET_JOB_STATS / DOMAIN_ABORT_JOB (domain-stats-procedures.ts). Shapes
// checked against libvirt's src/remote/remote_protocol.x.
import { xdr } from '../xdr/index.js';
import { RemoteProc } from '../protocol/procedures.js';
import { nonnullDomain, nonnullString, remoteString } from '../protocol/remote-types.js';
import { defineProcedure } from '../rpc/procedure-spec.js';

/** REMOTE_PROC_DOMAIN_BACKUP_BEGIN (421): {dom; str backup_xml; str? checkpoint_xml; u32 flags} -> void. */
export const domainBackupBegin = defineProcedure({
  name: 'DOMAIN_BACKUP_BEGIN',
  procedure: RemoteProc.DOMAIN_BACKUP_BEGIN,
  args: xdr.struct({
    dom: nonnullDomain,
    backupXml: nonnullString,
    checkpointXml: remoteString,
    flags: xdr.uint,
  }),
  ret: xdr.void,
});

/** REMOTE_PROC_DOMAIN_BACKUP_GET_XML_DESC (422): {dom; u32 flags} -> {xml}. */
export const domainBackupGetXmlDesc = defineProcedure({
  name: 'DOMAIN_BACKUP_GET_XML_DESC',
  procedure: RemoteProc.DOMAIN_BACKUP_GET_XML_DESC,
  args: xdr.struct({ dom: nonnullDomain, flags: xdr.uint }),
  ret: xdr.struct({ xml: nonnullString }),
  priority: true,
});
