/**
 * The content catalogue the access projection evaluates people against, on a migrated SQLite file:
 * outside a transaction the runner began, every look reads the catalogue's generation; within one, it
 * is read once, again after a content handler changed the table, and afresh in the next transaction
 * (whatever happened to the table in between: a rebuild emptied it, a batch rolled back).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { sqliteStatements } from '../../../infra/sql/sqliteSqlDb.js';
import type { SqlDb } from '../../../infra/sql/sqlDb.js';
import {
  beginCatalogTransaction,
  catalogChanged,
  publishedContents,
} from '../../../projections/access/contentCatalog.js';
import { readModelDb, type ReadModelDb } from '../../../projections/readModels/readModelDb.js';
import { openCounterStore, type CounterStore } from '../../commands/counterFixture.js';

interface Ctx {
  /** A migrated SQLite file: every read-model table, the catalogue's among them. */
  s: CounterStore;
  db: ReadModelDb;
  /** Reads of the generation so far. */
  reads: number;
}
const test = suite<Ctx>('content catalogue');

test.before.each(async (ctx) => {
  ctx.s = await openCounterStore();
  const statements = sqliteStatements(ctx.s.connection.db);
  ctx.reads = 0;
  const counted: SqlDb = {
    ...statements,
    prepare: (sql) => {
      const prepared = statements.prepare(sql);
      if (!sql.includes('MAX(changed_position)')) return prepared;
      return {
        ...prepared,
        get: (params) => {
          ctx.reads++;
          return prepared.get(params);
        },
      };
    },
  };
  ctx.db = readModelDb(counted);
});
test.after.each((ctx) => ctx.s.dispose());

const publish = (db: ReadModelDb, contentId: string, position: number) =>
  db.insert('access_contents', {
    content_id: contentId,
    title: contentId,
    kind: 'document',
    uri: `https://example.com/${contentId}`,
    audience: JSON.stringify({ regions: ['emea'] }),
    status: 'published',
    published_at: '2026-12-01T00:00:00.000Z',
    changed_at: '2026-12-01T00:00:00.000Z',
    version: 1,
    changed_position: position,
  });
const ids = async (db: ReadModelDb) => (await publishedContents(db)).map((e) => e.contentId);

test('outside a transaction the runner began, every look reads the generation', async (ctx) => {
  await publish(ctx.db, 'c1', 10);
  assert.equal(await ids(ctx.db), ['c1']);
  assert.equal(await ids(ctx.db), ['c1']);
  assert.is(ctx.reads, 2);
});

test('within a transaction it is read once, and again after a content handler changed the table', async (ctx) => {
  beginCatalogTransaction(ctx.db);
  assert.equal(await ids(ctx.db), []);
  assert.equal(await ids(ctx.db), []);
  assert.is(ctx.reads, 1);
  await publish(ctx.db, 'c1', 10);
  catalogChanged(ctx.db);
  assert.equal(await ids(ctx.db), ['c1']);
  assert.equal(await ids(ctx.db), ['c1']);
  assert.is(ctx.reads, 2);
});

test('the next transaction reads it afresh: a rebuild emptied the table in between', async (ctx) => {
  await publish(ctx.db, 'c1', 10);
  beginCatalogTransaction(ctx.db);
  assert.equal(await ids(ctx.db), ['c1']);
  ctx.s.connection.db.exec('DELETE FROM access_contents');
  beginCatalogTransaction(ctx.db);
  assert.equal(await ids(ctx.db), []);
  assert.is(ctx.reads, 2);
});

test.run();
