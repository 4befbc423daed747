import type { Kysely } from 'kysely';
import type { Database } from '../projections/readModels/database.js';
import type { SqlDb } from '../infra/sql/sqlDb.js';
import type { KeptAnswer } from './keptAnswers.js';

/** What read routes need: the read-model database, typed and untyped, the clock for validity, kept answers. */
export interface QueryDeps {
  readonly reader: SqlDb;
  readonly readModels: Kysely<Database>;
  readonly now: () => Date;
  /** Whole answers kept until the next commit (read-api/keptAnswers.ts). */
  readonly kept: KeptAnswer;
}
