import * as E from 'fp-ts/lib/Either.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { manualClock } from '../../domain/shared/clock.js';
import { defineEvent, domainError, type Decider, type DomainEvent } from '../../domain/shared/index.js';
import { createEventRegistry } from '../../eventstore/eventRegistry.js';
import type { NewEvent } from '../../eventstore/port.js';
import { openSqliteStore } from '../support/sqliteStore.js';

/** A tiny aggregate for infrastructure tests: a counter that refuses to pass its limit. */
export const Counted = defineEvent('Counted', z.object({ by: z.number().int() }));
export type CounterEvent = DomainEvent<'Counted', { by: number }>;
export type CounterCommand = { type: 'Count'; data: { by: number; limit?: number } };
export interface CounterState {
  readonly total: number;
  readonly seen: number;
}

export const counterDecider: Decider<CounterCommand, CounterEvent, CounterState> = {
  initialState: { total: 0, seen: 0 },
  evolve: (s, e) => ({ total: s.total + e.data.by, seen: s.seen + 1 }),
  decide: (c, s) =>
    c.data.limit !== undefined && s.total + c.data.by > c.data.limit
      ? E.left(domainError('limit_exceeded', `total would pass ${c.data.limit}`))
      : E.right([Counted.create({ by: c.data.by })]),
};

let seq = 0;
/** An event written by "another writer", straight to the store. */
export const foreignCount = (by: number): NewEvent => ({
  eventId: `evt_foreign${++seq}x${Date.now()}`,
  type: 'Counted',
  data: { by },
  metadata: {
    actor: { kind: 'system', id: 'other-writer' },
    commandId: `cmd_other${seq}`,
    correlationId: `cmd_other${seq}`,
  },
});

/** A real, migrated SQLite event store in a temp directory, validating `Counted` events. */
export const openCounterStore = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prm-infra-'));
  const clock = manualClock('2026-06-01T09:00:00.000Z');
  const registry = createEventRegistry([Counted]);
  const { connection, store } = await openSqliteStore(join(dir, 'prm.db'), { clock, registry });
  return {
    dir,
    clock,
    registry,
    connection,
    store,
    dispose: async () => {
      await store.close();
      connection.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
export type CounterStore = Awaited<ReturnType<typeof openCounterStore>>;
