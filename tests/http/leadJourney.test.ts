/**
 * A lead's whole life over HTTP (DESIGN §13): registered, routed by the channel rule, lapsed on a
 * manual clock and routed on, accepted, converted into a deal registration, won, and the lead KPIs
 * moving on the dashboard, the partner's scorecard and channel health.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { leadAcceptanceSweeper } from '../../app/sweepers/index.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { expectStatus } from './fixtures.js';
import { leadOf, leadWorld, registerLead, type LeadWorld } from './leadFixtures.js';

const test = suite<{ t: TestApp; w: LeadWorld }>('a lead from registration to a won deal');
test.before(async (ctx) => {
  ctx.t = await startTestApp();
  ctx.w = await leadWorld(ctx.t);
});
test.after(async (ctx) => ctx.t?.dispose());

const HOUR = 3_600_000;

test('registered, routed, lapsed and routed on, accepted, converted, won; the KPIs move', async ({ t, w }) => {
  const manager = () => w.as(w.emeaManager);
  const before = expectStatus(await t.get('/dashboards/leads'), 200).body;
  assert.is(before.channel.converted, 0);
  assert.is(before.channel.conversionPct, null);

  const leadId = await registerLead(t, manager());
  assert.is((await leadOf(t, leadId)).status, 'registered');

  // Routing: ready, active emea partners only; all equal, so the lowest partner id wins, and says so.
  expectStatus(await t.post(`/leads/${leadId}/route`, {}, manager()), 200);
  const routed = await leadOf(t, leadId);
  const ready = [w.a.id, w.b.id, w.c.id].sort();
  assert.is(routed.status, 'assigned');
  assert.is(routed.partnerId, ready[0]);
  assert.is(routed.assignedBy, 'routing');
  const decision = routed.assignments[0].routing;
  assert.equal(
    decision.candidates.map((c: { partnerId: string }) => c.partnerId),
    ready,
  );
  assert.is(decision.decidedBy, 'partner_id');
  assert.is(decision.candidateCount, 3);
  const first = [w.a, w.b, w.c].find((p) => p.id === ready[0]);
  const second = [w.a, w.b, w.c].find((p) => p.id === ready[1]);
  if (!first || !second) throw new Error('the routed partners');

  // The holder's admin sees it; another partner's admin does not learn of it.
  assert.is((await leadOf(t, leadId, w.as(first.admin))).partnerId, first.id);
  expectStatus(await t.get(`/leads/${leadId}`, w.as(second.admin)), 404);

  // Nobody answers within 48 hours: the sweeper lapses the lead once and routes it on.
  t.clock.advance(49 * HOUR);
  const sweeper = leadAcceptanceSweeper(t.platform);
  const sweep = await sweeper.sweep(t.clock.now());
  assert.is(sweep.changed, 1);
  assert.is((await sweeper.sweep(t.clock.now())).changed, 0, 'a second sweep changes nothing');
  await t.platform.runner.waitFor(await t.eventCount());
  const rerouted = await leadOf(t, leadId);
  assert.is(rerouted.status, 'assigned');
  assert.is(rerouted.partnerId, second.id, 'the next partner by the rule, never the one that let it lapse');
  assert.equal(
    rerouted.assignments.map((a: { outcome: string | null }) => a.outcome),
    ['lapsed', null],
  );
  assert.is(rerouted.assignments[1].routing.excludedCount, 1);
  expectStatus(await t.get(`/leads/${leadId}`, w.as(first.admin)), 404);
  expectStatus(await t.post(`/leads/${leadId}/accept`, {}, w.as(first.admin)), 404);

  // The second partner accepts after three hours, and converts the lead into a deal registration.
  t.clock.advance(3 * HOUR);
  expectStatus(await t.post(`/leads/${leadId}/accept`, {}, w.as(second.manager)), 200);
  const converted = expectStatus(
    await t.post(
      `/leads/${leadId}/convert`,
      { expectedCloseDate: '2026-09-30', estimatedValue: { amountMinor: 15_000_000, currency: 'EUR' } },
      w.as(second.admin),
    ),
    201,
  ).body;
  const deal = expectStatus(await t.get(`/deals/${converted.id}`), 200).body;
  assert.is(deal.leadId, leadId);
  assert.is(deal.partnerId, second.id);
  assert.is(deal.registeredBy, second.admin);
  assert.is(deal.customer.domain, 'initech.com');
  const asConverted = await leadOf(t, leadId);
  assert.is(asConverted.status, 'converted');
  assert.is(asConverted.dealId, converted.id);

  // The deal is approved and won: the loop closes on the lead.
  expectStatus(await t.post(`/deals/${converted.id}/approve`, {}, manager()), 200);
  expectStatus(
    await t.post(
      `/deals/${converted.id}/won`,
      { amount: { amountMinor: 14_000_000, currency: 'EUR' }, closedAt: t.clock.now().toISOString() },
      w.as(second.admin),
    ),
    200,
  );
  const won = await leadOf(t, leadId);
  assert.is(won.dealStatus, 'won');
  assert.equal(won.wonAmount, { amountMinor: 14_000_000, currency: 'EUR' });

  // The KPIs moved: one lapse and one conversion of two offers answered.
  const after = expectStatus(await t.get('/dashboards/leads?period=2026-Q2'), 200).body;
  for (const [k, v] of Object.entries({ registered: 1, assigned: 2, lapsed: 1, accepted: 1, converted: 1, won: 1 }))
    assert.is(after.channel[k], v, k);
  assert.is(after.channel.conversionPct, 50);
  assert.is(after.channel.medianHoursToAccept, 3);
  const emea = after.regions.find((r: { region: string }) => r.region === 'emea');
  assert.is(emea.converted, 1);
  const row = after.partners.items.find((p: { partnerId: string }) => p.partnerId === second.id);
  assert.is(row.conversionPct, 100);
  assert.is(row.won, 1);
  const lapsedRow = after.partners.items.find((p: { partnerId: string }) => p.partnerId === first.id);
  assert.is(lapsedRow.lapsed, 1);
  assert.is(lapsedRow.conversionPct, 0);

  const scorecard = expectStatus(await t.get(`/partners/${second.id}/scorecard`, w.as(second.admin)), 200).body;
  assert.is(scorecard.leads.converted, 1);
  assert.is(scorecard.leads.won, 1);
  assert.is(scorecard.leads.medianHoursToAccept, 3);
  const health = expectStatus(await t.get('/dashboards/channel-health'), 200).body;
  assert.is(health.aberdeen.leadConversionPct, 50);
  assert.is(health.aberdeen.yearEarlierLeadConversionPct, null);
});

test.run();
