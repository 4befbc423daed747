/**
 * The read API's reader: `snapshot` reads a route's statements from one instant, on a connection of
 * its own, so no other read of the same moment sees an older state than the last commit (read your
 * writes); a snapshot asked for while one is open, and a reader without snapshots, read as they come.
 * Snapshots asked for in one turn read the version once, after the last was asked, and run in turn.
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
/** Rows asked for in two snapshots: kept from then on, until a commit. */
const keptRows = async (reader: SqlDb) => {
  await readTogether(reader, rows);
  await readTogether(reader, rows);
};

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

test('a snapshot answered wholly from kept answers opens no read transaction', async () => {
  const s = store();
  try {
    s.add('ptr_a');
    await keptRows(s.reader);
    const seen = await readTogether(s.reader, async (db) => ({
      rows: (await rows(db)).length,
      inTransaction: s.snapshots.inTransaction,
    }));
    assert.equal(seen, { rows: 1, inTransaction: false });
  } finally {
    s.close();
  }
});

test('a kept answer, a commit, then a read not kept: the work runs again, all of it in the later state', async () => {
  const s = store();
  try {
    s.add('ptr_a');
    await keptRows(s.reader);
    let runs = 0;
    const seen = await readTogether(s.reader, async (db) => {
      runs++;
      const kept = (await rows(db)).length;
      if (runs === 1) s.add('ptr_b');
      return { kept, counted: await count(db) };
    });
    assert.equal(seen, { kept: 2, counted: 2 });
    assert.is(runs, 2);
    assert.is(s.snapshots.inTransaction, false);
  } finally {
    s.close();
  }
});

test('snapshots asked for together read the version once, after the last was asked', async () => {
  const s = store();
  try {
    s.add('ptr_a');
    await keptRows(s.reader);
    const first = readTogether(s.reader, rows);
    s.add('ptr_b');
    const second = readTogether(s.reader, rows);
    const [a, b] = await Promise.all([first, second]);
    assert.equal([a.length, b.length], [2, 2], 'both see the commit made before the second was asked');
  } finally {
    s.close();
  }
});

test('snapshots asked for together run one after another, none falling back to the shared connection', async () => {
  const s = store();
  try {
    s.add('ptr_a');
    const steps: string[] = [];
    const work = (name: string) => async (db: SqlDb) => {
      steps.push(`${name} in`);
      const n = await count(db);
      await rows(db);
      steps.push(`${name} out`);
      return n;
    };
    const counted = await Promise.all(['a', 'b', 'c'].map((name) => readTogether(s.reader, work(name))));
    assert.equal(counted, [1, 1, 1]);
    assert.equal(steps, ['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
  } finally {
    s.close();
  }
});

test('snapshots asked for together run one after another, none reading through the shared connection', async () => {
  const s = store();
  try {
    s.add('ptr_a');
    const inside = await readTogether(s.reader, async (db) => {
      const before = db.changeCounter?.();
      await count(db);
      s.add('ptr_b');
      return { before, after: db.changeCounter?.(), counted: await count(db) };
    });
    assert.is(inside.after, inside.before);
    assert.is(inside.counted, 1);
    const next = await readTogether(s.reader, async (db) => db.changeCounter?.());
    assert.is.not(next, inside.before);
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
