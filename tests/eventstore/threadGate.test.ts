/**
 * Two threads writing one SQLite file take turns at a gate in shared memory: a thread waiting for it
 * awaits (keeps serving) instead of sleeping in SQLite's busy handler.
 */
import { Worker } from 'node:worker_threads';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createMutex } from '../../eventstore/mutex.js';
import { createThreadGate, gatedMutex } from '../../eventstore/threadGate.js';

const test = suite('threadGate');
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

test('given a gate held by one lock, when another asks, then its task starts after the first ends', async () => {
  const gate = createThreadGate();
  const [one, other] = [gatedMutex(createMutex(), gate), gatedMutex(createMutex(), gate)];
  const order: string[] = [];
  let finish: () => void = () => undefined;
  const first = one.run(async () => {
    order.push('first starts');
    await new Promise<void>((resolve) => (finish = resolve));
    order.push('first ends');
  });
  const second = other.run(() => order.push('second runs'));
  await tick();
  assert.equal(order, ['first starts']);
  finish();
  await Promise.all([first, second]);
  assert.equal(order, ['first starts', 'first ends', 'second runs']);
  assert.is(Atomics.load(gate, 0), 0, 'the gate is open again');
});

test('a task that throws still opens the gate', async () => {
  const gate = createThreadGate();
  const lock = gatedMutex(createMutex(), gate);
  await lock
    .run(() => {
      throw new Error('refused');
    })
    .catch(() => undefined);
  assert.is(Atomics.load(gate, 0), 0);
  assert.is(await gatedMutex(createMutex(), gate).run(() => 'next'), 'next');
});

test('given another thread holding the gate, a task waits without blocking this thread, then runs', async () => {
  const gate = createThreadGate();
  // The other thread takes the gate as a gatedMutex would, and opens it when told.
  const worker = new Worker(
    `const { parentPort, workerData: gate } = require('node:worker_threads');
     Atomics.compareExchange(gate, 0, 0, 1);
     parentPort.postMessage('held');
     parentPort.once('message', () => { Atomics.store(gate, 0, 0); Atomics.notify(gate, 0); });`,
    { eval: true, workerData: gate },
  );
  await new Promise((resolve) => worker.once('message', resolve));
  let ran = false;
  const task = gatedMutex(createMutex(), gate).run(() => {
    ran = true;
  });
  let timers = 0;
  for (let i = 0; i < 3; i++) {
    await tick();
    timers++;
  }
  assert.is(timers, 3, 'this thread kept running timers');
  assert.is(ran, false);
  worker.postMessage('open');
  await task;
  assert.ok(ran);
  await worker.terminate();
});

test.run();
