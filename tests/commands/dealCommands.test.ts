/**
 * Deal registration commands called without HTTP: registrations are the partner's own people's
 * (never vendor staff's or the system's), the routes' 404 (a deal or partner the caller cannot see)
 * and 403, and the claim stream appended with every decision, so that only one partner holds a
 * customer's protection.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { RegisterDealBody } from '../../commands/deal/dealSchemas.js';
import { withPlannedIds } from '../../commands/pipeline/index.js';
import { claimStream, dealStream } from '../../domain/deal/index.js';
import { accepted, openCommandLayer, refused, type CommandLayerFixture } from './commandLayerFixture.js';

const test = suite<{ f: CommandLayerFixture }>('deal commands');
test.before.each(async (ctx) => {
  ctx.f = await openCommandLayer();
});
test.after.each(async ({ f }) => f.dispose());

const registration = (partnerId: string): RegisterDealBody => ({
  partnerId,
  customer: { name: 'Globex', domain: 'globex.com', country: 'DE' },
  productLine: 'storage',
  estimatedValue: { amountMinor: 5_000_000, currency: 'EUR' },
  expectedCloseDate: '2026-09-30',
});

test('a sales person registers a deal (with its claim); the channel manager approves it', async ({ f }) => {
  const partnerId = await f.activePartner('emea');
  const seller = await f.employee(partnerId);
  const cm = await f.channelManager(['emea']);
  const { id } = await accepted(
    withPlannedIds({ deal: 'deal_plannedDeal001' }, () =>
      f.commands.deal.register(f.ctx(), seller.principal, registration(partnerId)),
    ),
  );
  assert.is(id, 'deal_plannedDeal001');
  await accepted(f.commands.deal.approve(f.ctx(), cm.principal, id, {}));
  assert.equal(
    (await f.eventsOf(dealStream(id))).map((e) => e.type),
    ['DealRegistered', 'DealApproved'],
  );
  assert.equal(
    (await f.eventsOf(claimStream('globex.com', 'storage'))).map((e) => e.type),
    ['DealClaimRequested', 'DealClaimHeld'],
  );
});

test('vendor staff, the admin key and the system do not register; a partner one cannot see is not found', async ({
  f,
}) => {
  const partnerId = await f.activePartner('emea');
  const cm = await f.channelManager(['emea']);
  const outsider = await f.employee(await f.activePartner('amer'));
  for (const principal of [cm.principal, f.admin, f.system])
    await refused(
      f.commands.deal.register(f.ctx(), principal, registration(partnerId)),
      'forbidden',
      "deal registrations are submitted by the partner's own people",
    );
  await refused(
    f.commands.deal.register(f.ctx(), outsider.principal, registration(partnerId)),
    'not_found',
    'partner not found',
  );
});

test('a deal one cannot see is not found; the registrant may not approve their own', async ({ f }) => {
  const partnerId = await f.activePartner('emea');
  const seller = await f.employee(partnerId);
  const colleague = await f.employee(partnerId);
  const { id } = await accepted(f.commands.deal.register(f.ctx(), seller.principal, registration(partnerId)));
  const head = await f.head();
  await refused(f.commands.deal.withdraw(f.ctx(), colleague.principal, id, {}), 'not_found', 'deal not found');
  await refused(
    f.commands.deal.approve(f.ctx(), seller.principal, id, {}),
    'forbidden',
    'not allowed to approve this deal',
  );
  assert.is(await f.head(), head);
  await accepted(f.commands.deal.withdraw(f.ctx(), seller.principal, id, { reason: 'mistake' }));
});

test('two partners register one customer: the second is flagged, and only one approval holds the claim', async ({
  f,
}) => {
  const first = await f.activePartner('emea');
  const second = await f.activePartner('emea');
  const a = await accepted(f.commands.deal.register(f.ctx(), (await f.employee(first)).principal, registration(first)));
  const b = await accepted(
    f.commands.deal.register(f.ctx(), (await f.employee(second)).principal, registration(second)),
  );
  const [, flagged] = await f.eventsOf(dealStream(b.id));
  assert.equal([flagged?.type, flagged?.data], ['DealConflictDetected', { conflictingDealIds: [a.id] }]);
  await accepted(f.commands.deal.approve(f.ctx(), f.system, a.id, {}));
  await refused(f.commands.deal.approve(f.ctx(), f.system, b.id, {}), 'channel_conflict');
});

test.run();
