import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../../eventstore/port.js';
import { createSqliteEventStore } from '../../eventstore/sqlite/createSqliteEventStore.js';
import { openSqlite } from '../../eventstore/sqlite/openSqlite.js';
import { openSqliteStore } from '../support/sqliteStore.js';
import { eventStoreContract } from './eventStoreContract.js';

eventStoreContract('sqlite', async ({ clock, registry }) => {
  const dir = mkdtempSync(join(tmpdir(), 'prm-contract-'));
  const path = join(dir, 'events.db');
  const { store, connection } = await openSqliteStore(path, { clock, registry });
  const others: { store: EventStore; close: () => void }[] = [];
  return {
    store,
    // Another connection to the same file, with its own write lock: what a second process has.
    openAnother: async () => {
      const connection = openSqlite(path);
      const other = createSqliteEventStore(connection, { clock, validate: registry.validate, upcast: registry.upcast });
      others.push({ store: other, close: () => connection.db.close() });
      return other;
    },
    dispose: async () => {
      for (const o of others.splice(0)) {
        await o.store.close();
        o.close();
      }
      await store.close();
      connection.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}).run();
