import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, list, obj, str } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { expectProblem, expectStatus } from './fixtures.js';
import { scorecardWorld, type ScorecardWorld } from './scorecardFixtures.js';

const test = suite<{ t: TestApp; w: ScorecardWorld }>(
  'channel health, the channel quadrant and tier signals over HTTP',
);
test.before(async (ctx) => {
  ctx.t = await startTestApp({ now: '2026-03-10T09:00:00.000Z' });
  ctx.w = await scorecardWorld(ctx.t);
});
test.after(async (ctx) => ctx.t?.dispose());

const EUR = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const settings = (t: TestApp, body: unknown) => t.put('/channel/settings', body).then((r) => expectStatus(r, 200));

test('channel health: partners, share achieving quota, revenue growth, lead conversion, ready-to-sell share', async ({
  t,
}) => {
  await settings(t, { desiredPartnerCount: 3, quotaAttainmentThresholdPct: 50 });
  const h = obj(expectStatus(await t.get('/dashboards/channel-health'), 200).body);
  assert.is(h.period, '2026-Q2');
  assert.is(at(h.partners, 'active'), 2);
  assert.equal(at(h.partners, 'byStatus'), { active: 2, applied: 1 });
  assert.equal(at(h.partners, 'activeByTier'), { silver: 2 });
  assert.equal(h.quota, { withQuota: 2, achieving: 1, achievingPct: 50 });
  assert.is(at(h.revenue, 'currency'), 'EUR');
  assert.equal(at(h.revenue, 'won'), EUR(17_000_000));
  assert.equal(at(h.revenue, 'previousWon'), EUR(6_000_000));
  assert.is(at(h.revenue, 'growthPct'), 183.33);
  // Q2 outcomes: two wins and one rejection.
  assert.equal(h.leads, { registered: 3, won: 2, closed: 3, conversionPct: 66.67 });
  assert.equal(h.readiness, { ready: 1, readySharePct: 50 });
  assert.is(h.managed, undefined);
});

test('the quadrant follows desiredPartnerCount and quotaAttainmentThresholdPct', async ({ t }) => {
  const quadrant = async () => at(expectStatus(await t.get('/dashboards/channel-health'), 200).body, 'quadrant');
  await settings(t, { desiredPartnerCount: 3, quotaAttainmentThresholdPct: 50 });
  const scaling = await quadrant();
  assert.equal(scaling, {
    name: 'scaling',
    activePartners: 2,
    desiredPartnerCount: 3,
    partnerCoveragePct: 66.67,
    achievingQuotaPct: 50,
    quotaAttainmentThresholdPct: 50,
    enoughPartners: false,
    performing: true,
  });
  await settings(t, { quotaAttainmentThresholdPct: 60 });
  assert.is(at(await quadrant(), 'name'), 'emerging_growth');
  await settings(t, { desiredPartnerCount: 2 });
  assert.is(at(await quadrant(), 'name'), 'sub_optimized');
  await settings(t, { quotaAttainmentThresholdPct: 50 });
  assert.is(at(await quadrant(), 'name'), 'continuous_improvement');
});

test('a past period counts the partners active at its end; nobody with a quota is below the threshold', async ({
  t,
}) => {
  const h = obj(expectStatus(await t.get('/dashboards/channel-health?period=2026-Q1'), 200).body);
  assert.is(at(h.partners, 'active'), 2);
  assert.equal(h.quota, { withQuota: 0, achieving: 0, achievingPct: null });
  assert.equal(at(h.revenue, 'won'), EUR(6_000_000));
  assert.is(at(h.revenue, 'growthPct'), null);
  assert.is(at(h.quadrant, 'performing'), false);
  const before = obj(expectStatus(await t.get('/dashboards/channel-health?period=2025-Q4'), 200).body);
  assert.is(at(before.partners, 'active'), 0);
  assert.equal(at(before.partners, 'byStatus'), {});
});

