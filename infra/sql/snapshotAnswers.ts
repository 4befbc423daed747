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

/** One statement's answers by parameters, and the parameters it was asked with once. */
interface Asked {
  readonly answers: Map<string, unknown>;
  readonly once: Set<string>;
}

export interface SnapshotAnswers {
  /** Called with each snapshot's data version (SQLite's `PRAGMA data_version`): another forgets every answer. */
  readonly at: (version: number) => void;
  /** The answer to `sql` with `params` in this version of the database: kept when asked twice, then not run. */
  readonly answer: <T>(sql: string, params: readonly unknown[], run: () => T) => T;
}

/**
 * What a read-only connection's statements answered, kept while no other connection has committed:
 * the read models change only with a commit, so until one, the same statement with the same
 * parameters answers the same rows. A read of a partner asks seven questions of the database; read a
 * third time before the next commit, it asks none (answers are kept from the second time). Any commit
 * forgets everything, so under a steady stream of commands few answers are reused: this serves
 * read-mostly hours, not a write-heavy minute.
 * At most `limit` rows are kept, the oldest answers dropped first; an answer of more than a quarter of
 * that is not kept. On the benchmark's store the answers of one partner's page (about eight rows) took
 * 2.7 KB of heap: 13 MB for all 4,943 partners, so the default holds a few thousand pages.
 * Answers are kept in sqliteReader's snapshots (see there).
 */
export const snapshotAnswers = (limit = 50_000): SnapshotAnswers => {
  let version: number | undefined;
  let rows = 0;
  // By statement, then by parameters: a statement's text is hashed once, not within every key.
  const statements = new Map<string, Asked>();
  /** Answers in the order they were kept, to drop the oldest first. */
  const order: { readonly of: Map<string, unknown>; readonly key: string; readonly size: number }[] = [];
  let oldest = 0;
  let askedOnce = 0;
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
      statements.clear();
      order.length = 0;
      oldest = 0;
      rows = 0;
      askedOnce = 0;
      version = now;
    },
    answer: <T>(sql: string, params: readonly unknown[], run: () => T): T => {
      let asked = statements.get(sql);
      if (asked === undefined) {
        if (!steady(sql)) return run();
        asked = { answers: new Map(), once: new Set() };
        statements.set(sql, asked);
      }
      if (!params.every(plain)) return run();
      const key = JSON.stringify(params);
      const known = asked.answers.get(key);
      if (known !== undefined || asked.answers.has(key)) return known as T;
      // Kept from the second time it is asked: rows read once (a random partner, any read between two
      // commits of a busy minute) cost neither memory nor the collector's promoting them.
      if (!asked.once.has(key)) {
        if (askedOnce >= limit * 4) {
          for (const s of statements.values()) s.once.clear();
          askedOnce = 0;
        }
        asked.once.add(key);
        askedOnce++;
        return run();
      }
      const fresh = freeze(run());
      keep(asked.answers, key, fresh);
      return fresh;
    },
  };
};
