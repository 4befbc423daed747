/** Statements whose answer depends on more than the database and the parameters. */
const VOLATILE = /random\s*\(|'now'|current_(timestamp|date|time)|changes\s*\(|last_insert_rowid/i;

/** Rows are shared by every read that asks the same question: frozen, so that none can alter another's. */
const freeze = <T>(answer: T): T => {
  if (Array.isArray(answer)) {
    for (const row of answer) Object.freeze(row);
    return Object.freeze(answer);
  }
  return answer === undefined ? answer : Object.freeze(answer);
};

/** Parameters a key can be written from without ambiguity (JSON tells 1 from '1'). */
const plain = (p: unknown) => p === null || typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean';

/** What an answer counts against the limit: its rows, at least one. */
const weight = (answer: unknown) => (Array.isArray(answer) ? Math.max(answer.length, 1) : 1);

export interface SnapshotAnswers {
  /** Called with each snapshot's data version (SQLite's `PRAGMA data_version`): another forgets every answer. */
  readonly at: (version: number) => void;
  /** The answer to `sql` with `params` in this version of the database, asked of `run` only the first time. */
  readonly answer: <T>(sql: string, params: readonly unknown[], run: () => T) => T;
}

/**
 * What a read-only connection's statements answered, kept while no other connection has committed:
 * the read models change only with a commit, so until one, the same statement with the same
 * parameters answers the same rows. A read of a partner asks seven questions of the database; asked
 * again before the next commit, it asks none. Any commit forgets everything, so under a steady stream
 * of commands few answers are reused: this serves read-mostly hours, not a write-heavy minute.
 * At most `limit` rows are kept (about 1 KB each), the oldest answers dropped first; an answer of more
 * than a quarter of that is not kept.
 */
export const snapshotAnswers = (limit = 50_000): SnapshotAnswers => {
  let version: number | undefined;
  let rows = 0;
  // By statement, then by parameters: a statement's text is hashed once, not within every key.
  const answers = new Map<string, Map<string, unknown>>();
  /** Answers in the order they were kept, to drop the oldest first. */
  const order: { readonly of: Map<string, unknown>; readonly key: string; readonly size: number }[] = [];
  let oldest = 0;
  const cacheable = new Map<string, boolean>();
  const steady = (sql: string) => {
    const known = cacheable.get(sql);
    if (known !== undefined) return known;
    const ok = !VOLATILE.test(sql);
    cacheable.set(sql, ok);
    return ok;
  };
  const keep = (of: Map<string, unknown>, key: string, value: unknown) => {
    const size = weight(value);
    if (size > limit / 4) return;
    while (rows + size > limit) {
      const old = order[oldest++];
      old.of.delete(old.key);
      rows -= old.size;
    }
    if (oldest > order.length / 2) {
      order.splice(0, oldest);
      oldest = 0;
    }
    of.set(key, value);
    order.push({ of, key, size });
    rows += size;
  };
  return {
    at: (now) => {
      if (now === version) return;
      answers.clear();
      order.length = 0;
      oldest = 0;
      rows = 0;
      version = now;
    },
    answer: <T>(sql: string, params: readonly unknown[], run: () => T): T => {
      let of = answers.get(sql);
      if (of === undefined) {
        if (!steady(sql)) return run();
        of = new Map();
        answers.set(sql, of);
      }
      if (!params.every(plain)) return run();
      const key = JSON.stringify(params);
      const known = of.get(key);
      if (known !== undefined || of.has(key)) return known as T;
      const fresh = freeze(run());
      keep(of, key, fresh);
      return fresh;
    },
  };
};
