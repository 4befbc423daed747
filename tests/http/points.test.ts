/**
 * Points over HTTP: earned by policies from won deals (pointsPerWonAmountUnit per whole currency unit)
 * and certifications (the program's points), attributed to the person; adjusted by channel staff;
 * redeemed by the partner's admin or the person (422 insufficient_points over the balance); expired
 * oldest first by the sweep; seen by the partner's admins in full and by its other people for themselves.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { expirePoints } from '../../commands/points/pointsExpirySweeper.js';
import { at, list, str } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { defineProgram, expectProblem, expectStatus, refused } from './fixtures.js';
import { channelCast, type Cast } from './mdfFixtures.js';
import { personBalance, points, settle, wonDeal } from './pointsFixtures.js';

const test = suite<{ t: TestApp; cast: Cast }>('points over HTTP');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp({ now: '2026-04-01T09:00:00.000Z' });
  ctx.cast = await channelCast(ctx.t);
});
test.after.each(async (ctx) => ctx.t?.dispose());

const adjust = (t: TestApp, partnerId: string, body: unknown, token?: string) =>
  t.post(`/partners/${partnerId}/points/adjustments`, body, token);
const redeem = (t: TestApp, partnerId: string, body: unknown, token?: string) =>
  t.post(`/partners/${partnerId}/points/redemptions`, body, token);

test('a won deal earns points for its partner, attributed to the person who registered it', async ({ t, cast }) => {
  expectStatus(await t.put('/channel/settings', { pointsPerWonAmountUnit: 0.5 }), 200);
  const { dealId } = await wonDeal(t, cast.acme, cast.bob.token, 12_345_678);
  await settle(t);
  const view = await points(t, cast.acme);
  assert.equal([view.balance, view.earned, personBalance(view, cast.bob.id)], [61_728, 61_728, 61_728]);
  const [entry] = list(view.ledger, 'items');
  assert.equal([at(entry, 'kind'), at(entry, 'points'), at(entry, 'personId')], ['earned', 61_728, cast.bob.id]);
  assert.match(str(entry, 'reason'), dealId);
  const source = (
    await t.platform.reader.get<{ event_id: string }>("SELECT event_id FROM events WHERE type = 'DealWon'")
  )?.event_id;
  assert.is(at(entry, 'sourceEventId'), source);
  assert.equal((await points(t, cast.globex)).balance, 0);
});

test('read-your-writes: when the win is answered, its points are already in the read model', async ({ t, cast }) => {
  expectStatus(await t.put('/channel/settings', { pointsPerWonAmountUnit: 1 }), 200);
  await wonDeal(t, cast.acme, cast.bob.token, 4_200);
  assert.is((await points(t, cast.acme)).balance, 42);
});

test("a certification earns the program's points for the person's partner; none without an employer", async ({
  t,
  cast,
}) => {
  const program = await defineProgram(t);
  expectStatus(await t.post(`/people/${cast.bob.id}/certifications`, { programId: program }), 200);
  expectStatus(await t.post(`/people/${cast.emeaManager.id}/certifications`, { programId: program }), 200);
  await settle(t);
  const view = await points(t, cast.acme);
  assert.equal([view.balance, personBalance(view, cast.bob.id)], [100, 100]);
  assert.match(str(view.ledger, 'items', 0, 'reason'), 'storage associate');
  const awards = await t.platform.reader.all("SELECT 1 FROM events WHERE type = 'PointsEarned'");
  assert.is(awards.length, 1);
});

test("channel staff adjust points, with a reason, for a person or the partner's shared points", async ({ t, cast }) => {
  expectStatus(await adjust(t, cast.acme, { points: 500, reason: 'QBR bonus' }, cast.emeaManager.token), 200);
  expectStatus(await adjust(t, cast.acme, { points: 40, reason: 'webinar host', personId: cast.ann.id }), 200);
  expectStatus(await adjust(t, cast.acme, { points: -15, reason: 'correction', personId: cast.ann.id }), 200);
  const view = await points(t, cast.acme);
  assert.equal(
    [view.balance, view.sharedBalance, view.adjusted, personBalance(view, cast.ann.id)],
    [525, 500, 525, 25],
  );
  assert.equal(
    list(view.ledger, 'items').map((e) => [at(e, 'points'), at(e, 'reason')]),
    [
      [-15, 'correction'],
      [40, 'webinar host'],
      [500, 'QBR bonus'],
    ],
  );
  expectProblem(
    await refused(t, () => adjust(t, cast.acme, { points: -26, reason: 'too much', personId: cast.ann.id })),
    422,
    'insufficient_points',
  );
  expectProblem(
    await refused(t, () => adjust(t, cast.acme, { points: -501, reason: 'too much' })),
    422,
    'insufficient_points',
  );
});

test('who adjusts: not the partner, not another region (404), not auditors; only people of the partner', async ({
  t,
  cast,
}) => {
  const body = { points: 10, reason: 'bonus' };
  expectProblem(await refused(t, () => adjust(t, cast.acme, body, cast.ann.token)), 403, 'forbidden');
  expectProblem(await refused(t, () => adjust(t, cast.acme, body, cast.apacManager.token)), 404, 'not_found');
  expectProblem(await refused(t, () => adjust(t, cast.acme, body, cast.gil.token)), 404, 'not_found');
  expectProblem(await refused(t, () => adjust(t, cast.acme, body, cast.auditor.token)), 403, 'forbidden');
  expectProblem(await refused(t, () => adjust(t, 'ptr_unknown0001', body)), 404, 'not_found');
  expectProblem(
    await refused(t, () => adjust(t, cast.acme, { ...body, personId: 'per_unknown0001' })),
    404,
    'not_found',
  );
  expectProblem(await refused(t, () => adjust(t, cast.acme, { ...body, personId: cast.gil.id })), 409, 'invalid_state');
});

test(
  'redemptions: the person for their own points, ' + "the partner's admin for anyone, also from the shared points",
  async ({ t, cast }) => {
    expectStatus(await adjust(t, cast.acme, { points: 100, reason: 'first', personId: cast.bob.id }), 200);
    t.clock.set('2026-05-01T00:00:00.000Z');
    expectStatus(await adjust(t, cast.acme, { points: 100, reason: 'second', personId: cast.bob.id }), 200);
    expectStatus(await adjust(t, cast.acme, { points: 300, reason: 'team' }), 200);
    expectStatus(
      await redeem(t, cast.acme, { personId: cast.bob.id, points: 120, rewardId: 'gift-card-100' }, cast.bob.token),
      200,
    );
    expectStatus(
      await redeem(t, cast.acme, { personId: cast.bob.id, points: 30, rewardId: 'mug' }, cast.ann.token),
      200,
    );
    expectStatus(
      await redeem(
        t,
        cast.acme,
        { personId: cast.ann.id, points: 250, rewardId: 'team-dinner', from: 'partner' },
        cast.ann.token,
      ),
      200,
    );
    const view = await points(t, cast.acme);
    assert.equal(
      [view.balance, view.sharedBalance, view.redeemed, personBalance(view, cast.bob.id)],
      [100, 50, 400, 50],
    );
    const dinner = at(view.ledger, 'items', 0);
    assert.equal(
      [
        at(dinner, 'kind'),
        at(dinner, 'points'),
        at(dinner, 'personId'),
        at(dinner, 'rewardId'),
        at(dinner, 'redeemedFrom'),
      ],
      ['redeemed', -250, cast.ann.id, 'team-dinner', 'partner'],
    );
  },
);

test('redeeming more than the balance: 422 insufficient_points, nothing appended', async ({ t, cast }) => {
  expectStatus(await adjust(t, cast.acme, { points: 100, reason: 'bonus', personId: cast.bob.id }), 200);
  const over = await refused(t, () =>
    redeem(t, cast.acme, { personId: cast.bob.id, points: 101, rewardId: 'tv' }, cast.bob.token),
  );
  expectProblem(over, 422, 'insufficient_points');
  assert.match(str(over.body, 'detail'), '100 points, 101 needed');
  expectProblem(
    await refused(t, () => redeem(t, cast.acme, { personId: cast.ann.id, points: 1, rewardId: 'tv' }, cast.ann.token)),
    422,
    'insufficient_points',
  );
  expectProblem(
    await refused(t, () =>
      redeem(t, cast.acme, { personId: cast.ann.id, points: 1, rewardId: 'tv', from: 'partner' }, cast.ann.token),
    ),
    422,
    'insufficient_points',
  );
});

test("who redeems: not someone else's points, not the shared points as a non-admin, not another partner", async ({
  t,
  cast,
}) => {
  expectStatus(await adjust(t, cast.acme, { points: 100, reason: 'bonus', personId: cast.ann.id }), 200);
  expectStatus(await adjust(t, cast.acme, { points: 100, reason: 'team' }), 200);
  expectProblem(
    await refused(t, () => redeem(t, cast.acme, { personId: cast.ann.id, points: 1, rewardId: 'mug' }, cast.bob.token)),
    403,
    'forbidden',
  );
  expectProblem(
    await refused(t, () =>
      redeem(t, cast.acme, { personId: cast.bob.id, points: 1, rewardId: 'mug', from: 'partner' }, cast.bob.token),
    ),
    403,
    'forbidden',
  );
  expectProblem(
    await refused(t, () => redeem(t, cast.acme, { personId: cast.ann.id, points: 1, rewardId: 'mug' }, cast.gil.token)),
    404,
    'not_found',
  );
  expectProblem(
    await refused(t, () =>
      redeem(t, cast.acme, { personId: cast.ann.id, points: 1, rewardId: 'mug' }, cast.emeaManager.token),
    ),
    403,
    'forbidden',
  );
  expectProblem(
    await refused(t, () =>
      redeem(t, cast.acme, { personId: cast.ann.id, points: 1, rewardId: 'mug' }, cast.auditor.token),
    ),
    403,
    'forbidden',
  );
  expectStatus(await redeem(t, cast.acme, { personId: cast.ann.id, points: 1, rewardId: 'mug' }), 200);
});

test('who sees points: admins and channel staff all of them, other people their own, other partners nothing', async ({
  t,
  cast,
}) => {
  expectStatus(await adjust(t, cast.acme, { points: 10, reason: 'a', personId: cast.ann.id }), 200);
  expectStatus(await adjust(t, cast.acme, { points: 20, reason: 'b', personId: cast.bob.id }), 200);
  expectStatus(await adjust(t, cast.acme, { points: 30, reason: 'c' }), 200);
  for (const token of [cast.ann.token, cast.emeaManager.token, cast.auditor.token, undefined]) {
    const all = await points(t, cast.acme, token);
    assert.equal(
      [all.scope, all.balance, list(all.people).length, list(all.ledger, 'items').length],
      ['partner', 60, 2, 3],
    );
  }
  const own = await points(t, cast.acme, cast.bob.token);
  assert.equal(
    [
      own.scope,
      own.personId,
      own.balance,
      list(own.people).length,
      list(own.ledger, 'items').map((e) => at(e, 'reason')),
    ],
    ['person', cast.bob.id, 20, 1, ['b']],
  );
  assert.not.ok('sharedBalance' in own);
  expectProblem(await t.get(`/partners/${cast.acme}/points?personId=${cast.ann.id}`, cast.bob.token), 403, 'forbidden');
  expectProblem(await t.get(`/partners/${cast.acme}/points`, cast.gil.token), 404, 'not_found');
  expectProblem(await t.get(`/partners/${cast.acme}/points`, cast.apacManager.token), 404, 'not_found');
  const filtered = await points(t, cast.acme, cast.ann.token, `?personId=${cast.bob.id}`);
  assert.equal(
    list(filtered.ledger, 'items').map((e) => at(e, 'reason')),
    ['b'],
  );
  const page = await points(t, cast.acme, undefined, '?limit=2');
  assert.is(list(page.ledger, 'items').length, 2);
  const rest = await points(t, cast.acme, undefined, `?limit=2&cursor=${at(page.ledger, 'nextCursor')}`);
  assert.equal([list(rest.ledger, 'items').map((e) => at(e, 'reason')), at(rest.ledger, 'nextCursor')], [['a'], null]);
});

test('points expire after pointsExpiryMonths, oldest first, once', async ({ t, cast }) => {
  expectStatus(await t.put('/channel/settings', { pointsExpiryMonths: 2 }), 200);
  expectStatus(await adjust(t, cast.acme, { points: 100, reason: 'april', personId: cast.bob.id }), 200);
  t.clock.set('2026-05-15T00:00:00.000Z');
  expectStatus(await adjust(t, cast.acme, { points: 70, reason: 'may', personId: cast.bob.id }), 200);
  expectStatus(await redeem(t, cast.acme, { personId: cast.bob.id, points: 30, rewardId: 'mug' }, cast.bob.token), 200);
  const sweep = () =>
    expirePoints({
      store: t.platform.store,
      pipeline: t.platform.pipeline,
      reader: t.platform.reader,
      ids: t.platform.ids,
    })(t.clock.now());
  t.clock.set('2026-06-01T08:59:59.999Z');
  assert.equal(await sweep(), { examined: 0, changed: 0, skipped: 0, failed: 0, points: 0 });
  t.clock.set('2026-06-01T09:00:00.000Z');
  assert.equal(await sweep(), { examined: 1, changed: 1, skipped: 0, failed: 0, points: 70 });
  await settle(t);
  let view = await points(t, cast.acme);
  assert.equal([view.balance, view.expired, personBalance(view, cast.bob.id)], [70, 70, 70]);
  assert.equal(await sweep(), { examined: 1, changed: 0, skipped: 1, failed: 0, points: 0 });
  t.clock.set('2026-07-15T00:00:00.000Z');
  assert.equal((await sweep()).points, 70);
  await settle(t);
  view = await points(t, cast.acme);
  assert.equal([view.balance, view.expired], [0, 140]);
});

test.run();
