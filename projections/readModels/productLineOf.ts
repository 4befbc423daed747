import type { ReadModelDb } from './readModelDb.js';

type ProgramTable = 'programs' | 'scorecard_programs';

/** Product lines found, per connection and table: a program's line is fixed when it is defined. */
const known = new WeakMap<ReadModelDb, Record<ProgramTable, Map<string, string>>>();

/**
 * The product line of a program in one projection's copy of the programs, or undefined if it is not
 * there. A line once found is kept: no event changes it, and a log replayed (a rebuild, a rolled-back
 * batch run again) defines the same program with the same line. A rebuild reads it about 240,000 times
 * per million events, twice per certification earned.
 */
export const productLineOf = async (
  db: ReadModelDb,
  table: ProgramTable,
  programId: string,
): Promise<string | undefined> => {
  let tables = known.get(db);
  if (!tables) {
    tables = { programs: new Map(), scorecard_programs: new Map() };
    known.set(db, tables);
  }
  const lines = tables[table];
  const kept = lines.get(programId);
  if (kept !== undefined) return kept;
  const line = (await db.selectOne(table, ['product_line'], { program_id: programId }))?.product_line;
  if (line !== undefined) lines.set(programId, line);
  return line;
};
