// Byte counts for people: the largest binary unit that keeps the number short, exact when it can be.

const UNITS = ['', 'K', 'M', 'G', 'T', 'P'] as const;

/**
 * Format bytes with binary units: exact multiples print as `20G`; others with up to one decimal as
 * `1.5G` (rounded, so only for display); below 1 KiB as `512B`.
 */
export function formatSize(bytes: bigint | number): string {
  let n = typeof bytes === 'bigint' ? bytes : BigInt(Math.trunc(bytes));
  const negative = n < 0n;
  if (negative) n = -n;
  let unit = 0;
  while (unit < UNITS.length - 1 && n >= 1024n ** BigInt(unit + 1)) unit++;
  const div = 1024n ** BigInt(unit);
  const tenths = (n * 10n + div / 2n) / div;
  const text =
    unit === 0
      ? `${n}B`
      : n % div === 0n
        ? `${n / div}${UNITS[unit]}`
        : `${tenths / 10n}${tenths % 10n === 0n ? '' : `.${tenths % 10n}`}${UNITS[unit]}`;
  return negative ? `-${text}` : text;
}
