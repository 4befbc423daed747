import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, list, obj, str } from '../support/json.js';
import { startTestApp, type Response, type TestApp } from '../support/testApp.js';
import { expectProblem, expectStatus } from './fixtures.js';
import { scorecardWorld, type ScorecardWorld } from './scorecardFixtures.js';

const test = suite<{ t: TestApp; w: ScorecardWorld }>(
  "the console's figures: health per region, certified people over time, " +
    "like-for-like revenue, expiring protections, a partner's certifications",
);
test.before(async (ctx) => {
  ctx.t = await startTestApp({ now: '2026-03-10T09:00:00.000Z' });
  ctx.w = await scorecardWorld(ctx.t);
  expectStatus(await ctx.t.put('/channel/settings', { desiredPartnerCount: 3, quotaAttainmentThresholdPct: 50 }), 200);
});
test.after(async (ctx) => ctx.t.dispose());

const EUR = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

test(
  'channel health per region: each region against an even share of the desired count; ' +
    'a manager gets their regions',
  async ({ t, w }) => {
    const r = obj(expectStatus(await t.get('/dashboards/regions'), 200).body);
    assert.is(r.period, '2026-Q2');
    assert.is(r.regionsInChannel, 2);
    assert.is(r.desiredPartnerCountPerRegion, 1.5);
    assert.equal(
      list(r.items).map((i) => at(i, 'region')),
      ['apac', 'emea'],
    );
    const [apac, emea] = list(r.items);
    assert.is(at(emea, 'partners', 'active'), 1);
    assert.equal(at(emea, 'quota'), { withQuota: 1, achieving: 1, achievingPct: 100 });
    assert.equal(at(emea, 'revenue', 'won'), EUR(12_000_000));
    assert.is(at(emea, 'quadrant', 'name'), 'scaling');
    assert.is(at(emea, 'quadrant', 'partnerCoveragePct'), 66.67);
    assert.equal(at(apac, 'quota'), { withQuota: 1, achieving: 0, achievingPct: 0 });
    assert.is(at(apac, 'quadrant', 'name'), 'emerging_growth');
    const mine = obj(expectStatus(await t.get('/dashboards/regions', t.tokenFor(w.emeaManager.id)), 200).body);
    assert.equal(
      list(mine.items).map((i) => at(i, 'region')),
      ['emea'],
    );
    assert.is(mine.desiredPartnerCountPerRegion, 1.5);
    const past = obj(expectStatus(await t.get('/dashboards/regions?period=2026-Q1'), 200).body);
    assert.equal(
      at(
        list(past.items).find((i) => at(i, 'region') === 'emea'),
        'revenue',
        'won',
      ),
      EUR(6_000_000),
    );
    expectProblem(await t.get('/dashboards/regions', t.tokenFor(w.aAdmin.id)), 403, 'forbidden');
    expectProblem(await t.get('/dashboards/regions?period=2026Q1'), 400, 'validation_failed', ['query.period']);
  },
);

test('certified people at each period end, over the partners the caller sees', async ({ t, w }) => {
  const all = obj(expectStatus(await t.get('/dashboards/certified-people?periods=3'), 200).body);
  assert.equal(
    list(all.items).map((i) => at(i, 'period')),
    ['2025-Q4', '2026-Q1', '2026-Q2'],
  );
  assert.equal(
    list(all.items).map((i) => at(i, 'employees')),
    [0, 3, 3],
  );
  // The storage certification was earned on 2026-06-01, inside the running quarter, which counts now.
  assert.equal(
    list(all.items).map((i) => at(i, 'certifiedPeople')),
    [0, 0, 1],
  );
  assert.equal(
    list(all.items).map((i) => at(i, 'partial')),
    [false, false, true],
  );
  assert.is(at(all.items, 1, 'at'), '2026-04-01T00:00:00.000Z');
  const manager = obj(
    expectStatus(await t.get('/dashboards/certified-people?periods=1', t.tokenFor(w.emeaManager.id)), 200).body,
  );
  assert.equal(at(manager.items, 0), { ...obj(manager.items, 0), employees: 2, certifiedPeople: 1 });
  const partner = obj(
    expectStatus(await t.get('/dashboards/certified-people?periods=1', t.tokenFor(w.bSeller.id)), 200).body,
  );
  assert.equal([at(partner.items, 0, 'employees'), at(partner.items, 0, 'certifiedPeople')], [1, 0]);
  expectProblem(await t.get('/dashboards/certified-people?periods=40'), 400, 'validation_failed', ['query.periods']);
});

