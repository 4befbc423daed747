/**
 * Awards survive restarts and rebuilds without repeating: rebuilding the read models replays the
 * awards already in the log (the policies do not run again: they keep their own checkpoints), and a
 * restarted platform, even one whose policy checkpoints were lost, earns nothing twice.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { timeOrderedIds } from '../../app/timeOrderedIds.js';
import { createPlatform } from '../../app/platform.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { defineProgram, expectStatus } from './fixtures.js';
import { channelCast, type Cast } from './mdfFixtures.js';
import { points, settle, wonDeal } from './pointsFixtures.js';

const test = suite<{ t: TestApp; cast: Cast }>('points across restarts and rebuilds');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp({ now: '2026-04-01T09:00:00.000Z' });
  ctx.cast = await channelCast(ctx.t);
  expectStatus(await ctx.t.put('/channel/settings', { pointsPerWonAmountUnit: 1 }), 200);
  await wonDeal(ctx.t, ctx.cast.acme, ctx.cast.bob.token, 250_000);
  await wonDeal(ctx.t, ctx.cast.acme, ctx.cast.ann.token, 99_900);
  const program = await defineProgram(ctx.t);
  expectStatus(await ctx.t.post(`/people/${ctx.cast.bob.id}/certifications`, { programId: program }), 200);
  await settle(ctx.t);
  expectStatus(
    await ctx.t.post(
      `/partners/${ctx.cast.acme}/points/redemptions`,
      { personId: ctx.cast.bob.id, points: 600, rewardId: 'headset' },
      ctx.cast.bob.token,
    ),
    200,
  );
});
test.after.each(async (ctx) => ctx.t?.dispose());

const tables = ['points_ledger', 'points_partners', 'points_people'];
const snapshot = async (t: TestApp) => {
  const out: Record<string, unknown[]> = {};
  for (const table of tables) out[table] = await t.platform.reader.all(`SELECT * FROM ${table} ORDER BY 1, 2`);
  return out;
};
const earnedEvents = async (t: TestApp) =>
  (await t.platform.reader.all("SELECT event_id FROM events WHERE type = 'PointsEarned'")).length;

test('the starting point: three awards (two deals, one certification), one redemption', async ({ t, cast }) => {
  assert.is(await earnedEvents(t), 3);
  const view = await points(t, cast.acme);
  assert.equal([view.earned, view.redeemed, view.balance], [2_500 + 999 + 100, 600, 2_999]);
});

test('a rebuild of the read models gives the same points and awards nothing again', async ({ t }) => {
  const before = await snapshot(t);
  await t.platform.runner.rebuild();
  await settle(t);
  assert.equal(await snapshot(t), before);
  assert.is(await earnedEvents(t), 3);
});

test('a restarted platform awards nothing twice, also after losing its policy checkpoints', async ({ t }) => {
  const file = join(t.dir, 'prm.db');
  const open = (startPolicies = true) =>
    createPlatform({ databaseFile: file, clock: t.clock, ids: timeOrderedIds(), startPolicies });
  const before = await snapshot(t);
  await t.platform.close();
  // The suite's dispose would close the platform again: from here on it only closes the app and cleans up.
  Object.assign(t, {
    dispose: async () => {
      await t.app.close();
      rmSync(t.dir, { recursive: true, force: true });
    },
  });

  const restarted = await open();
  await restarted.policies.waitFor(await restarted.store.headPosition());
  assert.is((await restarted.reader.all("SELECT 1 FROM events WHERE type = 'PointsEarned'")).length, 3);
  await restarted.close();

  const operator = await open(false);
  await operator.writeDb.run('DELETE FROM policy_checkpoints');
  await operator.close();

  const amnesiac = await open();
  await amnesiac.policies.waitFor(await amnesiac.store.headPosition());
  assert.ok(
    (amnesiac.policies.positions().get('points-for-won-deals') ?? 0) > 0,
    'the policies went through the whole log again',
  );
  await amnesiac.runner.waitFor(await amnesiac.store.headPosition());
  assert.is((await amnesiac.reader.all("SELECT 1 FROM events WHERE type = 'PointsEarned'")).length, 3);
  for (const table of tables)
    assert.equal(await amnesiac.reader.all(`SELECT * FROM ${table} ORDER BY 1, 2`), before[table], table);
  await amnesiac.close();
});

test.run();
