/**
 * Projections on a worker thread (`PRM_PROJECTION_WORKER=true`): the same read models, read-your-writes,
 * rebuilds and health as in-thread, written from another thread through the file's write gate.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { activePartner, expectStatus, partnerBody, quiescent, registerPerson } from '../http/fixtures.js';
import { workerProjectionRunner } from '../../app/workerProjectionRunner.js';
import { createThreadGate } from '../../eventstore/threadGate.js';
import { createHealthRegistry } from '../../infra/health.js';
import { str } from '../support/json.js';
import { dumpReadModels } from '../support/readModelDump.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const test = suite<{ t: TestApp }>('projections on a worker thread');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp({ projectionWorker: true });
});
test.after.each(async (ctx) => ctx.t.dispose());

test('a command answers with its effects readable: read-your-writes across the threads', async ({ t }) => {
  const id = await activePartner(t);
  const r = expectStatus(await t.get(`/partners/${id}`), 200);
  assert.is(str(r.body, 'status'), 'active');
  const person = await registerPerson(t);
  expectStatus(await t.get(`/people/${person}`), 200);
  const head = await quiescent(t);
  assert.is(t.platform.runner.position(), head);
});

test('a rebuild on the worker gives back the read models it applied one batch at a time', async ({ t }) => {
  for (let i = 0; i < 3; i++) await activePartner(t, { name: `Partner ${i}` });
  await registerPerson(t);
  await quiescent(t);
  const incremental = await dumpReadModels(t.platform.reader);
  let reported = 0;
  await t.platform.runner.rebuild(undefined, (done) => {
    reported = done;
  });
  assert.is(reported, await t.eventCount(), 'progress reaches the head');
  assert.equal(await dumpReadModels(t.platform.reader), incremental);
});

test('a failing batch degrades read-models health and leaves the command stored; the next batch recovers', async ({
  t,
}) => {
  // Another connection makes the partners projection fail, as a broken disk would.
  const other = new Database(`${t.dir}/prm.db`);
  other.exec("CREATE TRIGGER refuse BEFORE INSERT ON partners BEGIN SELECT RAISE(ABORT, 'refused'); END");
  const stored = expectStatus(await t.post('/partners', partnerBody({ name: 'Stored Anyway' })), 201);
  const id = str(stored.body, 'id');
  assert.is(stored.headers['prm-read-models'], 'behind');
  assert.ok(t.platform.health.isDegraded('read-models'));
  assert.ok(t.platform.runner.position() < (await t.eventCount()));
  other.exec('DROP TRIGGER refuse');
  other.close();
  // The next append wakes the worker, which applies both.
  await activePartner(t);
  await quiescent(t);
  assert.not.ok(t.platform.health.isDegraded('read-models'));
  expectStatus(await t.get(`/partners/${id}`), 200);
});

test('a worker that cannot run: start is refused, waiters hear why, health says so, stop returns', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prm-worker-'));
  // A directory that cannot be made: its parent is a plain file.
  writeFileSync(join(dir, 'data'), 'a file, not a directory');
  const file = join(dir, 'data', 'prm.db');
  const health = createHealthRegistry();
  const runner = workerProjectionRunner({ onAppended: () => () => undefined }, health, {
    file,
    writeGate: createThreadGate(),
    backgroundCheckpoints: false,
  });
  try {
    const refused = await runner.start().then(
      () => undefined,
      (error: Error) => error,
    );
    assert.instance(refused, Error);
    assert.ok(health.isDegraded('read-models'));
    const waiting = await runner.waitFor(1).then(
      () => undefined,
      (error: Error) => error,
    );
    assert.instance(waiting, Error);
    await runner.stop();
  } finally {
    health.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
