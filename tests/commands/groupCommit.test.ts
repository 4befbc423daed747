/**
 * Group commit (DESIGN §9): appends that arrive together share one SQLite transaction (one fsync
 * with synchronous=FULL), and each has its own savepoint so that one failing append fails alone.
 * Transactions are counted by watching the BEGIN/COMMIT statements the store sends to SQLite.
 */
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createCommandPipeline } from '../../commands/pipeline/index.js';
import { InvalidEvent, WrongExpectedVersion } from '../../eventstore/errors.js';
import type { StoredEvent } from '../../eventstore/port.js';
import { counterDecider, foreignCount, openCounterStore, type CounterStore } from './counterFixture.js';

const test = suite<{ s: CounterStore; statements: string[] }>('Group commit');
test.before.each(async (ctx) => {
  ctx.s = await openCounterStore();
  const { db } = ctx.s.connection;
  const exec = db.exec.bind(db);
  ctx.statements = [];
  db.exec = (sql: string) => {
    ctx.statements.push(sql);
    return exec(sql);
  };
});
test.after.each(async (ctx) => ctx.s.dispose());

const begins = (statements: readonly string[]) => statements.filter((s) => s.startsWith('BEGIN')).length;
const commits = (statements: readonly string[]) => statements.filter((s) => s === 'COMMIT').length;
const all = async (s: CounterStore) => {
  const out: StoredEvent[] = [];
  for await (const e of s.store.readAll()) out.push(e);
  return out;
};

test('fifty appends submitted in one tick commit in one transaction, gap-free', async ({ s, statements }) => {
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) => s.store.append(`counter-${i}`, [foreignCount(i)], { expected: 'no_stream' })),
  );
  assert.equal([begins(statements), commits(statements)], [1, 1]);
  assert.equal(
    results.flatMap((r) => r.positions),
    Array.from({ length: 50 }, (_, i) => i + 1),
  );
  const stored = await all(s);
  assert.is(new Set(stored.map((e) => e.recordedAt)).size, 1, 'one batch, one recordedAt');
});

test('appends awaited one after the other each get their own transaction (the counter is honest)', async ({
  s,
  statements,
}) => {
  for (let i = 0; i < 5; i++) await s.store.append(`counter-${i}`, [foreignCount(i)], { expected: 'no_stream' });
  assert.equal([begins(statements), commits(statements)], [5, 5]);
});

test('a stale writer in a batch fails alone: the others commit in the same transaction', async ({ s, statements }) => {
  const outcomes = await Promise.allSettled([
    s.store.append('counter-a', [foreignCount(1)], { expected: 'no_stream' }),
    s.store.append('counter-a', [foreignCount(2)], { expected: 'no_stream' }),
    s.store.append('counter-b', [foreignCount(3)], { expected: 'no_stream' }),
  ]);
  assert.equal(
    outcomes.map((o) => o.status),
    ['fulfilled', 'rejected', 'fulfilled'],
  );
  assert.instance((outcomes[1] as PromiseRejectedResult).reason, WrongExpectedVersion);
  assert.equal([begins(statements), commits(statements)], [1, 1]);
  const stored = await all(s);
  assert.equal(
    stored.map((e) => [e.position, e.streamId, e.data]),
    [
      [1, 'counter-a', { by: 1 }],
      [2, 'counter-b', { by: 3 }],
    ],
  );
});

test('an invalid event fails alone, and so does a multi-stream append with one bad expectation', async ({
  s,
  statements,
}) => {
  await s.store.append('counter-c', [foreignCount(0)], { expected: 'no_stream' });
  statements.length = 0;
  const outcomes = await Promise.allSettled([
    s.store.append('counter-a', [{ ...foreignCount(1), data: { by: 'one' } }], { expected: 'any' }),
    s.store.appendMany([
      { streamId: 'counter-a', events: [foreignCount(2)], expected: 'no_stream' },
      { streamId: 'counter-c', events: [foreignCount(2)], expected: 'no_stream' },
    ]),
    s.store.append('counter-b', [foreignCount(3)], { expected: 'no_stream' }),
  ]);
  assert.equal(
    outcomes.map((o) => o.status),
    ['rejected', 'rejected', 'fulfilled'],
  );
  assert.instance((outcomes[0] as PromiseRejectedResult).reason, InvalidEvent);
  assert.instance((outcomes[1] as PromiseRejectedResult).reason, WrongExpectedVersion);
  assert.equal([begins(statements), commits(statements)], [1, 1]);
  assert.equal(
    (await all(s)).map((e) => e.streamId),
    ['counter-c', 'counter-b'],
    'the half of the multi-stream append was rolled back',
  );
});

test('64 concurrent commands through the pipeline share a handful of transactions', async ({ s, statements }) => {
  const pipeline = createCommandPipeline({
    store: s.store,
    clock: s.clock,
    schemaVersionOf: s.registry.currentVersion,
  });
  const results = await Promise.all(
    Array.from({ length: 64 }, (_, i) =>
      pipeline.execute(
        { actor: { kind: 'system', id: 't' }, commandId: `cmd_group${i}`, correlationId: `cmd_group${i}` },
        async (uow) =>
          E.map(() => ({ id: `${i}`, streamId: `counter-${i}` }))(
            await uow.decide(counterDecider, `counter-${i}`, { type: 'Count', data: { by: 1 } }),
          ),
      ),
    ),
  );
  assert.ok(results.every(E.isRight));
  assert.is(await s.store.headPosition(), 64);
  // Loading runs in microtasks, so all 64 reach the append before the batch flushes (one transaction
  // today); allow a second batch in case loading ever needs a turn of the event loop.
  assert.ok(begins(statements) <= 2, `${begins(statements)} transactions for 64 commands`);
  assert.is(begins(statements), commits(statements));
});

test.run();
