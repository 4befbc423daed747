/** PRM_PROJECTION_WORKER: projections on a thread of their own, off unless asked for. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../../app/config.js';

const test = suite('projectionWorkerConfig');

test('unset or false, in-thread; true, on a worker; anything else stops the server naming the variable', () => {
  assert.is(loadConfig({}).projectionWorker, false);
  assert.is(loadConfig({ PRM_PROJECTION_WORKER: 'false' }).projectionWorker, false);
  assert.is(loadConfig({ PRM_PROJECTION_WORKER: 'true' }).projectionWorker, true);
  for (const bad of ['yes', '1', ''])
    assert.throws(
      () => loadConfig({ PRM_PROJECTION_WORKER: bad }),
      (e: Error) => e.message.startsWith('invalid configuration: PRM_PROJECTION_WORKER'),
    );
});

test.run();
