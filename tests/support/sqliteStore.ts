import { Kysely, SqliteDialect } from 'kysely';
import type { Clock } from '../../domain/shared/clock.js';
import type { EventRegistry } from '../../eventstore/eventRegistry.js';
import { createSqliteEventStore } from '../../eventstore/sqlite/createSqliteEventStore.js';
import { openSqlite } from '../../eventstore/sqlite/openSqlite.js';
import { migrateToLatest } from '../../migrations/migrateToLatest.js';

/** A migrated SQLite file with an event store on it: a real database, as in production. */
export const openSqliteStore = async (path: string, deps: { clock: Clock; registry: EventRegistry }) => {
  const connection = openSqlite(path);
  await migrateToLatest(new Kysely<unknown>({ dialect: new SqliteDialect({ database: connection.db }) }));
  const store = createSqliteEventStore(connection, {
    clock: deps.clock,
    validate: deps.registry.validate,
    upcast: deps.registry.upcast,
  });
  return { connection, store };
};
