/** Returns a distance in metres below 1 km and in kilometres above, in the reader's number format. */
export function formatLength(metres: number, formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string): string {
  if (metres < 1000) return `${formatNumber(Math.round(metres))} m`;
  const digits = metres < 10_000 ? 2 : 1;
  return `${formatNumber(metres / 1000, { minimumFractionDigits: digits, maximumFractionDigits: digits })} km`;
}
