import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

/** One data row: its line in the file (the header is line 1) and its cells as a nested body. */
export interface CsvRecord {
  readonly line: number;
  readonly body: Record<string, unknown>;
}

/** `externalRefs.salesforce` -> `{ externalRefs: { salesforce: … } }`; empty cells are left out (absent). */
const nest = (row: Record<string, string>) => {
  const body: Record<string, unknown> = {};
  for (const [header, raw] of Object.entries(row)) {
    const value = raw.trim();
    if (value === '') continue;
    const path = header.trim().split('.');
    let at = body;
    for (const key of path.slice(0, -1)) {
      const next = (at[key] ?? {}) as Record<string, unknown>;
      at[key] = next;
      at = next;
    }
    at[path[path.length - 1]] = value;
  }
  return body;
};

/** Reads an RFC 4180 CSV file with a header row (UTF-8, BOM tolerated, quoted fields may span lines). */
export const readCsvRecords = async (file: string): Promise<{ headers: string[]; records: CsvRecord[] }> => {
  const parser = createReadStream(file).pipe(
    parse({ columns: true, bom: true, info: true, skip_empty_lines: true, relax_column_count: false }),
  );
  const records: CsvRecord[] = [];
  let headers: string[] = [];
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number; columns: { name: string }[] | boolean };
  }>) {
    if (headers.length === 0 && Array.isArray(info.columns)) headers = info.columns.map((c) => c.name);
    // `lines` is where the record ends; a record spanning lines starts earlier, but the common case is one line.
    records.push({ line: info.lines, body: nest(record) });
  }
  return { headers, records };
};
