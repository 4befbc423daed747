/** PRM_READ_CACHE_ROWS: how many rows of read answers the embedded store keeps between commits. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../../app/config.js';

const test = suite('readCacheConfig');

test('unset, 50,000 rows; 0 keeps none; a negative or fractional count stops the server naming the variable', () => {
  assert.is(loadConfig({}).readCacheRows, 50_000);
  assert.is(loadConfig({ PRM_READ_CACHE_ROWS: '0' }).readCacheRows, 0);
  assert.is(loadConfig({ PRM_READ_CACHE_ROWS: '200000' }).readCacheRows, 200_000);
  for (const bad of ['-1', '1.5', 'many'])
    assert.throws(
      () => loadConfig({ PRM_READ_CACHE_ROWS: bad }),
      (e: Error) => e.message.startsWith('invalid configuration: PRM_READ_CACHE_ROWS'),
    );
});

test.run();
