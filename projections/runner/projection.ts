import type { StoredEvent } from '../../eventstore/port.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';

/** A read model: the tables it owns and how each event changes them. */
export interface Projection {
  readonly name: string;
  /** Tables cleared by a rebuild, children first. */
  readonly tables: readonly string[];
  /** Event types it reacts to; others are skipped without a call. */
  readonly eventTypes: readonly string[];
  readonly apply: (db: SqlDb, event: StoredEvent) => Promise<void>;
  /**
   * Called once after a batch's events, in the same transaction, before the checkpoint moves: work
   * that many events of a batch would repeat (re-aggregating one partner) is done once here.
   */
  readonly settle?: (db: SqlDb) => Promise<void>;
}

/** Declares a projection from one handler per event type, typed by event body. */
export const defineProjection = (definition: {
  name: string;
  tables: readonly string[];
  handlers: Record<string, (db: SqlDb, event: StoredEvent<never>) => Promise<void>>;
  settle?: (db: SqlDb) => Promise<void>;
}): Projection => {
  const handlers = definition.handlers as Record<string, (db: SqlDb, event: StoredEvent) => Promise<void>>;
  return {
    name: definition.name,
    tables: definition.tables,
    eventTypes: Object.keys(handlers),
    apply: (db, event) => handlers[event.type]?.(db, event) ?? Promise.resolve(),
    settle: definition.settle,
  };
};
