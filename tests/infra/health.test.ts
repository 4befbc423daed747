/**
 * The health registry `/health` answers from: components degrade with a reason, keep the instant
 * they first degraded, recover by their own success or by a probe that runs while they are degraded.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHealthRegistry } from '../../infra/health.js';
import { watchEventStore, watchSqlDb } from '../../infra/watchHealth.js';
import type { EventStore } from '../../eventstore/port.js';
import type { TransactionalSqlDb } from '../../infra/sql/sqlDb.js';

const test = suite('infra: health registry');
const full = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

test('ok until a component degrades; reasons name it, its code and since when; recovery clears it', () => {
  let now = new Date('2026-06-01T10:00:00Z');
  const health = createHealthRegistry({ now: () => now });
  assert.equal(health.report(), { status: 'ok', reasons: [] });
  health.degrade('event-log', { code: 'storage_full', detail: 'disk full' });
  now = new Date('2026-06-01T10:00:05Z');
  health.degrade('event-log', { code: 'storage_full', detail: 'still full' });
  health.degrade('read-models', { code: 'database_unavailable', detail: 'gone' });
  const report = health.report();
  assert.is(report.status, 'degraded');
  assert.equal(report.reasons[0], {
    component: 'event-log',
    code: 'storage_full',
    detail: 'still full',
    since: '2026-06-01T10:00:00.000Z',
  });
  assert.ok(health.isDegraded('read-models'));
  health.recover('event-log');
  health.recover('read-models');
  assert.equal(health.report(), { status: 'ok', reasons: [] });
});

test('a probe runs while degraded and recovers the component once it succeeds', async () => {
  const health = createHealthRegistry({ probeMs: 10 });
  let attempts = 0;
  health.degrade('event-log', { code: 'storage_full', detail: 'full' }, async () => {
    attempts += 1;
    if (attempts < 3) throw new Error('still full');
  });
  await new Promise((r) => setTimeout(r, 200));
  assert.is(attempts, 3);
  assert.is(health.report().status, 'ok');
  health.stop();
});

test('the watched log degrades on a storage failure only, and recovers on the next append', async () => {
  const health = createHealthRegistry();
  let fail: Error | undefined;
  const store = watchEventStore(
    {
      appendMany: async () => {
        if (fail) throw fail;
        return [];
      },
    } as unknown as EventStore,
    health,
  );
  fail = Object.assign(new Error('stale'), { name: 'WrongExpectedVersion' });
  await store.appendMany([]).catch(() => undefined);
  assert.is(health.report().status, 'ok', 'a refused append says nothing of the storage');
  fail = full();
  await store.appendMany([]).catch(() => undefined);
  assert.equal(
    health.report().reasons.map((r) => [r.component, r.code]),
    [['event-log', 'storage_full']],
  );
  fail = undefined;
  await store.appendMany([]);
  assert.is(health.report().status, 'ok');
});

test('watched read-model writes degrade on any failure and recover on the next commit', async () => {
  const health = createHealthRegistry();
  let fail: Error | undefined;
  const db = watchSqlDb(
    {
      transaction: async () => {
        if (fail) throw fail;
      },
    } as unknown as TransactionalSqlDb,
    health,
    'read-models',
  );
  fail = new Error('a bug in a projection');
  await db.transaction(async () => undefined).catch(() => undefined);
  assert.equal(
    health.report().reasons.map((r) => [r.component, r.code]),
    [['read-models', 'failing']],
  );
  fail = full();
  await db.transaction(async () => undefined).catch(() => undefined);
  assert.is(health.report().reasons[0].code, 'storage_full');
  fail = undefined;
  await db.transaction(async () => undefined);
  assert.is(health.report().status, 'ok');
});

test.run();
