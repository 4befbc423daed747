import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { PreparedSql, SqlDb, TransactionalSqlDb } from './sqlDb.js';

/** `?` placeholders (outside quoted text) renumbered `$1`, `$2`…, once per statement text. */
export const toPositional = (sql: string): string => {
  let n = 0;
  let out = '';
  let quote: string | undefined;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '?') {
      n += 1;
      out += `$${n}`;
      continue;
    }
    out += ch;
  }
  return out;
};

interface Statement {
  readonly name: string;
  readonly text: string;
}
const statements = new Map<string, Statement>();
/**
 * A named statement per text: each connection parses and plans it once, then only binds values (the
 * runner's statements run thousands of times per batch).
 */
const statementOf = (sql: string): Statement => {
  let s = statements.get(sql);
  if (!s) {
    s = { name: `prm_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`, text: toPositional(sql) };
    statements.set(sql, s);
  }
  return s;
};

/** Booleans become 0/1, as on SQLite: the columns are integers on both. */
const bind = (params: readonly unknown[]): unknown[] => params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p));

interface Queryable {
  query: PoolClient['query'];
}

const statementsOn = (db: Queryable): SqlDb => {
  const exec = (s: Statement, params: readonly unknown[]) =>
    db.query({ name: s.name, text: s.text, values: bind(params) });
  const prepared = (sql: string): PreparedSql => {
    const s = statementOf(sql);
    return {
      run: async (params) => (await exec(s, params)).rowCount ?? 0,
      get: async <T>(params: readonly unknown[]) => (await exec(s, params)).rows[0] as T | undefined,
      all: async <T>(params: readonly unknown[]) => (await exec(s, params)).rows as T[],
    };
  };
  return {
    run: async (sql, params = []) => ({ changes: (await exec(statementOf(sql), params)).rowCount ?? 0 }),
    get: async <T>(sql: string, params: readonly unknown[] = []) =>
      (await exec(statementOf(sql), params)).rows[0] as T | undefined,
    all: async <T>(sql: string, params: readonly unknown[] = []) => (await exec(statementOf(sql), params)).rows as T[],
    prepare: prepared,
  };
};

/**
 * The SqlDb of read models on PostgreSQL: statements outside a transaction take any pooled
 * connection; a transaction holds one connection from BEGIN to COMMIT. Each connection keeps one
 * SqlDb (a WeakMap), so the typed statements built over it (readModelDb) live as long as it does.
 */
export const postgresSqlDb = (pool: Pool): TransactionalSqlDb => {
  const byClient = new WeakMap<PoolClient, SqlDb>();
  const onClient = (client: PoolClient) => {
    let db = byClient.get(client);
    if (!db) {
      db = statementsOn(client);
      byClient.set(client, db);
    }
    return db;
  };
  return {
    ...statementsOn(pool),
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(onClient(client));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        const rolledBack = await client.query('ROLLBACK').then(
          () => true,
          () => false,
        );
        // A connection in an unknown state (the server went away mid-way) is destroyed, not reused.
        client.release(rolledBack ? undefined : error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
    },
  };
};
