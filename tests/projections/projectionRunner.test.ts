/**
 * The projection runner on a real SQLite file: catch-up at start, live after each append, waitFor,
 * batches whose writes and checkpoint commit together (a crash mid-batch rolls both back, and the
 * restart applies every event exactly once), per-projection checkpoints, and rebuild.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createProjectionRunner,
  defineProjection,
  sqliteSqlDb,
  type Projection,
  type ProjectionRunner,
  type TransactionalSqlDb,
} from '../../projections/index.js';
import { foreignCount, openCounterStore, type CounterStore } from '../commands/counterFixture.js';

/**
 * A projection whose writes are not idempotent: applying an event twice would show (and fail on the log's key).
 * It reacts to the test's own event type on tables of its own, so it is written against the runner's
 * Projection interface (defineProjection takes only the domain's events and read-model tables).
 */
const tallyProjection = (name: string, poison: Set<number>): Projection => ({
  name,
  tables: [`${name}_log`, name],
  eventTypes: ['Counted'],
  apply: async (db, e) => {
    const { by } = e.data as { by: number };
    if (poison.has(e.position)) throw new Error(`poisoned at ${e.position}`);
    await db.run(`INSERT INTO ${name}_log (position, by) VALUES (?, ?)`, [e.position, by]);
    await db.run(
      `INSERT INTO ${name} (id, total, events) VALUES (1, ?, 1)
       ON CONFLICT (id) DO UPDATE SET total = total + excluded.total, events = events + 1`,
      [by],
    );
  },
});

interface Ctx {
  s: CounterStore;
  db: TransactionalSqlDb;
  poison: Set<number>;
  runners: ProjectionRunner[];
  transactions: number;
}
const test = suite<Ctx>('Projection runner');
test.before.each(async (ctx) => {
  ctx.s = await openCounterStore();
  for (const name of ['tally', 'tally2']) {
    ctx.s.connection.db.exec(
      `CREATE TABLE ${name} (id INTEGER PRIMARY KEY, total INTEGER NOT NULL, events INTEGER NOT NULL)`,
    );
    ctx.s.connection.db.exec(`CREATE TABLE ${name}_log (position INTEGER PRIMARY KEY, by INTEGER NOT NULL)`);
  }
  const db = sqliteSqlDb(ctx.s.connection);
  ctx.transactions = 0;
  ctx.db = {
    ...db,
    transaction: (work) => {
      ctx.transactions++;
      return db.transaction(work);
    },
  };
  ctx.poison = new Set();
  ctx.runners = [];
});
test.after.each(async (ctx) => {
  for (const r of ctx.runners) await r.stop();
  await ctx.s.dispose();
});

const runner = (ctx: Ctx, projections: readonly Projection[], batchSize = 1000) => {
  const r = createProjectionRunner({
    store: ctx.s.store,
    db: ctx.db,
    projections,
    batchSize,
    rebuildBatchSize: batchSize,
    pollMs: 60_000,
  });
  ctx.runners.push(r);
  return r;
};
const appendCounts = async (ctx: Ctx, values: readonly number[]) => {
  for (const by of values) await ctx.s.store.append('counter-a', [foreignCount(by)], { expected: 'any' });
  return ctx.s.store.headPosition();
};
const tally = async (ctx: Ctx, name = 'tally') => {
  const row = await ctx.db.get<{ total: number; events: number }>(`SELECT total, events FROM ${name} WHERE id = 1`);
  const log = await ctx.db.all<{ position: number }>(`SELECT position FROM ${name}_log ORDER BY position`);
  const checkpoint = await ctx.db.get<{ position: number }>(
    'SELECT position FROM projection_checkpoints WHERE name = ?',
    [name],
  );
  return {
    total: row?.total ?? 0,
    events: row?.events ?? 0,
    positions: log.map((r) => r.position),
    checkpoint: checkpoint?.position ?? 0,
  };
};
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

test('start catches up with everything appended before, in batches that each move the checkpoint', async (ctx) => {
  await appendCounts(ctx, range(1, 10));
  const r = runner(ctx, [tallyProjection('tally', ctx.poison)], 3);
  await r.start();
  assert.equal(await tally(ctx), { total: 55, events: 10, positions: range(1, 10), checkpoint: 10 });
  assert.is(ctx.transactions, 4, 'batches of 3, 3, 3 and 1');
  assert.is(r.position(), 10);
});

