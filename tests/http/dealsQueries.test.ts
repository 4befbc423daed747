/**
 * Deal queries over HTTP: who sees which deals (DESIGN §6), the filters and pages of GET /deals,
 * per-partner metrics and the pipeline dashboard, on a small known pipeline.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, list, num, obj, str } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { dealBody, dealWorld, registerDeal, type DealWorld } from './dealsFixtures.js';
import { employee, expectProblem, expectStatus, registerPerson, vendorStaff } from './fixtures.js';

const HOUR = 3_600_000;
interface Ctx {
  t: TestApp;
  w: DealWorld;
  d: Record<string, string>;
  auditor: string;
}
const test = suite<Ctx>('HTTP: deal queries, metrics and the pipeline dashboard');

/**
 * d1 emea seller, acme.com storage: approved after 2 h, won.   d2 emea technical, beta.com compute: rejected.
 * d3 apac seller, acme.com storage: collides with d1, waits.   d4 emea seller, gamma.com network: submitted.
 * d5 apac seller, delta.com storage: approved after 4 h, lost.
 */
test.before(async (ctx) => {
  ctx.t = await startTestApp({ now: '2026-06-01T09:00:00.000Z' });
  const t = ctx.t;
  ctx.w = await dealWorld(t);
  const w = ctx.w;
  ctx.auditor = (await vendorStaff(t, 'auditor')).id;
  const as = (id: string) => t.tokenFor(id);
  const customer = (domain: string) => ({ customer: { name: domain, domain, country: 'DE' } });
  const d1 = await registerDeal(
    t,
    w.seller.token,
    dealBody(w.emea, { ...customer('acme.com'), expectedCloseDate: '2026-07-15' }),
  );
  const d2 = await registerDeal(
    t,
    w.seller2.token,
    dealBody(w.emea, {
      ...customer('beta.com'),
      productLine: 'compute',
      estimatedValue: { amountMinor: 100_000, currency: 'USD' },
    }),
  );
  const d5 = await registerDeal(
    t,
    w.apacSeller.token,
    dealBody(w.apac, { ...customer('delta.com'), expectedCloseDate: '2026-12-01' }),
  );
  t.clock.advance(2 * HOUR);
  expectStatus(await t.post(`/deals/${d1}/approve`, {}, as(w.emeaManager.id)), 200);
  expectStatus(await t.post(`/deals/${d2}/reject`, { reason: 'house account' }, as(w.emeaManager.id)), 200);
  t.clock.advance(2 * HOUR);
  expectStatus(await t.post(`/deals/${d5}/approve`, {}, as(w.apacManager.id)), 200);
  t.clock.set('2026-06-03T09:00:00.000Z');
  const d3 = await registerDeal(t, as(w.apacSeller.id), dealBody(w.apac, customer('www.acme.com')));
  const d4 = await registerDeal(
    t,
    as(w.seller.id),
    dealBody(w.emea, { ...customer('gamma.com'), productLine: 'network', expectedCloseDate: '2026-08-01' }),
  );
  const won = expectStatus(
    await t.post(
      `/deals/${d1}/won`,
      { amount: { amountMinor: 4_000_000, currency: 'EUR' }, closedAt: '2026-06-02' },
      as(w.seller.id),
    ),
    200,
  );
  expectStatus(await t.post(`/deals/${d5}/lost`, { reason: 'no budget' }, as(w.apacSeller.id)), 200);
  await t.platform.policies.waitFor(num(won.body, 'position'));
  ctx.d = { d1, d2, d3, d4, d5 };
});
test.after(async (ctx) => ctx.t?.dispose());

const ids = async (t: TestApp, url: string, token?: string): Promise<string[]> => {
  const r = expectStatus(await t.get(url, token ?? undefined), 200);
  return list(r.body, 'items').map((i) => str(i, 'id'));
};
const names = (d: Record<string, string>, dealIds: string[]) =>
  dealIds.map((id) => Object.keys(d).find((k) => d[k] === id) ?? id);

test('who sees which deals: vendor readers all, channel managers their partners, partner roles as DESIGN §6', async ({
  t,
  w,
  d,
  auditor,
}) => {
  const sees = async (id?: string) => names(d, await ids(t, '/deals', id === undefined ? undefined : t.tokenFor(id)));
  assert.equal(await sees(), ['d4', 'd3', 'd5', 'd2', 'd1'], 'newest first');
  for (const reader of [w.vendorAdmin.id, w.analyst.id, auditor])
    assert.equal(await sees(reader), ['d4', 'd3', 'd5', 'd2', 'd1']);
  assert.equal(await sees(w.emeaManager.id), ['d4', 'd2', 'd1']);
  assert.equal(await sees(w.apacManager.id), ['d3', 'd5']);
  assert.equal(await sees(w.admin.id), ['d4', 'd2', 'd1']);
  assert.equal(await sees(w.manager.id), ['d4', 'd2', 'd1']);
  assert.equal(await sees(w.seller.id), ['d4', 'd1'], 'sales: only what they registered');
  assert.equal(await sees(w.seller2.id), ['d2']);
  assert.equal(await sees(w.apacSeller.id), ['d3', 'd5']);
  assert.equal(await sees(await registerPerson(t, 'Outsider')), []);
  const colleague = await employee(t, w.emea, 'sales');
  assert.equal(await sees(colleague.id), [], 'a new colleague registered nothing');
});

