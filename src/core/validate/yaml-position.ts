// Why: configuration and profile errors both point at the line and column of the offending key in
// the user's YAML/JSON text, and both read the value at a path of the parsed data. One walk each.
import { isMap, isNode, isScalar, isSeq, type Document, type LineCounter } from 'yaml';

/** A path into parsed YAML/JSON data: keys and list indexes. */
export type DataPath = readonly (string | number)[];

/** The value at `path` inside `data`, or undefined. */
export function valueAtPath(data: unknown, path: DataPath): unknown {
  let cur = data;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

/**
 * Where a key (`keyOnly`) or its value sits in the text, 1-based; undefined when the path is not in
 * the document (a missing key).
 */
export function yamlPosition(
  doc: Document,
  lines: LineCounter,
  path: DataPath,
  keyOnly: boolean,
): { line: number; column: number } | undefined {
  let node: unknown = doc.contents;
  let found: unknown = node;
  for (const [i, part] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === part);
      if (pair === undefined) return undefined;
      found = (i === path.length - 1 && keyOnly) || pair.value === null ? pair.key : pair.value;
      node = pair.value;
    } else if (isSeq(node) && typeof part === 'number') {
      found = node.items[part];
      node = found;
    } else {
      return undefined;
    }
  }
  const offset = isNode(found) ? found.range?.[0] : undefined;
  if (offset === undefined) return undefined;
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}
