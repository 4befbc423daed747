/**
 * MDF over HTTP: allocate, request, approve (partially), claim with proof, approve, pay, close; balances
 * in the read model after every step; who may do what (partner admins request and claim for their own
 * partner, the channel manager or a vendor admin decides and pays, nobody else sees a fund: 404).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { at, list, obj, str } from '../support/json.js';
import { ADMIN_KEY, startTestApp, type TestApp } from '../support/testApp.js';
import { expectProblem, expectStatus, refused } from './fixtures.js';
import { allocateFund, channelCast, eur, proof, submitRequest, type Cast } from './mdfFixtures.js';

const test = suite<{ t: TestApp; cast: Cast }>('MDF over HTTP');
test.before.each(async (ctx) => {
  ctx.t = await startTestApp({ now: '2026-04-01T09:00:00.000Z' });
  ctx.cast = await channelCast(ctx.t);
});
test.after.each(async (ctx) => ctx.t?.dispose());

const balances = async (t: TestApp, fundId: string) => {
  const view = obj(expectStatus(await t.get(`/mdf/funds/${fundId}`), 200).body);
  const b = view.balances as Record<string, { amountMinor: number }>;
  return {
    allocated: b.allocated.amountMinor,
    committed: b.committed.amountMinor,
    claimed: b.claimed.amountMinor,
    paid: b.paid.amountMinor,
    available: b.available.amountMinor,
  };
};

test('the whole life of a fund, with the balances after every step', async ({ t, cast }) => {
  const allocated = expectStatus(
    await t.post(
      '/mdf/funds',
      { partnerId: cast.acme, period: '2026-Q2', amount: eur(1_000_000), expiresAt: '2026-07-01T00:00:00Z' },
      cast.emeaManager.token,
    ),
    201,
  );
  const fundId = str(allocated.body, 'id');
  assert.match(fundId, /^mdf_/);
  assert.is(at(allocated.body, 'streamId'), `mdf-${fundId}`);
  assert.equal(await balances(t, fundId), {
    allocated: 1_000_000,
    committed: 0,
    claimed: 0,
    paid: 0,
    available: 1_000_000,
  });

  const request = expectStatus(
    await t.post(
      `/mdf/funds/${fundId}/requests`,
      {
        activity: 'digital_campaign',
        description: 'Q2 webinar series',
        amount: eur(400_000),
        activityDate: '2026-04-10',
      },
      cast.ann.token,
    ),
    201,
  );
  const requestId = str(request.body, 'id');
  assert.match(requestId, /^req_/);
  assert.is(at(request.body, 'streamId'), `mdf-${fundId}`);
  assert.equal(await balances(t, fundId), {
    allocated: 1_000_000,
    committed: 0,
    claimed: 0,
    paid: 0,
    available: 1_000_000,
  });

  expectStatus(
    await t.post(
      `/mdf/funds/${fundId}/requests/${requestId}/approve`,
      { approvedAmount: eur(350_000) },
      cast.emeaManager.token,
    ),
    200,
  );
  assert.equal(await balances(t, fundId), {
    allocated: 1_000_000,
    committed: 350_000,
    claimed: 0,
    paid: 0,
    available: 650_000,
  });

  t.clock.set('2026-04-15T10:00:00.000Z');
  const claim = expectStatus(
    await t.post(`/mdf/funds/${fundId}/claims`, { requestId, amount: eur(300_000), proof }, cast.ann.token),
    201,
  );
  const claimId = str(claim.body, 'id');
  assert.match(claimId, /^clm_/);
  assert.equal(await balances(t, fundId), {
    allocated: 1_000_000,
    committed: 350_000,
    claimed: 300_000,
    paid: 0,
    available: 650_000,
  });

  expectStatus(
    await t.post(
      `/mdf/funds/${fundId}/claims/${claimId}/approve`,
      { approvedAmount: eur(280_000) },
      cast.emeaManager.token,
    ),
    200,
  );
  expectStatus(
    await t.post(
      `/mdf/funds/${fundId}/claims/${claimId}/pay`,
      { paymentReference: 'SEPA-2026-0042' },
      cast.emeaManager.token,
    ),
    200,
  );
  assert.equal(await balances(t, fundId), {
    allocated: 1_000_000,
    committed: 0,
    claimed: 300_000,
    paid: 280_000,
    available: 720_000,
  });

  const closed = expectStatus(
    await t.post(`/mdf/funds/${fundId}/close`, { reason: 'quarter over' }, cast.emeaManager.token),
    200,
  );
  assert.is(at(closed.body, 'id'), fundId);

  const view = expectStatus(await t.get(`/mdf/funds/${fundId}`, cast.ann.token), 200);
  assert.is(view.headers.etag, `"${at(view.body, 'version')}"`);
  assert.equal(
    [at(view.body, 'status'), at(view.body, 'closeReason'), at(view.body, 'period'), at(view.body, 'partnerId')],
    ['closed', 'quarter over', '2026-Q2', cast.acme],
  );
  assert.equal(
    list(view.body, 'requests').map((r) => [
      at(r, 'id'),
      at(r, 'status'),
      at(r, 'approvedAmount'),
      at(r, 'claimDeadline'),
      at(r, 'settledAt') !== null,
    ]),
    [[requestId, 'approved', eur(350_000), '2026-06-10T00:00:00.000Z', true]],
  );
  assert.equal(at(view.body, 'requests', 0, 'submittedBy'), cast.ann.id);
  const [paidClaim] = list(view.body, 'claims');
  assert.equal(
    [
      at(paidClaim, 'id'),
      at(paidClaim, 'status'),
      at(paidClaim, 'amount'),
      at(paidClaim, 'approvedAmount'),
      at(paidClaim, 'paymentReference'),
      at(paidClaim, 'proof'),
    ],
    [claimId, 'paid', eur(300_000), eur(280_000), 'SEPA-2026-0042', proof],
  );
});

test('a request is rejected with its reason; a claim is rejected and claimed again', async ({ t, cast }) => {
  const fundId = await allocateFund(t, cast.acme);
  const first = await submitRequest(t, fundId, cast.ann.token);
  expectStatus(
    await t.post(`/mdf/funds/${fundId}/requests/${first}/reject`, { reason: 'off-brand' }, cast.emeaManager.token),
    200,
  );
  const second = await submitRequest(t, fundId, cast.ann.token, { activity: 'training' });
  expectStatus(
    await t.post(
      `/mdf/funds/${fundId}/requests/${second}/approve`,
      { approvedAmount: eur(400_000) },
      cast.emeaManager.token,
    ),
    200,
  );
  t.clock.set('2026-04-20T00:00:00.000Z');
  const claim = at(
    expectStatus(
      await t.post(`/mdf/funds/${fundId}/claims`, { requestId: second, amount: eur(100_000), proof }, cast.ann.token),
      201,
    ).body,
    'id',
  );
  expectStatus(
    await t.post(`/mdf/funds/${fundId}/claims/${claim}/reject`, { reason: 'no attendee list' }, cast.emeaManager.token),
    200,
  );
  assert.equal((await balances(t, fundId)).claimed, 0);
  expectStatus(
    await t.post(`/mdf/funds/${fundId}/claims`, { requestId: second, amount: eur(120_000), proof }, cast.ann.token),
    201,
  );
  const view = obj((await t.get(`/mdf/funds/${fundId}`)).body);
  assert.equal(
    list(view.requests).map((r) => [at(r, 'status'), at(r, 'rejectReason')]),
    [
      ['rejected', 'off-brand'],
      ['approved', null],
    ],
  );
  assert.equal(
    list(view.claims).map((c) => at(c, 'status')),
    ['rejected', 'submitted'],
  );
  assert.equal((await balances(t, fundId)).claimed, 120_000);
});

test('a vendor admin may act for the partner; the admin key is recorded as `admin`', async ({ t, cast }) => {
  const fundId = await allocateFund(t, cast.acme);
  const requestId = await submitRequest(t, fundId, ADMIN_KEY);
  const view = obj((await t.get(`/mdf/funds/${fundId}`)).body);
  assert.equal(
    list(view.requests).map((r) => [at(r, 'id'), at(r, 'submittedBy')]),
    [[requestId, 'admin']],
  );
});

test("who allocates: the partner's channel manager or a vendor admin; others 403, other regions 404", async ({
  t,
  cast,
}) => {
  const body = { partnerId: cast.acme, period: '2026-Q3', amount: eur(1), expiresAt: '2026-12-01T00:00:00Z' };
  expectProblem(await refused(t, () => t.post('/mdf/funds', body, cast.ann.token)), 403, 'forbidden');
  expectProblem(await refused(t, () => t.post('/mdf/funds', body, cast.apacManager.token)), 404, 'not_found');
  expectProblem(await refused(t, () => t.post('/mdf/funds', body, cast.gil.token)), 404, 'not_found');
  expectProblem(await refused(t, () => t.post('/mdf/funds', body, cast.auditor.token)), 403, 'forbidden');
  expectProblem(
    await refused(t, () => t.post('/mdf/funds', { ...body, partnerId: 'ptr_unknown0001' })),
    404,
    'not_found',
  );
  expectStatus(await t.post('/mdf/funds', body), 201);
});

test(
  "who requests and claims: the partner's admins; " + 'its other people 403, other partners 404, channel managers 403',
  async ({ t, cast }) => {
    const fundId = await allocateFund(t, cast.acme);
    const body = { activity: 'event', description: 'Roadshow', amount: eur(1_000), activityDate: '2026-04-10' };
    expectProblem(
      await refused(t, () => t.post(`/mdf/funds/${fundId}/requests`, body, cast.bob.token)),
      403,
      'forbidden',
    );
    expectProblem(
      await refused(t, () => t.post(`/mdf/funds/${fundId}/requests`, body, cast.gil.token)),
      404,
      'not_found',
    );
    expectProblem(
      await refused(t, () => t.post(`/mdf/funds/${fundId}/requests`, body, cast.emeaManager.token)),
      403,
      'forbidden',
    );
    expectProblem(
      await refused(t, () => t.post(`/mdf/funds/${fundId}/requests`, body, cast.apacManager.token)),
      404,
      'not_found',
    );
    const requestId = await submitRequest(t, fundId, cast.ann.token);
    expectStatus(
      await t.post(
        `/mdf/funds/${fundId}/requests/${requestId}/approve`,
        { approvedAmount: eur(1_000) },
        cast.emeaManager.token,
      ),
      200,
    );
    t.clock.set('2026-04-11T00:00:00.000Z');
    const claim = { requestId, amount: eur(1_000), proof };
    expectProblem(
      await refused(t, () => t.post(`/mdf/funds/${fundId}/claims`, claim, cast.bob.token)),
      403,
      'forbidden',
    );
    expectProblem(
      await refused(t, () => t.post(`/mdf/funds/${fundId}/claims`, claim, cast.gil.token)),
      404,
      'not_found',
    );
    expectStatus(await t.post(`/mdf/funds/${fundId}/claims`, claim, cast.ann.token), 201);
  },
);

test(
  'who decides and pays: the channel manager or a vendor admin; ' + "the partner's admin 403, another region 404",
  async ({ t, cast }) => {
    const fundId = await allocateFund(t, cast.acme);
    const requestId = await submitRequest(t, fundId, cast.ann.token);
    const approve = `/mdf/funds/${fundId}/requests/${requestId}/approve`;
    expectProblem(
      await refused(t, () => t.post(approve, { approvedAmount: eur(1) }, cast.ann.token)),
      403,
      'forbidden',
    );
    expectProblem(
      await refused(t, () => t.post(approve, { approvedAmount: eur(1) }, cast.apacManager.token)),
      404,
      'not_found',
    );
    expectProblem(
      await refused(t, () =>
        t.post(`/mdf/funds/${fundId}/requests/${requestId}/reject`, { reason: 'x' }, cast.bob.token),
      ),
      403,
      'forbidden',
    );
    expectProblem(await refused(t, () => t.post(`/mdf/funds/${fundId}/close`, {}, cast.ann.token)), 403, 'forbidden');
    expectStatus(await t.post(approve, { approvedAmount: eur(400_000) }), 200);
    t.clock.set('2026-04-11T00:00:00.000Z');
    const claimId = at(
      expectStatus(
        await t.post(`/mdf/funds/${fundId}/claims`, { requestId, amount: eur(1_000), proof }, cast.ann.token),
        201,
      ).body,
      'id',
    );
    expectProblem(
      await refused(t, () =>
        t.post(`/mdf/funds/${fundId}/claims/${claimId}/approve`, { approvedAmount: eur(1_000) }, cast.ann.token),
      ),
      403,
      'forbidden',
    );
    expectStatus(
      await t.post(
        `/mdf/funds/${fundId}/claims/${claimId}/approve`,
        { approvedAmount: eur(1_000) },
        cast.emeaManager.token,
      ),
      200,
    );
    expectProblem(
      await refused(t, () =>
        t.post(`/mdf/funds/${fundId}/claims/${claimId}/pay`, { paymentReference: 'P-1' }, cast.ann.token),
      ),
      403,
      'forbidden',
    );
    expectProblem(
      await refused(t, () =>
        t.post(`/mdf/funds/${fundId}/claims/${claimId}/pay`, { paymentReference: 'P-1' }, cast.auditor.token),
      ),
      403,
      'forbidden',
    );
    expectStatus(
      await t.post(`/mdf/funds/${fundId}/claims/${claimId}/pay`, { paymentReference: 'P-1' }, cast.emeaManager.token),
      200,
    );
  },
);

test("who sees funds: the partner's people and its channel staff; never another partner (404, not listed)", async ({
  t,
  cast,
}) => {
  const acmeFund = await allocateFund(t, cast.acme);
  const globexFund = await allocateFund(t, cast.globex);
  const ids = async (token?: string) =>
    (at(expectStatus(await t.get('/mdf/funds', token), 200).body, 'items') as { id: string }[]).map((f) => f.id).sort();
  assert.equal(await ids(), [acmeFund, globexFund].sort());
  assert.equal(await ids(cast.auditor.token), [acmeFund, globexFund].sort());
  assert.equal(await ids(cast.ann.token), [acmeFund]);
  assert.equal(await ids(cast.bob.token), [acmeFund]);
  assert.equal(await ids(cast.gil.token), [globexFund]);
  assert.equal(await ids(cast.emeaManager.token), [acmeFund]);
  expectStatus(await t.get(`/mdf/funds/${acmeFund}`, cast.bob.token), 200);
  expectProblem(await t.get(`/mdf/funds/${acmeFund}`, cast.gil.token), 404, 'not_found');
  expectProblem(await t.get(`/mdf/funds/${globexFund}`, cast.emeaManager.token), 404, 'not_found');
  expectProblem(await refused(t, () => t.post(`/mdf/funds/${globexFund}/close`, {}, cast.ann.token)), 404, 'not_found');
});

test('a person who left the partner sees its funds no more', async ({ t, cast }) => {
  const fundId = await allocateFund(t, cast.acme);
  expectStatus(await t.post(`/partners/${cast.acme}/employees/${cast.ann.id}/leave`, {}), 200);
  expectProblem(await t.get(`/mdf/funds/${fundId}`, cast.ann.token), 404, 'not_found');
  expectProblem(
    await refused(t, () =>
      t.post(`/mdf/funds/${fundId}/requests`, { activity: 'event', description: 'x', amount: eur(1) }, cast.ann.token),
    ),
    404,
    'not_found',
  );
});

test('the list filters by partner, period and status (open, expired, closed) and pages', async ({ t, cast }) => {
  const q2 = await allocateFund(t, cast.acme);
  const q3 = await allocateFund(t, cast.acme, { period: '2026-Q3', expiresAt: '2026-10-01T00:00:00Z' });
  const g2 = await allocateFund(t, cast.globex, { expiresAt: '2026-05-01T00:00:00Z' });
  expectStatus(await t.post(`/mdf/funds/${q3}/close`, {}), 200);
  t.clock.set('2026-05-15T00:00:00.000Z');
  const fundsWhere = async (qs: string) =>
    (at(expectStatus(await t.get(`/mdf/funds?${qs}`), 200).body, 'items') as { id: string; status: string }[]).map(
      (f) => [f.id, f.status],
    );
  assert.equal(await fundsWhere(`partnerId=${cast.acme}&period=2026-Q2`), [[q2, 'open']]);
  assert.equal(await fundsWhere('status=expired'), [[g2, 'expired']]);
  assert.equal(await fundsWhere('status=closed'), [[q3, 'closed']]);
  assert.equal(await fundsWhere('status=open'), [[q2, 'open']]);
  const first = obj(expectStatus(await t.get('/mdf/funds?limit=2'), 200).body);
  assert.is(list(first.items).length, 2);
  const rest = obj(expectStatus(await t.get(`/mdf/funds?limit=2&cursor=${first.nextCursor}`), 200).body);
  assert.equal(rest.nextCursor, null);
  assert.equal([...list(first.items), ...list(rest.items)].map((f) => at(f, 'id')).sort(), [q2, q3, g2].sort());
  expectProblem(await t.get('/mdf/funds?status=spent'), 400, 'validation_failed', ['query.status']);
});

test.run();
