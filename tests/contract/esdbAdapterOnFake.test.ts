/**
 * The shared contract run through the esdb adapter against an in-memory stand-in for
 * EventStoreDB (fakeEsdbClient.ts): exercises the adapter's planning, idempotency, paging and
 * position index where no server can run. The real-server run is esdbEventStore.test.ts.
 */
import { createEsdbEventStore } from '../../eventstore/esdb/createEsdbEventStore.js';
import { eventStoreContract } from './eventStoreContract.js';
import { createFakeEsdbClient } from './fakeEsdbClient.js';

// One fake server for the file, as a real one would be shared by the tests.
const client = createFakeEsdbClient();

eventStoreContract(
  'esdb adapter on an in-memory EventStoreDB stand-in',
  async ({ clock, registry }) => {
    const store = createEsdbEventStore(client, {
      clock,
      validate: registry.validate,
      upcast: registry.upcast,
      pollMs: 50,
    });
    return { store, dispose: () => store.close() };
  },
  { multiWriter: false },
).run();
