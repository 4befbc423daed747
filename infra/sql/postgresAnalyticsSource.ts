import type pg from 'pg';
import { messageOf } from '../messageOf.js';
import { AnalyticsQueryRefused, WRITES_REFUSED, type AnalyticsRows, type AnalyticsSource } from './analyticsSource.js';

const codeOf = (e: unknown) => (e as { code?: string } | null)?.code;
/** The first keyword of a statement, comments and parentheses skipped. */
const firstWord = (sql: string) =>
  /^\w+/.exec(sql.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/|\()*/, ''))?.[0].toLowerCase() ?? '';
/** Statements that change something: PostgreSQL refuses them in a cursor with a mere syntax error. */
const WRITES = new Set([
  ...['insert', 'update', 'delete', 'merge', 'drop', 'create', 'alter', 'truncate', 'grant', 'revoke'],
  ...['copy', 'comment', 'vacuum', 'analyze', 'call', 'do', 'lock', 'refresh', 'reindex', 'cluster', 'import'],
]);
/** Read-only transaction (25006), or a data-modifying WITH in a cursor. */
const refusedAsWrite = (e: unknown, sql: string) =>
  codeOf(e) === '25006' || /data-modifying/.test(messageOf(e)) || WRITES.has(firstWord(sql));

/**
 * The same on PostgreSQL (cluster mode): a READ ONLY transaction whose search_path finds the views in
 * the `analytics` schema first (so the README's queries run unchanged), and a server-side cursor so that
 * an export streams in batches from one snapshot. PostgreSQL refuses writes in a read-only transaction
 * (25006) and a cursor over anything but a query.
 */
export const postgresAnalyticsSource = (pool: pg.Pool, schema = 'analytics'): AnalyticsSource => ({
  dialect: 'postgres',
  query: async (sql, params = [], batchSize = 500): Promise<AnalyticsRows> => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (e) {
      throw new AnalyticsQueryRefused('unavailable', `cannot reach PostgreSQL: ${messageOf(e)}`);
    }
    let open = true;
    const close = async () => {
      if (!open) return;
      open = false;
      await client.query('ROLLBACK').catch(() => undefined);
      client.release();
    };
    const fetch = () => client.query({ text: `FETCH FORWARD ${batchSize} FROM prm_analytics`, rowMode: 'array' });
    let first: pg.QueryResult<unknown[]>;
    try {
      await client.query('BEGIN READ ONLY');
      await client.query(`SET LOCAL search_path TO ${schema}, public`);
      await client.query(`DECLARE prm_analytics NO SCROLL CURSOR FOR ${sql}`, [...params]);
      first = await fetch();
    } catch (e) {
      await close();
      if (refusedAsWrite(e, sql)) throw new AnalyticsQueryRefused('writes', WRITES_REFUSED);
      throw new AnalyticsQueryRefused('invalid', messageOf(e));
    }
    async function* batches() {
      try {
        for (let page = first; page.rows.length > 0; page = await fetch()) {
          yield page.rows;
          if (page.rows.length < batchSize) break;
        }
      } finally {
        await close();
      }
    }
    return { columns: first.fields.map((f) => f.name), batches: batches(), close };
  },
});
