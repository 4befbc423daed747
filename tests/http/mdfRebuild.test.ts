/**
 * The MDF read model rebuilt from the log equals the one built incrementally (funds, balances,
 * requests, claims), and the balances it shows equal the fund decider's state replayed from the stream.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { available, fundDecider, fundStream } from '../../domain/mdf/index.js';
import { at, list, obj } from '../support/json.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { expectStatus } from './fixtures.js';
import { allocateFund, approvedRequest, channelCast, eur, proof, submitRequest, type Cast } from './mdfFixtures.js';

const test = suite<{ t: TestApp; cast: Cast }>('MDF read model: rebuild and decider agree');
test.before(async (ctx) => {
  ctx.t = await startTestApp({ now: '2026-04-01T09:00:00.000Z' });
  ctx.cast = await channelCast(ctx.t);
});
test.after(async (ctx) => ctx.t?.dispose());

const tables = ['mdf_funds', 'mdf_requests', 'mdf_claims'];

test("a busy quarter: incremental equals rebuilt, and the balances equal the decider's", async ({ t, cast }) => {
  const { fundId, requestId } = await approvedRequest(t, cast);
  const second = await submitRequest(t, fundId, cast.ann.token, { amount: eur(250_000), activity: 'training' });
  expectStatus(await t.post(`/mdf/funds/${fundId}/requests/${second}/approve`, { approvedAmount: eur(200_000) }), 200);
  const third = await submitRequest(t, fundId, cast.ann.token, { amount: eur(50_000) });
  expectStatus(
    await t.post(`/mdf/funds/${fundId}/requests/${third}/reject`, { reason: 'duplicate of the roadshow' }),
    200,
  );
  t.clock.set('2026-04-20T00:00:00.000Z');
  const rejected = at(
    expectStatus(
      await t.post(`/mdf/funds/${fundId}/claims`, { requestId, amount: eur(390_000), proof }, cast.ann.token),
      201,
    ).body,
    'id',
  );
  expectStatus(await t.post(`/mdf/funds/${fundId}/claims/${rejected}/reject`, { reason: 'invoice missing' }), 200);
  const paid = at(
    expectStatus(
      await t.post(`/mdf/funds/${fundId}/claims`, { requestId, amount: eur(380_000), proof }, cast.ann.token),
      201,
    ).body,
    'id',
  );
  expectStatus(await t.post(`/mdf/funds/${fundId}/claims/${paid}/approve`, { approvedAmount: eur(360_000) }), 200);
  expectStatus(await t.post(`/mdf/funds/${fundId}/claims/${paid}/pay`, { paymentReference: 'SEPA-1' }), 200);
  const pending = at(
    expectStatus(
      await t.post(`/mdf/funds/${fundId}/claims`, { requestId: second, amount: eur(150_000), proof }, cast.ann.token),
      201,
    ).body,
    'id',
  );
  await allocateFund(t, cast.globex);

  const snapshot = async () =>
    Object.fromEntries(
      await Promise.all(tables.map(async (n) => [n, await t.platform.reader.all(`SELECT * FROM ${n} ORDER BY 1`)])),
    );
  const before = await snapshot();
  await t.platform.runner.rebuild(['mdf']);
  assert.equal(await snapshot(), before);

  let state = fundDecider.initialState;
  for await (const e of t.platform.store.readStream(fundStream(fundId))) state = fundDecider.evolve(state, e as never);
  const view = obj(expectStatus(await t.get(`/mdf/funds/${fundId}`), 200).body);
  const shown = Object.fromEntries(
    Object.entries(view.balances as Record<string, { amountMinor: number }>).map(([k, v]) => [k, v.amountMinor]),
  );
  assert.equal(shown, {
    allocated: state.allocated,
    committed: state.committed,
    claimed: state.claimed,
    paid: state.paid,
    available: available(state),
  });
  assert.equal(shown, {
    allocated: 1_000_000,
    committed: 200_000,
    claimed: 380_000 + 150_000,
    paid: 360_000,
    available: 440_000,
  });
  assert.equal(
    list(view.claims).map((c) => [at(c, 'id'), at(c, 'status')]),
    [
      [rejected, 'rejected'],
      [paid, 'paid'],
      [pending, 'submitted'],
    ],
  );
});

test.run();
