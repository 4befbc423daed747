/**
 * Bad input on every MDF route: fractional, negative, overflowing and zero amounts, strings for
 * numbers, bad currencies, currency mismatches, unknown fields, bad enums, dates, proof and ids.
 * Always 400 problem+json with the field path (or 404 for a well-formed unknown id), nothing appended.
 */
import { suite } from 'uvu';
import { str } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { expectProblem, refused } from './fixtures.js';
import { approvedRequest, channelCast, eur, proof, submitRequest, type Cast } from './mdfFixtures.js';

interface Ctx {
  t: TestApp;
  cast: Cast;
  fundId: string;
  requestId: string;
  claimId: string;
  pendingRequest: string;
}
const test = suite<Ctx>('MDF bad input');
test.before(async (ctx) => {
  ctx.t = await startTestApp({ now: '2026-04-01T09:00:00.000Z' });
  ctx.cast = await channelCast(ctx.t);
  const { fundId, requestId } = await approvedRequest(ctx.t, ctx.cast);
  Object.assign(ctx, { fundId, requestId });
  ctx.pendingRequest = await submitRequest(ctx.t, fundId, ctx.cast.ann.token, { amount: eur(1_000) });
  ctx.t.clock.set('2026-04-15T00:00:00.000Z');
  const claim = await ctx.t.post(
    `/mdf/funds/${fundId}/claims`,
    { requestId, amount: eur(100_000), proof },
    ctx.cast.ann.token,
  );
  ctx.claimId = str(claim.body, 'id');
});
test.after(async (ctx) => ctx.t?.dispose());

const OVERFLOW = 2 ** 53;
/** Every bad amount, with the path suffix the error names. */
const badAmounts: [unknown, string][] = [
  [{ amountMinor: 10.5, currency: 'EUR' }, '.amountMinor'],
  [{ amountMinor: -1, currency: 'EUR' }, '.amountMinor'],
  [{ amountMinor: OVERFLOW, currency: 'EUR' }, '.amountMinor'],
  [{ amountMinor: 1e308, currency: 'EUR' }, '.amountMinor'],
  [{ amountMinor: 0, currency: 'EUR' }, '.amountMinor'],
  [{ amountMinor: '100', currency: 'EUR' }, '.amountMinor'],
  [{ amountMinor: 100, currency: 'eur' }, '.currency'],
  [{ amountMinor: 100, currency: 'XYZ' }, '.currency'],
  [{ amountMinor: 100 }, '.currency'],
  [{ amountMinor: 100, currency: 'EUR', cents: 1 }, '.cents'],
  [100, ''],
];

const expectBad = async (t: TestApp, url: string, body: unknown, path: string, token?: string) =>
  expectProblem(await refused(t, () => t.post(url, body, token)), 400, 'validation_failed', [path]);

test('allocate: bad amounts, periods, instants, partner ids, unknown fields', async ({ t, cast }) => {
  const base = { partnerId: cast.acme, period: '2026-Q3', amount: eur(1), expiresAt: '2026-12-01T00:00:00Z' };
  for (const [amount, suffix] of badAmounts) await expectBad(t, '/mdf/funds', { ...base, amount }, `amount${suffix}`);
  await expectBad(t, '/mdf/funds', { ...base, period: '2026-Q5' }, 'period');
  await expectBad(t, '/mdf/funds', { ...base, period: '2026Q3' }, 'period');
  await expectBad(t, '/mdf/funds', { ...base, expiresAt: '2026-02-30T00:00:00Z' }, 'expiresAt');
  await expectBad(t, '/mdf/funds', { ...base, expiresAt: '2026-12-01' }, 'expiresAt');
  await expectBad(t, '/mdf/funds', { ...base, expiresAt: '2026-03-01T00:00:00Z' }, 'expiresAt');
  await expectBad(t, '/mdf/funds', { ...base, partnerId: 'acme' }, 'partnerId');
  await expectBad(t, '/mdf/funds', { ...base, owner: 'me' }, 'owner');
  await expectBad(t, '/mdf/funds', { period: '2026-Q3', amount: eur(1), expiresAt: base.expiresAt }, 'partnerId');
});

