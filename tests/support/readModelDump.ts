import { allProjections, type SqlDb } from '../../projections/index.js';

/** Every row of every projection table, sorted: the read models' whole state. */
export const dumpReadModels = async (db: SqlDb) => {
  const tables = [...new Set(allProjections.flatMap((p) => p.tables))].sort();
  const out: Record<string, string[]> = {};
  for (const table of tables)
    out[table] = (await db.all(`SELECT * FROM ${table}`)).map((r) => JSON.stringify(r)).sort();
  return out;
};
