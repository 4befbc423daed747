/**
 * The shared contract on EventStoreDB/KurrentDB, run only when PRM_ESDB_URL points at a server,
 * e.g. PRM_ESDB_URL='esdb://localhost:2113?tls=false' (docker run -p 2113:2113
 * eventstore/eventstore --insecure --run-projections=None). Use a server of its own: the
 * hash-chain test walks the whole of $all, and the adapter assumes one writer per log. The
 * user must be allowed to read $all (on a secure server: esdb://admin:changeit@host:2113).
 * Without the variable the file registers no test and says so.
 */
import { EventStoreDBClient } from '@eventstore/db-client';
import { suite } from 'uvu';
import { createEsdbEventStore } from '../../eventstore/esdb/createEsdbEventStore.js';
import { eventStoreContract } from './eventStoreContract.js';

const url = process.env.PRM_ESDB_URL;

if (!url) {
  console.log(
    'esdb contract: NOT RUN (set PRM_ESDB_URL, e.g. esdb://localhost:2113?tls=false, to run it against a server)',
  );
  suite('EventStore contract: esdb (not run: PRM_ESDB_URL unset)').run();
} else {
  eventStoreContract(
    'esdb',
    async ({ clock, registry }) => {
      const client = EventStoreDBClient.connectionString(url);
      const store = createEsdbEventStore(client, {
        clock,
        validate: registry.validate,
        upcast: registry.upcast,
        pollMs: 50,
      });
      return {
        store,
        dispose: async () => {
          await store.close();
          await client.dispose();
        },
      };
    },
    // One writer process per log (see createEsdbEventStore): the two-writer test does not apply.
    { multiWriter: false },
  ).run();
}