test('request: bad amounts, currency mismatch, activity, description, activity date', async ({ t, cast, fundId }) => {
  const url = `/mdf/funds/${fundId}/requests`;
  const base = { activity: 'event', description: 'Roadshow', amount: eur(1), activityDate: '2026-04-20' };
  for (const [amount, suffix] of badAmounts)
    await expectBad(t, url, { ...base, amount }, `amount${suffix}`, cast.ann.token);
  await expectBad(t, url, { ...base, amount: { amountMinor: 1, currency: 'USD' } }, 'amount.currency', cast.ann.token);
  await expectBad(t, url, { ...base, activity: 'party' }, 'activity', cast.ann.token);
  await expectBad(t, url, { ...base, description: '   ' }, 'description', cast.ann.token);
  await expectBad(t, url, { ...base, description: 'x'.repeat(2001) }, 'description', cast.ann.token);
  await expectBad(t, url, { ...base, activityDate: '2026-13-01' }, 'activityDate', cast.ann.token);
  await expectBad(t, url, { ...base, activityDate: '2026-07-01' }, 'activityDate', cast.ann.token);
  await expectBad(t, url, { ...base, submittedBy: cast.bob.id }, 'submittedBy', cast.ann.token);
});

test('approve and reject a request: bad amounts, currency mismatch, empty reason', async ({
  t,
  fundId,
  pendingRequest,
}) => {
  const url = `/mdf/funds/${fundId}/requests/${pendingRequest}/approve`;
  for (const [amount, suffix] of badAmounts)
    await expectBad(t, url, { approvedAmount: amount }, `approvedAmount${suffix}`);
  await expectBad(t, url, { approvedAmount: { amountMinor: 1, currency: 'GBP' } }, 'approvedAmount.currency');
  await expectBad(t, url, {}, 'approvedAmount');
  await expectBad(t, `/mdf/funds/${fundId}/requests/${pendingRequest}/reject`, { reason: '' }, 'reason');
  await expectBad(t, `/mdf/funds/${fundId}/requests/${pendingRequest}/reject`, {}, 'reason');
});

test('claim: bad amounts, currency mismatch, proof of performance', async ({ t, cast, fundId, requestId }) => {
  const url = `/mdf/funds/${fundId}/claims`;
  const base = { requestId, amount: eur(1), proof };
  for (const [amount, suffix] of badAmounts)
    await expectBad(t, url, { ...base, amount }, `amount${suffix}`, cast.ann.token);
  await expectBad(t, url, { ...base, amount: { amountMinor: 1, currency: 'USD' } }, 'amount.currency', cast.ann.token);
  await expectBad(t, url, { ...base, proof: [] }, 'proof', cast.ann.token);
  await expectBad(t, url, { requestId, amount: eur(1) }, 'proof', cast.ann.token);
  await expectBad(
    t,
    url,
    { ...base, proof: [{ name: 'x', uri: 'javascript:alert(1)' }] },
    'proof[0].uri',
    cast.ann.token,
  );
  await expectBad(t, url, { ...base, proof: [{ name: 'x', uri: 'not a uri' }] }, 'proof[0].uri', cast.ann.token);
  await expectBad(
    t,
    url,
    { ...base, proof: [{ name: 'x', uri: 'https://a.example/x', sha256: 'abc' }] },
    'proof[0].sha256',
    cast.ann.token,
  );
  await expectBad(
    t,
    url,
    { ...base, proof: [{ name: '', uri: 'https://a.example/x' }] },
    'proof[0].name',
    cast.ann.token,
  );
  await expectBad(
    t,
    url,
    { ...base, proof: [{ name: 'x', uri: 'https://a.example/x', size: 3 }] },
    'proof[0].size',
    cast.ann.token,
  );
  await expectBad(t, url, { ...base, proof: Array.from({ length: 51 }, () => proof[0]) }, 'proof', cast.ann.token);
  await expectBad(t, url, { ...base, requestId: 'req-1' }, 'requestId', cast.ann.token);
});

