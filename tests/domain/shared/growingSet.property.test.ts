/**
 * GrowingSet against a plain Set per version: grown from any earlier version in any order (as a
 * command decided again on older state does), every version keeps exactly its own members.
 */
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { GrowingSet } from '../../../domain/shared/growingSet.js';

const test = suite('growing set');
const members = ['a', 'b', 'c', 'd', 'e', 'f'];

test('every version holds its own members, in the order they joined, however versions branch', () => {
  const steps = fc.array(fc.record({ from: fc.nat(), member: fc.constantFrom(...members) }), { maxLength: 40 });
  fc.assert(
    fc.property(steps, (input) => {
      const versions: { set: GrowingSet; model: Set<string> }[] = [{ set: GrowingSet.empty(), model: new Set() }];
      for (const { from, member } of input) {
        const base = versions[from % versions.length];
        versions.push({ set: base.set.with(member), model: new Set([...base.model, member]) });
      }
      for (const { set, model } of versions) {
        assert.equal([...set], [...model]);
        assert.is(set.size, model.size);
        for (const m of members) assert.is(set.has(m), model.has(m), m);
        assert.equal(set.toJSON(), Object.fromEntries([...model].map((m) => [m, true])));
      }
    }),
    { numRuns: 500 },
  );
});

test('adding a member it has gives the same set; of() builds from members', () => {
  const set = GrowingSet.of(['x', 'y']);
  assert.is(set.with('x'), set);
  assert.equal(JSON.parse(JSON.stringify({ sources: set })), { sources: { x: true, y: true } });
});

test.run();
