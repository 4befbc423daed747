/**
 * The analytics views on PostgreSQL in cluster mode: a real PostgreSQL 15 (the harness's) gets cluster
 * mode's read-model tables (its migrations; JSON columns as jsonb) filled with a copy of a seeded SQLite
 * store; syncPostgresAnalyticsViews creates the `analytics` schema; every view then holds
 * the same rows as on SQLite (instants as timestamptz, percentages as numeric), every README statement
 * runs there unchanged through postgresAnalyticsSource and returns as many rows, and writes are refused.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isAnalyticsQueryRefused } from '../../infra/sql/analyticsSource.js';
import { postgresAnalyticsSource } from '../../infra/sql/postgresAnalyticsSource.js';
import { sqliteAnalyticsSource } from '../../infra/sql/sqliteAnalyticsSource.js';
import type { AnalyticsSource } from '../../infra/sql/analyticsSource.js';
import type { Table } from '../../infra/sql/tables.js';
import { migrateToLatest } from '../../migrations/migrateToLatest.js';
import { analyticsViewVersions, currentAnalyticsViews } from '../../projections/analytics/analyticsViews.js';
import type { AnalyticsType } from '../../projections/analytics/analyticsView.js';
import { syncPostgresAnalyticsViews } from '../../projections/analytics/postgresAnalyticsViews.js';
import { tables } from '../../projections/readModels/database.js';
import { startPostgres, type PostgresServer } from '../support/postgresServer.js';
import { readmeSqlStatements } from '../support/readmeSql.js';
import { analyticsSeed, type AnalyticsSeed } from './analyticsSeed.js';

// Days stay text, bigint and numeric arrive as strings: the comparison below normalises both sides.
pg.types.setTypeParser(1082, (v) => v);

/** The read models as cluster mode creates them (its PostgreSQL migrations), with the seeded store's rows. */
const copyReadModels = async (s: AnalyticsSeed, pool: pg.Pool) => {
  await migrateToLatest(new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) }), { dialect: 'postgres' });
  for (const table of Object.values(tables) as Table[]) {
    const columns = Object.keys(table.columns);
    await pool.query(`DELETE FROM ${table.name}`);
    const rows = await s.platform.reader.all<Record<string, unknown>>(`SELECT * FROM ${table.name}`);
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const values = chunk.map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
      await pool.query(
        `INSERT INTO ${table.name} (${columns.join(', ')}) VALUES ${values.join(', ')}`,
        chunk.flatMap((row) => columns.map((n) => row[n])),
      );
    }
  }
};

const read = async (source: AnalyticsSource, sql: string) => {
  const result = await source.query(sql);
  const out: Record<string, unknown>[] = [];
  for await (const batch of result.batches)
    for (const r of batch) out.push(Object.fromEntries(result.columns.map((c, i) => [c, r[i]])));
  return out;
};

/** A value as analysts compare it, whichever database it came from. */
const normalise = (type: AnalyticsType, v: unknown): unknown => {
  if (v === null || v === undefined) return null;
  if (type === 'instant') return v instanceof Date ? v.toISOString() : v;
  if (type === 'json') return typeof v === 'string' ? JSON.parse(v) : v;
  if (type === 'integer' || type === 'decimal' || type === 'flag') return Number(v);
  return v;
};

