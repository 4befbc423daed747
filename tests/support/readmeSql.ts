import { readFileSync } from 'node:fs';

/** One statement of a README ```sql block, with where it is and whether it may return nothing. */
export interface ReadmeStatement {
  /** Line of the README where the statement starts (its leading comment). */
  readonly line: number;
  /** The statement's first comment line: what it answers. */
  readonly title: string;
  readonly sql: string;
  /** The README says so in its comment: `(may return no rows)`. */
  readonly mayReturnNoRows: boolean;
  /** A ```sql block runs on both databases; a ```postgresql block (jsonb operators, …) on PostgreSQL only. */
  readonly dialect: 'both' | 'postgres';
}

export const README = new URL('../../README.md', import.meta.url).pathname;

/**
 * Every statement of every fenced ```sql (and ```postgresql) block of the README, split at the `;` that
 * ends a line. The same list serves the SQLite suite and the PostgreSQL one
 * (tests/projections/analytics*.test.ts).
 */
export const readmeSqlStatements = (text = readFileSync(README, 'utf8')): ReadmeStatement[] => {
  const lines = text.split('\n');
  const out: ReadmeStatement[] = [];
  let inBlock = false;
  let dialect: ReadmeStatement['dialect'] = 'both';
  let current: string[] = [];
  let start = 0;
  lines.forEach((line, i) => {
    if (!inBlock) {
      inBlock = line.trim() === '```sql' || line.trim() === '```postgresql';
      dialect = line.trim() === '```postgresql' ? 'postgres' : 'both';
      return;
    }
    if (line.trim() === '```') {
      if (current.some((l) => l.trim() && !l.trim().startsWith('--')))
        throw new Error(`README.md:${start + 1}: a statement without its closing ;`);
      inBlock = false;
      current = [];
      return;
    }
    if (!current.length && !line.trim()) return;
    if (!current.length) start = i;
    current.push(line);
    if (!/;\s*$/.test(line)) return;
    const sql = current.join('\n').replace(/;\s*$/, '');
    const comment = current.find((l) => l.trim().startsWith('--')) ?? '';
    out.push({
      line: start + 1,
      title: comment.replace(/^\s*--\s*/, ''),
      sql,
      mayReturnNoRows: /\(may return no rows\)/.test(current.filter((l) => l.trim().startsWith('--')).join(' ')),
      dialect,
    });
    current = [];
  });
  return out;
};
