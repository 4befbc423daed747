/**
 * The command pipeline on a real SQLite store: load -> decide -> append with the loaded versions;
 * bounded retries on a version conflict, If-Match as PreconditionFailed, event ids derived from the
 * command id (a re-run command is a no-op), atomic multi-stream appends, and an aggregate cache that
 * stays correct when another writer appends to the stream.
 */
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  createCommandPipeline,
  eventIdFor,
  PreconditionFailed,
  type CommandContext,
  type CommandPipeline,
  type CommandWork,
  type LoadOptions,
} from '../../commands/pipeline/index.js';
import { createAggregateCache } from '../../commands/pipeline/aggregateCache.js';
import { replay } from '../../domain/shared/index.js';
import { WrongExpectedVersion } from '../../eventstore/errors.js';
import type { StoredEvent } from '../../eventstore/port.js';
import {
  counterDecider,
  foreignCount,
  openCounterStore,
  type CounterEvent,
  type CounterStore,
} from './counterFixture.js';

const test = suite<{ s: CounterStore; pipeline: CommandPipeline }>('Command pipeline');
test.before.each(async (ctx) => {
  ctx.s = await openCounterStore();
  ctx.pipeline = createCommandPipeline({
    store: ctx.s.store,
    clock: ctx.s.clock,
    schemaVersionOf: ctx.s.registry.currentVersion,
    maxAttempts: 4,
  });
});
test.after.each(async (ctx) => ctx.s.dispose());

let commands = 0;
const context = (over: Partial<CommandContext> = {}): CommandContext => {
  const commandId = `cmd_test${++commands}`;
  return { actor: { kind: 'admin-key', id: 'admin' }, commandId, correlationId: commandId, ...over };
};
/** Counts `by` on `stream`; `meanwhile` runs between loading and appending, once per attempt. */
const count = (
  stream: string,
  by: number,
  opts: { limit?: number; meanwhile?: (attempt: number) => Promise<void> } = {},
) => {
  let attempts = 0;
  const work: CommandWork = async (uow) => {
    attempts++;
    const decided = await uow.decide(counterDecider, stream, {
      type: 'Count',
      data: { by, ...(opts.limit !== undefined ? { limit: opts.limit } : {}) },
    });
    await opts.meanwhile?.(attempts);
    return E.map(() => ({ id: stream, streamId: stream }))(decided);
  };
  return { work, attempts: () => attempts };
};
const events = async (s: CounterStore, stream: string) => {
  const out: StoredEvent[] = [];
  for await (const e of s.store.readStream(stream)) out.push(e);
  return out;
};

test('a command appends its events and answers id, stream, version and position', async ({ s, pipeline }) => {
  const ctx = context({ correlationId: 'corr-1', causationId: 'evt_cause' });
  const r = await pipeline.execute(ctx, count('counter-a', 3).work);
  assert.equal(r, E.right({ id: 'counter-a', streamId: 'counter-a', version: 1, position: 1 }));
  const [stored] = await events(s, 'counter-a');
  assert.equal(
    [stored.type, stored.data, stored.metadata],
    [
      'Counted',
      { by: 3 },
      {
        actor: { kind: 'admin-key', id: 'admin' },
        commandId: ctx.commandId,
        correlationId: 'corr-1',
        causationId: 'evt_cause',
      },
    ],
  );
});

test('a refusal appends nothing', async ({ s, pipeline }) => {
  const r = await pipeline.execute(context(), count('counter-a', 11, { limit: 10 }).work);
  assert.ok(E.isLeft(r) && r.left.code === 'limit_exceeded');
  assert.is(await s.store.headPosition(), 0);
});

test('on a version conflict the whole work runs again on fresh state', async ({ s, pipeline }) => {
  const c = count('counter-a', 1, {
    meanwhile: async (attempt) =>
      void (attempt === 1 && (await s.store.append('counter-a', [foreignCount(10)], { expected: 'any' }))),
  });
  const r = await pipeline.execute(context(), c.work);
  assert.is(c.attempts(), 2);
  assert.equal(E.map((x: { version: number }) => x.version)(r), E.right(2));
  assert.equal(
    (await events(s, 'counter-a')).map((e) => e.data),
    [{ by: 10 }, { by: 1 }],
  );
});