test(
  'after start, every append is projected; ' + 'waitFor resolves once the read model includes a position',
  async (ctx) => {
    const r = runner(ctx, [tallyProjection('tally', ctx.poison)]);
    await r.start();
    await r.waitFor(0);
    const head = await appendCounts(ctx, [4, 5]);
    await r.waitFor(head);
    assert.equal(await tally(ctx), { total: 9, events: 2, positions: [1, 2], checkpoint: 2 });
    // A waiter for a position not yet appended resolves when it is.
    const later = r.waitFor(head + 1);
    await appendCounts(ctx, [1]);
    await later;
    assert.is((await tally(ctx)).events, 3);
  },
);

test(
  'a crash mid-batch rolls back the batch with its checkpoint; ' + 'the restart applies every event exactly once',
  async (ctx) => {
    await appendCounts(ctx, range(1, 12));
    ctx.poison.add(8);
    const crashing = runner(ctx, [tallyProjection('tally', ctx.poison)], 5);
    const failure = await crashing.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.match(String(failure), /poisoned at 8/);
    await crashing.stop();
    // Events 6 and 7 were applied inside the failed batch: rolled back together with its checkpoint.
    assert.equal(await tally(ctx), { total: 15, events: 5, positions: range(1, 5), checkpoint: 5 });
    ctx.poison.clear();
    const restarted = runner(ctx, [tallyProjection('tally', ctx.poison)], 5);
    await restarted.start();
    assert.equal(await tally(ctx), { total: 78, events: 12, positions: range(1, 12), checkpoint: 12 });
  },
);

test('a failing live batch rejects its waiters; the next append retries it and applies it once', async (ctx) => {
  const r = runner(ctx, [tallyProjection('tally', ctx.poison)]);
  await r.start();
  await r.waitFor(await appendCounts(ctx, [1]));
  ctx.poison.add(2);
  const head = await appendCounts(ctx, [2]);
  const rejected = await r.waitFor(head).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.match(String(rejected), /poisoned at 2/);
  assert.equal(await tally(ctx), { total: 1, events: 1, positions: [1], checkpoint: 1 });
  ctx.poison.clear();
  await r.waitFor(await appendCounts(ctx, [3]));
  assert.equal(await tally(ctx), { total: 6, events: 3, positions: [1, 2, 3], checkpoint: 3 });
});

test('each projection has its own checkpoint: a new one catches up without replaying into the old one', async (ctx) => {
  const first = runner(ctx, [tallyProjection('tally', ctx.poison)], 4);
  await first.start();
  await first.waitFor(await appendCounts(ctx, range(1, 6)));
  await first.stop();
  const both = runner(ctx, [tallyProjection('tally', ctx.poison), tallyProjection('tally2', ctx.poison)], 4);
  await both.start();
  assert.equal(await tally(ctx, 'tally'), { total: 21, events: 6, positions: range(1, 6), checkpoint: 6 });
  assert.equal(await tally(ctx, 'tally2'), { total: 21, events: 6, positions: range(1, 6), checkpoint: 6 });
  await both.waitFor(await appendCounts(ctx, [10]));
  assert.equal([(await tally(ctx, 'tally')).total, (await tally(ctx, 'tally2')).total], [31, 31]);
});

test('events a projection does not handle still move its checkpoint', async (ctx) => {
  const idle = defineProjection({ name: 'idle', tables: [], handlers: { PartnerApplied: async () => undefined } });
  await appendCounts(ctx, range(1, 3));
  const r = runner(ctx, [idle]);
  await r.start();
  assert.is(
    (await ctx.db.get<{ position: number }>("SELECT position FROM projection_checkpoints WHERE name = 'idle'"))
      ?.position,
    3,
  );
  assert.is(r.position(), 3);
});

test('rebuild clears the named projections and replays the log into them, reporting progress', async (ctx) => {
  const r = runner(ctx, [tallyProjection('tally', ctx.poison), tallyProjection('tally2', ctx.poison)], 4);
  await r.start();
  await r.waitFor(await appendCounts(ctx, range(1, 10)));
  await ctx.db.run('UPDATE tally SET total = -1');
  await ctx.db.run('UPDATE tally2 SET total = -1');
  const progress: [number, number][] = [];
  await r.rebuild(['tally2'], (done, total) => progress.push([done, total]));
  assert.equal(await tally(ctx, 'tally2'), { total: 55, events: 10, positions: range(1, 10), checkpoint: 10 });
  assert.is((await tally(ctx, 'tally')).total, -1, 'only the named projection was rebuilt');
  assert.equal(progress, [
    [4, 10],
    [8, 10],
    [10, 10],
  ]);
  // A rebuild of its own batch size (a bulk seed's): one transaction, one progress report, per 6 events.
  const before = ctx.transactions;
  const bigger: [number, number][] = [];
  await r.rebuild(undefined, (done, total) => bigger.push([done, total]), { batchSize: 6 });
  assert.equal(bigger, [
    [6, 10],
    [10, 10],
  ]);
  assert.is(ctx.transactions - before, 3, 'the clearing transaction and two batches');
  assert.is((await tally(ctx, 'tally')).total, 55);
  assert.equal(await tally(ctx, 'tally2'), { total: 55, events: 10, positions: range(1, 10), checkpoint: 10 });
  const unknown = await r.rebuild(['nope']).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.match(String(unknown), /unknown projection/);
  assert.is((await tally(ctx, 'tally')).events, 10, 'a refused rebuild clears nothing');
});

