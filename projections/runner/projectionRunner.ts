import type { EventStore, StoredEvent } from '../../eventstore/port.js';
import type { SqlDb, TransactionalSqlDb } from '../../infra/sql/sqlDb.js';
import { createCatchUpLoop } from '../../infra/follow/catchUpLoop.js';
import { readCheckpoints, writeCheckpoint } from '../../infra/follow/checkpoints.js';
import type { Projection } from './projection.js';

export interface ProjectionRunner {
  /** Brings every projection up to the head of the log, then follows live appends. */
  readonly start: () => Promise<void>;
  /** Resolves once every projection has processed the log up to `position` (read-your-writes). */
  readonly waitFor: (position: number) => Promise<void>;
  /**
   * Clears the named projections (all by default) and replays the whole log into them, `batchSize`
   * events per transaction (default: the runner's `rebuildBatchSize`).
   */
  readonly rebuild: (
    names?: readonly string[],
    onProgress?: (done: number, total: number) => void,
    options?: { readonly batchSize?: number },
  ) => Promise<void>;
  readonly position: () => number;
  readonly stop: () => Promise<void>;
}

export interface ProjectionRunnerOptions {
  readonly store: EventStore;
  readonly db: TransactionalSqlDb;
  readonly projections: readonly Projection[];
  readonly batchSize?: number;
  /**
   * Events per transaction during a rebuild (default 10,000): each commit writes every page the
   * batch dirtied, so fewer, larger commits replay several times faster than batches of 1,000.
   */
  readonly rebuildBatchSize?: number;
  /** Fallback poll for appends made by other processes. */
  readonly pollMs?: number;
  readonly now?: () => Date;
  /**
   * Runs first in every transaction that applies events or resets checkpoints, to serialise appliers
   * that might overlap (cluster mode: a PostgreSQL transaction-level advisory lock, so a node that lost
   * its lease mid-batch and the node that took it over never apply the same events). SQLite's single
   * writer needs none.
   */
  readonly fence?: (tx: SqlDb) => Promise<unknown>;
  /** Told each position every projection has reached, after each catch-up and rebuild (cluster announcements). */
  readonly onProgress?: (position: number) => void;
}

/**
 * Runs projections in batches: each batch applies events and moves each projection's checkpoint in
 * one transaction, so every event is applied exactly once even across crashes.
 */
export const createProjectionRunner = (options: ProjectionRunnerOptions): ProjectionRunner => {
  const { store, db, projections } = options;
  const batchSize = options.batchSize ?? 1000;
  const rebuildBatchSize = options.rebuildBatchSize ?? 10_000;
  const now = options.now ?? (() => new Date());
  const checkpoints = new Map<string, number>();
  const handles = new Map(projections.map((p) => [p.name, new Set(p.eventTypes)]));
  /** Where every projection stood after the last catch-up or rebuild: what waiters and `position()` see. */
  let processed = 0;

  const minCheckpoint = (subset: readonly Projection[]) => Math.min(...subset.map((p) => checkpoints.get(p.name) ?? 0));

  /**
   * Applies one batch of events to the projections that have not yet seen them. Checkpoints are
   * re-read inside the transaction: another process (a CLI rebuild, a second server) may have moved
   * them, and the database, not this process's memory, says what was applied. A projection whose
   * checkpoint is behind the batch's start is left for a later batch that starts where it stands.
   */
  const applyBatch = async (subset: readonly Projection[], events: readonly StoredEvent[]) => {
    const first = events[0].position;
    const last = events[events.length - 1].position;
    const committed = await db.transaction(async (tx) => {
      await options.fence?.(tx);
      const stored = await readCheckpoints(tx);
      const at = now().toISOString();
      const moved = new Map<string, number>();
      for (const p of subset) {
        const from = stored.get(p.name) ?? 0;
        if (from >= last || from < first - 1) {
          moved.set(p.name, from);
          continue;
        }
        const types = handles.get(p.name);
        for (const event of events) if (event.position > from && types?.has(event.type)) await p.apply(tx, event);
        await p.settle?.(tx);
        await writeCheckpoint(tx, p.name, last, at);
        moved.set(p.name, last);
      }
      return moved;
    });
    for (const [name, position] of committed) checkpoints.set(name, position);
  };

  const catchUp = async (subset: readonly Projection[], limit: number, onProgress?: (done: number) => void) => {
    for (;;) {
      const after = minCheckpoint(subset);
      const batch: StoredEvent[] = [];
      for await (const e of store.readAll({ after, limit })) batch.push(e);
      if (batch.length === 0) return;
      await applyBatch(subset, batch);
      onProgress?.(batch[batch.length - 1].position);
      // SQLite work is synchronous: without this a long catch-up or rebuild starves timers and requests.
      if (batch.length === limit) await new Promise((resolve) => setImmediate(resolve));
    }
  };

  // Catch-up runs and rebuilds never overlap: the loop runs both one at a time.
  const loop = createCatchUpLoop({
    store,
    pollMs: options.pollMs,
    reached: () => processed,
    run: async () => {
      try {
        await catchUp(projections, batchSize);
        return undefined;
      } catch (error) {
        console.error('projection run failed', error);
        return error;
      } finally {
        processed = minCheckpoint(projections);
        options.onProgress?.(processed);
      }
    },
  });

  return {
    start: async () => {
      for (const [name, position] of await readCheckpoints(db)) checkpoints.set(name, position);
      const failure = await loop.start();
      if (failure !== undefined) {
        await loop.stop();
        throw failure;
      }
    },
    waitFor: loop.waitFor,
    rebuild: async (names, onProgress, rebuildOptions = {}) => {
      const subset = names ? projections.filter((p) => names.includes(p.name)) : projections;
      const unknown = (names ?? []).filter((n) => !projections.some((p) => p.name === n));
      if (unknown.length) throw new Error(`unknown projection(s): ${unknown.join(', ')}`);
      await loop.exclusive(async () => {
        const total = await store.headPosition();
        await db.transaction(async (tx) => {
          await options.fence?.(tx);
          for (const p of subset) {
            for (const table of p.tables) await tx.run(`DELETE FROM ${table}`);
            await tx.run('DELETE FROM projection_checkpoints WHERE name = ?', [p.name]);
            checkpoints.set(p.name, 0);
          }
        });
        await catchUp(subset, rebuildOptions.batchSize ?? rebuildBatchSize, (done) => onProgress?.(done, total));
        processed = minCheckpoint(projections);
        options.onProgress?.(processed);
      });
    },
    position: () => processed,
    stop: () => loop.stop(),
  };
};
