import { Migrator, type Kysely, type Migration } from 'kysely';
import { postgresColumnTypes } from '../infra/sql/postgresKysely.js';
import { tables } from '../projections/readModels/database.js';
import { migrations, postgresMigrations } from './index.js';

export interface MigrateOptions {
  /** Which migrations: the SQLite file's (default) or cluster mode's PostgreSQL ones. */
  readonly dialect?: 'sqlite' | 'postgres';
  /** Runs before the first pending migration, and only when there is one (the analytics views step aside). */
  readonly beforePending?: () => Promise<void> | void;
}

/**
 * Applies every pending migration; throws with the failing migration's name. On PostgreSQL kysely's
 * migrator takes an advisory lock and runs the pending migrations in one transaction, so servers that
 * start together on an empty database apply each migration once, the others waiting, then finding
 * nothing left to do.
 */
export const migrateToLatest = async (db: Kysely<unknown>, options: MigrateOptions = {}): Promise<string[]> => {
  const dialect = options.dialect ?? 'sqlite';
  const list: Record<string, Migration> = dialect === 'postgres' ? postgresMigrations : migrations;
  const migrator = new Migrator({
    db: dialect === 'postgres' ? db.withPlugin(postgresColumnTypes(tables)) : db,
    provider: { getMigrations: async () => list },
    allowUnorderedMigrations: true,
  });
  if (options.beforePending && (await migrator.getMigrations()).some((m) => m.executedAt === undefined))
    await options.beforePending();
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
  return (results ?? []).map((r) => r.migrationName);
};
