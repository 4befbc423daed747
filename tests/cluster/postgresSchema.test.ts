/**
 * The migrations on PostgreSQL (cluster mode) against the table declarations, both ways, as
 * tests/projections/readModelSchema.test.ts holds them on SQLite: every declared table and column
 * exists with the PostgreSQL type its declaration maps to (jsonb for JSON, bigint for integers, text
 * compared byte-wise), nullability, default and primary key; every index SQLite has exists on the same
 * columns; and servers migrating an empty database at once apply each migration exactly once.
 */
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openPostgresPool } from '../../infra/sql/postgresPool.js';
import { sqlTypeOn, type Tables } from '../../infra/sql/tables.js';
import { migrateToLatest } from '../../migrations/migrateToLatest.js';
import { postgresMigrations } from '../../migrations/index.js';
import { tables } from '../../projections/readModels/database.js';
import { freshDatabase } from '../support/clusterTestApp.js';
import { startPostgres, type PostgresServer } from '../support/postgresServer.js';

/** Tables the declarations do not own: the log's (and its jsonb view), the migrator's, the cluster's secrets. */
const OWNED_ELSEWHERE = new Set([
  'events',
  'events_head',
  'events_json',
  'kysely_migration',
  'kysely_migration_lock',
  'platform_secrets',
]);

const test = suite<{ server: PostgresServer; url: string; pool: pg.Pool }>(
  'read-model declarations = migrated PostgreSQL',
);
test.before(async (ctx) => {
  ctx.server = await startPostgres();
  ctx.url = await freshDatabase(ctx.server);
  ctx.pool = openPostgresPool(ctx.url, { max: 2 });
  await migrateToLatest(new Kysely<unknown>({ dialect: new PostgresDialect({ pool: ctx.pool }) }), {
    dialect: 'postgres',
  });
});
test.after(async (ctx) => {
  await ctx.pool?.end();
  await ctx.server?.stop();
});

interface PgColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  collation_name: string | null;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
  is_identity: 'YES' | 'NO';
}

const typeOf = (c: PgColumn) => (c.collation_name === 'C' ? `${c.data_type} collate "C"` : c.data_type);

test('every declared table and column exists with its mapped type, nullability, default and key, and no other', async ({
  pool,
}) => {
  const { rows } = await pool.query<PgColumn>(
    `SELECT table_name, column_name, data_type, collation_name, is_nullable, column_default, is_identity
     FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const out: string[] = [];
  const actual = [...new Set(rows.map((r) => r.table_name))].filter((t) => !OWNED_ELSEWHERE.has(t));
  for (const name of actual) if (!tables[name as keyof typeof tables]) out.push(`${name}: table not declared`);
  const declared: Tables = tables;
  for (const [name, table] of Object.entries(declared)) {
    const columns = rows.filter((r) => r.table_name === name);
    if (columns.length === 0) {
      out.push(`${name}: declared, no such table`);
      continue;
    }
    for (const [column, d] of Object.entries(table.columns)) {
      const c = columns.find((x) => x.column_name === column);
      if (!c) {
        out.push(`${name}.${column}: declared, no such column`);
        continue;
      }
      const expected = sqlTypeOn('postgres', d.type);
      if (typeOf(c) !== expected) out.push(`${name}.${column}: declared ${expected}, is ${typeOf(c)}`);
      if (d.nullable !== (c.is_nullable === 'YES')) out.push(`${name}.${column}: nullability differs`);
      const hasDefault = c.column_default !== null || c.is_identity === 'YES';
      if (d.hasDefault !== hasDefault && !(c.is_identity === 'YES' && !d.hasDefault))
        out.push(`${name}.${column}: default differs (${c.column_default})`);
    }
    for (const c of columns) if (!table.columns[c.column_name]) out.push(`${name}.${c.column_name}: not declared`);
    const { rows: key } = await pool.query<{ column_name: string }>(
      `SELECT a.attname AS column_name FROM pg_index i
       JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
       WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY k.n`,
      [name],
    );
    if (key.map((k) => k.column_name).join() !== table.primaryKey.join())
      out.push(`${name}: primary key (${key.map((k) => k.column_name).join(', ')})`);
  }
  assert.equal(out, []);
});

test('every index of the SQLite read models exists on PostgreSQL over the same columns', async ({ pool }) => {
  const dir = mkdtempSync(join(tmpdir(), 'prm-schema-'));
  const db = new Database(join(dir, 'prm.db'));
  try {
    await migrateToLatest(new Kysely<unknown>({ dialect: new SqliteDialect({ database: db }) }));
    const sqliteIndexes = db
      .prepare(`SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`)
      .all() as { name: string; tbl_name: string }[];
    const { rows } = await pool.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()`,
    );
    const onPostgres = new Map(rows.map((r) => [r.indexname, r.indexdef]));
    const missing: string[] = [];
    for (const index of sqliteIndexes) {
      const def = onPostgres.get(index.name);
      if (!def) {
        missing.push(index.name);
        continue;
      }
      const columns = (db.prepare(`PRAGMA index_info(${index.name})`).all() as { name: string | null }[])
        .map((c) => c.name)
        .filter((c): c is string => c !== null);
      for (const c of columns) if (!def.includes(c)) missing.push(`${index.name}.${c}`);
    }
    assert.equal(missing, []);
    assert.ok(sqliteIndexes.length >= 40);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('three servers migrating an empty database at once apply every migration exactly once', async ({ server }) => {
  const url = await freshDatabase(server);
  const pools = [1, 2, 3].map(() => openPostgresPool(url, { max: 2 }));
  try {
    const applied = await Promise.all(
      pools.map((pool) =>
        migrateToLatest(new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) }), { dialect: 'postgres' }),
      ),
    );
    const total = applied.map((a) => a.length).reduce((a, b) => a + b, 0);
    assert.is(total, Object.keys(postgresMigrations).length, 'each migration applied by one server only');
    const { rows } = await pools[0].query<{ n: number }>('SELECT count(*) AS n FROM kysely_migration');
    assert.is(rows[0].n, Object.keys(postgresMigrations).length);
  } finally {
    await Promise.all(pools.map((p) => p.end()));
  }
});

test.run();
