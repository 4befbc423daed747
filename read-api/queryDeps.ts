import type { Kysely } from 'kysely';
import type { ReadModels } from '../projections/readModels.js';
import type { SqlDb } from '../infra/sql/sqlDb.js';

/** What read routes need: the read-model database, typed and untyped, and the clock for validity. */
export interface QueryDeps {
  readonly reader: SqlDb;
  readonly readModels: Kysely<ReadModels>;
  readonly now: () => Date;
}
