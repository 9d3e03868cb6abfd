// Why: storage volumes (create, clone/convert, find, delete, wipe, resize, inspect) and the two
// stream procedures that move their bytes, as data. Shapes checked against libvirt's
// src/remote/remote_protocol.x.
import { xdr } from '../xdr/index.js';
import { RemoteProc } from '../protocol/procedures.js';
import { nonnullStoragePool, nonnullStorageVol, nonnullString } from '../protocol/remote-types.js';
import { defineProcedure } from '../rpc/procedure-spec.js';

/** `{remote_nonnull_storage_vol vol}`. */
const volArgs = xdr.struct({ vol: nonnullStorageVol });
/** `{remote_nonnull_storage_vol vol; unsigned int flags}`. */
const volFlagsArgs = xdr.struct({ vol: nonnullStorageVol, flags: xdr.uint });
/** `{remote_nonnull_storage_vol vol}` as a reply. */
const volRet = xdr.struct({ vol: nonnullStorageVol });

/** REMOTE_PROC_STORAGE_VOL_CREATE_XML (93): {pool; str xml; u32 flags} -> {vol}. */
export const storageVolCreateXml = defineProcedure({
  name: 'STORAGE_VOL_CREATE_XML',
  procedure: RemoteProc.STORAGE_VOL_CREATE_XML,
  args: xdr.struct({ pool: nonnullStoragePool, xml: nonnullString, flags: xdr.uint }),
  ret: volRet,
});

/** REMOTE_PROC_STORAGE_VOL_CREATE_XML_FROM (125): {pool; str xml; vol clonevol; u32 flags} -> {vol}. */
export const storageVolCreateXmlFrom = defineProcedure({
  name: 'STORAGE_VOL_CREATE_XML_FROM',
  procedure: RemoteProc.STORAGE_VOL_CREATE_XML_FROM,
  args: xdr.struct({
    pool: nonnullStoragePool,
    xml: nonnullString,
    clonevol: nonnullStorageVol,
    flags: xdr.uint,
  }),
  ret: volRet,
});

/** REMOTE_PROC_STORAGE_VOL_LOOKUP_BY_NAME (95): {pool; str name} -> {vol}. */
export const storageVolLookupByName = defineProcedure({
  name: 'STORAGE_VOL_LOOKUP_BY_NAME',
  procedure: RemoteProc.STORAGE_VOL_LOOKUP_BY_NAME,
  args: xdr.struct({ pool: nonnullStoragePool, name: nonnullString }),
  ret: volRet,
  priority: true,
});

/** REMOTE_PROC_STORAGE_VOL_LOOKUP_BY_KEY (96): {str key} -> {vol}. */
export const storageVolLookupByKey = defineProcedure({
  name: 'STORAGE_VOL_LOOKUP_BY_KEY',
  procedure: RemoteProc.STORAGE_VOL_LOOKUP_BY_KEY,
  args: xdr.struct({ key: nonnullString }),
  ret: volRet,
  priority: true,
});

/** REMOTE_PROC_STORAGE_VOL_LOOKUP_BY_PATH (97): {str path} -> {vol}. */
export const storageVolLookupByPath = defineProcedure({
  name: 'STORAGE_VOL_LOOKUP_BY_PATH',
  procedure: RemoteProc.STORAGE_VOL_LOOKUP_BY_PATH,
  args: xdr.struct({ path: nonnullString }),
  ret: volRet,
  priority: true,
});

/** REMOTE_PROC_STORAGE_VOL_DELETE (94): {vol; u32 flags} -> void. */
export const storageVolDelete = defineProcedure({
  name: 'STORAGE_VOL_DELETE',
  procedure: RemoteProc.STORAGE_VOL_DELETE,
  args: volFlagsArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_STORAGE_VOL_WIPE (165): {vol; u32 flags} -> void (zero-fill). */
export const storageVolWipe = defineProcedure({
  name: 'STORAGE_VOL_WIPE',
  procedure: RemoteProc.STORAGE_VOL_WIPE,
  args: volFlagsArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_STORAGE_VOL_WIPE_PATTERN (259): {vol; u32 algorithm; u32 flags} -> void. */
export const storageVolWipePattern = defineProcedure({
  name: 'STORAGE_VOL_WIPE_PATTERN',
  procedure: RemoteProc.STORAGE_VOL_WIPE_PATTERN,
  args: xdr.struct({ vol: nonnullStorageVol, algorithm: xdr.uint, flags: xdr.uint }),
  ret: xdr.void,
});

/** REMOTE_PROC_STORAGE_VOL_RESIZE (260): {vol; u hyper capacity; u32 flags} -> void. */
export const storageVolResize = defineProcedure({
  name: 'STORAGE_VOL_RESIZE',
  procedure: RemoteProc.STORAGE_VOL_RESIZE,
  args: xdr.struct({ vol: nonnullStorageVol, capacity: xdr.uhyper, flags: xdr.uint }),
  ret: xdr.void,
});

/** REMOTE_PROC_STORAGE_VOL_GET_INFO (98): {vol} -> {char type; u hyper capacity; u hyper allocation}. */
export const storageVolGetInfo = defineProcedure({
  name: 'STORAGE_VOL_GET_INFO',
  procedure: RemoteProc.STORAGE_VOL_GET_INFO,
  args: volArgs,
  ret: xdr.struct({ type: xdr.char, capacity: xdr.uhyper, allocation: xdr.uhyper }),
  priority: true,
});

/** REMOTE_PROC_STORAGE_VOL_GET_XML_DESC (99): {vol; u32 flags} -> {xml}. */
export const storageVolGetXmlDesc = defineProcedure({
  name: 'STORAGE_VOL_GET_XML_DESC',
  procedure: RemoteProc.STORAGE_VOL_GET_XML_DESC,
  args: volFlagsArgs,
  ret: xdr.struct({ xml: nonnullString }),
  priority: true,
});

/** REMOTE_PROC_STORAGE_VOL_GET_PATH (100): {vol} -> {str name} (the path). */
export const storageVolGetPath = defineProcedure({
  name: 'STORAGE_VOL_GET_PATH',
  procedure: RemoteProc.STORAGE_VOL_GET_PATH,
  args: volArgs,
  ret: xdr.struct({ name: nonnullString }),
  priority: true,
});

/** `{vol; u hyper offset; u hyper length; u32 flags}` of upload and download (length 0 = to the end). */
const transferArgs = xdr.struct({
  vol: nonnullStorageVol,
  offset: xdr.uhyper,
  length: xdr.uhyper,
  flags: xdr.uint,
});

/** REMOTE_PROC_STORAGE_VOL_UPLOAD (208): {vol; u hyper offset, length; u32 flags} -> void + write stream. */
export const storageVolUpload = defineProcedure({
  name: 'STORAGE_VOL_UPLOAD',
  procedure: RemoteProc.STORAGE_VOL_UPLOAD,
  args: transferArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_STORAGE_VOL_DOWNLOAD (209): {vol; u hyper offset, length; u32 flags} -> void + read stream. */
export const storageVolDownload = defineProcedure({
  name: 'STORAGE_VOL_DOWNLOAD',
  procedure: RemoteProc.STORAGE_VOL_DOWNLOAD,
  args: transferArgs,
  ret: xdr.void,
});
