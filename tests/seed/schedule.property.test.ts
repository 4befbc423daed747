import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { rounds, type SeedTask } from '../../app/seed/schedule.js';
import { must } from '../support/must.js';

/**
 * The seed's rounds must give the plan order's outcome however the commands of a round interleave:
 * checked by running random plans of reads and writes against a versioned store, in rounds, with the
 * commands of each round shuffled, and comparing what every read saw and every write left with a
 * sequential run of the same plan.
 */
const test = suite('seed schedule: rounds of concurrent tasks equal the plan run in order');

const keys = ['a', 'b', 'c', 'd', 'e'];
const plan = fc.array(fc.record({ reads: fc.subarray(keys), writes: fc.subarray(keys) }), { maxLength: 40 });

/** Runs tasks against `state`; a round's reads all happen before its writes (one group commit per round). */
const execute = (batches: { reads: string[]; writes: string[]; id: number }[][]) => {
  const state = new Map<string, number[]>();
  const seen = new Map<number, string>();
  for (const batch of batches) {
    for (const t of batch) seen.set(t.id, JSON.stringify(t.reads.map((k) => state.get(k) ?? [])));
    for (const t of batch) for (const k of t.writes) state.set(k, [...(state.get(k) ?? []), t.id]);
  }
  return { state: JSON.stringify([...state].sort()), seen: JSON.stringify([...seen].sort((x, y) => x[0] - y[0])) };
};

test('every read sees, and every write leaves, what the sequential plan would', () => {
  fc.assert(
    fc.property(plan, fc.integer(), (steps, salt) => {
      const tasks = steps.map((s, id) => ({ ...s, id, run: async () => undefined }));
      const byTask = new Map<SeedTask, (typeof tasks)[number]>(tasks.map((t) => [t as SeedTask, t]));
      const scheduled = rounds(tasks).map((round, r) =>
        round
          .map((t) => must(byTask.get(t), 'the task'))
          .sort((x, y) => ((x.id * 31 + salt + r) % 7) - ((y.id * 31 + salt + r) % 7)),
      );
      // No two tasks of a round write one stream: no version conflict, no retry.
      for (const round of scheduled) {
        const written = round.flatMap((t) => t.writes);
        assert.is(new Set(written).size, written.length);
      }
      assert.equal(execute(scheduled), execute(tasks.map((t) => [t])));
    }),
    { numRuns: 500 },
  );
});

test('independent tasks share one round; a chain of writes to one stream takes one round each', () => {
  const task = (reads: string[], writes: string[]): SeedTask => ({ reads, writes, run: async () => undefined });
  assert.is(rounds([task([], ['a']), task([], ['b']), task(['c'], ['d'])]).length, 1);
  assert.is(rounds([task([], ['a']), task([], ['a']), task([], ['a'])]).length, 3);
  // A read after a write waits; a write after a read may share its round (loads precede the commit).
  assert.is(rounds([task([], ['a']), task(['a'], ['b'])]).length, 2);
  assert.is(rounds([task(['a'], ['b']), task([], ['a'])]).length, 1);
});

test.run();
