/** The server's sweep runner: rounds never overlap, a failing sweeper does not stop the others, stop waits. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createSweepRunner, type Sweeper } from '../../app/sweepers/index.js';
import { manualClock } from '../../domain/shared/clock.js';

const test = suite('sweep runner');
const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

test("runOnce runs every sweeper in order with the clock's now, and reports each", async () => {
  const clock = manualClock('2026-06-01T00:00:00.000Z');
  const seen: string[] = [];
  const sweeper = (name: string): Sweeper => ({
    name,
    sweep: async (now) => {
      seen.push(`${name}@${now.toISOString()}`);
      return { examined: 2, changed: 1, skipped: 1 };
    },
  });
  const reports: string[] = [];
  const runner = createSweepRunner({
    sweepers: [sweeper('a'), sweeper('b')],
    intervalSeconds: 0,
    clock,
    onReport: (n, r) => reports.push(`${n}:${r.changed}`),
  });
  const result = await runner.runOnce();
  assert.equal(seen, ['a@2026-06-01T00:00:00.000Z', 'b@2026-06-01T00:00:00.000Z']);
  assert.equal([...result.keys()], ['a', 'b']);
  assert.equal(reports, ['a:1', 'b:1']);
});

test('rounds asked for while one runs wait for it: never two sweeps at once', async () => {
  let running = 0;
  let most = 0;
  let rounds = 0;
  const slow: Sweeper = {
    name: 'slow',
    sweep: async () => {
      running++;
      most = Math.max(most, running);
      await tick(10);
      running--;
      rounds++;
      return { examined: 0, changed: 0, skipped: 0 };
    },
  };
  const runner = createSweepRunner({
    sweepers: [slow],
    intervalSeconds: 0,
    clock: manualClock('2026-06-01T00:00:00.000Z'),
  });
  await Promise.all([runner.runOnce(), runner.runOnce(), runner.runOnce()]);
  assert.equal([most, rounds], [1, 3]);
});

test('a sweeper that throws is reported and the next one still runs', async () => {
  const errors: string[] = [];
  const ran: string[] = [];
  const runner = createSweepRunner({
    sweepers: [
      {
        name: 'broken',
        sweep: async () => {
          throw new Error('disk full');
        },
      },
      {
        name: 'fine',
        sweep: async () => {
          ran.push('fine');
          return { examined: 0, changed: 0, skipped: 0 };
        },
      },
    ],
    intervalSeconds: 0,
    clock: manualClock('2026-06-01T00:00:00.000Z'),
    onError: (name, e) => errors.push(`${name}: ${(e as Error).message}`),
  });
  const result = await runner.runOnce();
  assert.equal([errors, ran, [...result.keys()]], [['broken: disk full'], ['fine'], ['fine']]);
});

test('start runs a round at once and then every interval; stop waits for the round in progress', async () => {
  let rounds = 0;
  let inFlight = false;
  const runner = createSweepRunner({
    sweepers: [
      {
        name: 'count',
        sweep: async () => {
          inFlight = true;
          await tick(20);
          inFlight = false;
          rounds++;
          return { examined: 0, changed: 0, skipped: 0 };
        },
      },
    ],
    intervalSeconds: 0.01,
    clock: manualClock('2026-06-01T00:00:00.000Z'),
  });
  runner.start();
  while (rounds < 3) await tick();
  await tick(5);
  await runner.stop();
  assert.is(inFlight, false, 'stop returned while a sweep was running');
  const after = rounds;
  await tick(50);
  assert.is(rounds, after, 'no round after stop');
});

test('an interval of 0 never starts the timer', async () => {
  let rounds = 0;
  const runner = createSweepRunner({
    sweepers: [
      {
        name: 'x',
        sweep: async () => {
          rounds++;
          return { examined: 0, changed: 0, skipped: 0 };
        },
      },
    ],
    intervalSeconds: 0,
    clock: manualClock('2026-06-01T00:00:00.000Z'),
  });
  runner.start();
  await tick(30);
  await runner.stop();
  assert.is(rounds, 0);
});

test.run();
