// Plain-text tables that fit the terminal: columns sized to content, the widest flexible column
// truncated with an ellipsis when the terminal is narrow. No colour codes here (see colour.ts).

/** One column: header text, how to read the cell, alignment, and whether it may be truncated. */
export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  align?: 'left' | 'right';
  /** May be shortened to fit the terminal width. */
  flexible?: boolean;
}

const GAP = '  ';

function visibleLength(s: string): number {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\x1b\[[0-9;]*m/g, '').length;
}

function fit(s: string, width: number): string {
  if (visibleLength(s) <= width) return s;
  if (width <= 1) return s.slice(0, width);
  return `${s.slice(0, width - 1)}…`;
}

function pad(s: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - visibleLength(s)));
  return align === 'right' ? fill + s : s + fill;
}

/** Render rows as a table; `maxWidth` is the terminal width (undefined: no limit). */
export function renderTable<Row>(
  rows: readonly Row[],
  columns: readonly Column<Row>[],
  maxWidth?: number,
): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row).replace(/[\r\n\t]/g, ' ')));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((r) => visibleLength(r[i] ?? ''))),
  );
  if (maxWidth !== undefined) {
    let total = widths.reduce((a, b) => a + b, 0) + GAP.length * (columns.length - 1);
    // Shrink flexible columns, widest first, down to their header width.
    while (total > maxWidth) {
      let widest = -1;
      columns.forEach((c, i) => {
        const w = widths[i] ?? 0;
        if (
          c.flexible === true &&
          w > Math.max(c.header.length, 8) &&
          (widest < 0 || w > (widths[widest] ?? 0))
        )
          widest = i;
      });
      if (widest < 0) break;
      widths[widest] = (widths[widest] ?? 0) - 1;
      total -= 1;
    }
  }
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => pad(fit(v, widths[i] ?? 0), widths[i] ?? 0, columns[i]?.align ?? 'left'))
      .join(GAP)
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n') + '\n';
}
