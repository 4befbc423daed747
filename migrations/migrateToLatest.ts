import { Migrator, type Kysely } from 'kysely';
import { migrations } from './index.js';

/** Applies every pending migration; throws with the failing migration's name. */
export const migrateToLatest = async (db: Kysely<unknown>): Promise<string[]> => {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
  return (results ?? []).map((r) => r.migrationName);
};
