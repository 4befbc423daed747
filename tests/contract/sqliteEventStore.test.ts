import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../support/sqliteStore.js';
import { eventStoreContract } from './eventStoreContract.js';

eventStoreContract('sqlite', async ({ clock, registry }) => {
  const dir = mkdtempSync(join(tmpdir(), 'prm-contract-'));
  const { store, connection } = await openSqliteStore(join(dir, 'events.db'), { clock, registry });
  return {
    store,
    dispose: async () => {
      await store.close();
      connection.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}).run();
