/**
 * The shared contract on a real PostgreSQL: one throwaway server for the file, a fresh schema
 * per test (cheaper than a database, and just as isolated).
 */
import pg from 'pg';
import { createPostgresEventStore } from '../../eventstore/postgres/createPostgresEventStore.js';
import { ensurePostgresSchema } from '../../eventstore/postgres/postgresSchema.js';
import type { EventStore } from '../../eventstore/port.js';
import { startPostgres } from '../support/postgresServer.js';
import { eventStoreContract } from './eventStoreContract.js';

const server = await startPostgres();
const admin = new pg.Pool({ connectionString: server.url, max: 2 });
let schemas = 0;

const contract = eventStoreContract('postgres', async ({ clock, registry }) => {
  const schema = `contract_${++schemas}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pools: pg.Pool[] = [];
  const stores: EventStore[] = [];
  const open = async () => {
    const pool = new pg.Pool({ connectionString: server.url, options: `-c search_path=${schema}`, max: 4 });
    pools.push(pool);
    await ensurePostgresSchema(pool);
    const store = createPostgresEventStore(pool, { clock, validate: registry.validate, upcast: registry.upcast, pollMs: 50 });
    stores.push(store);
    return store;
  };
  const store = await open();
  return {
    store,
    // Its own pool: connections and group commit of their own, as another process has.
    openAnother: open,
    dispose: async () => {
      for (const s of stores.splice(0)) await s.close();
      for (const p of pools.splice(0)) await p.end();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
});

contract.after(async () => {
  await admin.end();
  await server.stop();
});
contract.run();
