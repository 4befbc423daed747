import type { Database } from 'better-sqlite3';

interface Probe {
  readonly streamId: string;
  readonly resolve: (version: number) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Stream versions asked for in the same wave of microtasks, read together in one read transaction.
 * Outside a transaction every statement takes and gives back WAL's read lock, which costs more on this
 * VM than the index probe itself; 64 commands deciding together each probe their aggregate's version
 * (the cache's freshness check), so they share one lock. Each answer is read after it was asked for,
 * as fresh as a probe of its own; one probe alone runs as before.
 */
export const versionProbes = (db: Database, select: (streamId: string) => number) => {
  const begin = db.prepare('BEGIN');
  const commit = db.prepare('COMMIT');
  let pending: Probe[] = [];
  const answer = (probes: readonly Probe[]) => {
    for (const p of probes) {
      try {
        p.resolve(select(p.streamId));
      } catch (error) {
        p.reject(error);
      }
    }
  };
  const flush = () => {
    const probes = pending;
    pending = [];
    // Inside someone's transaction (or alone) the reads need no transaction of their own.
    const together = probes.length > 1 && !db.inTransaction;
    try {
      if (together) begin.run();
    } catch (error) {
      for (const p of probes) p.reject(error);
      return;
    }
    answer(probes);
    if (!together || !db.inTransaction) return;
    try {
      commit.run();
    } catch {
      // Ending a read can only fail with the connection itself; the answers stand either way.
      if (db.inTransaction) db.exec('ROLLBACK');
    }
  };
  return (streamId: string) =>
    new Promise<number>((resolve, reject) => {
      if (pending.length === 0) queueMicrotask(flush);
      pending.push({ streamId, resolve, reject });
    });
};