test('a regional channel manager also gets the KPIs of their own partners; partner people get 403', async ({
  t,
  w,
}) => {
  const h = obj(expectStatus(await t.get('/dashboards/channel-health', t.tokenFor(w.emeaManager.id)), 200).body);
  assert.is(at(h.partners, 'active'), 2);
  assert.is(at(h.managed, 'partners', 'active'), 1);
  assert.equal(at(h.managed, 'quota'), { withQuota: 1, achieving: 1, achievingPct: 100 });
  assert.equal(at(h.managed, 'revenue', 'won'), EUR(12_000_000));
  assert.is(at(h.managed, 'quadrant'), undefined);
  expectStatus(await t.get('/dashboards/channel-health', t.tokenFor(w.analyst.id)), 200);
  expectProblem(await t.get('/dashboards/channel-health', t.tokenFor(w.aAdmin.id)), 403, 'forbidden');
  expectProblem(await t.get('/dashboards/tier-signals', t.tokenFor(w.aSeller.id)), 403, 'forbidden');
  expectProblem(await t.get('/dashboards/channel-health?period=Q2'), 400, 'validation_failed', ['query.period']);
});

test('tier signals: an upgrade when a higher tier is met, a downgrade below the own tier', async ({ t, w }) => {
  const none = obj(expectStatus(await t.get('/dashboards/tier-signals'), 200).body);
  assert.equal(none.items, []);
  await settings(t, {
    tierCriteria: {
      silver: { minWonRevenue: EUR(10_000_000), minCertifiedPeople: 0 },
      gold: { minWonRevenue: EUR(15_000_000), minCertifiedPeople: 1 },
    },
  });
  const s = obj(expectStatus(await t.get('/dashboards/tier-signals'), 200).body);
  assert.equal(s.window, ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
  const byPartner = Object.fromEntries(list(s.items).map((i) => [at(i, 'partnerId'), i]));
  // A won 60,000 + 120,000 in the window and has one certified person: gold.
  assert.is(byPartner[w.a].signal, 'upgrade');
  assert.is(byPartner[w.a].suggestedTier, 'gold');
  assert.equal(
    byPartner[w.a].wonRevenue,
    [EUR(18_000_000)].map((m) => ({ currency: m.currency, amountMinor: m.amountMinor })),
  );
  assert.is(byPartner[w.a].certifiedPeople, 1);
  // B won 50,000: below silver's 100,000.
  assert.is(byPartner[w.b].signal, 'downgrade');
  assert.is(byPartner[w.b].suggestedTier, 'registered');
  assert.is(byPartner[w.b].current.wonRevenue.met, false);
  const downgrades = obj(expectStatus(await t.get('/dashboards/tier-signals?signal=downgrade'), 200).body);
  assert.equal(
    list(downgrades.items).map((i) => at(i, 'partnerId')),
    [w.b],
  );
  const managed = obj(expectStatus(await t.get('/dashboards/tier-signals', t.tokenFor(w.emeaManager.id)), 200).body);
  assert.equal(
    list(managed.items).map((i) => at(i, 'partnerId')),
    [w.a],
  );
  // Acting on the signal with the existing command clears it.
  expectStatus(await t.post(`/partners/${w.a}/tier`, { tier: 'gold', reason: 'tier signal: gold criteria met' }), 200);
  const after = obj(expectStatus(await t.get('/dashboards/tier-signals'), 200).body);
  assert.equal(
    list(after.items).map((i) => at(i, 'partnerId')),
    [w.b],
  );
});

test('tier signals page by partner id', async ({ t }) => {
  await settings(t, {
    tierCriteria: {
      silver: { minWonRevenue: EUR(100_000_000), minCertifiedPeople: 0 },
      gold: { minWonRevenue: EUR(200_000_000), minCertifiedPeople: 0 },
    },
  });
  const first = obj(expectStatus(await t.get('/dashboards/tier-signals?limit=1'), 200).body);
  assert.is(list(first.items).length, 1);
  assert.type(first.nextCursor, 'string');
  const second = obj(
    expectStatus(await t.get(`/dashboards/tier-signals?limit=1&cursor=${first.nextCursor}`), 200).body,
  );
  assert.is(list(second.items).length, 1);
  assert.ok(str(second.items, 0, 'partnerId') > str(first.items, 0, 'partnerId'));
  assert.is(second.nextCursor, null);
});

test.run();
