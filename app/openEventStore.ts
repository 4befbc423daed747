import type { Clock } from '../domain/shared/clock.js';
import type { EventRegistry, EventStore } from '../eventstore/index.js';
import { createSqliteEventStore } from '../eventstore/sqlite/createSqliteEventStore.js';
import type { SqliteConnection } from '../eventstore/sqlite/openSqlite.js';

/** Where the log lives: the SQLite file (default), PostgreSQL, or EventStoreDB/KurrentDB. */
export type EventStoreChoice =
  | { readonly kind: 'sqlite' }
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'esdb'; readonly url: string };

/**
 * The one place an adapter is chosen (DESIGN §2). Read models stay in the local SQLite file
 * whatever holds the log: projections follow the log through the port. The PostgreSQL and
 * EventStoreDB clients load only when chosen (about 250 ms of start-up otherwise spent on every
 * server start and CLI command on the SQLite default).
 */
export const openEventStore = async (
  choice: EventStoreChoice,
  connection: SqliteConnection,
  deps: { clock: Clock; registry: EventRegistry },
): Promise<{ store: EventStore; close: () => Promise<void> }> => {
  const options = { clock: deps.clock, validate: deps.registry.validate, upcast: deps.registry.upcast };
  switch (choice.kind) {
    case 'sqlite':
      return { store: createSqliteEventStore(connection, options), close: async () => undefined };
    case 'postgres': {
      const { default: pg } = await import('pg');
      const { ensurePostgresSchema } = await import('../eventstore/postgres/postgresSchema.js');
      const { createPostgresEventStore } = await import('../eventstore/postgres/createPostgresEventStore.js');
      const pool = new pg.Pool({ connectionString: choice.url, max: 8 });
      await ensurePostgresSchema(pool);
      return { store: createPostgresEventStore(pool, options), close: () => pool.end() };
    }
    case 'esdb': {
      const { EventStoreDBClient } = await import('@eventstore/db-client');
      const { createEsdbEventStore } = await import('../eventstore/esdb/createEsdbEventStore.js');
      const client = EventStoreDBClient.connectionString`${choice.url}`;
      return { store: createEsdbEventStore(client, options), close: () => client.dispose() };
    }
  }
};
