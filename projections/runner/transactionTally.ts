/**
 * Amounts a projection adds to counters (a partner's employees) summed per key over the running
 * transaction and written once each in its `settle`, instead of one statement per event: a
 * rebuild's 50,000-event transaction adds to a partner's count about nine times. Sound only for a
 * column nothing reads before the transaction commits but the settle itself.
 *
 * Kept per database handle from the runner's `begin` to the projection's `settle`; a rolled-back
 * transaction's sums are dropped at the next `begin`. Without a `begin` (a handler called on its
 * own, or after the settle) each amount is written at once.
 */
export interface TransactionTally<D extends object> {
  readonly begin: (db: D) => void;
  /** Adds `amount` to `key`'s counter: now, by `write`, outside a transaction the runner began. */
  readonly add: (db: D, key: string, amount: number) => Promise<unknown>;
  /** The projection's `settle`: writes each key's sum (none that came to zero) and forgets them. */
  readonly settle: (db: D) => Promise<void>;
}

export const transactionTally = <D extends object>(
  write: (db: D, key: string, amount: number) => Promise<unknown>,
): TransactionTally<D> => {
  const byDb = new WeakMap<D, Map<string, number>>();
  return {
    begin: (db) => {
      byDb.set(db, new Map());
    },
    add: (db, key, amount) => {
      const sums = byDb.get(db);
      if (!sums) return write(db, key, amount);
      sums.set(key, (sums.get(key) ?? 0) + amount);
      return Promise.resolve();
    },
    settle: async (db) => {
      const sums = byDb.get(db);
      byDb.delete(db);
      for (const [key, amount] of sums ?? []) if (amount !== 0) await write(db, key, amount);
    },
  };
};
