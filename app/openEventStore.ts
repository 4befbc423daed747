import type { Database } from 'better-sqlite3';
import type { Clock } from '../domain/shared/clock.js';
import { importNdjson, type ImportOptions, type ImportReport } from '../eventstore/exportImport/importLog.js';
import { unavailableStoredLog, type EventRegistry, type EventStore, type StoredLog } from '../eventstore/index.js';
import { createSqliteEventStore } from '../eventstore/sqlite/createSqliteEventStore.js';
import type { SqliteConnection } from '../eventstore/sqlite/openSqlite.js';
import { sqliteStoredLog } from '../eventstore/sqlite/sqliteStoredLog.js';

/** Where the log lives: the SQLite file (default), PostgreSQL, or EventStoreDB/KurrentDB. */
export type EventStoreChoice =
  | { readonly kind: 'sqlite' }
  | { readonly kind: 'postgres'; readonly url: string }
  | { readonly kind: 'esdb'; readonly url: string };

/** Verify, export and stored-row queries of an EventStoreDB log: not served (no raw reader for it yet). */
const elsewhere = (where: string) =>
  unavailableStoredLog(
    "this audit route reads the log's stored rows, which the SQLite and PostgreSQL logs serve; " +
      `the log lives in ${where}`,
  );

export interface OpenedLog {
  readonly store: EventStore;
  readonly storedLog: StoredLog;
  readonly importLog: (lines: AsyncIterable<string>, options?: ImportOptions) => Promise<ImportReport>;
  readonly close: () => Promise<void>;
}

/**
 * The one place an adapter is chosen (DESIGN §2), with the audit port over it. Read models stay in
 * the local SQLite file whatever holds the log (PRM_DATABASE_URL moves them too: clusterPlatform.ts):
 * projections follow the log through the port. The PostgreSQL and
 * EventStoreDB clients load only when chosen (about 250 ms of start-up otherwise spent on every
 * server start and CLI command on the SQLite default).
 */
export const openEventStore = async (
  choice: EventStoreChoice,
  connection: SqliteConnection,
  /** `reader`: a read-only connection to the SQLite file, for the audit port's queries. */
  deps: { clock: Clock; registry: EventRegistry; reader: Database },
): Promise<OpenedLog> => {
  const options = { clock: deps.clock, validate: deps.registry.validate, upcast: deps.registry.upcast };
  switch (choice.kind) {
    case 'sqlite':
      return {
        store: createSqliteEventStore(connection, options),
        storedLog: sqliteStoredLog(connection.path, deps.reader),
        importLog: (lines, importOptions) => importNdjson(connection, lines, importOptions),
        close: async () => undefined,
      };
    case 'postgres': {
      const { openPostgresPool } = await import('../infra/sql/postgresPool.js');
      const { ensurePostgresSchema } = await import('../eventstore/postgres/postgresSchema.js');
      const { createPostgresEventStore } = await import('../eventstore/postgres/createPostgresEventStore.js');
      const { postgresStoredLog } = await import('../eventstore/postgres/postgresStoredLog.js');
      const { importNdjsonPostgres } = await import('../eventstore/postgres/importPostgresLog.js');
      const pool = openPostgresPool(choice.url, { max: 8 });
      await ensurePostgresSchema(pool);
      return {
        store: createPostgresEventStore(pool, options),
        storedLog: postgresStoredLog(pool),
        importLog: (lines, importOptions) => importNdjsonPostgres(pool, lines, importOptions),
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
        importLog: () => Promise.reject(new Error('prm import writes a SQLite or PostgreSQL log, not EventStoreDB')),
        close: () => client.dispose(),
      };
    }
  }
};
