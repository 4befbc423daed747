import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { openSqlite } from '../../eventstore/sqlite/openSqlite.js';

/** The long-running platform checkpoints the WAL from a worker thread, never on a request's commit. */
const test = suite('WAL checkpoints in the background');

const waitFor = async (condition: () => boolean, ms = 5000) => {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
};

test('commits no longer checkpoint; the worker copies every frame into the database file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prm-wal-'));
  const path = join(dir, 'db.sqlite');
  const connection = openSqlite(path, { backgroundCheckpoints: true });
  try {
    const { db } = connection;
    assert.is(db.pragma('wal_autocheckpoint', { simple: true }), 0);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    for (let batch = 0; batch < 50; batch++) db.transaction(() => { for (let i = 0; i < 200; i++) insert.run('x'.repeat(200)); })();
    // About 2 MB went into the WAL; the database file only grows that large when a checkpoint copies it there.
    assert.ok(await waitFor(() => statSync(path).size > 1_000_000), 'the worker checkpointed');
    const [status] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    assert.is(status.checkpointed, status.log, 'every frame of the WAL was already in the database file');
  } finally {
    await connection.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without the option SQLite checkpoints on commit as usual', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prm-wal-'));
  const connection = openSqlite(join(dir, 'db.sqlite'));
  try {
    assert.is(connection.db.pragma('wal_autocheckpoint', { simple: true }), 1000);
  } finally {
    await connection.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
