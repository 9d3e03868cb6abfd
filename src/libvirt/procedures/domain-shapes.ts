// Why: most domain procedures share a handful of argument and reply shapes ({dom}, {dom; flags},
// {dom} replies, a non-null string). Declaring them once keeps every procedure file a list of data.
import { xdr } from '../xdr/index.js';
import { nonnullDomain, remoteString, REMOTE_STRING_MAX } from '../protocol/remote-types.js';

/** remote_nonnull_string. */
export const nonnullString = xdr.string(REMOTE_STRING_MAX);
/** remote_string (optional). */
export const optionalString = remoteString;
/** remote_nonnull_domain. */
export const domainRef = nonnullDomain;

/** `{remote_nonnull_domain dom}`. */
export const domArgs = xdr.struct({ dom: nonnullDomain });
/** `{remote_nonnull_domain dom; unsigned int flags}`. */
export const domFlagsArgs = xdr.struct({ dom: nonnullDomain, flags: xdr.uint });
/** `{remote_nonnull_domain dom}` as a reply. */
export const domRet = xdr.struct({ dom: nonnullDomain });
/** `{remote_nonnull_string xml}` reply. */
export const xmlRet = xdr.struct({ xml: nonnullString });
/** `{remote_nonnull_domain dom; remote_nonnull_string xml; unsigned int flags}` (device calls). */
export const domXmlFlagsArgs = xdr.struct({ dom: nonnullDomain, xml: nonnullString, flags: xdr.uint });
