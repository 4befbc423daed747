/**
 * MDF fund (DESIGN §4), claims and payment: every transition and refusal. A claim is at most its
 * request's approved amount, one paid claim per request, and after the fund expires or closes only
 * approved claims are still paid. Paying settles the request (committed -> paid, the rest is released).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { available, fundDecider, MdfClaimRejected, MdfFundClosed } from '../../../domain/mdf/index.js';
import { money } from '../../../domain/shared/index.js';
import { spec } from '../../support/deciderSpec.js';
import {
  allocated,
  approveClaim,
  approved,
  claim,
  CLAIM_TIME,
  claimApproved,
  claimed,
  claimId,
  deadline60,
  eur,
  otherClaimId,
  paid,
  pay,
  requestId,
  submitted,
} from './fixtures.js';

const fund = spec(fundDecider);
const ready = [allocated, submitted(), approved()];
const AFTER_EXPIRY = '2026-07-02T00:00:00.000Z';
const rejectClaim = { type: 'RejectClaim' as const, data: { claimId, reason: 'no attendee list' } };

const test = suite('MDF fund: claims and payment');

test('a claim against an approved request, after the activity: claimed', () => {
  const state = fund.given(ready).when(claim(), CLAIM_TIME).thenEmits([claimed()]);
  assert.equal([state.claimed, state.committed, state.requests[requestId].claimId], [300_000, 400_000, claimId]);
});

test('a claim up to the approved amount is accepted; a cent more: limit exceeded', () => {
  fund
    .given(ready)
    .when(claim(eur(400_000)), CLAIM_TIME)
    .thenEmits([claimed(claimId, 400_000)]);
  fund
    .given(ready)
    .when(claim(eur(400_001)), CLAIM_TIME)
    .thenFails('limit_exceeded', 'exceeds the approved 400000 EUR');
});

test('only an approved request is claimed', () => {
  fund.given([allocated]).when(claim(), CLAIM_TIME).thenFails('not_found', 'request not found');
  fund.given([allocated, submitted()]).when(claim(), CLAIM_TIME).thenFails('invalid_state', 'is submitted');
});

test('a claim in another currency, or of zero, is refused naming the field', () => {
  const usd = fund
    .given(ready)
    .when(claim(money(1, 'USD')), CLAIM_TIME)
    .thenFails('validation_failed');
  assert.equal(
    usd.errors?.map((e) => e.path),
    ['amount.currency'],
  );
  const zero = fund
    .given(ready)
    .when(claim(eur(0)), CLAIM_TIME)
    .thenFails('validation_failed');
  assert.equal(
    zero.errors?.map((e) => e.path),
    ['amount.amountMinor'],
  );
});

test('a claim before the activity took place, or from its deadline on, is refused', () => {
  fund.given(ready).when(claim(), '2026-04-09T23:59:59.999Z').thenFails('invalid_state', 'not taken place');
  fund.given(ready).when(claim(), '2026-04-10T00:00:00.000Z').thenEmits([claimed()]);
  fund.given(ready).when(claim(), '2026-06-09T23:59:59.999Z').thenEmits([claimed()]);
  fund.given(ready).when(claim(), deadline60).thenFails('invalid_state', 'due before');
});

test('no claim on a closed or expired fund', () => {
  fund
    .given([...ready, MdfFundClosed.create({})])
    .when(claim(), CLAIM_TIME)
    .thenFails('invalid_state', 'closed');
  fund.given(ready).when(claim(), AFTER_EXPIRY).thenFails('invalid_state', 'expired');
});

test('one claim at a time per request; a rejected claim may be claimed again; a paid request never again', () => {
  fund
    .given([...ready, claimed()])
    .when(claim(eur(1), otherClaimId), CLAIM_TIME)
    .thenFails('invalid_state', 'which is submitted');
  fund
    .given([...ready, claimed(), claimApproved()])
    .when(claim(eur(1), otherClaimId), CLAIM_TIME)
    .thenFails('invalid_state', 'which is approved');
  fund
    .given([...ready, claimed(), claimApproved(), paid()])
    .when(claim(eur(1), otherClaimId), CLAIM_TIME)
    .thenFails('invalid_state', 'already paid');
  const rejected = MdfClaimRejected.create({ claimId, reason: 'no attendee list' });
  fund
    .given([...ready, claimed(), rejected])
    .when(claim(eur(350_000), otherClaimId), CLAIM_TIME)
    .thenEmits([claimed(otherClaimId, 350_000)]);
});

test('a claim id is used once', () => {
  fund
    .given([...ready, claimed()])
    .when(claim(), CLAIM_TIME)
    .thenFails('duplicate', 'claim already exists');
});

test('a claim is approved in full or in part; never above what was claimed', () => {
  fund
    .given([...ready, claimed()])
    .when(approveClaim(), CLAIM_TIME)
    .thenEmits([claimApproved()]);
  const state = fund
    .given([...ready, claimed()])
    .when(approveClaim(eur(200_000)), CLAIM_TIME)
    .thenEmits([claimApproved(claimId, 200_000)]);
  assert.is(state.claims[claimId].approvedMinor, 200_000);
  fund
    .given([...ready, claimed()])
    .when(approveClaim(eur(300_001)), CLAIM_TIME)
    .thenFails('limit_exceeded', 'exceeds the claimed');
});

test('a claim approval in another currency or of zero is refused naming the field', () => {
  const usd = fund
    .given([...ready, claimed()])
    .when(approveClaim(money(1, 'USD')), CLAIM_TIME)
    .thenFails('validation_failed');
  assert.equal(
    usd.errors?.map((e) => e.path),
    ['approvedAmount.currency'],
  );
  fund
    .given([...ready, claimed()])
    .when(approveClaim(eur(0)), CLAIM_TIME)
    .thenFails('validation_failed');
});

test('only a submitted claim is approved or rejected', () => {
  fund.given(ready).when(approveClaim(), CLAIM_TIME).thenFails('not_found', 'claim not found');
  fund
    .given([...ready, claimed(), claimApproved()])
    .when(approveClaim(), CLAIM_TIME)
    .thenFails('invalid_state', 'already approved');
  fund
    .given([...ready, claimed(), claimApproved()])
    .when(rejectClaim, CLAIM_TIME)
    .thenFails('invalid_state', 'already approved');
});

test('no claim decision on a closed or expired fund', () => {
  fund
    .given([...ready, claimed(), MdfFundClosed.create({})])
    .when(approveClaim(), CLAIM_TIME)
    .thenFails('invalid_state', 'closed');
  fund
    .given([...ready, claimed()])
    .when(approveClaim(), AFTER_EXPIRY)
    .thenFails('invalid_state', 'expired');
  fund
    .given([...ready, claimed()])
    .when(rejectClaim, AFTER_EXPIRY)
    .thenFails('invalid_state', 'expired');
});

test('a claim is rejected with a reason: no longer counted as claimed, the request stays committed', () => {
  const state = fund
    .given([...ready, claimed()])
    .when(rejectClaim, CLAIM_TIME)
    .thenEmits([MdfClaimRejected.create(rejectClaim.data)]);
  assert.equal([state.claimed, state.committed, state.requests[requestId].claimId], [0, 400_000, undefined]);
});

test('an approved claim is paid: the request settles, the unclaimed rest is available again', () => {
  const state = fund
    .given([...ready, claimed(), claimApproved(claimId, 250_000)])
    .when(pay(), CLAIM_TIME)
    .thenEmits([paid()]);
  assert.equal([state.committed, state.paid, state.claimed, available(state)], [0, 250_000, 300_000, 750_000]);
});

test('a claim is paid once; only an approved claim is paid', () => {
  fund
    .given([...ready, claimed(), claimApproved(), paid()])
    .when(pay(), CLAIM_TIME)
    .thenFails('invalid_state', 'already paid');
  fund
    .given([...ready, claimed()])
    .when(pay(), CLAIM_TIME)
    .thenFails('invalid_state', 'is submitted');
  fund.given(ready).when(pay(), CLAIM_TIME).thenFails('not_found', 'claim not found');
});

test('an approved claim is still paid once the fund has expired or closed', () => {
  fund
    .given([...ready, claimed(), claimApproved()])
    .when(pay(), AFTER_EXPIRY)
    .thenEmits([paid()]);
  fund
    .given([...ready, claimed(), claimApproved(), MdfFundClosed.create({})])
    .when(pay(), CLAIM_TIME)
    .thenEmits([paid()]);
});

test.run();
