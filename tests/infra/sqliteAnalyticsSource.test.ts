/**
 * Read-only SQL on the SQLite file (what `prm sql` and the CSV route run on): statements that would write
 * are refused before they run and change nothing; statements that return no rows or do not parse are
 * refused with SQLite's reason; rows come in batches from one snapshot, whatever is written meanwhile.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isAnalyticsQueryRefused, type RefusalReason } from '../../infra/sql/analyticsSource.js';
import { sqliteAnalyticsSource } from '../../infra/sql/sqliteAnalyticsSource.js';

const test = suite<{ dir: string; file: string; writer: Database.Database }>('read-only SQL on the SQLite file');
test.before((ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'prm-analytics-source-'));
  ctx.file = join(ctx.dir, 'prm.db');
  ctx.writer = new Database(ctx.file);
  ctx.writer.pragma('journal_mode = WAL');
  ctx.writer.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);
    INSERT INTO t (name) VALUES ('a'), ('b'), ('c'), ('d'), ('e');`);
});
test.after((ctx) => {
  ctx.writer.close();
  rmSync(ctx.dir, { recursive: true, force: true });
});

const refusal = async (file: string, sql: string): Promise<RefusalReason | 'ran'> => {
  try {
    const rows = await sqliteAnalyticsSource(file).query(sql);
    await rows.close();
    return 'ran';
  } catch (e) {
    if (isAnalyticsQueryRefused(e)) return e.reason;
    throw e;
  }
};

test('statements that would write are refused before they run, and change nothing', async ({ file, writer }) => {
  const writes = [
    `INSERT INTO t (name) VALUES ('x')`,
    `UPDATE t SET name = 'x'`,
    'DELETE FROM t',
    'DROP TABLE t',
    'CREATE TABLE u (x)',
    'CREATE VIEW v AS SELECT 1',
    `WITH n AS (SELECT 'x' AS name) INSERT INTO t (name) SELECT name FROM n`,
    'PRAGMA user_version = 7',
    'VACUUM',
    `REPLACE INTO t (id, name) VALUES (1, 'x')`,
  ];
  for (const sql of writes) assert.is(await refusal(file, sql), 'writes', sql);
  assert.equal(writer.prepare('SELECT GROUP_CONCAT(name) AS names FROM t').get(), { names: 'a,b,c,d,e' });
  assert.is(writer.pragma('user_version', { simple: true }), 0);
});

test('statements that return no rows, or do not parse, are refused with the reason', async ({ dir, file }) => {
  assert.is(await refusal(file, 'BEGIN'), 'not_a_query');
  assert.is(await refusal(file, `ATTACH '${join(dir, 'other.db')}' AS other`), 'not_a_query');
  assert.is(await refusal(file, 'SELEC 1'), 'invalid');
  assert.is(await refusal(file, 'SELECT 1; SELECT 2'), 'invalid');
  assert.is(await refusal(file, 'SELECT * FROM no_such_table'), 'invalid');
  assert.is(await refusal(join(dir, 'missing.db'), 'SELECT 1'), 'unavailable');
  assert.is(await refusal(file, 'PRAGMA table_info(t)'), 'ran');
});

test('rows come in batches, with their column names, from one snapshot', async ({ file, writer }) => {
  const rows = await sqliteAnalyticsSource(file).query('SELECT id, name AS label FROM t ORDER BY id', [], 2);
  assert.equal(rows.columns, ['id', 'label']);
  const batches: unknown[][][] = [];
  for await (const batch of rows.batches) {
    batches.push(batch.map((r) => [...r]));
    // A write between two batches is not seen by this query.
    if (batches.length === 1) writer.exec(`INSERT INTO t (name) VALUES ('late')`);
  }
  assert.equal(
    batches.map((b) => b.length),
    [2, 2, 1],
  );
  assert.equal(batches[0], [
    [1, 'a'],
    [2, 'b'],
  ]);
  const again = await sqliteAnalyticsSource(file).query('SELECT COUNT(*) FROM t', []);
  for await (const batch of again.batches) assert.equal(batch, [[6]]);
});

test('parameters bind, and a query closed before it is read releases its connection', async ({ file }) => {
  const rows = await sqliteAnalyticsSource(file).query('SELECT name FROM t WHERE id = ?', [3]);
  const seen: unknown[] = [];
  for await (const batch of rows.batches) seen.push(...batch.map((r) => r[0]));
  assert.equal(seen, ['c']);
  const unread = await sqliteAnalyticsSource(file).query('SELECT * FROM t');
  await unread.close();
  await unread.close();
});

test.run();
