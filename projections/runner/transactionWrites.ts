/**
 * Writes a projection gathers per key over the running transaction and makes once each in its
 * `settle`, instead of one statement per event: a rebuild's 50,000-event transaction adds to a
 * partner's employee count about nine times, and gives a person a new version with each of their
 * certifications. Sound only for columns nothing reads before the transaction commits but the settle.
 *
 * Kept per database handle from the runner's `begin` to the projection's `settle`; a rolled-back
 * transaction's are dropped at the next `begin`. Without a `begin` (a handler called on its own, or
 * after the settle) each value is written at once.
 */
export interface TransactionWrites<D extends object, V> {
  readonly begin: (db: D) => void;
  /** Gathers `value` for `key`; written now, by `write`, outside a transaction the runner began. */
  readonly add: (db: D, key: string, value: V) => Promise<unknown>;
  /** The projection's `settle`: writes each key's gathered value (none that needs no write) and forgets them. */
  readonly settle: (db: D) => Promise<void>;
}

export const transactionWrites = <D extends object, V>(options: {
  /** What the transaction holds for a key, and a later value for it: what it holds then. */
  readonly combine: (held: V, later: V) => V;
  readonly write: (db: D, key: string, value: V) => Promise<unknown>;
  /** A gathered value that changes nothing (a sum of zero). */
  readonly idle?: (value: V) => boolean;
}): TransactionWrites<D, V> => {
  const { combine, write, idle } = options;
  const byDb = new WeakMap<D, Map<string, V>>();
  return {
    begin: (db) => {
      byDb.set(db, new Map());
    },
    add: (db, key, value) => {
      const held = byDb.get(db);
      if (!held) return write(db, key, value);
      const before = held.get(key);
      held.set(key, before === undefined ? value : combine(before, value));
      return Promise.resolve();
    },
    settle: async (db) => {
      const held = byDb.get(db);
      byDb.delete(db);
      for (const [key, value] of held ?? []) if (!idle?.(value)) await write(db, key, value);
    },
  };
};

/** Amounts added to counters, summed per key over the transaction; a sum of zero is not written. */
export const transactionTally = <D extends object>(write: (db: D, key: string, amount: number) => Promise<unknown>) =>
  transactionWrites<D, number>({ combine: (held, later) => held + later, write, idle: (sum) => sum === 0 });
