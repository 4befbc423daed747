import { Migrator, type Kysely } from 'kysely';
import { migrations } from './index.js';

export interface MigrateOptions {
  /** Runs before the first pending migration, and only when there is one (the analytics views step aside). */
  readonly beforePending?: () => Promise<void> | void;
}

/** Applies every pending migration; throws with the failing migration's name. */
export const migrateToLatest = async (db: Kysely<unknown>, options: MigrateOptions = {}): Promise<string[]> => {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  if (options.beforePending && (await migrator.getMigrations()).some((m) => m.executedAt === undefined))
    await options.beforePending();
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
  return (results ?? []).map((r) => r.migrationName);
};
