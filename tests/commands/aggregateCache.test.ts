import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createAggregateCache } from '../../commands/pipeline/aggregateCache.js';

const test = suite('aggregate cache');
const entry = (version: number) => ({ state: { version }, version });

test('returns what was set, and forgets what was deleted', () => {
  const cache = createAggregateCache(10);
  cache.set('a', entry(1));
  assert.equal(cache.get('a'), entry(1));
  cache.set('a', entry(2));
  assert.equal(cache.get('a')?.version, 2);
  cache.delete('a');
  assert.is(cache.get('a'), undefined);
});

test('keeps the most recently used entries within capacity and evicts the least recently used', () => {
  const cache = createAggregateCache(100);
  for (let i = 0; i < 1000; i++) cache.set(`s${i}`, entry(i));
  const kept = Array.from({ length: 1000 }, (_, i) => cache.get(`s${i}`) !== undefined).filter(Boolean).length;
  assert.ok(kept >= 50 && kept <= 100, `kept ${kept}`);
  for (let i = 950; i < 1000; i++) assert.ok(cache.get(`s${i}`), `recent s${i} kept`);
  assert.is(cache.get('s0'), undefined);
});

test('an entry read regularly survives while others stream through', () => {
  const cache = createAggregateCache(100);
  cache.set('hot', entry(7));
  for (let i = 0; i < 10_000; i++) {
    cache.set(`cold${i}`, entry(i));
    if (i % 20 === 0) assert.equal(cache.get('hot'), entry(7), `hot entry after ${i} others`);
  }
});

test.run();
