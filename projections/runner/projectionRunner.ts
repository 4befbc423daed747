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
   * Events per transaction during a rebuild (default 50,000), read and applied in pages of `batchSize`:
   * each commit writes every page the transaction dirtied, and at a million events nearly every page
   * of the person-keyed tables is dirtied by 10,000 events already, so fewer, larger commits write far
   * less. A transaction of 50,000 holds the write lock for about 2.5 s on the 2-core machine.
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
  /**
   * Told of a catch-up that failed, after `onProgress` has said how far it got (it is retried on the next
   * append or poll): a worker's waiters hear of it.
   */
  readonly onFailure?: (error: unknown) => void;
}

/**
 * Runs projections in batches: each batch applies events and moves each projection's checkpoint in
 * one transaction, so every event is applied exactly once even across crashes.
 */
export const createProjectionRunner = (options: ProjectionRunnerOptions): ProjectionRunner => {
  const { store, db, projections } = options;
  const batchSize = options.batchSize ?? 1000;
  const rebuildBatchSize = options.rebuildBatchSize ?? 50_000;
  const now = options.now ?? (() => new Date());
  const checkpoints = new Map<string, number>();
  /**
   * For each event type, which projections (by their index) take it: looked up once per event, where a
   * set of types per projection was asked once per projection and event (22 of them in a rebuild).
   */
  const takers = new Map<string, Uint8Array>();
  const takersOf = (type: string) => {
    let found = takers.get(type);
    if (!found) {
      found = Uint8Array.from(projections, (p) => (p.eventTypes.includes(type) ? 1 : 0));
      takers.set(type, found);
    }
    return found;
  };
  const indexOf = new Map(projections.map((p, i) => [p, i]));
  /** Where every projection stood after the last catch-up or rebuild: what waiters and `position()` see. */
  let processed = 0;

  const minCheckpoint = (subset: readonly Projection[]) => Math.min(...subset.map((p) => checkpoints.get(p.name) ?? 0));

  const readPage = async (after: number, limit: number) => {
    const page: StoredEvent[] = [];
    for await (const e of store.readAll({ after, limit })) page.push(e);
    return page;
  };

  /**
   * Applies `first` and the log after it, page by page, up to `limit` events, to the projections that
   * have not yet seen them, moving their checkpoints in the same transaction: so the events a
   * transaction holds no longer sit in memory together, only a page (a million-event rebuild holding
   * 50,000 at a time peaked at 390 MB of RSS instead of 246 MB with 10,000).
   * Checkpoints are re-read inside the transaction: another process (a CLI rebuild, a second server)
   * may have moved them, and the database, not this process's memory, says what was applied. A
   * projection whose checkpoint is behind the first event is left for a later transaction that starts
   * where it stands. Answers where the transaction ended.
   */
  const applyFrom = async (
    subset: readonly Projection[],
    first: readonly StoredEvent[],
    pageSize: number,
    limit: number,
  ) => {
    const after = first[0].position - 1;
    let last = after;
    const committed = await db.transaction(async (tx) => {
      await options.fence?.(tx);
      const stored = await readCheckpoints(tx);
      const from = new Map(subset.map((p) => [p.name, stored.get(p.name) ?? 0]));
      const taking = subset.filter((p) => (from.get(p.name) ?? 0) >= after);
      for (const p of taking) p.begin?.(tx);
      let page = first;
      for (let count = 0; ; ) {
        const wanted = page.map((event) => takersOf(event.type));
        for (const p of taking) {
          const seen = from.get(p.name) ?? 0;
          const index = indexOf.get(p) ?? -1;
          for (let k = 0; k < page.length; k++)
            if (wanted[k][index] === 1 && page[k].position > seen) await p.apply(tx, page[k]);
        }
        count += page.length;
        last = page[page.length - 1].position;
        // A short page is the log's end: a live catch-up of a few events reads the log once.
        if (page.length < pageSize || count >= limit) break;
        page = await readPage(last, Math.min(pageSize, limit - count));
        if (page.length === 0) break;
      }
      const at = now().toISOString();
      const moved = new Map<string, number>();
      for (const p of subset) {
        const seen = from.get(p.name) ?? 0;
        if (seen >= last || !taking.includes(p)) {
          moved.set(p.name, seen);
          continue;
        }
        await p.settle?.(tx);
        await writeCheckpoint(tx, p.name, last, at);
        moved.set(p.name, last);
      }
      return moved;
    });
    for (const [name, position] of committed) checkpoints.set(name, position);
    return last;
  };

  /** Pages of `page` events, up to `limit` per transaction; a live catch-up's page is its whole transaction. */
  const catchUp = async (
    subset: readonly Projection[],
    limit: number,
    page = limit,
    onProgress?: (done: number) => void,
  ) => {
    const pageSize = Math.min(page, limit);
    for (;;) {
      const first = await readPage(minCheckpoint(subset), pageSize);
      if (first.length === 0) return;
      const last = await applyFrom(subset, first, pageSize, limit);
      onProgress?.(last);
      // SQLite work is synchronous: without this a long catch-up or rebuild starves timers and requests.
      if (first.length === pageSize) await new Promise((resolve) => setImmediate(resolve));
    }
  };

  // Catch-up runs and rebuilds never overlap: the loop runs both one at a time.
  const loop = createCatchUpLoop({
    store,
    pollMs: options.pollMs,
    reached: () => processed,
    run: async () => {
      let failure: unknown;
      try {
        await catchUp(projections, batchSize);
      } catch (error) {
        console.error('projection run failed', error);
        failure = error;
      }
      // Batches committed before a failure count: waiters up to them resolve, only those beyond are refused.
      processed = minCheckpoint(projections);
      options.onProgress?.(processed);
      if (failure !== undefined) options.onFailure?.(failure);
      return failure;
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
        await catchUp(subset, rebuildOptions.batchSize ?? rebuildBatchSize, batchSize, (done) =>
          onProgress?.(done, total),
        );
        processed = minCheckpoint(projections);
        options.onProgress?.(processed);
      });
    },
    position: () => processed,
    stop: () => loop.stop(),
  };
};
