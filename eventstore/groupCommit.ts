/**
 * Collects work that arrives in the same turn of the event loop and runs it as one batch,
 * so that commands arriving together share one transaction and one fsync.
 * Shared by the SQLite and PostgreSQL adapters.
 */
export interface GroupCommit<I, O> {
  readonly submit: (item: I) => Promise<O>;
  /** Resolves once everything submitted so far has been run. */
  readonly drain: () => Promise<void>;
}

export interface GroupCommitOptions {
  /**
   * Run one batch at a time; work that arrives meanwhile waits and forms the next batch.
   * For adapters whose batches take round trips (PostgreSQL): otherwise every tick during a
   * commit would start its own tiny transaction, each queueing for the same lock.
   */
  readonly serial?: boolean;
  /** Upper bound on items per batch (the rest go into the next one); default unbounded. */
  readonly maxBatch?: number;
}

interface Pending<I, O> {
  readonly item: I;
  readonly resolve: (o: O) => void;
  readonly reject: (e: unknown) => void;
}

/** `runBatch` returns one result per item: a value or an Error to reject that item with. */
export const createGroupCommit = <I, O>(
  runBatch: (items: readonly I[]) => Promise<ReadonlyArray<O | Error>>,
  options: GroupCommitOptions = {},
): GroupCommit<I, O> => {
  const maxBatch = options.maxBatch ?? Number.POSITIVE_INFINITY;
  let queue: Pending<I, O>[] = [];
  let scheduled = false;
  let running = 0;
  let idle: (() => void)[] = [];

  const schedule = () => {
    if (scheduled || queue.length === 0 || (options.serial && running > 0)) return;
    scheduled = true;
    setImmediate(flush);
  };

  const flush = async () => {
    scheduled = false;
    const batch = queue.length > maxBatch ? queue.splice(0, maxBatch) : queue;
    if (batch === queue) queue = [];
    running++;
    try {
      const results = await runBatch(batch.map((p) => p.item));
      batch.forEach((p, i) => {
        const r = results[i];
        if (r instanceof Error) p.reject(r);
        else p.resolve(r as O);
      });
    } catch (error) {
      for (const p of batch) p.reject(error);
    } finally {
      running--;
      schedule();
      if (running === 0 && queue.length === 0 && !scheduled) {
        const waiting = idle;
        idle = [];
        for (const w of waiting) w();
      }
    }
  };

  return {
    submit: (item) =>
      new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        schedule();
      }),
    drain: () =>
      running === 0 && queue.length === 0 && !scheduled
        ? Promise.resolve()
        : new Promise<void>((resolve) => idle.push(resolve)),
  };
};
