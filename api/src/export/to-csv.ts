/**
 * Returns one CSV field: quoted when it holds a comma, quote or line break; objects as JSON; null as empty.
 * Text starting with = + - @ (or a tab or carriage return) gets a leading ' so that a spreadsheet shows it
 * instead of running it as a formula (OWASP CSV injection); numbers are written as they are.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Returns a CSV document (RFC 4180: comma separated, CRLF line ends) of a header and rows. */
export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
