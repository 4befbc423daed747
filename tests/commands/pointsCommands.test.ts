/**
 * Points commands called without HTTP: channel staff adjust, people redeem, each with the routes'
 * 404 (a partner the caller cannot see) and 403; earning and expiry are the channel's own rules,
 * which only the system principal runs.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pointsStream } from '../../domain/points/index.js';
import { accepted, openCommandLayer, refused, type CommandLayerFixture } from './commandLayerFixture.js';

const test = suite<{ f: CommandLayerFixture }>('points commands');
test.before.each(async (ctx) => {
  ctx.f = await openCommandLayer();
});
test.after.each(async ({ f }) => f.dispose());

const earning = (
  partnerId: string,
  personId: string,
  sourceEventId: string,
  earnedAt = '2026-05-01T00:00:00.000Z',
) => ({ partnerId, personId, points: 300, reason: 'certification', sourceEventId, earnedAt });

test('the system earns points once per source; a caller with the admin key may not earn them', async ({ f }) => {
  const partnerId = await f.activePartner();
  const seller = await f.employee(partnerId);
  await refused(
    f.commands.points.earn(f.ctx(), f.admin, earning(partnerId, seller.personId, 'evt_source000001')),
    'forbidden',
    "points are earned by the channel's rules, not by hand",
  );
  await accepted(f.commands.points.earn(f.ctx(), f.system, earning(partnerId, seller.personId, 'evt_source000001')));
  await refused(
    f.commands.points.earn(f.ctx(), f.system, earning(partnerId, seller.personId, 'evt_source000001')),
    'duplicate',
  );
  assert.equal(
    (await f.eventsOf(pointsStream(partnerId))).map((e) => e.type),
    ['PointsEarned'],
  );
});

test('a person redeems their own points; a colleague may not, someone elsewhere does not see the partner', async ({
  f,
}) => {
  const partnerId = await f.activePartner();
  const seller = await f.employee(partnerId);
  const colleague = await f.employee(partnerId);
  const outsider = await f.employee(await f.activePartner('amer'), 'admin');
  await accepted(f.commands.points.earn(f.ctx(), f.system, earning(partnerId, seller.personId, 'evt_source000002')));
  const redemption = {
    partnerId,
    personId: seller.personId,
    points: 100,
    rewardId: 'gift-card-50',
    from: 'person',
  } as const;
  await refused(f.commands.points.redeem(f.ctx(), outsider.principal, redemption), 'not_found', 'partner not found');
  await refused(
    f.commands.points.redeem(f.ctx(), colleague.principal, redemption),
    'forbidden',
    'not allowed to redeem points of this partner',
  );
  await accepted(f.commands.points.redeem(f.ctx(), seller.principal, redemption));
  await refused(
    f.commands.points.redeem(f.ctx(), seller.principal, { ...redemption, points: 201 }),
    'insufficient_points',
  );
});

test('channel staff adjust by hand (the person must belong); partner people may not', async ({ f }) => {
  const partnerId = await f.activePartner('emea');
  const admin = await f.employee(partnerId, 'admin');
  const cm = await f.channelManager(['emea']);
  await refused(
    f.commands.points.adjust(f.ctx(), admin.principal, { partnerId, points: 50, reason: 'bonus' }),
    'forbidden',
    'not allowed to adjust the points of this partner',
  );
  await refused(
    f.commands.points.adjust(f.ctx(), cm.principal, {
      partnerId,
      points: 50,
      reason: 'bonus',
      personId: 'per_doesnotexist01',
    }),
    'not_found',
    'person not found',
  );
  await accepted(
    f.commands.points.adjust(f.ctx(), cm.principal, {
      partnerId,
      points: 50,
      reason: 'bonus',
      personId: admin.personId,
    }),
  );
  const [adjusted] = await f.eventsOf(pointsStream(partnerId));
  assert.equal(adjusted.data, {
    points: 50,
    reason: 'bonus',
    personId: admin.personId,
    adjustedAt: f.clock.now().toISOString(),
  });
});

test('expiry answers the points that expired, and nothing the second time', async ({ f }) => {
  const partnerId = await f.activePartner();
  const seller = await f.employee(partnerId);
  await accepted(
    f.commands.points.earn(
      f.ctx(),
      f.system,
      earning(partnerId, seller.personId, 'evt_source000003', '2023-01-01T00:00:00.000Z'),
    ),
  );
  await refused(
    f.commands.points.expire(f.ctx(), f.admin, { partnerId, expiryMonths: 24 }),
    'forbidden',
    "points are expired by the channel's rules, not by hand",
  );
  const first = await accepted(f.commands.points.expire(f.ctx(), f.system, { partnerId, expiryMonths: 24 }));
  assert.is(first.expiredPoints, 300);
  const second = await accepted(f.commands.points.expire(f.ctx(), f.system, { partnerId, expiryMonths: 24 }));
  assert.is(second.expiredPoints, 0);
});

test.run();
