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
    for (let batch = 0; batch < 50; batch++)
      db.transaction(() => {
        for (let i = 0; i < 200; i++) insert.run('x'.repeat(200));
      })();
    // About 2 MB went into the WAL; the database file only grows that large when a checkpoint copies it there.
    assert.ok(await waitFor(() => statSync(path).size > 1_000_000), 'the worker checkpointed');
    const [status] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    assert.is(status.checkpointed, status.log, 'every frame of the WAL was already in the database file');
  } finally {
    await connection.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('under sustained writes the WAL stays bounded: past the limit the writer finishes the checkpoint', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prm-wal-'));
  const path = join(dir, 'db.sqlite');
  // Every 50 ms, the writer finishing past 256 frames (1 MB): a passive checkpoint alone never rewound a WAL
  // that kept being written.
  const connection = openSqlite(path, { backgroundCheckpoints: { intervalMs: 50, rewindFrames: 256 } });
  const { db } = connection;
  db.pragma('journal_size_limit = 1048576');
  try {
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    // About 120 MB in small transactions without a pause, yielding now and then so the test's timers
    // run; the WAL's size is watched over the second half, once the worker has long been running.
    let largestWal = 0;
    for (let batch = 0; batch < 2400; batch++) {
      db.transaction(() => {
        for (let i = 0; i < 50; i++) insert.run('x'.repeat(1000));
      })();
      if (batch % 50 === 0) {
        if (batch >= 1200) largestWal = Math.max(largestWal, statSync(`${path}-wal`).size);
        await new Promise((r) => setImmediate(r));
      }
    }
    assert.ok(
      statSync(path).size > 40_000_000,
      `the worker copied the writes into the database file (${statSync(path).size} bytes; WAL up to ${largestWal})`,
    );
    assert.ok(
      largestWal < 40_000_000,
      `the WAL stayed bounded (largest ${largestWal} bytes in the second half of ~120 MB written)`,
    );
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
