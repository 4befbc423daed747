/**
 * MDF fund (DESIGN §4), allocation, requests and closing: every transition and refusal.
 * Balances: committed = approved requests not yet settled, available = allocated - committed - paid.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  available,
  claimDeadlineOf,
  fundDecider,
  fundReservationDecider,
  MdfFundClosed,
  MdfFundReserved,
  MdfRequestApproved,
  MdfRequestRejected,
  type MdfCommand,
} from '../../../domain/mdf/index.js';
import { money } from '../../../domain/shared/index.js';
import { SPEC_NOW, spec } from '../../support/deciderSpec.js';
import {
  allocated,
  approve,
  approved,
  deadline60,
  eur,
  expiresAt,
  fundId,
  otherRequestId,
  partnerId,
  requestId,
  submit,
  submitted,
} from './fixtures.js';

const fund = spec(fundDecider);
const allocate = (over: Partial<Extract<MdfCommand, { type: 'AllocateFund' }>['data']> = {}): MdfCommand => ({
  type: 'AllocateFund',
  data: { fundId, partnerId, period: '2026-Q2', amount: eur(1_000_000), expiresAt, partnerStatus: 'active', ...over },
});
const AFTER_EXPIRY = '2026-07-01T00:00:00.000Z';

const test = suite('MDF fund: allocation, requests, closing');

test('a fund is allocated to an active partner for a period', () => {
  const state = fund.given([]).when(allocate()).thenEmits([allocated]);
  assert.equal(
    [state.status, state.allocated, state.committed, state.paid, available(state), state.currency],
    ['open', 1_000_000, 0, 0, 1_000_000, 'EUR'],
  );
});

test('an approved (not yet active) partner may get a fund too', () => {
  fund
    .given([])
    .when(allocate({ partnerStatus: 'approved' }))
    .thenEmits([allocated]);
});

test('a fund cannot be allocated twice on its stream', () => {
  fund.given([allocated]).when(allocate()).thenFails('duplicate', 'already exists');
});

test('a partner that does not exist: not found; one not approved or active: refused', () => {
  fund
    .given([])
    .when(allocate({ partnerStatus: 'none' }))
    .thenFails('not_found', 'partner not found');
  for (const status of ['applied', 'suspended', 'terminated', 'rejected'])
    fund
      .given([])
      .when(allocate({ partnerStatus: status }))
      .thenFails('invalid_state', `partner that is ${status}`);
});

test('a fund of zero, or expiring now or earlier, is refused naming the field', () => {
  const zero = fund
    .given([])
    .when(allocate({ amount: eur(0) }))
    .thenFails('validation_failed');
  assert.equal(
    zero.errors?.map((e) => e.path),
    ['amount.amountMinor'],
  );
  const past = fund
    .given([])
    .when(allocate({ expiresAt: SPEC_NOW.toISOString() }))
    .thenFails('validation_failed');
  assert.equal(
    past.errors?.map((e) => e.path),
    ['expiresAt'],
  );
});

test('every command but AllocateFund on a fund never allocated: not found', () => {
  const commands: MdfCommand[] = [
    submit(),
    approve(),
    { type: 'RejectRequest', data: { requestId, reason: 'x' } },
    {
      type: 'SubmitClaim',
      data: { claimId: 'clm_x000001', requestId, amount: eur(1), proof: [], submittedBy: 'admin' },
    },
    { type: 'ApproveClaim', data: { claimId: 'clm_x000001', approvedAmount: eur(1) } },
    { type: 'RejectClaim', data: { claimId: 'clm_x000001', reason: 'x' } },
    { type: 'PayClaim', data: { claimId: 'clm_x000001', paymentReference: 'p' } },
    { type: 'CloseFund', data: {} },
  ];
  for (const c of commands) fund.given([]).when(c).thenFails('not_found', 'fund not found');
});

test('a partner submits a request; nothing is committed until it is approved', () => {
  const state = fund.given([allocated]).when(submit()).thenEmits([submitted()]);
  assert.is(state.requests[requestId].status, 'submitted');
  assert.is(state.committed, 0);
});

test('a request id is used once', () => {
  fund.given([allocated, submitted()]).when(submit()).thenFails('duplicate', 'request already exists');
});

test('a request in another currency, or of zero, is refused naming the field', () => {
  const usd = fund
    .given([allocated])
    .when(submit(money(1000, 'USD')))
    .thenFails('validation_failed', 'EUR');
  assert.equal(
    usd.errors?.map((e) => e.path),
    ['amount.currency'],
  );
  const zero = fund
    .given([allocated])
    .when(submit(eur(0)))
    .thenFails('validation_failed');
  assert.equal(
    zero.errors?.map((e) => e.path),
    ['amount.amountMinor'],
  );
});

test('a request for more than is available: insufficient funds (approved requests count)', () => {
  fund
    .given([allocated])
    .when(submit(eur(1_000_001)))
    .thenFails('insufficient_funds', 'only 1000000 EUR');
  fund
    .given([allocated, submitted(), approved()])
    .when(submit(eur(600_001), otherRequestId))
    .thenFails('insufficient_funds', 'only 600000 EUR');
  fund
    .given([allocated, submitted(), approved()])
    .when(submit(eur(600_000), otherRequestId))
    .thenEmits([submitted(otherRequestId, 600_000)]);
});

test('the activity must take place before the fund expires', () => {
  const late = fund
    .given([allocated])
    .when(submit(eur(1), requestId, '2026-07-01'))
    .thenFails('validation_failed');
  assert.equal(
    late.errors?.map((e) => e.path),
    ['activityDate'],
  );
  fund
    .given([allocated])
    .when(submit(eur(1), requestId, '2026-06-30'))
    .thenEmits([submitted(requestId, 1, '2026-06-30')]);
});

test('no request on a closed or expired fund', () => {
  fund
    .given([allocated, MdfFundClosed.create({})])
    .when(submit())
    .thenFails('invalid_state', 'closed');
  fund.given([allocated]).when(submit(), AFTER_EXPIRY).thenFails('invalid_state', 'expired');
});

test('a request is approved in full: committed, with the claim deadline 60 days after the activity', () => {
  const state = fund.given([allocated, submitted()]).when(approve()).thenEmits([approved()]);
  assert.equal(
    [state.committed, available(state), state.requests[requestId].claimDeadline],
    [400_000, 600_000, deadline60],
  );
});

test('a request is approved in part', () => {
  const state = fund
    .given([allocated, submitted()])
    .when(approve(eur(250_000)))
    .thenEmits([approved(requestId, 250_000)]);
  assert.is(state.requests[requestId].approvedMinor, 250_000);
  assert.is(available(state), 750_000);
});

test('approving more than requested: limit exceeded; more than available: insufficient funds', () => {
  fund
    .given([allocated, submitted()])
    .when(approve(eur(400_001)))
    .thenFails('limit_exceeded', 'exceeds the requested');
  const both = [
    allocated,
    submitted(requestId, 600_000),
    submitted(otherRequestId, 600_000),
    approved(requestId, 600_000),
  ];
  fund
    .given(both)
    .when(approve(eur(400_001), otherRequestId))
    .thenFails('insufficient_funds', 'only 400000 EUR');
  fund
    .given(both)
    .when(approve(eur(400_000), otherRequestId))
    .thenEmits([approved(otherRequestId, 400_000)]);
});

test('an approval in another currency or of zero is refused naming the field', () => {
  const usd = fund
    .given([allocated, submitted()])
    .when(approve(money(1, 'USD')))
    .thenFails('validation_failed');
  assert.equal(
    usd.errors?.map((e) => e.path),
    ['approvedAmount.currency'],
  );
  const zero = fund
    .given([allocated, submitted()])
    .when(approve(eur(0)))
    .thenFails('validation_failed');
  assert.equal(
    zero.errors?.map((e) => e.path),
    ['approvedAmount.amountMinor'],
  );
});

test('only a submitted request is decided', () => {
  fund.given([allocated]).when(approve()).thenFails('not_found', 'request not found');
  fund.given([allocated, submitted(), approved()]).when(approve()).thenFails('invalid_state', 'already approved');
  const rejected = MdfRequestRejected.create({ requestId, reason: 'off-brand' });
  fund.given([allocated, submitted(), rejected]).when(approve()).thenFails('invalid_state', 'already rejected');
  fund
    .given([allocated, submitted(), rejected])
    .when({ type: 'RejectRequest', data: { requestId, reason: 'x' } })
    .thenFails('invalid_state');
});

test('no decision on a closed or expired fund', () => {
  fund
    .given([allocated, submitted(), MdfFundClosed.create({})])
    .when(approve())
    .thenFails('invalid_state', 'closed');
  fund.given([allocated, submitted()]).when(approve(), AFTER_EXPIRY).thenFails('invalid_state', 'expired');
  fund
    .given([allocated, submitted()])
    .when({ type: 'RejectRequest', data: { requestId, reason: 'late' } }, AFTER_EXPIRY)
    .thenFails('invalid_state', 'expired');
});

test('the claim deadline never runs past the fund expiry, and uses the claim days given', () => {
  assert.is(claimDeadlineOf('2026-06-20', 60, expiresAt), expiresAt);
  assert.is(claimDeadlineOf('2026-04-10', 0, expiresAt), '2026-04-11T00:00:00.000Z');
  fund
    .given([allocated, submitted(requestId, 1, '2026-06-20')])
    .when(approve(eur(1), requestId, 60))
    .thenEmits([MdfRequestApproved.create({ requestId, approvedAmount: eur(1), claimDeadline: expiresAt })]);
});

test('an approval nobody could claim against any more is refused', () => {
  fund
    .given([allocated, submitted(requestId, 1, '2026-03-01')])
    .when(approve(eur(1), requestId, 10))
    .thenFails('invalid_state', 'claim window');
});

test('a request is rejected with a reason; nothing is committed', () => {
  const state = fund
    .given([allocated, submitted()])
    .when({ type: 'RejectRequest', data: { requestId, reason: 'off-brand' } })
    .thenEmits([MdfRequestRejected.create({ requestId, reason: 'off-brand' })]);
  assert.equal([state.requests[requestId].status, state.committed], ['rejected', 0]);
});

test('a fund is closed, also after its expiry, once', () => {
  fund
    .given([allocated])
    .when({ type: 'CloseFund', data: { reason: 'quarter over' } })
    .thenEmits([MdfFundClosed.create({ reason: 'quarter over' })]);
  const state = fund
    .given([allocated])
    .when({ type: 'CloseFund', data: {} }, AFTER_EXPIRY)
    .thenEmits([MdfFundClosed.create({})]);
  assert.is(state.status, 'closed');
  fund
    .given([allocated, MdfFundClosed.create({})])
    .when({ type: 'CloseFund', data: {} })
    .thenFails('invalid_state', 'already closed');
});

test('the (partner, period) reservation is taken once: a second fund for the pair is a duplicate', () => {
  const data = { fundId, partnerId, period: '2026-Q2' };
  spec(fundReservationDecider)
    .given([])
    .when({ type: 'ReserveFund', data })
    .thenEmits([MdfFundReserved.create(data)]);
  spec(fundReservationDecider)
    .given([MdfFundReserved.create(data)])
    .when({ type: 'ReserveFund', data: { ...data, fundId: 'mdf_other00001' } })
    .thenFails('duplicate', `already has fund ${fundId} for 2026-Q2`);
});

test.run();
