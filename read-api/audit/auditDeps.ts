import type { EventRegistry } from '../../eventstore/eventRegistry.js';
import type { EventStore } from '../../eventstore/port.js';
import type { SqlDb, TransactionalSqlDb } from '../../infra/sql/sqlDb.js';

/** What the audit routes need: the log (raw through SQL, upcast through the store) and the access log's writer. */
export interface AuditDeps {
  /** The SQLite file: verify and export read it through snapshots of their own. */
  readonly databaseFile: string;
  /** False when the log lives in PostgreSQL or EventStoreDB: the raw-row routes then answer 501. */
  readonly logInSqliteFile: boolean;
  readonly store: EventStore;
  readonly registry: EventRegistry;
  /** The read-only query connection. */
  readonly reader: SqlDb;
  /** Writes the audit access log. */
  readonly writeDb: TransactionalSqlDb;
  readonly now: () => Date;
}
