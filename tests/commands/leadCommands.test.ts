/**
 * Lead commands called without HTTP (DESIGN §13): who registers, routes, assigns and answers; the
 * routing rule over the partners' lead loads, appended atomically with the lead's event; declines
 * and reassignments releasing loads; a conversion registering a deal under the deal rules.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { leadCommands } from '../../commands/lead/leadCommands.js';
import { dealStream } from '../../domain/deal/index.js';
import { leadLoadStream, leadStream } from '../../domain/lead/index.js';
import { accepted, openCommandLayer, refused, type CommandLayerFixture } from './commandLayerFixture.js';

interface Ctx {
  f: CommandLayerFixture;
  eligible: string[];
}
const test = suite<Ctx>('lead commands');
test.before.each(async (ctx) => {
  ctx.f = await openCommandLayer();
  ctx.eligible = [];
});
test.after.each(async ({ f }) => f.dispose());

const leadsOf = (ctx: Ctx) =>
  leadCommands({
    pipeline: ctx.f.platform.pipeline,
    ids: ctx.f.platform.ids,
    deals: ctx.f.commands.deal,
    candidates: async () => ctx.eligible,
  });
const body = (domain = 'initech.com') => ({
  customer: { name: 'Initech', domain, country: 'DE' },
  region: 'emea',
  productLine: 'storage',
  source: 'web form',
});
const types = async (f: CommandLayerFixture, streamId: string) => (await f.eventsOf(streamId)).map((e) => e.type);

test('vendor staff of the region register leads; another region and partner people may not', async (ctx) => {
  const { f } = ctx;
  const leads = leadsOf(ctx);
  const emea = await f.channelManager(['emea']);
  const apac = await f.channelManager(['apac']);
  const partner = await f.activePartner();
  const admin = await f.employee(partner, 'admin');
  await accepted(leads.register(f.ctx(), emea.principal, body()));
  await accepted(leads.register(f.ctx(), f.admin, body()));
  await refused(leads.register(f.ctx(), apac.principal, body()), 'forbidden');
  await refused(leads.register(f.ctx(), admin.principal, body()), 'forbidden');
});

test('routing with nobody eligible is refused (no_eligible_partner) and appends nothing', async (ctx) => {
  const { f } = ctx;
  const leads = leadsOf(ctx);
  const { id } = await accepted(leads.register(f.ctx(), f.admin, body()));
  const head = await f.head();
  await refused(leads.route(f.ctx(), f.admin, { leadId: id }), 'no_eligible_partner');
  assert.is(await f.head(), head);
});

test('routing picks the least-loaded partner, passes over an inactive one, takes its load atomically', async (ctx) => {
  const { f } = ctx;
  const leads = leadsOf(ctx);
  const [busy, idle, gone] = [await f.activePartner(), await f.activePartner(), await f.activePartner()];
  await accepted(f.commands.partner.suspend(f.ctx(), f.system, { partnerId: gone, reason: 'unpaid' }));
  ctx.eligible = [busy, idle, gone];
  // Loads: busy 2, idle 1, gone 0 (suspended since, which the candidate source does not know yet).
  for (const partnerId of [busy, busy, idle]) {
    const { id } = await accepted(leads.register(f.ctx(), f.admin, body()));
    await accepted(leads.assign(f.ctx(), f.admin, { leadId: id, partnerId }));
  }
  const second = await accepted(leads.register(f.ctx(), f.admin, body('globex.com')));
  const routed = await accepted(leads.route(f.ctx(), f.admin, { leadId: second.id }));
  const [assigned] = (await f.eventsOf(leadStream(second.id))).slice(-1);
  assert.is(assigned.type, 'LeadAssigned');
  const data = assigned.data as { partnerId: string; routing: { candidateCount: number; decidedBy: string } };
  // `gone` ranks first by load, but its stream says suspended: passed over, and the rule runs without it.
  assert.is(data.partnerId, idle);
  assert.is(data.routing.candidateCount, 2);
  const [taken] = (await f.eventsOf(leadLoadStream(idle))).slice(-1);
  assert.is(taken.type, 'PartnerLeadTaken');
  assert.is(taken.metadata.commandId, assigned.metadata.commandId, 'the load is taken by the same command');
  assert.ok(Math.abs(taken.position - routed.position) <= 1, 'in the same append');
  await refused(leads.route(f.ctx(), f.admin, { leadId: second.id }), 'invalid_state');
});

test('a reassignment by hand releases the old holder; a decline releases and excludes the partner', async (ctx) => {
  const { f } = ctx;
  const leads = leadsOf(ctx);
  const [a, b] = [await f.activePartner(), await f.activePartner()];
  const bAdmin = await f.employee(b, 'admin');
  ctx.eligible = [a, b];
  const { id } = await accepted(leads.register(f.ctx(), f.admin, body()));
  await accepted(leads.assign(f.ctx(), f.admin, { leadId: id, partnerId: a }));
  await accepted(leads.assign(f.ctx(), f.admin, { leadId: id, partnerId: b }));
  assert.equal(await types(f, leadLoadStream(a)), ['PartnerLeadTaken', 'PartnerLeadReleased']);
  await accepted(leads.decline(f.ctx(), bAdmin.principal, { leadId: id, reason: 'no storage team this quarter' }));
  assert.equal(await types(f, leadLoadStream(b)), ['PartnerLeadTaken', 'PartnerLeadReleased']);
  await accepted(leads.route(f.ctx(), f.admin, { leadId: id }));
  const events = await f.eventsOf(leadStream(id));
  const last = events[events.length - 1].data as { partnerId: string; routing: { excludedCount: number } };
  assert.is(last.partnerId, a, 'the partner that declined is never offered it again');
  assert.is(last.routing.excludedCount, 1);
  await refused(leads.assign(f.ctx(), f.admin, { leadId: id, partnerId: b }), 'invalid_state');
});

test("only the holder's admins and managers answer; others do not even learn of the lead", async (ctx) => {
  const { f } = ctx;
  const leads = leadsOf(ctx);
  const [a, b] = [await f.activePartner(), await f.activePartner()];
  const [aAdmin, aSales, aManager, bAdmin] = [
    await f.employee(a, 'admin'),
    await f.employee(a, 'sales'),
    await f.employee(a, 'manager'),
    await f.employee(b, 'admin'),
  ];
  const apac = await f.channelManager(['apac']);
  const { id } = await accepted(leads.register(f.ctx(), f.admin, body()));
  await refused(leads.accept(f.ctx(), aAdmin.principal, { leadId: id }), 'not_found');
  await accepted(leads.assign(f.ctx(), f.admin, { leadId: id, partnerId: a }));
  await refused(leads.accept(f.ctx(), bAdmin.principal, { leadId: id }), 'not_found');
  await refused(leads.accept(f.ctx(), aSales.principal, { leadId: id }), 'not_found');
  await refused(leads.route(f.ctx(), apac.principal, { leadId: id }), 'not_found');
  await refused(leads.accept(f.ctx(), f.admin, { leadId: id }), 'forbidden');
  await refused(leads.disqualify(f.ctx(), aAdmin.principal, { leadId: id, reason: 'spam' }), 'forbidden');
  await accepted(leads.accept(f.ctx(), aManager.principal, { leadId: id }));
  await accepted(leads.disqualify(f.ctx(), aAdmin.principal, { leadId: id, reason: 'the customer went bankrupt' }));
  assert.equal(await types(f, leadLoadStream(a)), ['PartnerLeadTaken', 'PartnerLeadReleased']);
});

test('a conversion registers the deal under the deal rules: a customer held elsewhere is flagged', async (ctx) => {
  const { f } = ctx;
  const leads = leadsOf(ctx);
  const [a, other] = [await f.activePartner(), await f.activePartner()];
  const aAdmin = await f.employee(a, 'admin');
  const otherSeller = await f.employee(other, 'sales');
  const registered = await accepted(
    f.commands.deal.register(f.ctx(), otherSeller.principal, {
      partnerId: other,
      customer: { name: 'Initech', domain: 'initech.com', country: 'DE' },
      productLine: 'storage',
      estimatedValue: { amountMinor: 1_000_000, currency: 'EUR' },
      expectedCloseDate: '2026-09-30',
    }),
  );
  await accepted(f.commands.deal.approve(f.ctx(), f.admin, registered.id, {}));
  const { id } = await accepted(leads.register(f.ctx(), f.admin, body()));
  await accepted(leads.assign(f.ctx(), f.admin, { leadId: id, partnerId: a }));
  const convert = () =>
    leads.convert(f.ctx(), aAdmin.principal, {
      leadId: id,
      expectedCloseDate: '2026-10-31',
      estimatedValue: { amountMinor: 2_000_000, currency: 'EUR' },
    });
  await refused(convert(), 'invalid_state', 'only an accepted lead converts; this one is assigned');
  await accepted(leads.accept(f.ctx(), aAdmin.principal, { leadId: id }));
  const deal = await accepted(convert());
  const dealEvents = await f.eventsOf(dealStream(deal.id));
  assert.equal(
    dealEvents.map((e) => e.type),
    ['DealRegistered', 'DealConflictDetected'],
  );
  assert.is((dealEvents[0].data as { leadId: string }).leadId, id);
  assert.equal((dealEvents[1].data as { conflictingDealIds: string[] }).conflictingDealIds, [registered.id]);
  const leadEvents = await f.eventsOf(leadStream(id));
  assert.is(leadEvents[leadEvents.length - 1].type, 'LeadConverted');
  assert.is(
    leadEvents[leadEvents.length - 1].metadata.commandId,
    dealEvents[0].metadata.commandId,
    'one command, one atomic append',
  );
  await refused(convert(), 'invalid_state');
});

test('plans: one per partner and period, revised later; locations opened, closed, named by employees', async (ctx) => {
  const { f } = ctx;
  const partner = await f.activePartner();
  const cm = await f.channelManager(['emea']);
  const apac = await f.channelManager(['apac']);
  const [admin, seller, colleague] = [
    await f.employee(partner, 'admin'),
    await f.employee(partner, 'sales'),
    await f.employee(partner, 'sales'),
  ];
  const objectives = [{ kind: 'deals_registered' as const, target: 12 }];
  const plan = await accepted(
    f.commands.plan.create(f.ctx(), cm.principal, { partnerId: partner, period: '2026', objectives }),
  );
  await refused(
    f.commands.plan.create(f.ctx(), f.admin, { partnerId: partner, period: '2026', objectives }),
    'duplicate',
  );
  await accepted(f.commands.plan.create(f.ctx(), f.admin, { partnerId: partner, period: '2026-Q3', objectives }));
  await refused(
    f.commands.plan.create(f.ctx(), apac.principal, { partnerId: partner, period: '2027', objectives }),
    'not_found',
  );
  await refused(
    f.commands.plan.create(f.ctx(), admin.principal, { partnerId: partner, period: '2027', objectives }),
    'forbidden',
  );
  await accepted(
    f.commands.plan.revise(f.ctx(), cm.principal, {
      partnerId: partner,
      planId: plan.id,
      objectives: [...objectives, { kind: 'revenue', target: { amountMinor: 50_000_000, currency: 'EUR' } }],
    }),
  );

  const hq = await accepted(
    f.commands.location.open(f.ctx(), admin.principal, {
      partnerId: partner,
      name: 'HQ',
      country: 'DE',
      city: 'Berlin',
      primary: true,
    }),
  );
  await refused(
    f.commands.location.open(f.ctx(), admin.principal, { partnerId: partner, name: 'hq', country: 'DE', city: 'Bonn' }),
    'duplicate',
  );
  await refused(
    f.commands.location.open(f.ctx(), seller.principal, {
      partnerId: partner,
      name: 'Depot',
      country: 'DE',
      city: 'Kiel',
    }),
    'forbidden',
  );
  const name = (as: typeof seller, personId: string, locationId: string) =>
    f.commands.location.nameEmployeeLocation(f.ctx(), as.principal, { partnerId: partner, personId, locationId });
  await accepted(name(seller, seller.personId, hq.id));
  await refused(name(seller, colleague.personId, hq.id), 'forbidden');
  await accepted(name(admin, colleague.personId, hq.id));
  const outsider = await f.registered();
  await refused(name(admin, outsider, hq.id), 'not_found');
  await accepted(f.commands.location.close(f.ctx(), cm.principal, { partnerId: partner, locationId: hq.id }));
  await refused(name(seller, seller.personId, hq.id), 'invalid_state');
});

test.run();
