import type { Kysely } from 'kysely';
import type { Database } from '../projections/readModels/database.js';
import type { SqlDb } from '../infra/sql/sqlDb.js';

/** What read routes need: the read-model database, typed and untyped, and the clock for validity. */
export interface QueryDeps {
  readonly reader: SqlDb;
  readonly readModels: Kysely<Database>;
  readonly now: () => Date;
}
