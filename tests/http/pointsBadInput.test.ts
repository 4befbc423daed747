/**
 * Bad input on the points routes: fractional, zero, negative (for redemptions), overflowing and
 * non-numeric points, bad ids, reward ids, reasons, sources and unknown fields: 400 problem+json at
 * the field path, nothing appended. A query with a bad person or cursor is a 400 too.
 */
import { suite } from 'uvu';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { expectProblem, expectStatus, refused } from './fixtures.js';
import { channelCast, type Cast } from './mdfFixtures.js';

const test = suite<{ t: TestApp; cast: Cast }>('points bad input');
test.before(async (ctx) => {
  ctx.t = await startTestApp({ now: '2026-04-01T09:00:00.000Z' });
  ctx.cast = await channelCast(ctx.t);
  expectStatus(
    await ctx.t.post(`/partners/${ctx.cast.acme}/points/adjustments`, {
      points: 1_000,
      reason: 'seed',
      personId: ctx.cast.bob.id,
    }),
    200,
  );
});
test.after(async (ctx) => ctx.t?.dispose());

const badPoints: unknown[] = [1.5, 0.1, 2 ** 53, 1e308, 1_000_000_001, '10', null, true, { points: 1 }];

const expectBad = async (t: TestApp, url: string, body: unknown, path: string, token?: string) =>
  expectProblem(await refused(t, () => t.post(url, body, token)), 400, 'validation_failed', [path]);

test('adjustments: points must be a non-zero whole number within bounds', async ({ t, cast }) => {
  const url = `/partners/${cast.acme}/points/adjustments`;
  for (const points of [...badPoints, 0, -1_000_000_001, -(2 ** 53)])
    await expectBad(t, url, { points, reason: 'x' }, 'points');
  await expectBad(t, url, { points: 1 }, 'reason');
  await expectBad(t, url, { points: 1, reason: '' }, 'reason');
  await expectBad(t, url, { points: 1, reason: 'x', personId: 'bob' }, 'personId');
  await expectBad(t, url, { points: 1, reason: 'x', sourceEventId: 'evt_x' }, 'sourceEventId');
});

test('redemptions: points must be a positive whole number within bounds, with a reward and a person', async ({
  t,
  cast,
}) => {
  const url = `/partners/${cast.acme}/points/redemptions`;
  const base = { personId: cast.bob.id, rewardId: 'mug' };
  for (const points of [...badPoints, 0, -5]) await expectBad(t, url, { ...base, points }, 'points', cast.bob.token);
  await expectBad(t, url, { ...base, points: 1, rewardId: '' }, 'rewardId', cast.bob.token);
  await expectBad(t, url, { ...base, points: 1, rewardId: 'a reward with spaces' }, 'rewardId', cast.bob.token);
  await expectBad(t, url, { ...base, points: 1, rewardId: 'x'.repeat(101) }, 'rewardId', cast.bob.token);
  await expectBad(t, url, { points: 1, rewardId: 'mug' }, 'personId', cast.bob.token);
  await expectBad(t, url, { ...base, points: 1, from: 'vendor' }, 'from', cast.bob.token);
  await expectBad(t, url, { ...base, points: 1, note: 'hi' }, 'note', cast.bob.token);
});

test('malformed partner ids: 400; bodies that are not objects: 400; queries checked too', async ({ t, cast }) => {
  await expectBad(t, '/partners/acme/points/adjustments', { points: 1, reason: 'x' }, 'params.id');
  expectProblem(
    await refused(t, () => t.post(`/partners/${cast.acme}/points/redemptions`, '[]', cast.bob.token)),
    400,
    'validation_failed',
  );
  expectProblem(
    await refused(t, () => t.post(`/partners/${cast.acme}/points/adjustments`, '{"points": 1,')),
    400,
    'malformed_json',
  );
  expectProblem(await t.get(`/partners/${cast.acme}/points?personId=bob`), 400, 'validation_failed', [
    'query.personId',
  ]);
  expectProblem(
    await t.get(`/partners/${cast.acme}/points?cursor=${Buffer.from('"x"').toString('base64url')}`),
    400,
    'validation_failed',
    ['query.cursor'],
  );
  expectProblem(await t.get(`/partners/${cast.acme}/points?limit=0`), 400, 'validation_failed', ['query.limit']);
  expectProblem(await t.get('/partners/x/points'), 400, 'validation_failed', ['params.id']);
});

test.run();