test('approve, reject and pay a claim: bad amounts, currency mismatch, payment reference', async ({
  t,
  fundId,
  claimId,
}) => {
  const url = `/mdf/funds/${fundId}/claims/${claimId}/approve`;
  for (const [amount, suffix] of badAmounts)
    await expectBad(t, url, { approvedAmount: amount }, `approvedAmount${suffix}`);
  await expectBad(t, url, { approvedAmount: { amountMinor: 1, currency: 'USD' } }, 'approvedAmount.currency');
  await expectBad(t, `/mdf/funds/${fundId}/claims/${claimId}/reject`, { reason: 7 }, 'reason');
  await expectBad(t, `/mdf/funds/${fundId}/claims/${claimId}/pay`, { paymentReference: '' }, 'paymentReference');
  await expectBad(
    t,
    `/mdf/funds/${fundId}/claims/${claimId}/pay`,
    { paymentReference: 'x'.repeat(129) },
    'paymentReference',
  );
  await expectBad(t, `/mdf/funds/${fundId}/claims/${claimId}/pay`, {}, 'paymentReference');
  await expectBad(t, `/mdf/funds/${fundId}/close`, { reason: 1 }, 'reason');
  await expectBad(t, `/mdf/funds/${fundId}/close`, { force: true }, 'force');
});

test('malformed ids in the path: 400; well-formed unknown ids: 404', async ({ t, fundId, requestId }) => {
  await expectBad(t, '/mdf/funds/fund-1/close', {}, 'params.id');
  await expectBad(t, `/mdf/funds/${fundId}/requests/nope/approve`, { approvedAmount: eur(1) }, 'params.requestId');
  await expectBad(t, `/mdf/funds/${fundId}/claims/nope/pay`, { paymentReference: 'P' }, 'params.claimId');
  expectProblem(await refused(t, () => t.post('/mdf/funds/mdf_unknown000001/close', {})), 404, 'not_found');
  expectProblem(
    await refused(t, () =>
      t.post(`/mdf/funds/${fundId}/requests/req_unknown00001/approve`, { approvedAmount: eur(1) }),
    ),
    404,
    'not_found',
  );
  expectProblem(
    await refused(t, () => t.post(`/mdf/funds/${fundId}/claims/clm_unknown00001/pay`, { paymentReference: 'P' })),
    404,
    'not_found',
  );
  expectProblem(
    await refused(t, () =>
      t.post(`/mdf/funds/${fundId}/claims`, { requestId: 'req_unknown00001', amount: eur(1), proof }),
    ),
    404,
    'not_found',
  );
  expectProblem(await t.get('/mdf/funds/mdf_unknown000001'), 404, 'not_found');
  expectProblem(await t.get('/mdf/funds/x'), 400, 'validation_failed', ['params.id']);
  expectProblem(await t.get(`/mdf/funds?partnerId=${requestId}`), 400, 'validation_failed', ['query.partnerId']);
  expectProblem(await t.get('/mdf/funds?cursor=%%%'), 400, 'validation_failed');
});

test('a body that is not JSON, or not an object: 400, nothing appended', async ({ t, fundId }) => {
  expectProblem(await refused(t, () => t.post(`/mdf/funds/${fundId}/close`, '{"reason":')), 400, 'malformed_json');
  expectProblem(await refused(t, () => t.post(`/mdf/funds/${fundId}/requests`, '[1,2]')), 400, 'validation_failed');
  expectProblem(await refused(t, () => t.post('/mdf/funds', 'null')), 400, 'validation_failed');
});

test.run();
