import { join } from 'node:path';
import { upcasters } from '../../app/upcasters.js';
import { eventDefinitions } from '../../domain/index.js';
import { systemClock } from '../../domain/shared/clock.js';
import { createEventRegistry } from '../../eventstore/eventRegistry.js';
import { createSqliteEventStore } from '../../eventstore/sqlite/createSqliteEventStore.js';
import { figureOf, type Benchmark, type Figure } from '../harness/benchmark.js';
import { median, round, since } from '../harness/stats.js';
import { appendBatches, type AppendBatch } from '../fixtures/appendBatches.js';
import { freshDatabase } from '../fixtures/freshDatabase.js';
import { rawAppendSizes } from './rawAppendSizes.js';

const APPENDERS = 8;

/** `appenders` loops, each awaiting its append before the next: 1 is strictly sequential. */
const appendAll = async (file: string, batches: readonly AppendBatch[], appenders: number) => {
  const connection = await freshDatabase(file);
  const registry = createEventRegistry(eventDefinitions, upcasters);
  const store = createSqliteEventStore(connection, {
    clock: systemClock,
    validate: registry.validate,
    upcast: registry.upcast,
  });
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: appenders }, async () => {
      for (let i = next++; i < batches.length; i = next++) {
        await store.append(batches[i].streamId, batches[i].events, { expected: 'no_stream' });
      }
    }),
  );
  const ms = since(start);
  const head = await store.headPosition();
  await store.close();
  connection.db.close();
  const expected = batches.reduce((n, b) => n + b.events.length, 0);
  if (head !== expected) throw new Error(`raw appends wrote ${head} events, expected ${expected}`);
  return ms;
};

export const rawAppends: Benchmark = {
  name: 'rawAppends',
  title: 'Raw appends',
  description:
    `EventStore.append of 100 events to a new stream (validation, hash chain, idempotency check), ` +
    `awaited one by one and by ${APPENDERS} concurrent appenders`,
  needs: ['baseline'],
  run: async (ctx) => {
    const { batches: count, size, repetitions } = rawAppendSizes(ctx.options);
    const dir = ctx.tempDir('raw-appends');
    const measure = async (appenders: number) => {
      const runs: number[] = [];
      for (let r = 0; r < repetitions; r++) {
        // Fresh event ids each run (another seed); building them is the caller's work, not timed.
        const batches = appendBatches(count, size, 100 + r);
        const ms = await appendAll(join(dir, `a${appenders}-run-${r}.db`), batches, appenders);
        runs.push((count * size) / (ms / 1000));
        ctx.log(`raw appends x${appenders} run ${r + 1}/${repetitions}: ${Math.round(runs[r])} events/s`);
      }
      return runs;
    };
    const sequential = await measure(1);
    const concurrent = await measure(APPENDERS);
    const base = figureOf(ctx.results, 'baseline', 'eventsPerSec');
    if (base === undefined) throw new Error('raw appends need the baseline of the same run');
    const ratio = (runs: number[]) => round((100 * median(runs)) / base, 1);
    const figures: Figure[] = [
      {
        key: 'sequentialEventsPerSec',
        label: 'appends of 100, one at a time',
        value: round(median(sequential), 0),
        unit: 'events/s',
        target: { op: '>=', value: 100_000 },
      },
      {
        key: 'sequentialPctOfBaseline',
        label: 'one at a time, share of baseline',
        value: ratio(sequential),
        unit: '%',
        target: { op: '>=', value: 60 },
      },
      {
        key: 'concurrentEventsPerSec',
        label: `appends of 100, ${APPENDERS} appenders (group commit)`,
        value: round(median(concurrent), 0),
        unit: 'events/s',
        target: { op: '>=', value: 100_000 },
      },
      {
        key: 'concurrentPctOfBaseline',
        label: `${APPENDERS} appenders, share of baseline`,
        value: ratio(concurrent),
        unit: '%',
        target: { op: '>=', value: 60 },
      },
    ];
    return {
      figures,
      details: {
        events: count * size,
        batchSize: size,
        repetitions,
        appenders: APPENDERS,
        baselineEventsPerSec: base,
        sequentialRuns: sequential.map((v) => round(v, 0)),
        concurrentRuns: concurrent.map((v) => round(v, 0)),
      },
    };
  },
};