test('the retry decides on fresh state: a rule broken only by the other writer refuses', async ({ s, pipeline }) => {
  const c = count('counter-a', 5, {
    limit: 10,
    meanwhile: async (attempt) =>
      void (attempt === 1 && (await s.store.append('counter-a', [foreignCount(8)], { expected: 'any' }))),
  });
  const r = await pipeline.execute(context(), c.work);
  assert.ok(E.isLeft(r) && r.left.code === 'limit_exceeded', JSON.stringify(r));
  assert.equal(
    (await events(s, 'counter-a')).map((e) => e.data),
    [{ by: 8 }],
  );
});

test('retries are bounded: after maxAttempts conflicts the conflict is thrown and nothing of ours is appended', async ({
  s,
  pipeline,
}) => {
  const c = count('counter-a', 1, {
    meanwhile: async () => void (await s.store.append('counter-a', [foreignCount(1)], { expected: 'any' })),
  });
  const error = await pipeline.execute(context(), c.work).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.instance(error, WrongExpectedVersion);
  assert.is(c.attempts(), 4);
  assert.ok((await events(s, 'counter-a')).every((e) => e.metadata.actor.id === 'other-writer'));
});

test('If-Match: a stale expected version is PreconditionFailed before anything is appended', async ({
  s,
  pipeline,
}) => {
  await pipeline.execute(context(), count('counter-a', 1).work);
  const error = await pipeline.execute(context({ expectedVersion: 0 }), count('counter-a', 1).work).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.instance(error, PreconditionFailed);
  assert.equal([(error as PreconditionFailed).expected, (error as PreconditionFailed).actual], [0, 1]);
  assert.is(await s.store.headPosition(), 1);
  assert.ok(E.isRight(await pipeline.execute(context({ expectedVersion: 1 }), count('counter-a', 1).work)));
});

test('If-Match: a conflict during the append is PreconditionFailed, not a retry', async ({ s, pipeline }) => {
  const c = count('counter-a', 1, {
    meanwhile: async () => void (await s.store.append('counter-a', [foreignCount(1)], { expected: 'any' })),
  });
  const error = await pipeline.execute(context({ expectedVersion: 0 }), c.work).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.instance(error, PreconditionFailed);
  assert.equal([c.attempts(), (error as PreconditionFailed).actual], [1, 1]);
});

test('event ids derive from the command id: the same command run again is a no-op with the same answer', async ({
  s,
  pipeline,
}) => {
  const ctx = context();
  const first = await pipeline.execute(ctx, count('counter-a', 2).work);
  const stored = await events(s, 'counter-a');
  assert.equal(
    stored.map((e) => e.eventId),
    [eventIdFor(ctx.commandId, 'counter-a', 0)],
  );
  assert.is(eventIdFor(ctx.commandId, 'counter-a', 0), eventIdFor(ctx.commandId, 'counter-a', 0));
  assert.is.not(eventIdFor(ctx.commandId, 'counter-a', 0), eventIdFor(ctx.commandId, 'counter-a', 1));
  assert.is.not(eventIdFor(ctx.commandId, 'counter-a', 0), eventIdFor(`${ctx.commandId}x`, 'counter-a', 0));
  const again = await pipeline.execute(ctx, count('counter-a', 2).work);
  assert.equal(again, first);
  assert.is(await s.store.headPosition(), 1);
});

test('a re-run command leaves the cached state as it was: the next command decides on the real total', async ({
  s,
  pipeline,
}) => {
  const ctx = context();
  await pipeline.execute(ctx, count('counter-a', 6).work);
  await pipeline.execute(ctx, count('counter-a', 6).work);
  assert.equal(pipeline.cache.get('counter-a'), { state: { total: 6, seen: 1 }, version: 1 });
  const r = await pipeline.execute(context(), count('counter-a', 4, { limit: 10 }).work);
  assert.ok(E.isRight(r), `6 + 4 is within 10: ${JSON.stringify(r)}`);
  assert.equal(pipeline.cache.get('counter-a'), {
    state: replay(counterDecider, (await events(s, 'counter-a')) as unknown as CounterEvent[]),
    version: 2,
  });
});

