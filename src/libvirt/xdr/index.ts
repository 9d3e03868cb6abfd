// Why: one import path for the XDR layer (`import { xdr, type Codec } from '../xdr/index.js'`).
/** @public */
export {
  xdr,
  encode,
  decode,
  type Codec,
  type CodecType,
  type StructType,
  type UnionValue,
} from './codec.js';
/** @public */
export { XdrReader } from './xdr-reader.js';
/** @public */
export { XdrWriter, xdrPad } from './xdr-writer.js';
/** @public */
export {
  TypedParamType,
  typedParam,
  typedParamValue,
  typedParams,
  typedParamsToRecord,
  toTypedParams,
  nodeStatParam,
  type NodeStatParam,
  type TypedParam,
  type TypedParamKind,
  type TypedParamRecord,
  type TypedParamValue,
} from './typed-params.js';
