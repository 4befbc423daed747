import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCommandPipeline, type CommandPipeline } from '../../commands/pipeline/index.js';
import {
  allPolicies,
  createPolicyRunner,
  type PolicyRunner,
  type PolicyRunnerOptions,
} from '../../commands/policies/index.js';
import { eventDefinitions } from '../../domain/index.js';
import { manualClock } from '../../domain/shared/clock.js';
import { createEventRegistry } from '../../eventstore/eventRegistry.js';
import type { EventStore, NewEvent } from '../../eventstore/port.js';
import { sqliteSqlDb, type TransactionalSqlDb } from '../../projections/index.js';
import { openSqliteStore } from '../support/sqliteStore.js';

/**
 * A real SQLite event store with the points policies and nothing else: source events are appended
 * directly (as another process, or the deal helper's routes, would), the runner can be stopped and
 * started at will, its checkpoints rewound, and the awards read back from the log.
 */
export const openPolicyHarness = async (path?: string) => {
  const dir = path ? undefined : mkdtempSync(join(tmpdir(), 'prm-policy-'));
  const file = path ?? join(dir as string, 'prm.db');
  const clock = manualClock('2026-03-01T00:00:00.000Z');
  const registry = createEventRegistry(eventDefinitions);
  const { connection, store } = await openSqliteStore(file, { clock, registry });
  const db: TransactionalSqlDb = sqliteSqlDb(connection);
  const pipelineOn = (s: EventStore): CommandPipeline =>
    createCommandPipeline({ store: s, clock, schemaVersionOf: registry.currentVersion });
  const pipeline = pipelineOn(store);
  const runnerOn = (over: Partial<PolicyRunnerOptions> = {}): PolicyRunner =>
    createPolicyRunner({
      store,
      pipeline,
      db,
      policies: allPolicies,
      now: clock.now,
      pollMs: 60_000,
      onError: () => undefined,
      ...over,
    });

  let seq = 0;
  /** Appends one fact; answers its event id (the source id of any award it earns). */
  const append = async (streamId: string, type: string, data: unknown): Promise<string> => {
    const eventId = `evt_fact${String(++seq).padStart(8, '0')}${Math.random().toString(36).slice(2, 8)}`;
    await store.append(
      streamId,
      [
        {
          eventId,
          type,
          schemaVersion: registry.currentVersion(type),
          data,
          metadata: {
            actor: { kind: 'system', id: 'test' },
            commandId: `cmd_fact${seq}`,
            correlationId: `cmd_fact${seq}`,
          },
        } satisfies NewEvent,
      ],
      { expected: 'any' },
    );
    return eventId;
  };

  /** Every PointsEarned in the log: partner, person, points, source. */
  const awards = () =>
    connection.db
      .prepare(`SELECT stream_id, data FROM events WHERE type = 'PointsEarned' ORDER BY position`)
      .all()
      .map((r) => {
        const row = r as { stream_id: string; data: string };
        const d = JSON.parse(row.data) as { personId?: string; points: number; sourceEventId: string };
        return { partnerId: row.stream_id.slice('points-'.length), ...d };
      });

  return {
    clock,
    store,
    db,
    connection,
    pipeline,
    pipelineOn,
    runnerOn,
    append,
    awards,
    head: () => store.headPosition(),
    /** Forgets where the policies were (a lost or restored-from-backup checkpoint table). */
    rewind: (to = 0) => connection.db.prepare('UPDATE policy_checkpoints SET position = MIN(position, ?)').run(to),
    close: async () => {
      await store.close();
      connection.db.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
};
export type PolicyHarness = Awaited<ReturnType<typeof openPolicyHarness>>;

/** The facts the policies need, appended in the shape of DESIGN §4. */
export const facts = (h: PolicyHarness) => ({
  person: (personId: string) =>
    h.append(`person-${personId}`, 'PersonRegistered', { personId, name: personId, email: `${personId}@example.com` }),
  joins: (personId: string, partnerId: string) =>
    h.append(`person-${personId}`, 'EmployeeJoined', { partnerId, role: 'sales' }),
  leaves: (personId: string, partnerId: string) => h.append(`person-${personId}`, 'EmployeeLeft', { partnerId }),
  program: (programId: string, points: number) =>
    h.append(`program-${programId}`, 'ProgramDefined', {
      programId,
      name: `Program ${programId}`,
      productLine: 'storage',
      validForDays: 365,
      points,
    }),
  certifies: (personId: string, programId: string) =>
    h.append(`person-${personId}`, 'CertificationEarned', {
      programId,
      earnedAt: h.clock.now().toISOString(),
      expiresAt: '2030-01-01T00:00:00.000Z',
    }),
  rate: (pointsPerWonAmountUnit: number) =>
    h.append('channel-settings', 'ChannelSettingsChanged', { pointsPerWonAmountUnit }),
  registers: (dealId: string, partnerId: string, registeredBy: string) =>
    h.append(`deal-${dealId}`, 'DealRegistered', {
      dealId,
      partnerId,
      registeredBy,
      customer: { name: 'Initech', domain: 'initech.com', country: 'DE' },
      productLine: 'storage',
      estimatedValue: { amountMinor: 100, currency: 'EUR' },
      expectedCloseDate: '2026-12-31',
      registeredAt: h.clock.now().toISOString(),
    }),
  wins: (dealId: string, amountMinor: number, currency = 'EUR') =>
    h.append(`deal-${dealId}`, 'DealWon', { amount: { amountMinor, currency }, closedAt: h.clock.now().toISOString() }),
});
