/** CSV (RFC 4180) of a table, downloaded by the browser. */
export type Cell = string | number | null | undefined;

const quote = (v: Cell): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  // A cell starting with = + - @ would be run as a formula by spreadsheets: keep it text.
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const toCsv = (header: readonly string[], rows: readonly (readonly Cell[])[]): string =>
  `${[header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;

export const download = (filename: string, text: string) => {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
