import { join } from 'node:path';
import type { Benchmark } from '../harness/benchmark.js';
import { median, round, since } from '../harness/stats.js';
import { appendBatches, eventRows, type EventRowValues } from '../fixtures/appendBatches.js';
import { freshDatabase } from '../fixtures/freshDatabase.js';
import { rawAppendSizes } from './rawAppendSizes.js';

/** Inserts prepared rows, 100 per transaction, with nothing of ours in between: the disk's and SQLite's ceiling. */
const insertAll = async (file: string, batches: readonly EventRowValues[][]) => {
  const { db } = await freshDatabase(file);
  const insert = db.prepare(
    `INSERT INTO events
       (position, stream_id, version, event_id, type, schema_version, data, metadata, recorded_at, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const start = performance.now();
  for (const batch of batches) {
    db.exec('BEGIN IMMEDIATE');
    for (const row of batch) insert.run(row);
    db.exec('COMMIT');
  }
  const ms = since(start);
  db.close();
  return ms;
};

export const baseline: Benchmark = {
  name: 'baseline',
  title: 'Baseline',
  description:
    'bare better-sqlite3 inserts of the rows the store writes (same table, pragmas, JSON and hashes), ' +
    '100 per transaction',
  run: async (ctx) => {
    const { batches: count, size, repetitions } = rawAppendSizes(ctx.options);
    const rows = eventRows(appendBatches(count, size, 1), new Date().toISOString());
    const dir = ctx.tempDir('baseline');
    const runs: number[] = [];
    const transactionMs: number[] = [];
    for (let r = 0; r < repetitions; r++) {
      const ms = await insertAll(join(dir, `run-${r}.db`), rows);
      runs.push((count * size) / (ms / 1000));
      transactionMs.push(ms / count);
      ctx.log(`baseline run ${r + 1}/${repetitions}: ${Math.round(runs[r])} events/s`);
    }
    return {
      figures: [
        {
          key: 'eventsPerSec',
          label: 'bare inserts, batches of 100 (median)',
          value: round(median(runs), 0),
          unit: 'events/s',
        },
        // The floor of every durable commit: what group commit amortises over the commands of a batch.
        {
          key: 'transactionMs',
          label: 'one transaction of 100 rows with its fsync',
          value: round(median(transactionMs), 2),
          unit: 'ms',
        },
      ],
      details: { events: count * size, batchSize: size, repetitions, runs: runs.map((v) => round(v, 0)) },
    };
  },
};