/** JSON with object keys sorted: jsonb keeps its own key order. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => p.localeCompare(q)))
      : x,
  );

const test = suite<{ s: AnalyticsSeed; server: PostgresServer; pool: pg.Pool }>('analytics views on PostgreSQL');
test.before(async (ctx) => {
  [ctx.s, ctx.server] = await Promise.all([analyticsSeed({ partners: 8, seed: 23 }), startPostgres()]);
  ctx.pool = new pg.Pool({ connectionString: ctx.server.url, max: 4 });
  await copyReadModels(ctx.s, ctx.pool);
});
test.after(async (ctx) => {
  await ctx.pool?.end();
  await ctx.server?.stop();
  await ctx.s?.dispose();
});

test('the schema analytics is created once, and again only when the declarations change', async ({ pool }) => {
  const client = await pool.connect();
  try {
    assert.ok(await syncPostgresAnalyticsViews(client));
    assert.not.ok(await syncPostgresAnalyticsViews(client), 'nothing written when the views match');
    const { rows } = await client.query(`SELECT COUNT(*)::int AS n FROM pg_views WHERE schemaname = 'analytics'`);
    assert.is(rows[0].n, analyticsViewVersions.length + currentAnalyticsViews.length);
  } finally {
    client.release();
  }
});

test('every view holds the same rows as on SQLite, with PostgreSQL types', async ({ s, pool }) => {
  const onPostgres = postgresAnalyticsSource(pool);
  const { rows: types } = await pool.query(
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'analytics'`,
  );
  const problems: string[] = [];
  for (const v of currentAnalyticsViews) {
    const columns = Object.entries(v.columns);
    // The clock and the days from now move between the two reads: days are compared within a tenth.
    const rowsOf = async (source: AnalyticsSource) =>
      (await read(source, `SELECT * FROM ${v.name}`))
        .map((r) => columns.map(([name, c]) => normalise(c.type, r[name])))
        .sort((a, b) => canonical(a).localeCompare(canonical(b)));
    const [lite, post] = await Promise.all([rowsOf(sqliteAnalyticsSource(s.file)), rowsOf(onPostgres)]);
    if (lite.length !== post.length) problems.push(`${v.name}: ${lite.length} rows on SQLite, ${post.length}`);
    lite.forEach((row, i) => {
      columns.forEach(([name], c) => {
        const [a, b] = [row[c], post[i]?.[c]];
        if (v.name === 'analytics_clock') return;
        const same = name.startsWith('days_')
          ? a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 0.1)
          : canonical(a) === canonical(b);
        if (!same && problems.length < 20) problems.push(`${v.name}.${name}: ${canonical(a)} vs ${canonical(b)}`);
      });
    });
    for (const [name, c] of columns) {
      const t = types.find((x) => x.table_name === v.name && x.column_name === name)?.data_type;
      const expected = {
        text: 'text',
        integer: 'bigint',
        decimal: 'numeric',
        instant: 'timestamp with time zone',
        date: 'date',
        json: 'jsonb',
        flag: 'integer',
      }[c.type];
      if (t !== expected) problems.push(`${v.name}.${name}: ${t}, declared ${c.type}`);
    }
  }
  assert.equal(problems, []);
});

test('every README statement runs unchanged on PostgreSQL and returns as many rows as on SQLite', async ({
  s,
  pool,
}) => {
  const failures: string[] = [];
  for (const st of readmeSqlStatements()) {
    try {
      // PostgreSQL's own (```postgresql): it runs; SQLite has nothing to compare with.
      if (st.dialect === 'postgres') {
        await read(postgresAnalyticsSource(pool), st.sql);
        continue;
      }
      const [lite, post] = [
        await read(sqliteAnalyticsSource(s.file), st.sql),
        await read(postgresAnalyticsSource(pool), st.sql),
      ];
      if (lite.length !== post.length)
        failures.push(
          `README.md:${st.line} (${st.title}): ${lite.length} rows on SQLite, ${post.length} on PostgreSQL`,
        );
    } catch (e) {
      failures.push(`README.md:${st.line} (${st.title}): ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  assert.equal(failures, []);
});

test('the PostgreSQL source refuses writes and reports bad SQL, reading in batches', async ({ pool }) => {
  const source = postgresAnalyticsSource(pool);
  for (const sql of [
    'DELETE FROM deals',
    'DROP VIEW analytics.analytics_deals',
    'CREATE TABLE x (y int)',
    'WITH gone AS (DELETE FROM deals RETURNING deal_id) SELECT * FROM gone',
  ])
    await source.query(sql).then(
      () => assert.unreachable(sql),
      (e) => assert.ok(isAnalyticsQueryRefused(e) && e.reason === 'writes', `${sql}: ${String(e)}`),
    );
  await source.query('SELEC 1').then(
    () => assert.unreachable(),
    (e) => assert.ok(isAnalyticsQueryRefused(e) && e.reason === 'invalid', String(e)),
  );
  assert.ok(Number((await pool.query('SELECT COUNT(*) AS n FROM deals')).rows[0].n) > 0, 'nothing was deleted');
  const batched = await source.query('SELECT deal_id FROM analytics_deals ORDER BY deal_id', [], 100);
  let batches = 0;
  let count = 0;
  for await (const batch of batched.batches) {
    batches += 1;
    count += batch.length;
  }
  const total = Number((await pool.query('SELECT COUNT(*) AS n FROM deals')).rows[0].n);
  assert.is(count, total);
  assert.is(batches, Math.ceil(total / 100));
});

test.run();
