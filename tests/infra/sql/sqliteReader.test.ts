/**
 * The read API's reader: `snapshot` reads a route's statements from one instant, on a connection of
 * its own, so no other read of the same moment sees an older state than the last commit (read your
 * writes); a snapshot asked for while one is open, and a reader without snapshots, read as they come.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readTogether, type SqlDb } from '../../../infra/sql/sqlDb.js';
import { sqliteReader, sqliteStatements } from '../../../infra/sql/sqliteSqlDb.js';

const test = suite('sqliteReader');

const store = (answerRows?: number) => {
  const dir = mkdtempSync(join(tmpdir(), 'prm-reader-'));
  const file = join(dir, 'prm.db');
  const writer = new Database(file);
  writer.pragma('journal_mode = WAL');
  writer.exec('CREATE TABLE partners (partner_id TEXT PRIMARY KEY)');
  const shared = new Database(file, { readonly: true });
  const snapshots = new Database(file, { readonly: true });
  const reader = sqliteReader(shared, snapshots, answerRows);
  return {
    reader,
    snapshots,
    add: (id: string) => writer.prepare('INSERT INTO partners VALUES (?)').run(id),
    close: () => {
      shared.close();
      snapshots.close();
      writer.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

const count = async (db: SqlDb) => (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM partners'))?.n;

test('a snapshot reads one instant, while the shared reads of the same moment see the latest commit', async () => {
  const s = store();
  try {
    s.add('ptr_a');
    const seen = await s.reader.snapshot?.(async (db) => {
      const before = await count(db);
      s.add('ptr_b');
      return { before, after: await count(db), shared: await count(s.reader) };
    });
    assert.equal(seen, { before: 1, after: 1, shared: 2 });
    assert.is(s.snapshots.inTransaction, false, 'the snapshot ends with its work');
    assert.is(await readTogether(s.reader, count), 2, 'the next snapshot sees the commit');
  } finally {
    s.close();
  }
});

test('a snapshot asked for while one is open reads through the shared connection, statement by statement', async () => {
  const s = store();
  try {
    s.add('ptr_a');
    const seen = await readTogether(s.reader, async (outer) => {
      await count(outer);
      s.add('ptr_b');
      const inner = await readTogether(s.reader, (db) => count(db));
      return { outer: await count(outer), inner };
    });
    assert.equal(seen, { outer: 1, inner: 2 });
  } finally {
    s.close();
  }
});

test('work that fails ends its snapshot, and the next one reads afresh', async () => {
  const s = store();
  try {
    const failed = await readTogether(s.reader, async (db) => {
      await count(db);
      throw new Error('the route failed');
    }).catch((e: Error) => e.message);
    assert.is(failed, 'the route failed');
    assert.is(s.snapshots.inTransaction, false);
    s.add('ptr_a');
    assert.is(await readTogether(s.reader, count), 1);
  } finally {
    s.close();
  }
});

const rows = (db: SqlDb) => db.all<{ partner_id: string }>('SELECT partner_id FROM partners ORDER BY partner_id');

test('a snapshot asking what an earlier one asked, with no commit since, gets the same answer unread', async () => {
  const s = store();
  try {
    s.add('ptr_a');
    await readTogether(s.reader, rows);
    const first = await readTogether(s.reader, rows);
    const again = await readTogether(s.reader, rows);
    assert.is(again, first, 'the very rows kept the second time it was asked');
    assert.ok(Object.isFrozen(first) && Object.isFrozen(first[0]), 'shared rows cannot be altered');
    s.add('ptr_b');
    const third = await readTogether(s.reader, rows);
    assert.equal(
      third.map((r) => r.partner_id),
      ['ptr_a', 'ptr_b'],
      'a commit by another connection forgets every answer',
    );
    assert.is(await readTogether(s.reader, count), 2);
  } finally {
    s.close();
  }
});

test('a reader told to keep no answers (PRM_READ_CACHE_ROWS=0) reads every time', async () => {
  const s = store(0);
  try {
    s.add('ptr_a');
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await readTogether(s.reader, rows));
    assert.is.not(answers[2], answers[1]);
    assert.equal(answers[2], answers[1]);
    assert.not.ok(Object.isFrozen(answers[2]));
  } finally {
    s.close();
  }
});

test('answers kept by an open snapshot are its instant, and a later snapshot after a commit reads afresh', async () => {
  const s = store();
  try {
    s.add('ptr_a');
    await readTogether(s.reader, async (db) => {
      await rows(db);
      s.add('ptr_b');
      assert.is((await rows(db)).length, 1, 'still the snapshot it opened');
    });
    assert.is((await readTogether(s.reader, rows)).length, 2);
    assert.is((await s.reader.all('SELECT partner_id FROM partners')).length, 2);
  } finally {
    s.close();
  }
});

test('a reader without snapshots (PostgreSQL, a writer) runs the work on itself', async () => {
  const s = store();
  try {
    const plain = sqliteStatements(s.snapshots);
    assert.is(plain.snapshot, undefined);
    s.add('ptr_a');
    assert.is(await readTogether(plain, count), 1);
  } finally {
    s.close();
  }
});

test.run();
