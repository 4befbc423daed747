import type { EventRegistry } from '../../eventstore/eventRegistry.js';
import type { EventStore } from '../../eventstore/port.js';
import type { StoredLog } from '../../eventstore/storedLog.js';
import type { SqlDb, TransactionalSqlDb } from '../../infra/sql/sqlDb.js';

/**
 * What the audit routes need: the log (as stored, through the audit port; upcast, through the store)
 * and the access log.
 */
export interface AuditDeps {
  /** Stored rows, verify and export; when it is `unavailable`, the routes reading stored rows answer 501. */
  readonly log: StoredLog;
  readonly store: EventStore;
  readonly registry: EventRegistry;
  /** The read-only query connection (the access log). */
  readonly reader: SqlDb;
  /** Writes the audit access log. */
  readonly writeDb: TransactionalSqlDb;
  readonly now: () => Date;
}
