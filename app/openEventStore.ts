import type { Database } from 'better-sqlite3';
import type { Clock } from '../domain/shared/clock.js';
import { unavailableStoredLog, type EventRegistry, type EventStore, type StoredLog } from '../eventstore/index.js';
import { createSqliteEventStore } from '../eventstore/sqlite/createSqliteEventStore.js';
import type { SqliteConnection } from '../eventstore/sqlite/openSqlite.js';
import { sqliteStoredLog } from '../eventstore/sqlite/sqliteStoredLog.js';

/** Where the log lives: the SQLite file (default), PostgreSQL, or EventStoreDB/KurrentDB. */
export type EventStoreChoice =
  | { readonly kind: 'sqlite' }
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'esdb'; readonly url: string };

/** Verify, export and stored-row queries read the SQLite log only, for now. */
const elsewhere = (where: string) =>
  unavailableStoredLog(
    `this audit route reads the log's stored rows, which only the SQLite log serves yet; the log lives in ${where}`,
  );

/**
 * The one place an adapter is chosen (DESIGN §2), with the audit port over it. Read models stay in
 * the local SQLite file whatever holds the log: projections follow the log through the port. The PostgreSQL and
 * EventStoreDB clients load only when chosen (about 250 ms of start-up otherwise spent on every
 * server start and CLI command on the SQLite default).
 */
export const openEventStore = async (
  choice: EventStoreChoice,
  connection: SqliteConnection,
  /** `reader`: a read-only connection to the SQLite file, for the audit port's queries. */
  deps: { clock: Clock; registry: EventRegistry; reader: Database },
): Promise<{ store: EventStore; storedLog: StoredLog; close: () => Promise<void> }> => {
  const options = { clock: deps.clock, validate: deps.registry.validate, upcast: deps.registry.upcast };
  switch (choice.kind) {
    case 'sqlite':
      return {
        store: createSqliteEventStore(connection, options),
        storedLog: sqliteStoredLog(connection.path, deps.reader),
        close: async () => undefined,
      };
    case 'postgres': {
      const { default: pg } = await import('pg');
      const { ensurePostgresSchema } = await import('../eventstore/postgres/postgresSchema.js');
      const { createPostgresEventStore } = await import('../eventstore/postgres/createPostgresEventStore.js');
      const pool = new pg.Pool({ connectionString: choice.url, max: 8 });
      await ensurePostgresSchema(pool);
      return {
        store: createPostgresEventStore(pool, options),
        storedLog: elsewhere('PostgreSQL'),
        close: () => pool.end(),
      };
    }
    case 'esdb': {
      const { EventStoreDBClient } = await import('@eventstore/db-client');
      const { createEsdbEventStore } = await import('../eventstore/esdb/createEsdbEventStore.js');
      const client = EventStoreDBClient.connectionString`${choice.url}`;
      return {
        store: createEsdbEventStore(client, options),
        storedLog: elsewhere('EventStoreDB'),
        close: () => client.dispose(),
      };
    }
  }
};
