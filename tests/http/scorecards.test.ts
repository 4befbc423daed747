import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, list, obj } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { expectProblem, expectStatus } from './fixtures.js';
import { scorecardWorld, type ScorecardWorld } from './scorecardFixtures.js';

const test = suite<{ t: TestApp; w: ScorecardWorld }>(
  'scorecards over HTTP: every KPI on a channel with known figures',
);
test.before(async (ctx) => {
  ctx.t = await startTestApp({ now: '2026-03-10T09:00:00.000Z' });
  ctx.w = await scorecardWorld(ctx.t);
});
test.after(async (ctx) => ctx.t?.dispose());

const EUR = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

test(
  "a partner's scorecard for the running period: " +
    'quota, revenue, attainment, growth, deals, conversion, approval time',
  async ({ t, w }) => {
    const s = obj(expectStatus(await t.get(`/partners/${w.a}/scorecard`), 200).body);
    assert.is(s.period, '2026-Q2');
    assert.is(s.previousPeriod, '2026-Q1');
    assert.equal(s.quota, EUR(10_000_000));
    assert.equal(s.wonRevenue, EUR(12_000_000));
    assert.is(s.attainmentPct, 120);
    assert.is(s.achievedQuota, true);
    assert.equal(s.previousWonRevenue, EUR(6_000_000));
    assert.is(s.growthPct, 100);
    assert.equal(s.deals, {
      registered: 2,
      conflicted: 0,
      approved: 1,
      rejected: 1,
      withdrawn: 0,
      won: 1,
      lost: 0,
      expired: 0,
    });
    assert.is(s.leadConversionPct, 50);
    assert.is(s.medianHoursToApproval, 2);
    assert.is(s.timeToFirstDealDays, 0);
    assert.is(s.timeToFirstWinDays, 9.6);
  },
);

test('certified people, readiness, MDF utilisation and points balance', async ({ t, w }) => {
  const s = obj(expectStatus(await t.get(`/partners/${w.a}/scorecard`), 200).body);
  assert.is(s.employeeCount, 2);
  assert.is(s.certifiedPeople, 1);
  assert.equal(s.readyProductLines, ['storage']);
  assert.equal(at(s.readiness, 'storage'), { certified: 1, ready: true });
  assert.equal(at(s.readiness, 'compute'), { certified: 0, ready: false });
  assert.equal(s.mdf, { allocated: EUR(1_000_000), approved: EUR(400_000), paid: EUR(300_000), utilisationPct: 30 });
  // 600 points for the 60,000 win, 1,200 for the 120,000 win, 100 for the certification.
  assert.is(s.pointsBalance, 1900);
  const b = obj(expectStatus(await t.get(`/partners/${w.b}/scorecard`), 200).body);
  assert.is(b.attainmentPct, 25);
  assert.is(b.achievedQuota, false);
  assert.is(b.growthPct, null);
  assert.is(b.medianHoursToApproval, 4);
  assert.is(b.mdf, null);
  assert.is(b.pointsBalance, 500);
});

test('a past period and the trend of the last eight periods', async ({ t, w }) => {
  const q1 = obj(expectStatus(await t.get(`/partners/${w.a}/scorecard?period=2026-Q1`), 200).body);
  assert.equal(q1.wonRevenue, EUR(6_000_000));
  assert.is(q1.quota, null);
  assert.is(q1.attainmentPct, null);
  assert.is(q1.medianHoursToApproval, 24);
  const s = obj(expectStatus(await t.get(`/partners/${w.a}/scorecard`), 200).body);
  assert.equal(
    list(s.trend).map((p) => at(p, 'period')),
    ['2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2'],
  );
  assert.equal(at(s.trend, 7), {
    period: '2026-Q2',
    quota: EUR(10_000_000),
    wonRevenue: EUR(12_000_000),
    attainmentPct: 120,
  });
  assert.equal(at(s.trend, 6), { period: '2026-Q1', quota: null, wonRevenue: EUR(6_000_000), attainmentPct: null });
  assert.equal(s.wonRevenueByCurrency, [{ currency: 'EUR', amountMinor: 12_000_000, deals: 1 }]);
});

