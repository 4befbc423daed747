/**
 * The log's durability belongs to the event store: its connection commits with synchronous=FULL
 * whatever the read models do. Projections, policy checkpoints, idempotency records and the audit
 * access log write through a connection of their own (synchronous=NORMAL) under the same write lock,
 * so the two never overlap and never meet SQLITE_BUSY.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { activePartner, quiescent } from '../http/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const FULL = 2;
const NORMAL = 1;

const test = suite<{ t: TestApp }>('log durability');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp();
});
test.after.each(async (ctx) => ctx.t.dispose());

const logSynchronous = (t: TestApp) => t.platform.connection.db.pragma('synchronous', { simple: true });

test("after projection batches, the event store's writer connection is still synchronous=FULL", async ({ t }) => {
  assert.is(logSynchronous(t), FULL);
  await activePartner(t);
  await quiescent(t);
  assert.ok(t.platform.runner.position() > 0, 'projections ran');
  assert.is(logSynchronous(t), FULL);
  await t.platform.runner.rebuild();
  assert.is(logSynchronous(t), FULL);
});

test(
  'read models commit on another connection, synchronous=NORMAL, ' + 'while the log connection stays FULL and idle',
  async ({ t }) => {
    const seen = await t.platform.writeDb.transaction(async (tx) => ({
      readModels: (await tx.get<{ synchronous: number }>('PRAGMA synchronous'))?.synchronous,
      log: logSynchronous(t),
      logInTransaction: t.platform.connection.db.inTransaction,
    }));
    assert.equal(seen, { readModels: NORMAL, log: FULL, logInTransaction: false });
  },
);

test('an append waits for a read-model transaction in progress (one write lock), then both commit', async ({ t }) => {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const order: string[] = [];
  const transaction = t.platform.writeDb.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO idempotency_keys (scope_key, request_hash, status_code, body, created_at)
       VALUES ('k', 'h', 200, '{}', 'now')`,
    );
    await held;
    order.push('read models committed');
  });
  const append = t.platform.store
    .append(
      'counter-x',
      [
        {
          eventId: 'evt_durability_1',
          type: 'ProgramRetired',
          data: {},
          metadata: { actor: { kind: 'system', id: 't' }, commandId: 'c', correlationId: 'c' },
        },
      ],
      { expected: 'any' },
    )
    .then((result) => {
      order.push('appended');
      return result;
    });
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(order, [], 'the append waits while the read-model transaction holds the lock');
  release();
  const [, appended] = await Promise.all([transaction, append]);
  assert.equal(order, ['read models committed', 'appended']);
  assert.is(appended.positions.length, 1);
  const kept = await t.platform.reader.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM idempotency_keys WHERE scope_key = 'k'`,
  );
  assert.is(kept?.n, 1);
});

test.run();
