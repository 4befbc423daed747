import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { scorecardsProjection } from '../../projections/scorecard/scorecardsProjection.js';
import { expectStatus, quiescent } from '../http/fixtures.js';
import { scorecardWorld, type ScorecardWorld } from '../http/scorecardFixtures.js';
import { at, obj } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const test = suite<{ t: TestApp; w: ScorecardWorld }>(
  'scorecards projection: rebuilt alone, equal to the incremental model',
);
test.before(async (ctx) => {
  ctx.t = await startTestApp({ now: '2026-03-10T09:00:00.000Z' });
  ctx.w = await scorecardWorld(ctx.t);
});
test.after(async (ctx) => ctx.t?.dispose());

const snapshot = async (t: TestApp) => {
  const out: Record<string, unknown[]> = {};
  for (const table of scorecardsProjection.tables)
    out[table] = await t.platform.reader.all(`SELECT * FROM ${table} ORDER BY 1, 2`);
  return out;
};

test('a rebuild of the scorecards projection alone gives the same tables, row for row', async ({ t }) => {
  const before = await snapshot(t);
  assert.ok((before.scorecard_partners as unknown[]).length >= 3);
  assert.ok((before.scorecard_periods as unknown[]).length >= 3);
  await t.platform.runner.rebuild(['scorecards']);
  assert.equal(await snapshot(t), before);
});

test('the projection never reads another projection: emptying the others changes nothing of its rebuild', async ({
  t,
}) => {
  const before = await snapshot(t);
  const others = [
    'deals',
    'deal_conflicts',
    'partners',
    'partner_quotas',
    'people',
    'employments',
    'certifications',
    'programs',
    'mdf_funds',
    'mdf_requests',
    'mdf_claims',
    'points_partners',
    'points_people',
    'points_ledger',
  ];
  await t.platform.writeDb.transaction(async (tx) => {
    for (const table of others) await tx.run(`DELETE FROM ${table}`);
  });
  await t.platform.runner.rebuild(['scorecards']);
  assert.equal(await snapshot(t), before);
  await t.platform.runner.rebuild();
});

test('stored expiries, not validity: the readiness columns hold timestamps that a later clock judges', async ({
  t,
  w,
}) => {
  const row = await t.platform.reader.get<{ certified_expiries: string; line_expiries: string; ready_until: string }>(
    'SELECT certified_expiries, line_expiries, ready_until FROM scorecard_partners WHERE partner_id = ?',
    [w.a],
  );
  const expiry = Date.parse('2027-06-01T09:00:00.000Z');
  assert.equal(JSON.parse(row?.certified_expiries ?? ''), [expiry]);
  assert.equal(JSON.parse(row?.line_expiries ?? ''), { storage: [expiry] });
  assert.is(row?.ready_until, '2027-06-01T09:00:00.000Z');
});

test("minCertifiedForReady: raising it re-derives every partner's ready_until", async ({ t, w }) => {
  expectStatus(await t.put('/channel/settings', { minCertifiedForReady: 2 }), 200);
  await quiescent(t);
  const two = await t.platform.reader.get<{ ready_until: string | null }>(
    'SELECT ready_until FROM scorecard_partners WHERE partner_id = ?',
    [w.a],
  );
  assert.is(two?.ready_until, null);
  const s = obj(expectStatus(await t.get(`/partners/${w.a}/scorecard`), 200).body);
  assert.equal(at(s.readiness, 'storage'), { certified: 1, ready: false });
  expectStatus(await t.put('/channel/settings', { minCertifiedForReady: 1 }), 200);
  await quiescent(t);
  const one = await t.platform.reader.get<{ ready_until: string | null }>(
    'SELECT ready_until FROM scorecard_partners WHERE partner_id = ?',
    [w.a],
  );
  assert.is(one?.ready_until, '2027-06-01T09:00:00.000Z');
});

test('a leaver takes their certification along: the former employer loses it, the counts follow', async ({ t, w }) => {
  expectStatus(await t.post(`/partners/${w.a}/employees/${w.aSeller.id}/leave`, { reason: 'moved on' }), 200);
  await quiescent(t);
  const s = obj(expectStatus(await t.get(`/partners/${w.a}/scorecard`), 200).body);
  assert.is(s.employeeCount, 1);
  assert.is(s.certifiedPeople, 0);
  assert.equal(s.readyProductLines, []);
  const health = obj(expectStatus(await t.get('/dashboards/channel-health'), 200).body);
  assert.equal(health.readiness, { ready: 0, readySharePct: 0 });
});

test.run();