test('certified people and readiness follow the clock: the certification lapses after 365 days', async ({ t, w }) => {
  t.clock.set('2027-06-02T09:00:00.000Z');
  const s = obj(expectStatus(await t.get(`/partners/${w.a}/scorecard?period=2026-Q2`), 200).body);
  assert.is(s.certifiedPeople, 0);
  assert.equal(s.readyProductLines, []);
  t.clock.set('2026-06-10T09:00:00.000Z');
});

test('the scorecards list: channel members only, sorted by attainment with cursor pages', async ({ t, w }) => {
  const all = obj(expectStatus(await t.get('/scorecards'), 200).body);
  assert.is(all.period, '2026-Q2');
  assert.equal(
    list(all.items)
      .map((s) => at(s, 'partnerId'))
      .sort(),
    [w.a, w.b].sort(),
  );
  const first = obj(expectStatus(await t.get('/scorecards?sort=attainment&limit=1'), 200).body);
  assert.equal(
    list(first.items).map((s) => at(s, 'partnerId')),
    [w.a],
  );
  assert.type(first.nextCursor, 'string');
  const second = obj(
    expectStatus(await t.get(`/scorecards?sort=attainment&limit=1&cursor=${first.nextCursor}`), 200).body,
  );
  assert.equal(
    list(second.items).map((s) => at(s, 'partnerId')),
    [w.b],
  );
  assert.is(second.nextCursor, null);
  const won = obj(expectStatus(await t.get('/scorecards?sort=won'), 200).body);
  assert.equal(
    list(won.items).map((s) => at(s, 'wonRevenue', 'amountMinor')),
    [12_000_000, 5_000_000],
  );
  const applicants = obj(expectStatus(await t.get('/scorecards?status=applied'), 200).body);
  assert.equal(
    list(applicants.items).map((s) => at(s, 'partnerId')),
    [w.c],
  );
  const emea = obj(expectStatus(await t.get('/scorecards?region=apac'), 200).body);
  assert.equal(
    list(emea.items).map((s) => at(s, 'partnerId')),
    [w.b],
  );
});

test('who sees which scorecards: a regional channel manager their region, an employee their own partner', async ({
  t,
  w,
}) => {
  const managed = obj(expectStatus(await t.get('/scorecards', t.tokenFor(w.emeaManager.id)), 200).body);
  assert.equal(
    list(managed.items).map((s) => at(s, 'partnerId')),
    [w.a],
  );
  expectProblem(await t.get(`/partners/${w.b}/scorecard`, t.tokenFor(w.emeaManager.id)), 404, 'not_found');
  expectStatus(await t.get(`/partners/${w.a}/scorecard`, t.tokenFor(w.aSeller.id)), 200);
  expectProblem(await t.get(`/partners/${w.b}/scorecard`, t.tokenFor(w.aSeller.id)), 404, 'not_found');
  const own = obj(expectStatus(await t.get('/scorecards', t.tokenFor(w.bSeller.id)), 200).body);
  assert.equal(
    list(own.items).map((s) => at(s, 'partnerId')),
    [w.b],
  );
  expectStatus(await t.get(`/partners/${w.b}/scorecard`, t.tokenFor(w.analyst.id)), 200);
});

test('bad input: 400 with the field path', async ({ t, w }) => {
  expectProblem(await t.get(`/partners/${w.a}/scorecard?period=2026-Q5`), 400, 'validation_failed', ['query.period']);
  expectProblem(await t.get('/scorecards?sort=profit'), 400, 'validation_failed', ['query.sort']);
  expectProblem(await t.get('/scorecards?cursor=nonsense'), 400, 'validation_failed', ['query.cursor']);
  expectProblem(await t.get('/scorecards?colour=red'), 400, 'validation_failed');
  expectProblem(await t.get('/partners/not-an-id/scorecard'), 400, 'validation_failed', ['params.id']);
  expectProblem(await t.get('/scorecards', null), 401, 'unauthenticated');
});

test.run();
