import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { prepareSelectStreamVersion } from '../../../eventstore/sqlite/selectStreamVersion.js';
import { versionProbes } from '../../../eventstore/sqlite/versionProbes.js';

/** The aggregate cache's freshness probes: those asked together share one read transaction. */
const test = suite<{ dir: string; db: Database.Database; other: Database.Database }>('version probes');

test.before.each((ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'prm-probes-'));
  const file = join(ctx.dir, 'log.db');
  ctx.db = new Database(file);
  ctx.db.pragma('journal_mode = WAL');
  ctx.db.exec('CREATE TABLE events (stream_id TEXT NOT NULL, version INTEGER NOT NULL, UNIQUE (stream_id, version))');
  ctx.other = new Database(file);
});
test.after.each((ctx) => {
  ctx.db.close();
  ctx.other.close();
  rmSync(ctx.dir, { recursive: true, force: true });
});

const append = (db: Database.Database, streamId: string, versions: number) => {
  const insert = db.prepare('INSERT INTO events (stream_id, version) VALUES (?, ?)');
  for (let v = 1; v <= versions; v++) insert.run(streamId, v);
};

/** The probe function, recording whether each read ran inside a transaction. */
const probing = (db: Database.Database) => {
  const select = prepareSelectStreamVersion(db);
  const inTransaction: boolean[] = [];
  const probe = versionProbes(db, (streamId) => {
    inTransaction.push(db.inTransaction);
    return select(streamId);
  });
  return { probe, inTransaction };
};

test('probes asked together answer every stream, read in one transaction', async ({ db }) => {
  append(db, 'a', 3);
  append(db, 'b', 1);
  const { probe, inTransaction } = probing(db);
  assert.equal(await Promise.all(['a', 'b', 'c', 'a'].map(probe)), [3, 1, 0, 3]);
  assert.equal(inTransaction, [true, true, true, true]);
  assert.not.ok(db.inTransaction, 'the read transaction is over');
});

test('a probe alone reads without a transaction of its own', async ({ db }) => {
  append(db, 'a', 2);
  const { probe, inTransaction } = probing(db);
  assert.is(await probe('a'), 2);
  assert.equal(inTransaction, [false]);
});

test('a probe asked after another connection committed sees the commit', async ({ db, other }) => {
  const { probe } = probing(db);
  assert.equal(await Promise.all([probe('a'), probe('b')]), [0, 0]);
  append(other, 'a', 1);
  assert.equal(await Promise.all([probe('a'), probe('b')]), [1, 0]);
});

test('inside a transaction already open on the connection, probes read in it', async ({ db }) => {
  const { probe } = probing(db);
  db.exec('BEGIN IMMEDIATE');
  append(db, 'a', 2);
  assert.equal(await Promise.all([probe('a'), probe('b')]), [2, 0]);
  assert.ok(db.inTransaction, 'the transaction is left to its owner');
  db.exec('ROLLBACK');
});

test('a probe that fails rejects alone', async ({ db }) => {
  append(db, 'a', 1);
  const select = prepareSelectStreamVersion(db);
  const probe = versionProbes(db, (streamId) => {
    if (streamId === 'bad') throw new Error('no such stream id');
    return select(streamId);
  });
  const outcomes = await Promise.allSettled([probe('a'), probe('bad'), probe('b')]);
  assert.equal(
    outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 'rejected')),
    [1, 'rejected', 0],
  );
  assert.not.ok(db.inTransaction);
});

test.run();
