/**
 * A writer process for the PostgreSQL multi-process test: appends to fresh streams and races for
 * one shared stream, then prints a JSON summary. Usage: <url> <schema> <name> <appends>
 */
import pg from 'pg';
import { systemClock } from '../../domain/shared/clock.js';
import { WrongExpectedVersion } from '../../eventstore/errors.js';
import { createPostgresEventStore } from '../../eventstore/postgres/createPostgresEventStore.js';
import { newEvent, registry } from './eventStoreContract.js';

const [url, schema, name, count] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 4 });
const store = createPostgresEventStore(pool, { clock: systemClock, validate: registry.validate });
let won = 0;
let lost = 0;
await Promise.all(
  Array.from({ length: Number(count) }, async (_, i) => {
    await store.append(`${name}-${i}`, [newEvent(), newEvent()], { expected: 'no_stream' });
    const shared = await store.streamVersion('shared-1');
    try {
      await store.append('shared-1', [newEvent()], { expected: shared });
      won++;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion)) throw error;
      lost++;
    }
  }),
);
await store.close();
await pool.end();
console.log(JSON.stringify({ won, lost }));
