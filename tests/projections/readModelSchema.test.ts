/**
 * The table declarations (projections/readModels) against a freshly migrated SQLite file, both ways:
 * every table and column the migrations made is declared, every declared one exists, with the same
 * nullability, declared type (hence affinity), default and primary key. Row types derive from the
 * declarations, so a migration that drifts from them fails here rather than in a query.
 */
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { EVENT_COLUMNS } from '../../eventstore/eventRow.js';
import type { Column, Tables } from '../../infra/sql/tables.js';
import { migrateToLatest } from '../../migrations/migrateToLatest.js';
import { tables } from '../../projections/readModels/database.js';

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

/** Tables the declarations do not own: the event store's log, and the migrator's bookkeeping. */
const OWNED_ELSEWHERE = new Set(['events', 'kysely_migration', 'kysely_migration_lock']);

/** SQLite's type affinity of a declared type (https://sqlite.org/datatype3.html §3.1). */
const affinity = (declared: string) => {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'INTEGER';
  if (/CHAR|CLOB|TEXT/.test(t)) return 'TEXT';
  if (t === '' || t.includes('BLOB')) return 'BLOB';
  if (/REAL|FLOA|DOUB/.test(t)) return 'REAL';
  return 'NUMERIC';
};

const actualTables = (db: Database.Database) =>
  (
    db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string }[]
  )
    .map((r) => r.name)
    .filter((name) => !OWNED_ELSEWHERE.has(name));
const columnsOf = (db: Database.Database, table: string) =>
  db.prepare(`PRAGMA table_info(${table})`).all() as ColumnInfo[];

/** Every way the database and the declarations differ, one line each. */
const differences = (db: Database.Database, declared: Tables): string[] => {
  const out: string[] = [];
  const actual = actualTables(db);
  for (const name of actual) if (!declared[name]) out.push(`${name}: table not declared`);
  for (const name of Object.keys(declared)) if (!actual.includes(name)) out.push(`${name}: declared, no such table`);
  for (const name of actual.filter((n) => declared[n])) {
    const table = declared[name];
    const columns = columnsOf(db, name);
    for (const c of columns) {
      const d: Column | undefined = table.columns[c.name];
      if (!d) {
        out.push(`${name}.${c.name}: column not declared`);
        continue;
      }
      // SQLite lets a non-integer primary key hold NULL unless NOT NULL is spelt out; we never store one.
      const nullable = c.notnull === 0 && c.pk === 0;
      if (d.nullable !== nullable)
        out.push(
          `${name}.${c.name}: declared ${d.nullable ? 'nullable' : 'not null'}, ` +
            `is ${nullable ? 'nullable' : 'not null'}`,
        );
      if (affinity(d.type) !== affinity(c.type))
        out.push(
          `${name}.${c.name}: declared ${d.type} (${affinity(d.type)} affinity), is ${c.type} (${affinity(c.type)})`,
        );
      else if (d.type !== c.type.toLowerCase()) out.push(`${name}.${c.name}: declared ${d.type}, is ${c.type}`);
      if (d.hasDefault !== (c.dflt_value !== null))
        out.push(
          `${name}.${c.name}: declared ${d.hasDefault ? 'with' : 'without'} a default, dflt_value ${c.dflt_value}`,
        );
    }
    for (const column of Object.keys(table.columns))
      if (!columns.some((c) => c.name === column)) out.push(`${name}.${column}: declared, no such column`);
    const key = columns
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    if (key.join() !== table.primaryKey.join())
      out.push(`${name}: primary key declared (${table.primaryKey.join(', ')}), is (${key.join(', ')})`);
  }
  return out;
};

const test = suite<{ dir: string; db: Database.Database }>('read-model declarations = migrated schema');
test.before(async (ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'prm-schema-'));
  ctx.db = new Database(join(ctx.dir, 'prm.db'));
  await migrateToLatest(new Kysely<unknown>({ dialect: new SqliteDialect({ database: ctx.db }) }));
});
test.after((ctx) => {
  ctx.db.close();
  rmSync(ctx.dir, { recursive: true, force: true });
});

test('every table and column of a freshly migrated database is declared, and every declared one exists, alike', ({
  db,
}) => {
  assert.equal(differences(db, tables), []);
  assert.ok(actualTables(db).length >= 39, 'the read models, checkpoints, idempotency keys and the audit access log');
});

test(
  'the comparison sees drift either way: ' +
    'a missing, an extra and a changed column, an undeclared table, a wrong key',
  ({ db }) => {
    const { partners, deals, idempotency_keys: _dropped, ...rest } = tables;
    const { domain: _domain, ...partnerColumns } = partners.columns;
    const drifted: Tables = {
      ...rest,
      partners: {
        ...partners,
        columns: { ...partnerColumns, nickname: { type: 'text', nullable: true, hasDefault: false } },
      },
      deals: {
        ...deals,
        columns: { ...deals.columns, status: { type: 'integer', nullable: true, hasDefault: false } },
        primaryKey: ['partner_id'],
      },
    };
    assert.equal(differences(db, drifted).sort(), [
      'deals.status: declared integer (INTEGER affinity), is TEXT (TEXT)',
      'deals.status: declared nullable, is not null',
      'deals: primary key declared (partner_id), is (deal_id)',
      'idempotency_keys: table not declared',
      'partners.domain: column not declared',
      'partners.nickname: declared, no such column',
    ]);
  },
);

test("the events table is the event store's: exactly the columns it reads and writes", ({ db }) => {
  assert.equal(
    columnsOf(db, 'events').map((c) => c.name),
    EVENT_COLUMNS.split(', '),
  );
});

test.run();
