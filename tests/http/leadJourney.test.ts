/**
 * A lead's whole life over HTTP (DESIGN §13): registered, routed by the channel rule, lapsed on a
 * manual clock and routed on, accepted, converted into a deal registration, won, and the lead KPIs
 * moving on the dashboard, the partner's scorecard and channel health.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { leadAcceptanceSweeper } from '../../app/sweepers/index.js';
import { at, list, num, obj, str } from '../support/json.js';
import { must } from '../support/must.js';
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
  assert.is(at(before, 'channel', 'converted'), 0);
  assert.is(at(before, 'channel', 'conversionPct'), null);

  const leadId = await registerLead(t, manager());
  assert.is(at(await leadOf(t, leadId), 'status'), 'registered');

  // Routing: ready, active emea partners only; all equal, so the lowest partner id wins, and says so.
  expectStatus(await t.post(`/leads/${leadId}/route`, {}, manager()), 200);
  const routed = await leadOf(t, leadId);
  const ready = [w.a.id, w.b.id, w.c.id].sort();
  assert.is(at(routed, 'status'), 'assigned');
  assert.is(at(routed, 'partnerId'), ready[0]);
  assert.is(at(routed, 'assignedBy'), 'routing');
  const decision = obj(routed, 'assignments', 0, 'routing');
  assert.equal(
    list(decision, 'candidates').map((c) => str(c, 'partnerId')),
    ready,
  );
  assert.is(decision.decidedBy, 'partner_id');
  assert.is(decision.candidateCount, 3);
  const first = must(
    [w.a, w.b, w.c].find((p) => p.id === ready[0]),
    'the first partner',
  );
  const second = must(
    [w.a, w.b, w.c].find((p) => p.id === ready[1]),
    'the second partner',
  );

  // The holder's admin sees it; another partner's admin does not learn of it.
  assert.is(at(await leadOf(t, leadId, w.as(first.admin)), 'partnerId'), first.id);
  expectStatus(await t.get(`/leads/${leadId}`, w.as(second.admin)), 404);

  // Nobody answers within 48 hours: the sweeper lapses the lead once and routes it on.
  t.clock.advance(49 * HOUR);
  const sweeper = leadAcceptanceSweeper(t.platform);
  const sweep = await sweeper.sweep(t.clock.now());
  assert.is(sweep.changed, 1);
  assert.is((await sweeper.sweep(t.clock.now())).changed, 0, 'a second sweep changes nothing');
  await t.platform.runner.waitFor(await t.eventCount());
  const rerouted = await leadOf(t, leadId);
  assert.is(at(rerouted, 'status'), 'assigned');
  assert.is(at(rerouted, 'partnerId'), second.id, 'the next partner by the rule, never the one that let it lapse');
  assert.equal(
    list(rerouted, 'assignments').map((a) => at(a, 'outcome')),
    ['lapsed', null],
  );
  assert.is(at(rerouted, 'assignments', 1, 'routing', 'excludedCount'), 1);
  expectStatus(await t.get(`/leads/${leadId}`, w.as(first.admin)), 404);
  expectStatus(await t.post(`/leads/${leadId}/accept`, {}, w.as(first.admin)), 404);

  // The second partner accepts after three hours, and converts the lead into a deal registration.
  t.clock.advance(3 * HOUR);
  expectStatus(await t.post(`/leads/${leadId}/accept`, {}, w.as(second.manager)), 200);
  const dealId = str(
    expectStatus(
      await t.post(
        `/leads/${leadId}/convert`,
        { expectedCloseDate: '2026-09-30', estimatedValue: { amountMinor: 15_000_000, currency: 'EUR' } },
        w.as(second.admin),
      ),
      201,
    ).body,
    'id',
  );
  const deal = expectStatus(await t.get(`/deals/${dealId}`), 200).body;
  assert.is(at(deal, 'leadId'), leadId);
  assert.is(at(deal, 'partnerId'), second.id);
  assert.is(at(deal, 'registeredBy'), second.admin);
  assert.is(at(deal, 'customer', 'domain'), 'initech.com');
  const asConverted = await leadOf(t, leadId);
  assert.is(at(asConverted, 'status'), 'converted');
  assert.is(at(asConverted, 'dealId'), dealId);

  // The deal is approved and won: the loop closes on the lead.
  expectStatus(await t.post(`/deals/${dealId}/approve`, {}, manager()), 200);
  expectStatus(
    await t.post(
      `/deals/${dealId}/won`,
      { amount: { amountMinor: 14_000_000, currency: 'EUR' }, closedAt: t.clock.now().toISOString() },
      w.as(second.admin),
    ),
    200,
  );
  const won = await leadOf(t, leadId);
  assert.is(at(won, 'dealStatus'), 'won');
  assert.equal(at(won, 'wonAmount'), { amountMinor: 14_000_000, currency: 'EUR' });

  // The KPIs moved: one lapse and one conversion of two offers answered.
  const after = expectStatus(await t.get('/dashboards/leads?period=2026-Q2'), 200).body;
  for (const [k, v] of Object.entries({ registered: 1, assigned: 2, lapsed: 1, accepted: 1, converted: 1, won: 1 }))
    assert.is(at(after, 'channel', k), v, k);
  assert.is(at(after, 'channel', 'conversionPct'), 50);
  assert.is(at(after, 'channel', 'medianHoursToAccept'), 3);
  const emea = list(after, 'regions').find((r) => at(r, 'region') === 'emea');
  assert.is(at(emea, 'converted'), 1);
  const partnerRow = (id: string) => list(after, 'partners', 'items').find((p) => at(p, 'partnerId') === id);
  assert.is(at(partnerRow(second.id), 'conversionPct'), 100);
  assert.is(at(partnerRow(second.id), 'won'), 1);
  assert.is(at(partnerRow(first.id), 'lapsed'), 1);
  assert.is(at(partnerRow(first.id), 'conversionPct'), 0);

  const scorecard = expectStatus(await t.get(`/partners/${second.id}/scorecard`, w.as(second.admin)), 200).body;
  assert.is(num(scorecard, 'leads', 'converted'), 1);
  assert.is(num(scorecard, 'leads', 'won'), 1);
  assert.is(num(scorecard, 'leads', 'medianHoursToAccept'), 3);
  const health = expectStatus(await t.get('/dashboards/channel-health'), 200).body;
  assert.is(at(health, 'aberdeen', 'leadConversionPct'), 50);
  assert.is(at(health, 'aberdeen', 'yearEarlierLeadConversionPct'), null);
});

test.run();
