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

/** One statement's answers by parameters, and the seed of its questions' hashes. */
interface Asked {
  readonly answers: Map<string, unknown>;
  readonly seed: number;
}

/**
 * Slots of the filter that tells a question asked before in this version: a question marks its
 * hash's slot with the version's generation. Two questions sharing a slot only make the second kept
 * the first time it is asked; a slot costs 2 bytes.
 */
const SLOTS = 1 << 18;

/** FNV-1a over the parameters' text, seeded by the statement; no key is built for it. */
const slotOf = (seed: number, params: readonly unknown[]) => {
  let h = Math.imul(seed ^ 0x811c9dc5, 16777619);
  for (const p of params) {
    const isText = typeof p === 'string';
    const text = isText ? p : String(p);
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    // The separator tells 1 from '1'.
    h = Math.imul(h ^ (isText ? 0x1f : 0x1e), 16777619);
  }
  return (h ^ (h >>> 15)) & (SLOTS - 1);
};

/** An answer's key among its statement's: JSON tells 1 from '1'; all rows and the first are told apart. */
const keyOf = (params: readonly unknown[], many: boolean) =>
  many ? `*${JSON.stringify(params)}` : JSON.stringify(params);

/** Rows of answers kept unless told otherwise (`PRM_READ_CACHE_ROWS`). */
export const DEFAULT_ANSWER_ROWS = 50_000;

export interface SnapshotAnswers {
  /** Called with each snapshot's data version (SQLite's `PRAGMA data_version`): another forgets every answer. */
  readonly at: (version: number) => void;
  /**
   * The answer to `sql` with `params` in this version of the database, all its rows when `many` (else
   * the first): kept when asked twice, then not run.
   */
  readonly answer: <T>(sql: string, params: readonly unknown[], many: boolean, run: () => T) => T;
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
export const snapshotAnswers = (limit = DEFAULT_ANSWER_ROWS): SnapshotAnswers => {
  let version: number | undefined;
  let rows = 0;
  // By statement, then by parameters: a statement's text is hashed once, not within every key.
  const statements = new Map<string, Asked>();
  /** Answers in the order they were kept, to drop the oldest first. */
  const order: { readonly of: Map<string, unknown>; readonly key: string; readonly size: number }[] = [];
  let oldest = 0;
  const stamps = new Uint16Array(SLOTS);
  let generation = 1;
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
      generation = (generation + 1) & 0xffff || 1;
      version = now;
    },
    answer: <T>(sql: string, params: readonly unknown[], many: boolean, run: () => T): T => {
      let asked = statements.get(sql);
      if (asked === undefined) {
        if (!steady(sql)) return run();
        asked = { answers: new Map(), seed: statements.size + 1 };
        statements.set(sql, asked);
      }
      if (!params.every(plain)) return run();
      // Looked up first: once answers are kept, most questions are asked again.
      const key = asked.answers.size > 0 ? keyOf(params, many) : undefined;
      if (key !== undefined) {
        const known = asked.answers.get(key);
        if (known !== undefined || asked.answers.has(key)) return known as T;
      }
      // Kept from the second time it is asked: rows read once (a random partner, any read between two
      // commits of a busy minute) cost neither memory nor the collector's promoting them.
      const slot = slotOf(asked.seed * 2 + (many ? 1 : 0), params);
      if (stamps[slot] !== generation) {
        stamps[slot] = generation;
        return run();
      }
      const fresh = freeze(run());
      keep(asked.answers, key ?? keyOf(params, many), fresh);
      return fresh;
    },
  };
};
