import type { LogEventData, LogEventType } from '../../domain/index.js';
import type { StoredEvent } from '../../eventstore/port.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import type { TableName } from '../readModels/database.js';
import { readModelDb, type ReadModelDb } from '../readModels/readModelDb.js';

/** A read model as the runner sees it: the tables it owns and how each event changes them. */
export interface Projection {
  readonly name: string;
  /** Tables cleared by a rebuild, children first. */
  readonly tables: readonly string[];
  /** Event types it reacts to; others are skipped without a call. */
  readonly eventTypes: readonly string[];
  readonly apply: (db: SqlDb, event: StoredEvent) => Promise<unknown>;
  /**
   * Called at the start of each transaction that applies events to it, before the first: what a
   * projection keeps for one transaction starts afresh there, so a rolled-back transaction's is dropped.
   */
  readonly begin?: (db: SqlDb) => void;
  /**
   * Called once after a batch's events, in the same transaction, before the checkpoint moves: work
   * that many events of a batch would repeat (re-aggregating one partner) is done once here.
   */
  readonly settle?: (db: SqlDb) => Promise<unknown>;
}

/** How one event type changes read models: its body as the domain's zod schema types it (events are upcast on read). */
export type EventHandler<T extends LogEventType> = (
  db: ReadModelDb,
  event: StoredEvent<LogEventData<T>>,
) => Promise<unknown>;
/** One handler per event type the log may hold: a type that does not exist, or a field it lacks, fails tsc. */
export type Handlers = { readonly [T in LogEventType]?: EventHandler<T> };
/** A handler for several event types that reads only the envelope. */
export type EnvelopeHandler = (db: ReadModelDb, event: StoredEvent) => Promise<unknown>;

type Untyped = Readonly<Record<string, EnvelopeHandler | undefined>>;

/** Parts of one projection: for an event several parts react to, the earlier part's handler runs first. */
export const inOrder = (...parts: readonly Handlers[]): Handlers => {
  const combined: Record<string, EnvelopeHandler> = {};
  for (const part of parts as readonly Untyped[])
    for (const [type, handler] of Object.entries(part)) {
      const first = combined[type];
      if (!handler) continue;
      combined[type] = first
        ? async (db, e) => {
            await first(db, e);
            await handler(db, e);
          }
        : handler;
    }
  return combined as Handlers;
};

/** A map keyed by anything but event types (a `Record<string, …>` would otherwise slip through). */
type OnlyEventTypes<H> = { readonly [K in Exclude<keyof H, LogEventType>]: never };

/** Declares a projection over the read-model tables from one handler per event type. */
export const defineProjection = <H extends Handlers>(definition: {
  readonly name: string;
  readonly tables: readonly TableName[];
  readonly handlers: H & OnlyEventTypes<H>;
  readonly begin?: (db: ReadModelDb) => void;
  readonly settle?: (db: ReadModelDb) => Promise<unknown>;
}): Projection => {
  const handlers = definition.handlers as Untyped;
  const { begin, settle } = definition;
  return {
    name: definition.name,
    tables: definition.tables,
    eventTypes: Object.keys(handlers),
    apply: (db, event) => handlers[event.type]?.(readModelDb(db), event) ?? Promise.resolve(),
    begin: begin && ((db) => begin(readModelDb(db))),
    settle: settle && ((db) => settle(readModelDb(db))),
  };
};
