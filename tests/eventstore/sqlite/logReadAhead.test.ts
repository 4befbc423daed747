import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { manualClock } from '../../../domain/shared/clock.js';
import { valuesToEvent } from '../../../eventstore/eventRow.js';
import type { EventStore, StoredEvent } from '../../../eventstore/port.js';
import { logReadAhead } from '../../../eventstore/sqlite/logReadAhead.js';
import { logPageSql, prepareSelectAllEventValues } from '../../../eventstore/sqlite/selectAllEvents.js';
import { newEvent, registry } from '../../contract/eventStoreContract.js';
import { openSqliteStore } from '../../support/sqliteStore.js';

/** A rebuild reads the whole log in order on another thread: what it takes is what readAll answers. */
const test = suite<{ dir: string; path: string; store: EventStore; close: () => Promise<void> }>(
  'the log read ahead on a worker thread',
);

const collect = async (events: AsyncIterable<StoredEvent>) => {
  const out: StoredEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
};
const appendThings = async (store: EventStore, streams: number, each: number, offset = 0) => {
  for (let s = 0; s < streams; s++)
    await store.append(
      `thing-${offset + s}`,
      Array.from({ length: each }, (_, n) => newEvent('ThingHappened', { n })),
      { expected: 'any' },
    );
};
/** Takes `size` at a time, each after the last one taken, until a take answers nothing. */
const takeAll = async (take: (after: number, limit: number) => Promise<StoredEvent[]>, size: number) => {
  const out: StoredEvent[] = [];
  for (;;) {
    const got = await take(out.at(-1)?.position ?? 0, size);
    if (got.length === 0) return out;
    out.push(...got);
  }
};

test.before.each(async (ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'prm-read-ahead-'));
  ctx.path = join(ctx.dir, 'prm.db');
  const { store, connection } = await openSqliteStore(ctx.path, {
    clock: manualClock('2026-01-01T00:00:00.000Z'),
    registry,
  });
  ctx.store = store;
  ctx.close = async () => {
    await store.close();
    connection.db.close();
  };
  await appendThings(store, 50, 47);
});
test.after.each(async (ctx) => {
  await ctx.close();
  rmSync(ctx.dir, { recursive: true, force: true });
});

test("the store's read-ahead gives the whole log in order, exactly as readAll, across its pages", async ({ store }) => {
  const ahead = store.readAhead?.(0);
  assert.ok(ahead, 'a SQLite file store reads ahead');
  try {
    const taken = await takeAll(ahead.take, 700);
    assert.is(taken.length, 50 * 47);
    assert.equal(taken, await collect(store.readAll()));
  } finally {
    await ahead.close();
  }
});

test('a take that does not continue where the last ended answers like readAll from there', async ({ store }) => {
  const ahead = store.readAhead?.(0);
  assert.ok(ahead);
  try {
    assert.equal(await ahead.take(0, 10), await collect(store.readAll({ after: 0, limit: 10 })));
    assert.equal(await ahead.take(1500, 30), await collect(store.readAll({ after: 1500, limit: 30 })));
    assert.equal(await ahead.take(1530, 2000), await collect(store.readAll({ after: 1530, limit: 2000 })));
  } finally {
    await ahead.close();
  }
});

test("appends after the worker found the log's end are read too", async ({ store }) => {
  const ahead = store.readAhead?.(0);
  assert.ok(ahead);
  try {
    const first = await takeAll(ahead.take, 1000);
    await appendThings(store, 3, 5, 100);
    const rest = await ahead.take(first.at(-1)?.position ?? 0, 1000);
    assert.equal(
      rest.map((e) => e.streamId),
      ['thing-100', 'thing-101', 'thing-102'].flatMap((s) => Array(5).fill(s)),
    );
  } finally {
    await ahead.close();
  }
});

test('pages of its own size, a few ahead; should the worker fail, the caller reads directly', async ({
  store,
  path,
}) => {
  const open = await openSqliteStore(path, { clock: manualClock('2026-01-01T00:00:00.000Z'), registry });
  const select = prepareSelectAllEventValues(open.connection.db);
  const fallback = (after: number, limit: number) => select(after, limit).map(valuesToEvent);
  try {
    const expected = await collect(store.readAll());
    const small = logReadAhead(0, {
      path,
      sql: logPageSql(),
      toEvent: valuesToEvent,
      fallback,
      pageSize: 64,
      ahead: 2,
    });
    assert.equal(await takeAll(small.take, 100), expected, 'takes of 100 over pages of 64');
    await small.close();
    const broken = logReadAhead(0, { path, sql: 'SELECT nonsense', toEvent: valuesToEvent, fallback });
    assert.equal(await takeAll(broken.take, 500), expected, 'the worker could not prepare its statement');
    await broken.close();
  } finally {
    open.connection.db.close();
  }
});

test.run();
