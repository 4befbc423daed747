/**
 * `prm expire-points` as an operator runs it: a separate process on the same database, with no
 * projections running. Ledgers the read model has not reached yet are found in the log itself; a
 * second run expires nothing more.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ledgerDecider, pointsStream } from '../../domain/points/index.js';
import { openPolicyHarness } from '../property/pointsPolicyHarness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

const test = suite<{ dir: string }>('prm expire-points');
test.before.each((ctx) => {
  ctx.dir = mkdtempSync(join(tmpdir(), 'prm-expire-points-'));
});
test.after.each((ctx) => rmSync(ctx.dir, { recursive: true, force: true }));

test('expires points older than pointsExpiryMonths on ledgers the read model has not seen, once', async ({ dir }) => {
  const h = await openPolicyHarness(join(dir, 'prm.db'));
  // Years ago for the real clock the CLI runs on; nothing has been projected in this database.
  h.clock.set('2020-01-15T00:00:00.000Z');
  const adjust = (partnerId: string, points: number, personId?: string) =>
    h.pipeline.execute(
      { actor: { kind: 'admin-key', id: 'admin' }, commandId: `cmd_seed${partnerId}${points}`, correlationId: 'seed' },
      async (uow) => {
        const decided = await uow.decide(ledgerDecider, pointsStream(partnerId), {
          type: 'AdjustPoints',
          data: { points, reason: 'seed', personKnown: true, ...(personId ? { personId } : {}) },
        });
        return E.map(() => ({ id: partnerId, streamId: pointsStream(partnerId) }))(decided);
      },
    );
  assert.ok(E.isRight(await adjust('ptr_old0000001', 300)));
  assert.ok(E.isRight(await adjust('ptr_old0000001', 200, 'per_old0000001')));
  h.clock.set(new Date(Date.now() + 86_400_000));
  assert.ok(E.isRight(await adjust('ptr_new0000001', 50)));
  await h.close();

  const env = {
    ...process.env,
    PRM_DATA_DIR: dir,
    PRM_ADMIN_KEY: 'cli-admin-key-0123456789',
    PRM_JWT_SECRET: 'cli-jwt-secret-0123456789abcdef0123456789',
    PRM_LOG_LEVEL: 'silent',
  };
  const first = await run(process.execPath, ['--import', 'tsx', 'app/main.ts', 'expire-points'], { cwd: root, env });
  assert.match(first.stdout, 'points-expiry: 1 changed, 0 skipped, 0 failed (of 1 examined)');
  const second = await run(process.execPath, ['--import', 'tsx', 'app/main.ts', 'expire-points'], { cwd: root, env });
  assert.match(second.stdout, 'points-expiry: 0 changed, 1 skipped, 0 failed (of 1 examined)');

  const after = await openPolicyHarness(join(dir, 'prm.db'));
  const expired = after.connection.db
    .prepare(`SELECT stream_id, data FROM events WHERE type = 'PointsExpired' ORDER BY position`)
    .all() as { stream_id: string; data: string }[];
  await after.close();
  assert.equal(
    expired.map((e) => [e.stream_id, JSON.parse(e.data).personId ?? null, JSON.parse(e.data).points]),
    [
      ['points-ptr_old0000001', null, 300],
      ['points-ptr_old0000001', 'per_old0000001', 200],
    ],
  );
});

test.run();
