/**
 * The shared contract on a real PostgreSQL: one throwaway server for the file, a fresh schema
 * per test (cheaper than a database, and just as isolated). Then what only PostgreSQL can show:
 * writer processes racing on one log, and hashes identical to SQLite's.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { manualClock, type Clock } from '../../domain/shared/clock.js';
import { EventIdConflict, eventHash, GENESIS_HASH, type EventStore, type StoredEvent } from '../../eventstore/index.js';
import { createPostgresEventStore } from '../../eventstore/postgres/createPostgresEventStore.js';
import { ensurePostgresSchema } from '../../eventstore/postgres/postgresSchema.js';
import { startPostgres } from '../support/postgresServer.js';
import { openSqliteStore } from '../support/sqliteStore.js';
import { eventStoreContract, newEvent, registry } from './eventStoreContract.js';

const server = await startPostgres();
const admin = new pg.Pool({ connectionString: server.url, max: 2 });
let schemas = 0;

/** A fresh schema with the event tables, and a way to open stores on it. */
const freshLog = async (clock: Clock = manualClock('2026-01-01T00:00:00.000Z')) => {
  const schema = `log_${++schemas}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pools: pg.Pool[] = [];
  const stores: EventStore[] = [];
  const open = async () => {
    const pool = new pg.Pool({ connectionString: server.url, options: `-c search_path=${schema}`, max: 4 });
    pools.push(pool);
    await ensurePostgresSchema(pool);
    const store = createPostgresEventStore(pool, {
      clock,
      validate: registry.validate,
      upcast: registry.upcast,
      pollMs: 50,
    });
    stores.push(store);
    return store;
  };
  const dispose = async () => {
    for (const s of stores.splice(0)) await s.close();
    for (const p of pools.splice(0)) await p.end();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  };
  return { schema, open, dispose };
};

const collect = async <T>(it: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

eventStoreContract('postgres', async ({ clock }) => {
  const log = await freshLog(clock);
  // openAnother: its own pool, connections and group commit, as another process has.
  return { store: await log.open(), openAnother: log.open, dispose: log.dispose };
}).run();

const specifics = suite('postgres adapter');

specifics('writer processes racing on one log keep positions gap-free and the chain unbroken', async () => {
  const log = await freshLog();
  try {
    const store = await log.open();
    await store.append('shared-1', [newEvent()], { expected: 'no_stream' });
    const writer = join(import.meta.dirname, 'postgresWriterProcess.ts');
    const run = (name: string) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', writer, server.url, log.schema, name, '25']);
    const outputs = await Promise.all(['p1', 'p2', 'p3'].map(run));
    const summaries = outputs.map((o) => JSON.parse(o.stdout) as { won: number; lost: number });
    const won = summaries.reduce((n, s) => n + s.won, 0);
    assert.is(await store.streamVersion('shared-1'), 1 + won);
    const all = await collect(store.readAll());
    assert.is(all.length, 1 + 3 * 25 * 2 + won);
    assert.equal(
      all.map((e) => e.position),
      all.map((_, i) => i + 1),
    );
    let previous = GENESIS_HASH;
    for (const { hash, ...rest } of all) {
      assert.is(hash, eventHash(previous, rest), `hash at ${rest.position}`);
      previous = hash;
    }
  } finally {
    await log.dispose();
  }
});

specifics('an id repeated within one append is an EventIdConflict (the group falls back to savepoints)', async () => {
  const log = await freshLog();
  try {
    const store = await log.open();
    const twice = newEvent();
    const [ok, bad] = await Promise.allSettled([
      store.append('thing-a', [newEvent()], { expected: 'no_stream' }),
      store.append('thing-b', [twice, twice], { expected: 'no_stream' }),
    ]);
    assert.is(ok.status, 'fulfilled');
    assert.instance(bad.status === 'rejected' ? bad.reason : undefined, EventIdConflict);
  } finally {
    await log.dispose();
  }
});

specifics('the same history stored by SQLite and PostgreSQL reads back identical, hashes included', async () => {
  const clock = manualClock('2026-05-06T07:08:09.010Z');
  const log = await freshLog(clock);
  const dir = mkdtempSync(join(tmpdir(), 'prm-pg-vs-sqlite-'));
  const sqlite = await openSqliteStore(join(dir, 'events.db'), { clock, registry });
  try {
    const pgStore = await log.open();
    const history = [
      {
        streamId: 'thing-1',
        events: [
          newEvent('ThingHappened', { n: 1 }),
          newEvent('OtherThing', { z: 'é\u0000"\\', a: [1, { b: null }], k: 1e21 }),
        ],
      },
      { streamId: 'thing-2', events: [newEvent('OtherThing', { nested: { y: 2, x: 1 }, emoji: '🚀' })] },
      { streamId: 'thing-1', events: [newEvent('ThingHappened', { n: -0 })] },
    ];
    for (const store of [sqlite.store, pgStore]) {
      for (const h of history) await store.append(h.streamId, h.events, { expected: 'any' });
    }
    const fromSqlite: StoredEvent[] = await collect(sqlite.store.readAll());
    const fromPostgres: StoredEvent[] = await collect(pgStore.readAll());
    assert.equal(fromPostgres, fromSqlite);
  } finally {
    await sqlite.store.close();
    sqlite.connection.db.close();
    rmSync(dir, { recursive: true, force: true });
    await log.dispose();
  }
});

specifics.after(async () => {
  await admin.end();
  await server.stop();
});
specifics.run();
