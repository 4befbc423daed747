import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { tableStatements, type TableStatements } from '../../infra/sql/tableStatements.js';
import { tables, type Tables } from './database.js';

/** What projection handlers write and read through: statements typed by the declared tables. */
export type ReadModelDb = TableStatements<Tables>;

/** One per connection (the runner hands every transaction the same SqlDb): prepared statements live as long as it. */
const byConnection = new WeakMap<SqlDb, ReadModelDb>();

export const readModelDb = (db: SqlDb): ReadModelDb => {
  let typed = byConnection.get(db);
  if (!typed) {
    typed = tableStatements(db, tables);
    byConnection.set(db, typed);
  }
  return typed;
};
