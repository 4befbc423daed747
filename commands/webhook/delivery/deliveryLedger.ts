import type { SqlDb, TransactionalSqlDb } from '../../../infra/sql/sqlDb.js';
import { tableStatements, type TableStatements } from '../../../infra/sql/tableStatements.js';
import { webhookDeliveryTables } from '../../../infra/sql/webhookDeliveryTables.js';
import type { RowOf } from '../../../infra/sql/tables.js';

type Statements = TableStatements<typeof webhookDeliveryTables>;
type Row = RowOf<(typeof webhookDeliveryTables)['webhook_checkpoints']>;

/** Where one subscription stands, as stored. */
export interface Checkpoint {
  readonly position: number;
  readonly replayApplied: number;
  readonly lastSeq: number;
  readonly pendingPosition: number | null;
  readonly attempts: number;
  readonly failingSince: string | null;
  readonly nextAttemptAt: string | null;
}

/** One attempt as the deliveries list shows it. */
export interface Attempt {
  readonly position: number;
  readonly eventId: string;
  readonly eventType: string;
  readonly attempt: number;
  readonly statusCode?: number;
  readonly error?: string;
  readonly durationMs: number;
  readonly attemptedAt: string;
  readonly nextRetryAt?: string;
}

/** Attempts kept per subscription (the oldest go first), so the table does not grow with the log. */
const KEEP = 10_000;

const byConnection = new WeakMap<SqlDb, Statements>();
const statements = (db: SqlDb) => {
  let s = byConnection.get(db);
  if (!s) {
    s = tableStatements(db, webhookDeliveryTables);
    byConnection.set(db, s);
  }
  return s;
};

const fromRow = (r: Omit<Row, 'webhook_id' | 'updated_at'>): Checkpoint => ({
  position: Number(r.position),
  replayApplied: Number(r.replay_applied),
  lastSeq: Number(r.last_seq),
  pendingPosition: r.pending_position === null ? null : Number(r.pending_position),
  attempts: Number(r.attempts),
  failingSince: r.failing_since,
  nextAttemptAt: r.next_attempt_at,
});

const cleared = { pending_position: null, attempts: 0, failing_since: null, next_attempt_at: null };

/**
 * Delivery state of every subscription (webhook_checkpoints, webhook_deliveries), written through the
 * read models' connection: attempts and the checkpoint they move commit together, the checkpoint only
 * ever past events acknowledged with a 2xx, so a restart resumes at or before the first event not
 * acknowledged (duplicates, never gaps).
 */
export const createDeliveryLedger = (db: TransactionalSqlDb, now: () => Date) => {
  const save = (tx: SqlDb, webhookId: string, c: Checkpoint) =>
    statements(tx).update(
      'webhook_checkpoints',
      { webhook_id: webhookId },
      {
        set: {
          position: c.position,
          replay_applied: c.replayApplied,
          last_seq: c.lastSeq,
          pending_position: c.pendingPosition,
          attempts: c.attempts,
          failing_since: c.failingSince,
          next_attempt_at: c.nextAttemptAt,
          updated_at: now().toISOString(),
        },
      },
    );

  const record = async (tx: SqlDb, webhookId: string, seq: number, a: Attempt) => {
    await statements(tx).insert('webhook_deliveries', {
      webhook_id: webhookId,
      seq,
      position: a.position,
      event_id: a.eventId,
      event_type: a.eventType,
      attempt: a.attempt,
      status_code: a.statusCode ?? null,
      error: a.error ?? null,
      duration_ms: a.durationMs,
      attempted_at: a.attemptedAt,
      next_retry_at: a.nextRetryAt ?? null,
    });
    if (seq % 1000 === 0 && seq > KEEP)
      await tx.run('DELETE FROM webhook_deliveries WHERE webhook_id = ? AND seq <= ?', [webhookId, seq - KEEP]);
  };

  /** An attempt and the checkpoint it leads to, in one transaction. */
  const attempt = (webhookId: string, c: Checkpoint, a: Attempt, next: Omit<Checkpoint, 'lastSeq'>) =>
    db.transaction(async (tx) => {
      const checkpoint = { ...next, lastSeq: c.lastSeq + 1 };
      await record(tx, webhookId, checkpoint.lastSeq, a);
      await save(tx, webhookId, checkpoint);
      return checkpoint;
    });

  return {
    /** The subscription's checkpoint, created at `startPosition` (its subscription event) the first time. */
    open: (webhookId: string, startPosition: number): Promise<Checkpoint> =>
      db.transaction(async (tx) => {
        const s = statements(tx);
        const found = await s.selectOne(
          'webhook_checkpoints',
          [
            'position',
            'replay_applied',
            'last_seq',
            'pending_position',
            'attempts',
            'failing_since',
            'next_attempt_at',
          ],
          { webhook_id: webhookId },
        );
        if (found) return fromRow(found);
        const row = { position: startPosition, replay_applied: 0, last_seq: 0, ...cleared };
        await s.insert('webhook_checkpoints', { webhook_id: webhookId, ...row, updated_at: now().toISOString() });
        return fromRow(row);
      }),
    /**
     * Acknowledged attempts, written together: `c` is the checkpoint after the last of them (its
     * `lastSeq` counts them in), so the attempts take the sequence numbers just before it.
     */
    acknowledged: (webhookId: string, c: Checkpoint, attempts: readonly Attempt[]) =>
      db.transaction(async (tx) => {
        for (const [i, a] of attempts.entries()) await record(tx, webhookId, c.lastSeq - attempts.length + 1 + i, a);
        await save(tx, webhookId, c);
      }),
    /** A failed attempt; `retry` says when the next is due, or nothing when delivery gives up. */
    failed: (webhookId: string, c: Checkpoint, a: Attempt, failingSince: string, retry: boolean) =>
      attempt(
        webhookId,
        c,
        a,
        retry
          ? {
              ...c,
              pendingPosition: a.position,
              attempts: a.attempt,
              failingSince,
              nextAttemptAt: a.nextRetryAt ?? null,
            }
          : { ...c, pendingPosition: null, attempts: 0, failingSince: null, nextAttemptAt: null },
      ),
    /** Nothing to deliver up to `position` (filtered out): written now and then, a restart rescans the rest. */
    skipped: async (webhookId: string, c: Checkpoint, position: number): Promise<Checkpoint> => {
      const next = { ...c, position };
      await db.transaction((tx) => save(tx, webhookId, next));
      return next;
    },
    /** Applies a replay request made at log position `requestedAt` once: later calls for it change nothing. */
    replay: (webhookId: string, fromPosition: number, requestedAt: number, startPosition: number) =>
      db.transaction(async (tx) => {
        const s = statements(tx);
        const found = await s.selectOne('webhook_checkpoints', ['replay_applied'], { webhook_id: webhookId });
        if (!found) {
          const row = { position: startPosition, replay_applied: 0, last_seq: 0, ...cleared };
          await s.insert('webhook_checkpoints', { webhook_id: webhookId, ...row, updated_at: now().toISOString() });
        } else if (Number(found.replay_applied) >= requestedAt) return false;
        await s.update(
          'webhook_checkpoints',
          { webhook_id: webhookId },
          {
            set: {
              position: fromPosition - 1,
              replay_applied: requestedAt,
              ...cleared,
              updated_at: now().toISOString(),
            },
          },
        );
        return true;
      }),
  };
};
export type DeliveryLedger = ReturnType<typeof createDeliveryLedger>;
