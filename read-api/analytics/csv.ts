/**
 * CSV as RFC 4180 writes it (comma, CRLF, quotes doubled), for spreadsheets as much as for tools: a text
 * cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'` so that a
 * spreadsheet shows it instead of running it as a formula (partners choose their own names and customer
 * names). Numbers are written as they are, negative ones included.
 */
const FORMULA = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (FORMULA.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export const csvLine = (cells: readonly unknown[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** The header line, then one chunk of lines per batch of rows. */
export async function* csvChunks(
  columns: readonly string[],
  batches: AsyncIterable<readonly (readonly unknown[])[]>,
): AsyncGenerator<string> {
  yield csvLine(columns);
  for await (const batch of batches) yield batch.map(csvLine).join('');
}
