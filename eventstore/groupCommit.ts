/**
 * Collects work that arrives in the same turn of the event loop and runs it as one batch,
 * so that commands arriving together share one transaction and one fsync.
 */
export interface GroupCommit<I, O> {
  readonly submit: (item: I) => Promise<O>;
}

interface Pending<I, O> {
  readonly item: I;
  readonly resolve: (o: O) => void;
  readonly reject: (e: unknown) => void;
}

/** `runBatch` returns one result per item: a value or an Error to reject that item with. */
export const createGroupCommit = <I, O>(
  runBatch: (items: readonly I[]) => Promise<ReadonlyArray<O | Error>>,
): GroupCommit<I, O> => {
  let queue: Pending<I, O>[] = [];
  let scheduled = false;

  const flush = async () => {
    scheduled = false;
    const batch = queue;
    queue = [];
    try {
      const results = await runBatch(batch.map((p) => p.item));
      batch.forEach((p, i) => {
        const r = results[i];
        if (r instanceof Error) p.reject(r);
        else p.resolve(r as O);
      });
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  };

  return {
    submit: (item) =>
      new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      }),
  };
};
