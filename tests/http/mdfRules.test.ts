/**
 * MDF rules over HTTP: one fund per partner and period (also under concurrent allocations), overspend
 * (422 insufficient_funds, also under concurrent approvals), claims over the approved amount (422
 * limit_exceeded), one payment per claim and per request (409), deadlines and expiry. Refusals append nothing.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, list, obj, str } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { expectProblem, expectStatus, refused } from './fixtures.js';
import { allocateFund, approvedRequest, channelCast, eur, proof, submitRequest, type Cast } from './mdfFixtures.js';

const test = suite<{ t: TestApp; cast: Cast }>('MDF rules over HTTP');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp({ now: '2026-04-01T09:00:00.000Z' });
  ctx.cast = await channelCast(ctx.t);
});
test.after.each(async (ctx) => ctx.t?.dispose());

const fundBody = (partnerId: string, over: Record<string, unknown> = {}) => ({
  partnerId,
  period: '2026-Q2',
  amount: eur(1_000_000),
  expiresAt: '2026-07-01T00:00:00Z',
  ...over,
});

test('a second fund for the same partner and period: 409 duplicate; another period or partner is fine', async ({
  t,
  cast,
}) => {
  const first = await allocateFund(t, cast.acme);
  const second = await refused(t, () => t.post('/mdf/funds', fundBody(cast.acme, { amount: eur(5) })));
  expectProblem(second, 409, 'duplicate');
  assert.match(str(second.body, 'detail'), first);
  await allocateFund(t, cast.acme, { period: '2026-Q3', expiresAt: '2026-10-01T00:00:00Z' });
  await allocateFund(t, cast.globex);
});

test('concurrent allocations for one partner and period: exactly one fund', async ({ t, cast }) => {
  const before = await t.eventCount();
  const answers = await Promise.all(
    Array.from({ length: 8 }, (_, i) => t.post('/mdf/funds', fundBody(cast.acme, { amount: eur(1_000 + i) }))),
  );
  assert.equal(answers.map((a) => a.status).sort(), [201, 409, 409, 409, 409, 409, 409, 409]);
  assert.is(await t.eventCount(), before + 2);
  const funds = at((await t.get(`/mdf/funds?partnerId=${cast.acme}`)).body, 'items');
  assert.is(list(funds).length, 1);
});

test('a fund for a partner that is not operating: 409', async ({ t, cast }) => {
  expectStatus(await t.post(`/partners/${cast.globex}/suspend`, { reason: 'audit' }), 200);
  expectProblem(await refused(t, () => t.post('/mdf/funds', fundBody(cast.globex))), 409, 'invalid_state');
});

test('overspend: a request or an approval beyond what is available is 422 insufficient_funds', async ({ t, cast }) => {
  const { fundId } = await approvedRequest(t, cast);
  const tooMuch = await refused(t, () =>
    t.post(
      `/mdf/funds/${fundId}/requests`,
      { activity: 'event', description: 'x', amount: eur(600_001), activityDate: '2026-04-10' },
      cast.ann.token,
    ),
  );
  expectProblem(tooMuch, 422, 'insufficient_funds');
  const a = await submitRequest(t, fundId, cast.ann.token, { amount: eur(600_000) });
  const b = await submitRequest(t, fundId, cast.ann.token, { amount: eur(600_000) });
  expectStatus(
    await t.post(
      `/mdf/funds/${fundId}/requests/${a}/approve`,
      { approvedAmount: eur(500_000) },
      cast.emeaManager.token,
    ),
    200,
  );
  expectProblem(
    await refused(t, () =>
      t.post(`/mdf/funds/${fundId}/requests/${b}/approve`, { approvedAmount: eur(100_001) }, cast.emeaManager.token),
    ),
    422,
    'insufficient_funds',
  );
  expectStatus(
    await t.post(
      `/mdf/funds/${fundId}/requests/${b}/approve`,
      { approvedAmount: eur(100_000) },
      cast.emeaManager.token,
    ),
    200,
  );
  const view = obj((await t.get(`/mdf/funds/${fundId}`)).body);
  assert.equal(
    [at(view.balances, 'committed', 'amountMinor'), at(view.balances, 'available', 'amountMinor')],
    [1_000_000, 0],
  );
});

test('approving more than was requested: 422 limit_exceeded', async ({ t, cast }) => {
  const fundId = await allocateFund(t, cast.acme);
  const requestId = await submitRequest(t, fundId, cast.ann.token, { amount: eur(1_000) });
  expectProblem(
    await refused(t, () =>
      t.post(`/mdf/funds/${fundId}/requests/${requestId}/approve`, { approvedAmount: eur(1_001) }),
    ),
    422,
    'limit_exceeded',
  );
});

test('concurrent approvals never commit more than allocated', async ({ t, cast }) => {
  const fundId = await allocateFund(t, cast.acme);
  const ids = [];
  for (let i = 0; i < 6; i++) ids.push(await submitRequest(t, fundId, cast.ann.token, { amount: eur(300_000) }));
  const answers = await Promise.all(
    ids.map((id) => t.post(`/mdf/funds/${fundId}/requests/${id}/approve`, { approvedAmount: eur(300_000) })),
  );
  assert.equal(answers.map((a) => a.status).sort(), [200, 200, 200, 422, 422, 422]);
  const view = obj((await t.get(`/mdf/funds/${fundId}`)).body);
  assert.equal(
    [at(view.balances, 'committed', 'amountMinor'), at(view.balances, 'available', 'amountMinor')],
    [900_000, 100_000],
  );
});

test('a claim over the approved amount: 422 limit_exceeded; a claim approval over the claim: 422', async ({
  t,
  cast,
}) => {
  const { fundId, requestId } = await approvedRequest(t, cast);
  t.clock.set('2026-04-11T00:00:00.000Z');
  expectProblem(
    await refused(t, () =>
      t.post(`/mdf/funds/${fundId}/claims`, { requestId, amount: eur(400_001), proof }, cast.ann.token),
    ),
    422,
    'limit_exceeded',
  );
  const claimId = at(
    expectStatus(
      await t.post(`/mdf/funds/${fundId}/claims`, { requestId, amount: eur(400_000), proof }, cast.ann.token),
      201,
    ).body,
    'id',
  );
  expectProblem(
    await refused(t, () => t.post(`/mdf/funds/${fundId}/claims/${claimId}/approve`, { approvedAmount: eur(400_001) })),
    422,
    'limit_exceeded',
  );
});

test('a claim is paid once; a second claim on a paid request is refused', async ({ t, cast }) => {
  const { fundId, requestId } = await approvedRequest(t, cast);
  t.clock.set('2026-04-11T00:00:00.000Z');
  const claimId = at(
    expectStatus(
      await t.post(`/mdf/funds/${fundId}/claims`, { requestId, amount: eur(100_000), proof }, cast.ann.token),
      201,
    ).body,
    'id',
  );
  expectProblem(
    await refused(t, () => t.post(`/mdf/funds/${fundId}/claims/${claimId}/pay`, { paymentReference: 'P-1' })),
    409,
    'invalid_state',
  );
  expectStatus(await t.post(`/mdf/funds/${fundId}/claims/${claimId}/approve`, { approvedAmount: eur(100_000) }), 200);
  const pays = await Promise.all(
    [1, 2, 3].map((n) => t.post(`/mdf/funds/${fundId}/claims/${claimId}/pay`, { paymentReference: `P-${n}` })),
  );
  assert.equal(pays.map((p) => p.status).sort(), [200, 409, 409]);
  expectProblem(
    await refused(t, () => t.post(`/mdf/funds/${fundId}/claims`, { requestId, amount: eur(1), proof }, cast.ann.token)),
    409,
    'invalid_state',
  );
  const view = obj((await t.get(`/mdf/funds/${fundId}`)).body);
  assert.equal([at(view.balances, 'paid', 'amountMinor'), at(view.balances, 'committed', 'amountMinor')], [100_000, 0]);
});

test('claims before the activity or after the claim deadline (mdfClaimDays) are refused', async ({ t, cast }) => {
  expectStatus(await t.put('/channel/settings', { mdfClaimDays: 5 }), 200);
  const { fundId, requestId } = await approvedRequest(t, cast);
  const view = obj((await t.get(`/mdf/funds/${fundId}`)).body);
  assert.is(at(view.requests, 0, 'claimDeadline'), '2026-04-16T00:00:00.000Z');
  const claim = () => t.post(`/mdf/funds/${fundId}/claims`, { requestId, amount: eur(1), proof }, cast.ann.token);
  expectProblem(await refused(t, claim), 409, 'invalid_state');
  t.clock.set('2026-04-16T00:00:00.000Z');
  const late = await refused(t, claim);
  expectProblem(late, 409, 'invalid_state');
  assert.match(str(late.body, 'detail'), 'due before 2026-04-16');
  t.clock.set('2026-04-15T23:59:59.000Z');
  expectStatus(await claim(), 201);
});

test('after the fund expires nothing happens but paying approved claims; closing ends it as well', async ({
  t,
  cast,
}) => {
  const { fundId, requestId } = await approvedRequest(t, cast);
  const pending = await submitRequest(t, fundId, cast.ann.token, { amount: eur(1) });
  t.clock.set('2026-04-11T00:00:00.000Z');
  const claimId = at(
    expectStatus(
      await t.post(`/mdf/funds/${fundId}/claims`, { requestId, amount: eur(50_000), proof }, cast.ann.token),
      201,
    ).body,
    'id',
  );
  expectStatus(await t.post(`/mdf/funds/${fundId}/claims/${claimId}/approve`, { approvedAmount: eur(50_000) }), 200);
  t.clock.set('2026-07-01T00:00:00.000Z');
  assert.is(at((await t.get(`/mdf/funds/${fundId}`)).body, 'status'), 'expired');
  const body = { activity: 'event', description: 'x', amount: eur(1), activityDate: '2026-06-30' };
  expectProblem(
    await refused(t, () => t.post(`/mdf/funds/${fundId}/requests`, body, cast.ann.token)),
    409,
    'invalid_state',
  );
  expectProblem(
    await refused(t, () => t.post(`/mdf/funds/${fundId}/requests/${pending}/approve`, { approvedAmount: eur(1) })),
    409,
    'invalid_state',
  );
  expectProblem(
    await refused(t, () => t.post(`/mdf/funds/${fundId}/requests/${pending}/reject`, { reason: 'late' })),
    409,
    'invalid_state',
  );
  expectStatus(await t.post(`/mdf/funds/${fundId}/close`, {}), 200);
  expectProblem(await refused(t, () => t.post(`/mdf/funds/${fundId}/close`, {})), 409, 'invalid_state');
  expectStatus(await t.post(`/mdf/funds/${fundId}/claims/${claimId}/pay`, { paymentReference: 'LATE-1' }), 200);
  assert.equal(at((await t.get(`/mdf/funds/${fundId}`)).body, 'balances', 'paid'), eur(50_000));
});

test.run();
