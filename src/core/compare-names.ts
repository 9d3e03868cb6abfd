// Why: listings sort by name on every run; String#localeCompare's first call loads ICU collation
// data (~14 ms, more than the libvirt work of `hv ls`). VM names are restricted to ASCII, where
// plain code-unit order is the natural order anyway.

/** Code-unit order of two names, for Array#sort. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