test("GET /deals/:id of another partner, or another rep's deal for sales, is 404", async ({ t, w, d }) => {
  expectStatus(await t.get(`/deals/${d.d3}`, t.tokenFor(w.seller.id)), 404);
  expectStatus(await t.get(`/deals/${d.d2}`, t.tokenFor(w.seller.id)), 404);
  expectStatus(await t.get(`/deals/${d.d1}`, t.tokenFor(w.apacManager.id)), 404);
  expectStatus(await t.get(`/deals/${d.d2}`, t.tokenFor(w.manager.id)), 200);
  expectStatus(await t.get('/deals/deal_unknown000001'), 404);
  const view = expectStatus(await t.get(`/deals/${d.d1}`), 200);
  assert.is(view.headers.etag, `"${at(view.body, 'version')}"`);
  assert.equal(
    [at(view.body, 'status'), at(view.body, 'wonAmount'), at(view.body, 'closedAt')],
    ['won', { amountMinor: 4_000_000, currency: 'EUR' }, '2026-06-02T00:00:00.000Z'],
  );
});

test("a former employee sees none of the former partner's deals", async ({ t, w, d }) => {
  const leaver = await employee(t, w.emea, 'admin');
  assert.equal(names(d, await ids(t, '/deals', t.tokenFor(leaver.id))), ['d4', 'd2', 'd1']);
  expectStatus(await t.post(`/partners/${w.emea}/employees/${leaver.id}/leave`, {}), 200);
  assert.equal(await ids(t, '/deals', t.tokenFor(leaver.id)), []);
  expectStatus(await t.get(`/deals/${d.d1}`, t.tokenFor(leaver.id)), 404);
});

test(
  'filters: partner, status, product line, conflict, ' + 'customer domain (normalised), registrant, dates, protection',
  async ({ t, w, d }) => {
    const q = async (query: string) => names(d, await ids(t, `/deals?${query}`));
    assert.equal(await q(`partnerId=${w.apac}`), ['d3', 'd5']);
    assert.equal(await q('status=submitted'), ['d4', 'd3']);
    assert.equal(await q('productLine=storage'), ['d3', 'd5', 'd1']);
    assert.equal(await q('conflict=true'), ['d3', 'd1']);
    assert.equal(await q('conflict=false'), ['d4', 'd5', 'd2']);
    assert.equal(await q(`customerDomain=${encodeURIComponent('https://Shop.ACME.com/')}`), ['d3', 'd1']);
    assert.equal(await q(`registeredBy=${w.seller.id}`), ['d4', 'd1']);
    assert.equal(await q('registeredFrom=2026-06-02'), ['d4', 'd3']);
    assert.equal(await q('registeredTo=2026-06-01'), ['d5', 'd2', 'd1']);
    assert.equal(await q('expectedCloseFrom=2026-08-01&expectedCloseTo=2026-09-30'), ['d4', 'd3', 'd2']);
    assert.equal(await q('protectionActive=true'), []);
    assert.equal(await q('status=won&productLine=storage'), ['d1']);
    for (const [query, path] of [
      ['status=open', 'query.status'],
      ['conflict=yes', 'query.conflict'],
      ['customerDomain=10.0.0.1', 'query.customerDomain'],
      ['registeredFrom=June', 'query.registeredFrom'],
      ['limit=0', 'query.limit'],
      ['cursor=abc', 'query.cursor'],
      ['colour=red', 'query.colour'],
    ])
      expectProblem(await t.get(`/deals?${query}`), 400, 'validation_failed', [path]);
  },
);

test('cursor pagination walks every visible deal once, newest first', async ({ t, d }) => {
  const seen: string[] = [];
  let url = '/deals?limit=2';
  for (let page = 0; page < 5; page++) {
    const r = expectStatus(await t.get(url), 200);
    seen.push(...list(r.body, 'items').map((i) => str(i, 'id')));
    if (!at(r.body, 'nextCursor')) break;
    assert.is(list(r.body, 'items').length, 2);
    url = `/deals?limit=2&cursor=${at(r.body, 'nextCursor')}`;
  }
  assert.equal(names(d, seen), ['d4', 'd3', 'd5', 'd2', 'd1']);
});