/** A runner whose store records the page size of every read of the log. */
const recordingReads = (ctx: Ctx, batchSize: number) => {
  const reads: number[] = [];
  const { store } = ctx.s;
  const r = createProjectionRunner({
    store: {
      ...store,
      readAll: (options) => {
        reads.push(options?.limit ?? 0);
        return store.readAll(options);
      },
    },
    db: ctx.db,
    projections: [tallyProjection('tally', ctx.poison)],
    batchSize,
    pollMs: 60_000,
  });
  ctx.runners.push(r);
  return { r, reads };
};

test('a live catch-up of fewer events than a page reads the log once for them, before its transaction', async (ctx) => {
  await appendCounts(ctx, range(1, 3));
  const { r, reads } = recordingReads(ctx, 1000);
  await r.start();
  assert.equal(await tally(ctx), { total: 6, events: 3, positions: [1, 2, 3], checkpoint: 3 });
  // The three events, then the read that finds the log's end.
  assert.equal(reads, [1000, 1000]);
});

test(
  'a rebuild transaction reads the log in pages of the live batch size; ' +
    'a failure in a later page rolls back the pages before it with the checkpoint',
  async (ctx) => {
    await appendCounts(ctx, range(1, 10));
    ctx.poison.add(9);
    const { r, reads } = recordingReads(ctx, 2);
    const failure = await r.rebuild(undefined, undefined, { batchSize: 5 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.match(String(failure), /poisoned at 9/);
    // Transactions of 5 events read as pages of 2, 2 and 1; the second failed in its page of 8 and 9, and
    // events 6–8, applied in it, were rolled back with its checkpoint.
    assert.equal(reads, [2, 2, 1, 2, 2]);
    assert.equal(await tally(ctx), { total: 15, events: 5, positions: range(1, 5), checkpoint: 5 });
    ctx.poison.clear();
    await appendCounts(ctx, [11]);
    await r.start();
    assert.equal(await tally(ctx), { total: 66, events: 11, positions: range(1, 11), checkpoint: 11 });
  },
);

test('each projection is handed only the event types it declares, in log order, a rebuilt one alone', async (ctx) => {
  const handed: Record<string, number[]> = { counts: [], partners: [], both: [] };
  const taking = (name: string, eventTypes: string[]): Projection => ({
    name,
    tables: [],
    eventTypes,
    apply: async (_db, e) => handed[name].push(e.position),
  });
  await appendCounts(ctx, range(1, 5));
  const r = runner(
    ctx,
    [
      taking('counts', ['Counted']),
      taking('partners', ['PartnerApplied']),
      taking('both', ['PartnerApplied', 'Counted']),
    ],
    2,
  );
  await r.start();
  assert.equal(handed, { counts: range(1, 5), partners: [], both: range(1, 5) });
  await r.rebuild(['both']);
  assert.equal(handed, { counts: range(1, 5), partners: [], both: [...range(1, 5), ...range(1, 5)] });
});

test('begin runs at the start of every transaction that applies events, a rolled-back one included', async (ctx) => {
  await appendCounts(ctx, range(1, 7));
  ctx.poison.add(5);
  const begun: number[] = [];
  const base = tallyProjection('tally', ctx.poison);
  // What the projection saw of each transaction: the first position it was handed after its begin.
  let first = true;
  const watched: Projection = {
    ...base,
    begin: () => {
      first = true;
    },
    apply: async (db, e) => {
      if (first) begun.push(e.position);
      first = false;
      return base.apply(db, e);
    },
  };
  const crashing = runner(ctx, [watched], 3);
  await crashing.start().catch(() => undefined);
  ctx.poison.clear();
  const r = runner(ctx, [watched], 3);
  await r.start();
  // Batches 1-3, then 4-6 (rolled back at 5), then again 4-6 and 7: each began afresh.
  assert.equal(begun, [1, 4, 4, 7]);
  assert.equal(await tally(ctx), { total: 28, events: 7, positions: range(1, 7), checkpoint: 7 });
});

test.run();