test('the cache catches up when another writer appended between commands', async ({ s, pipeline }) => {
  await pipeline.execute(context(), count('counter-a', 5).work);
  assert.equal(pipeline.cache.get('counter-a'), { state: { total: 5, seen: 1 }, version: 1 });
  await s.store.append('counter-a', [foreignCount(4)], { expected: 1 });
  const c = count('counter-a', 2, { limit: 10 });
  const r = await pipeline.execute(context(), c.work);
  assert.ok(E.isLeft(r) && r.left.code === 'limit_exceeded', 'decided on 9, not on the cached 5');
  assert.is(c.attempts(), 1, 'no conflict was needed to notice');
  const ok = await pipeline.execute(context(), count('counter-a', 1, { limit: 10 }).work);
  assert.ok(E.isRight(ok));
  const stored = await events(s, 'counter-a');
  assert.equal(pipeline.cache.get('counter-a'), {
    state: replay(counterDecider, stored as unknown as CounterEvent[]),
    version: stored.length,
  });
});

test('a sole writer trusts its cache: no version probe, and a foreign append to a staged stream still retries', async ({
  s,
}) => {
  let probes = 0;
  const streamVersion = (id: string) => {
    probes += 1;
    return s.store.streamVersion(id);
  };
  const store = { ...s.store, streamVersion };
  const cache = createAggregateCache(100, { soleWriter: true });
  const pipeline = createCommandPipeline({ store, clock: s.clock, schemaVersionOf: s.registry.currentVersion, cache });
  await pipeline.execute(context(), count('counter-a', 5).work);
  await pipeline.execute(context(), count('counter-a', 2).work);
  assert.is(probes, 0, 'the cached state was taken as current');
  // Not supposed to happen to a sole writer; if it does, the append's expectation catches it.
  await s.store.append('counter-a', [foreignCount(4)], { expected: 2 });
  const c = count('counter-a', 1);
  const r = await pipeline.execute(context(), c.work);
  assert.is(c.attempts(), 2, 'decided on the stale cache once, then again on the log');
  assert.equal(E.map((x: { version: number }) => x.version)(r), E.right(4));
  assert.equal(pipeline.cache.get('counter-a'), { state: { total: 12, seen: 4 }, version: 4 });
});

/** A pipeline over a store that counts the streams it reads. */
const countingReads = (s: CounterStore) => {
  const read: string[] = [];
  const store = {
    ...s.store,
    readStream: (id: string, o?: Parameters<CounterStore['store']['readStream']>[1]) => {
      read.push(id);
      return s.store.readStream(id, o);
    },
  };
  const pipeline = createCommandPipeline({ store, clock: s.clock, schemaVersionOf: s.registry.currentVersion });
  return { pipeline, read };
};
/** Counts on a stream loaded with `options`: `minted` (its id just made up) or `likelyNew`. */
const countOn = (stream: string, by: number, options: LoadOptions) => {
  let attempts = 0;
  const work: CommandWork = async (uow) => {
    attempts++;
    const decided = await uow.decide(counterDecider, stream, { type: 'Count', data: { by } }, options);
    return E.map(() => ({ id: stream, streamId: stream }))(decided);
  };
  return { work, attempts: () => attempts };
};
const countMinted = (stream: string, by: number) => countOn(stream, by, { minted: true });
const countLikelyNew = (stream: string, by: number) => countOn(stream, by, { likelyNew: true });

test('given a minted stream id, when the command runs, then it is not read and its append expects none', async ({
  s,
}) => {
  const { pipeline, read } = countingReads(s);
  const r = await pipeline.execute(context(), countMinted('counter-new', 3).work);
  assert.equal(read, [], 'nothing can be in a stream whose id was just made up');
  assert.equal(E.map((x: { version: number }) => x.version)(r), E.right(1));
  assert.equal(
    (await events(s, 'counter-new')).map((e) => e.data),
    [{ by: 3 }],
  );
});

test('given a minted id that is taken after all, then the append fails and the next attempt reads the stream', async ({
  s,
}) => {
  await s.store.append('counter-taken', [foreignCount(4)], { expected: 'no_stream' });
  const { pipeline, read } = countingReads(s);
  const c = countMinted('counter-taken', 1);
  const r = await pipeline.execute(context(), c.work);
  assert.is(c.attempts(), 2);
  assert.equal(read, ['counter-taken']);
  assert.equal(E.map((x: { version: number }) => x.version)(r), E.right(2));
  assert.equal(pipeline.cache.get('counter-taken'), { state: { total: 5, seen: 2 }, version: 2 });
});