test('won revenue between two closing dates: what a running quarter is compared with', async ({ t, w }) => {
  const q2 = obj(expectStatus(await t.get('/dashboards/won-revenue?from=2026-04-01&to=2026-05-31'), 200).body);
  assert.equal(q2.byCurrency, [{ currency: 'EUR', amountMinor: 17_000_000, deals: 2 }]);
  const firstDay = obj(expectStatus(await t.get('/dashboards/won-revenue?from=2026-05-14&to=2026-05-14'), 200).body);
  assert.equal(firstDay.byCurrency, [{ currency: 'EUR', amountMinor: 12_000_000, deals: 1 }]);
  assert.equal(
    at(
      expectStatus(await t.get(`/dashboards/won-revenue?from=2026-04-01&to=2026-06-30&partnerId=${w.b}`), 200).body,
      'byCurrency',
    ),
    [{ currency: 'EUR', amountMinor: 5_000_000, deals: 1 }],
  );
  assert.equal(
    at(
      expectStatus(await t.get('/dashboards/won-revenue?from=2026-01-01&to=2026-06-30&region=emea'), 200).body,
      'byCurrency',
    ),
    [{ currency: 'EUR', amountMinor: 18_000_000, deals: 2 }],
  );
  assert.equal(
    at(
      expectStatus(
        await t.get('/dashboards/won-revenue?from=2026-04-01&to=2026-06-30', t.tokenFor(w.emeaManager.id)),
        200,
      ).body,
      'byCurrency',
    ),
    [{ currency: 'EUR', amountMinor: 12_000_000, deals: 1 }],
  );
  // A partner's people see their own partner's revenue, as in its scorecard; nothing of another.
  assert.equal(
    at(
      expectStatus(await t.get('/dashboards/won-revenue?from=2026-04-01&to=2026-06-30', t.tokenFor(w.bSeller.id)), 200)
        .body,
      'byCurrency',
    ),
    [{ currency: 'EUR', amountMinor: 5_000_000, deals: 1 }],
  );
  assert.equal(
    at(
      expectStatus(
        await t.get(`/dashboards/won-revenue?from=2026-04-01&to=2026-06-30&partnerId=${w.a}`, t.tokenFor(w.bSeller.id)),
        200,
      ).body,
      'byCurrency',
    ),
    [],
  );
  expectProblem(await t.get('/dashboards/won-revenue?from=2026-05-01&to=2026-04-30'), 400, 'validation_failed', [
    'query.to',
  ]);
  expectProblem(await t.get('/dashboards/won-revenue?from=2024-01-01&to=2026-04-30'), 400, 'validation_failed', [
    'query.to',
  ]);
  expectProblem(await t.get('/dashboards/won-revenue?from=2026-05-01'), 400, 'validation_failed', ['query.to']);
});

test("a partner's certifications: its current employees', to whoever sees the partner", async ({ t, w }) => {
  const a = obj(expectStatus(await t.get(`/partners/${w.a}/certifications`), 200).body);
  assert.is(list(a.items).length, 1);
  assert.equal(
    { ...obj(a.items, 0), programId: undefined, programName: undefined },
    {
      personId: w.aSeller.id,
      personName: 'Employee sales',
      programId: undefined,
      programName: undefined,
      productLine: 'storage',
      earnedAt: '2026-06-01T09:00:00.000Z',
      expiresAt: '2027-06-01T09:00:00.000Z',
      renewedAt: null,
      revokedAt: null,
      valid: true,
    },
  );
  expectStatus(await t.get(`/partners/${w.a}/certifications`, t.tokenFor(w.emeaManager.id)), 200);
  expectStatus(await t.get(`/partners/${w.a}/certifications`, t.tokenFor(w.aAdmin.id)), 200);
  expectProblem(await t.get(`/partners/${w.a}/certifications`, t.tokenFor(w.bSeller.id)), 404, 'not_found');
  expectProblem(await t.get(`/partners/${w.b}/certifications`, t.tokenFor(w.emeaManager.id)), 404, 'not_found');
  assert.equal(at(expectStatus(await t.get(`/partners/${w.b}/certifications`), 200).body, 'items'), []);
});

test('protections ending soon: approved registrations by their end, soonest first, as visible as the deals', async ({
  t,
  w,
}) => {
  const register = async (domain: string) =>
    str(
      expectStatus(
        await t.post(
          '/deals',
          {
            partnerId: w.a,
            customer: { name: domain, domain, country: 'DE' },
            productLine: 'storage',
            estimatedValue: EUR(100_000),
            expectedCloseDate: '2026-12-31',
          },
          t.tokenFor(w.aSeller.id),
        ),
        201,
      ).body,
      'id',
    );
  const late = await register('late-customer.de');
  const soon = await register('soon-customer.de');
  const pending = await register('pending-customer.de');
  expectStatus(await t.post(`/deals/${late}/approve`, {}), 200);
  expectStatus(await t.post(`/deals/${soon}/approve`, { protectionDays: 20 }), 200);
  const ids = (r: Response) => list(r.body, 'items').map((d) => at(d, 'id'));
  assert.equal(ids(expectStatus(await t.get('/dashboards/expiring-protections'), 200)), [soon]);
  const both = expectStatus(await t.get('/dashboards/expiring-protections?withinDays=120'), 200);
  assert.equal(ids(both), [soon, late]);
  assert.is(at(both.body, 'items', 0, 'protectedUntil'), '2026-06-30T09:00:00.000Z');
  assert.not.ok(ids(both).includes(pending));
  const first = obj(expectStatus(await t.get('/dashboards/expiring-protections?withinDays=120&limit=1'), 200).body);
  assert.equal(
    list(first.items).map((d) => at(d, 'id')),
    [soon],
  );
  assert.equal(
    ids(
      expectStatus(
        await t.get(`/dashboards/expiring-protections?withinDays=120&limit=1&cursor=${first.nextCursor}`),
        200,
      ),
    ),
    [late],
  );
  assert.equal(
    ids(expectStatus(await t.get('/dashboards/expiring-protections?withinDays=120', t.tokenFor(w.aSeller.id)), 200)),
    [soon, late],
  );
  assert.equal(
    ids(expectStatus(await t.get('/dashboards/expiring-protections?withinDays=120', t.tokenFor(w.bSeller.id)), 200)),
    [],
  );
  assert.equal(
    ids(expectStatus(await t.get(`/dashboards/expiring-protections?withinDays=120&partnerId=${w.b}`), 200)),
    [],
  );
  t.clock.set('2026-07-01T09:00:00.000Z');
  assert.equal(ids(expectStatus(await t.get('/dashboards/expiring-protections?withinDays=120'), 200)), [late]);
  expectProblem(await t.get('/dashboards/expiring-protections?withinDays=0'), 400, 'validation_failed', [
    'query.withinDays',
  ]);
  expectProblem(await t.get('/dashboards/expiring-protections?cursor=nope'), 400, 'validation_failed', [
    'query.cursor',
  ]);
});

test.run();
