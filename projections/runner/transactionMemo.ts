/**
 * Rows a projection read or wrote in the running transaction, by key, so that later events of the
 * same transaction need not read them again (a rebuild's transaction holds 50,000 events: a person's
 * employer is asked for by each of their certifications). Sound only for a table the projection alone
 * writes, every write of it telling the memo (`remember` or `forget`).
 *
 * Kept per database handle from the runner's `begin` to the next: a rolled-back transaction's rows are
 * dropped there. Before any `begin` (a handler called on its own) nothing is kept and every read goes
 * to the table.
 */
export interface TransactionMemo<D extends object, V> {
  /** The projection's `begin`: a transaction starts, knowing nothing. */
  readonly begin: (db: D) => void;
  /** What the transaction knows of `key`, else `read()`'s answer, kept. */
  readonly recall: (db: D, key: string, read: () => Promise<V>) => Promise<V>;
  /** The transaction wrote `value` for `key`. */
  readonly remember: (db: D, key: string, value: V) => void;
  /** The transaction changed `key` in a way it did not work out: read it again when next asked. */
  readonly forget: (db: D, key: string) => void;
}

export const transactionMemo = <D extends object, V>(): TransactionMemo<D, V> => {
  const byDb = new WeakMap<D, Map<string, V>>();
  return {
    begin: (db) => {
      byDb.set(db, new Map());
    },
    recall: async (db, key, read) => {
      const known = byDb.get(db);
      if (known?.has(key)) return known.get(key) as V;
      const value = await read();
      known?.set(key, value);
      return value;
    },
    remember: (db, key, value) => {
      byDb.get(db)?.set(key, value);
    },
    forget: (db, key) => {
      byDb.get(db)?.delete(key);
    },
  };
};