test('given an Idempotency-Key, a minted stream is read: a replay finds the events it appended the first time', async ({
  s,
}) => {
  const { pipeline, read } = countingReads(s);
  const ctx = context({ idempotencyKey: 'key-1' });
  await pipeline.execute(ctx, countMinted('counter-once', 2).work);
  const again = await pipeline.execute(ctx, countMinted('counter-once', 2).work);
  assert.equal(read, ['counter-once', 'counter-once']);
  assert.equal(E.map((x: { version: number }) => x.version)(again), E.right(1));
  assert.equal((await events(s, 'counter-once')).length, 1, 'the replay appended nothing');
});

test('given a stream likely new and not cached, when the command runs, then it is not read', async ({ s }) => {
  const { pipeline, read } = countingReads(s);
  const c = countLikelyNew('counter-fresh', 2);
  const r = await pipeline.execute(context(), c.work);
  assert.equal(read, []);
  assert.is(c.attempts(), 1);
  assert.equal(E.map((x: { version: number }) => x.version)(r), E.right(1));
});

test('given a stream likely new that exists, uncached, then the append fails and the next attempt reads it', async ({
  s,
}) => {
  await s.store.append('counter-known', [foreignCount(4)], { expected: 'no_stream' });
  const { pipeline, read } = countingReads(s);
  const c = countLikelyNew('counter-known', 1);
  const r = await pipeline.execute(context(), c.work);
  assert.is(c.attempts(), 2);
  assert.equal(read, ['counter-known']);
  assert.equal(E.map((x: { version: number }) => x.version)(r), E.right(2));
  assert.equal(pipeline.cache.get('counter-known'), { state: { total: 5, seen: 2 }, version: 2 });
});

test('given a stream likely new that the cache holds, then the cached state decides, in one attempt', async ({ s }) => {
  const { pipeline, read } = countingReads(s);
  await pipeline.execute(context(), countLikelyNew('counter-cached', 1).work);
  const c = countLikelyNew('counter-cached', 2);
  const r = await pipeline.execute(context(), c.work);
  assert.is(c.attempts(), 1);
  assert.equal(read, []);
  assert.equal(E.map((x: { version: number }) => x.version)(r), E.right(2));
  assert.equal(pipeline.cache.get('counter-cached'), { state: { total: 3, seen: 2 }, version: 2 });
});

test('several streams in one command are appended atomically: a conflict on one appends neither', async ({
  s,
  pipeline,
}) => {
  let attempts = 0;
  const work: CommandWork = async (uow) => {
    attempts++;
    await uow.decide(counterDecider, 'counter-a', { type: 'Count', data: { by: 1 } });
    await uow.decide(counterDecider, 'counter-b', { type: 'Count', data: { by: 1 } });
    if (attempts === 1) {
      await s.store.append('counter-b', [foreignCount(7)], { expected: 'any' });
      const beforeRetry = await events(s, 'counter-a');
      assert.is(beforeRetry.length, 0);
    }
    return E.right({ id: 'a', streamId: 'counter-a' });
  };
  const r = await pipeline.execute(context(), work);
  assert.ok(E.isRight(r));
  assert.is(attempts, 2);
  assert.equal(
    [(await events(s, 'counter-a')).length, (await events(s, 'counter-b')).map((e) => e.data)],
    [1, [{ by: 7 }, { by: 1 }]],
  );
  assert.equal(E.map((x: { version: number; position: number }) => [x.version, x.position])(r), E.right([1, 3]));
});

test('work that stages nothing appends nothing and answers the loaded version', async ({ s, pipeline }) => {
  await pipeline.execute(context(), count('counter-a', 1).work);
  const r = await pipeline.execute(context(), async (uow) => {
    await uow.load(counterDecider, 'counter-a');
    return E.right({ id: 'a', streamId: 'counter-a' });
  });
  assert.equal(r, E.right({ id: 'a', streamId: 'counter-a', version: 1, position: 1 }));
  assert.is(await s.store.headPosition(), 1);
});

test.run();
