import { storageFailureOf } from '../eventstore/errors.js';
import type { EventStore } from '../eventstore/port.js';
import type { HealthRegistry } from './health.js';
import { messageOf } from './messageOf.js';
import type { TransactionalSqlDb } from './sql/sqlDb.js';

/** Runs `work`; a success recovers `component`, a failure degrades it (and is rethrown). */
const watched =
  (health: HealthRegistry, component: string, codeOf: (error: unknown) => string | undefined, probe?: Probe) =>
  async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      const result = await work();
      health.recover(component);
      return result;
    } catch (error) {
      const code = codeOf(error);
      if (code) health.degrade(component, { code, detail: messageOf(error) }, probe);
      throw error;
    }
  };

type Probe = () => Promise<unknown>;

/**
 * The log as the platform uses it, reporting to health: an append refused for lack of space or an
 * unavailable database degrades `event-log` until an append succeeds or `probe` says the storage
 * works again. Refusals of the append itself (a stale version, an invalid event) say nothing of it.
 */
export const watchEventStore = (store: EventStore, health: HealthRegistry, probe?: Probe): EventStore => {
  const watch = watched(health, 'event-log', storageFailureOf, probe);
  return {
    ...store,
    append: (streamId, events, options) => watch(() => store.append(streamId, events, options)),
    appendMany: (appends) => watch(() => store.appendMany(appends)),
  };
};

/**
 * The read models' writes, reporting to health as `component`: any failed transaction degrades it
 * (the runner retries on its next poll), the next committed one recovers it, or `probe` (a cluster
 * node whose writes are few: another node runs the projections).
 */
export const watchSqlDb = (
  db: TransactionalSqlDb,
  health: HealthRegistry,
  component: string,
  probe?: Probe,
): TransactionalSqlDb => {
  const watch = watched(health, component, (error) => storageFailureOf(error) ?? 'failing', probe);
  return { ...db, transaction: (work) => watch(() => db.transaction(work)) };
};
