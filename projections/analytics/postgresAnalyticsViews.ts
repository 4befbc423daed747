import { createHash } from 'node:crypto';
import type { AnalyticsView } from './analyticsView.js';
import { analyticsViewDdl, analyticsViewVersions } from './analyticsViews.js';

/** What the sync needs of a PostgreSQL connection (a pg client; one connection, for the transaction). */
export interface PostgresQueryable {
  readonly query: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
}

const MARK = 'prm analytics views ';

/**
 * The analytics views on PostgreSQL (cluster mode), in their own schema over the read models in
 * `public`: the same names and columns as on SQLite, with PostgreSQL's types. As on SQLite they follow
 * the declarations at every start: the schema's comment holds a fingerprint of the DDL, so a start that
 * finds it equal writes nothing; otherwise, under an advisory lock (servers start side by side), every
 * view of the schema is dropped and created again in one transaction, which readers never see half done.
 * A view of an analyst's own built over them is dropped with them (CASCADE) when they change.
 */
export const syncPostgresAnalyticsViews = async (
  client: PostgresQueryable,
  schema = 'analytics',
  versions: readonly AnalyticsView[] = analyticsViewVersions,
): Promise<boolean> => {
  const ddl = analyticsViewDdl('postgres', { schema, versions });
  const mark =
    MARK +
    createHash('sha256')
      .update(ddl.map((d) => d.sql).join(';\n'))
      .digest('hex');
  const current = async () =>
    (
      await client.query(`SELECT obj_description(oid, 'pg_namespace') AS mark FROM pg_namespace WHERE nspname = $1`, [
        schema,
      ])
    ).rows[0]?.mark;
  if ((await current()) === mark) return false;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [MARK + schema]);
    if ((await current()) === mark) {
      await client.query('COMMIT');
      return false;
    }
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    const existing = await client.query('SELECT viewname FROM pg_views WHERE schemaname = $1', [schema]);
    for (const v of existing.rows) await client.query(`DROP VIEW IF EXISTS ${schema}."${String(v.viewname)}" CASCADE`);
    for (const v of ddl) await client.query(v.sql);
    await client.query(`COMMENT ON SCHEMA ${schema} IS '${mark}'`);
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
};
