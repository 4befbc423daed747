/**
 * The projection runner's thread (see workerProjectionRunner): its own connection to the file, the log
 * read there, the same runner and projections as in-thread. It hears of appends from the request thread
 * and tells it how far the read models have got, what failed, and what health should show.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { eventDefinitions } from '../domain/index.js';
import { systemClock } from '../domain/shared/clock.js';
import { createAppendListeners } from '../eventstore/appendListeners.js';
import { createEventRegistry } from '../eventstore/eventRegistry.js';
import { createSqliteEventStore } from '../eventstore/sqlite/createSqliteEventStore.js';
import { openSqlite } from '../eventstore/sqlite/openSqlite.js';
import { createHealthRegistry, type HealthRegistry } from '../infra/health.js';
import { messageOf } from '../infra/messageOf.js';
import { watchSqlDb } from '../infra/watchHealth.js';
import { allProjections, createProjectionRunner, sqliteSqlDb } from '../projections/index.js';
import { upcasters } from './upcasters.js';
import type { FromRunner, ToRunner, WorkerSetup } from './workerProjectionRunner.js';

const port = parentPort;
if (!port) throw new Error('projectionWorker runs in a worker thread');
const setup = workerData as WorkerSetup;
const post = (message: FromRunner) => port.postMessage(message);

// Read models are re-derived from the durable log: no fsync of their own (as on the in-thread sibling).
const connection = openSqlite(setup.file, { writeGate: setup.writeGate, synchronous: 'NORMAL' });
if (setup.backgroundCheckpoints) connection.db.pragma('wal_autocheckpoint = 0');
const registry = createEventRegistry(eventDefinitions, upcasters);
const appended = createAppendListeners();
const store = {
  ...createSqliteEventStore(connection, { clock: systemClock, upcast: registry.upcast }),
  onAppended: appended.add,
};

/** The request thread's health hears of a change only: every committed batch recovers. */
const local = createHealthRegistry();
const health: HealthRegistry = {
  ...local,
  degrade: (component, reason) => {
    if (!local.isDegraded(component)) post({ kind: 'health', component, reason });
    local.degrade(component, reason);
  },
  recover: (component) => {
    if (local.isDegraded(component)) post({ kind: 'health', component });
    local.recover(component);
  },
};

const runner = createProjectionRunner({
  store,
  db: watchSqlDb(sqliteSqlDb(connection), health, 'read-models'),
  projections: allProjections,
  onProgress: (position) => post({ kind: 'position', position }),
  onFailure: (error) => post({ kind: 'failed', error: messageOf(error) }),
});

const answer = (id: number, work: Promise<unknown>) =>
  work.then(
    () => post({ kind: 'done', id }),
    (error) => post({ kind: 'done', id, error: messageOf(error) }),
  );

port.on('message', (message: ToRunner) => {
  switch (message.kind) {
    case 'appended':
      appended.notify(message.head);
      return;
    case 'start':
      answer(message.id, runner.start());
      return;
    case 'rebuild': {
      const progress = (done: number, total: number) => post({ kind: 'progress', id: message.id, done, total });
      const options = message.batchSize === undefined ? {} : { batchSize: message.batchSize };
      answer(message.id, runner.rebuild(message.names, progress, options));
      return;
    }
    case 'stop':
      answer(
        message.id,
        runner.stop().then(() => {
          local.stop();
          return connection.close();
        }),
      );
      return;
  }
});