test('per-partner metrics: counts, conflict rate, median time to approval, lead conversion, won value', async ({
  t,
  w,
}) => {
  const emea = obj(expectStatus(await t.get(`/partners/${w.emea}/deal-metrics`), 200).body);
  assert.equal(
    { ...emea, partnerId: undefined },
    {
      partnerId: undefined,
      partnerName: 'Emea Reseller GmbH',
      registered: 3,
      approved: 1,
      rejected: 1,
      withdrawn: 0,
      won: 1,
      lost: 0,
      expired: 0,
      conflicted: 1,
      open: 1,
      conflictRate: 0.3333,
      approvalRate: 0.5,
      medianHoursToApproval: 2,
      leadConversion: 0.5,
      wonValue: [{ currency: 'EUR', amountMinor: 4_000_000 }],
      from: null,
      to: null,
    },
  );
  const apac = obj(expectStatus(await t.get(`/partners/${w.apac}/deal-metrics`, t.tokenFor(w.apacAdmin.id)), 200).body);
  assert.equal(
    [
      apac.registered,
      apac.approved,
      apac.lost,
      apac.conflicted,
      apac.conflictRate,
      apac.medianHoursToApproval,
      apac.leadConversion,
      apac.open,
    ],
    [2, 1, 1, 1, 0.5, 4, 0, 1],
  );
  const window = obj(
    expectStatus(await t.get(`/partners/${w.emea}/deal-metrics?from=2026-06-02&to=2026-06-30`), 200).body,
  );
  assert.equal(
    [window.registered, window.won, window.conflictRate, window.medianHoursToApproval, window.leadConversion],
    [1, 0, 0, null, null],
  );
  expectStatus(await t.get(`/partners/${w.apac}/deal-metrics`, t.tokenFor(w.seller.id)), 404);
  const own = obj(expectStatus(await t.get(`/partners/${w.emea}/deal-metrics`, t.tokenFor(w.seller2.id)), 200).body);
  assert.equal([own.registered, own.rejected], [1, 1], "a sales rep's metrics cover the deals they may see");
  expectProblem(await t.get(`/partners/${w.emea}/deal-metrics?from=yesterday`), 400, 'validation_failed', [
    'query.from',
  ]);
});

test("pipeline dashboard: totals by status and product line, metrics per partner, within the caller's scope", async ({
  t,
  w,
}) => {
  const all = obj(expectStatus(await t.get('/dashboards/pipeline'), 200).body);
  assert.equal(
    [at(all.totals, 'registered'), at(all.totals, 'conflicted'), at(all.totals, 'protectionActive')],
    [5, 2, 0],
  );
  assert.equal(
    list(all.totals, 'byStatus').map((s) => [at(s, 'status'), at(s, 'count')]),
    [
      ['lost', 1],
      ['rejected', 1],
      ['submitted', 2],
      ['won', 1],
    ],
  );
  const storage = list(all.totals, 'byProductLine').find((l) => at(l, 'productLine') === 'storage');
  assert.equal(
    [at(storage, 'count'), at(storage, 'statuses'), at(storage, 'estimatedValue')],
    [3, { lost: 1, submitted: 1, won: 1 }, [{ currency: 'EUR', amountMinor: 15_000_000 }]],
  );
  const compute = list(all.totals, 'byProductLine').find((l) => at(l, 'productLine') === 'compute');
  assert.equal(at(compute, 'estimatedValue'), [{ currency: 'USD', amountMinor: 100_000 }]);
  assert.equal(
    list(all.partners, 'items')
      .map((p) => at(p, 'partnerId'))
      .sort(),
    [w.apac, w.emea].sort(),
  );
  const first = obj(expectStatus(await t.get('/dashboards/pipeline?limit=1'), 200).body);
  const second = obj(
    expectStatus(await t.get(`/dashboards/pipeline?limit=1&cursor=${at(first.partners, 'nextCursor')}`), 200).body,
  );
  assert.equal(
    [list(first.partners, 'items').length, list(second.partners, 'items').length, at(second.partners, 'nextCursor')],
    [1, 1, null],
  );
  assert.is.not(at(first.partners, 'items', 0, 'partnerId'), at(second.partners, 'items', 0, 'partnerId'));
  const emeaOnly = obj(expectStatus(await t.get('/dashboards/pipeline', t.tokenFor(w.emeaManager.id)), 200).body);
  assert.equal(
    [at(emeaOnly.totals, 'registered'), list(emeaOnly.partners, 'items').map((p) => at(p, 'partnerId'))],
    [3, [w.emea]],
  );
  const storageOnly = obj(expectStatus(await t.get('/dashboards/pipeline?productLine=storage'), 200).body);
  assert.is(at(storageOnly.totals, 'registered'), 3);
  const none = obj(
    expectStatus(await t.get('/dashboards/pipeline', t.tokenFor(await registerPerson(t, 'Nobody'))), 200).body,
  );
  assert.equal([at(none.totals, 'registered'), at(none.partners, 'items')], [0, []]);
});

test.run();
