/** The reservation of one (customer, product line): who may hold protection, given / when / then. */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  claimDecider,
  collidingDeals,
  DealClaimHeld,
  DealClaimReleased,
  DealClaimRequested,
  DealClaimWon,
  liveHolder,
  type DealClaimEvent,
} from '../../../domain/deal/index.js';
import { replay } from '../../../domain/shared/index.js';
import { spec, SPEC_NOW } from '../../support/deciderSpec.js';

const test = suite('deal claim decider');
const claim = spec(claimDecider);
const DAY = 86_400_000;
const at = (days: number) => new Date(SPEC_NOW.getTime() + days * DAY);
const iso = (days: number) => at(days).toISOString();

const A = 'ptr_partnerA001';
const B = 'ptr_partnerB001';
const C = 'ptr_partnerC001';
const a1 = 'deal_a000000001';
const a2 = 'deal_a000000002';
const b1 = 'deal_b000000001';

const requested = (dealId: string, partnerId: string) => DealClaimRequested.create({ dealId, partnerId });
const held = (dealId: string, partnerId: string, days = 90) =>
  DealClaimHeld.create({ dealId, partnerId, protectedUntil: iso(days) });
const stateOf = (events: DealClaimEvent[]) => replay(claimDecider, events);

test('a first registration is requested with nothing to collide with', () => {
  const state = claim
    .given([])
    .when({ type: 'RequestClaim', data: { dealId: a1, partnerId: A } })
    .thenEmits([requested(a1, A)]);
  assert.equal(collidingDeals(state, B, SPEC_NOW), [a1]);
  assert.equal(collidingDeals(state, A, SPEC_NOW), []);
});

test('other partners collide with pending and protected registrations, not with lapsed or released ones', () => {
  const history = [requested(a1, A), held(a1, A, 10), requested(b1, B)];
  assert.equal(collidingDeals(stateOf(history), C, SPEC_NOW), [a1, b1]);
  assert.equal(collidingDeals(stateOf(history), C, at(10)), [b1], 'a lapsed holder no longer collides');
  assert.equal(
    collidingDeals(stateOf([...history, DealClaimReleased.create({ dealId: b1, reason: 'rejected' })]), C, SPEC_NOW),
    [a1],
  );
});

test('the same partner registering the customer again while its registration is open is a duplicate', () => {
  claim
    .given([requested(a1, A)])
    .when({ type: 'RequestClaim', data: { dealId: a2, partnerId: A } })
    .thenFails('duplicate', a1);
  claim
    .given([requested(a1, A), held(a1, A)])
    .when({ type: 'RequestClaim', data: { dealId: a2, partnerId: A } })
    .thenFails('duplicate', a1);
  // Once protection lapsed, or the deal was won, or it was released, a new registration is a new opportunity.
  claim
    .given([requested(a1, A), held(a1, A, 10)])
    .when({ type: 'RequestClaim', data: { dealId: a2, partnerId: A } }, at(10))
    .thenEmits([requested(a2, A)]);
  claim
    .given([requested(a1, A), held(a1, A), DealClaimWon.create({ dealId: a1 })])
    .when({ type: 'RequestClaim', data: { dealId: a2, partnerId: A } })
    .thenEmits([requested(a2, A)]);
  claim
    .given([requested(a1, A), DealClaimReleased.create({ dealId: a1, reason: 'withdrawn' })])
    .when({ type: 'RequestClaim', data: { dealId: a2, partnerId: A } })
    .thenEmits([requested(a2, A)]);
});

test('approval holds the claim; another live holder makes it a channel conflict', () => {
  const state = claim
    .given([requested(a1, A), requested(b1, B)])
    .when({ type: 'HoldClaim', data: { dealId: a1, partnerId: A, protectedUntil: iso(90) } })
    .thenEmits([held(a1, A)]);
  assert.equal(liveHolder(state, SPEC_NOW)?.dealId, a1);
  assert.equal(state.pending, { [b1]: B });
  claim
    .given([requested(a1, A), requested(b1, B), held(a1, A)])
    .when({ type: 'HoldClaim', data: { dealId: b1, partnerId: B, protectedUntil: iso(90) } })
    .thenFails('channel_conflict', a1);
});

test('a lapsed holder blocks nobody, even before the sweeper records its expiry', () => {
  claim
    .given([requested(a1, A), requested(b1, B), held(a1, A, 10)])
    .when({ type: 'HoldClaim', data: { dealId: b1, partnerId: B, protectedUntil: iso(100) } }, at(10))
    .thenEmits([DealClaimHeld.create({ dealId: b1, partnerId: B, protectedUntil: iso(100) })]);
});

test(
  'a won deal keeps the claim closed to other partners until its protection ends; ' + 'its own partner may follow on',
  () => {
    const won = [
      requested(a1, A),
      held(a1, A),
      DealClaimWon.create({ dealId: a1 }),
      requested(b1, B),
      requested(a2, A),
    ];
    claim
      .given(won)
      .when({ type: 'HoldClaim', data: { dealId: b1, partnerId: B, protectedUntil: iso(90) } })
      .thenFails('channel_conflict');
    claim
      .given(won)
      .when({ type: 'HoldClaim', data: { dealId: b1, partnerId: B, protectedUntil: iso(180) } }, at(90))
      .thenEmits([DealClaimHeld.create({ dealId: b1, partnerId: B, protectedUntil: iso(180) })]);
    const followOn = claim
      .given(won)
      .when({ type: 'HoldClaim', data: { dealId: a2, partnerId: A, protectedUntil: iso(30) } })
      .thenEmits([held(a2, A, 30)]);
    assert.equal(liveHolder(followOn, SPEC_NOW), { dealId: a2, partnerId: A, protectedUntil: iso(30), won: false });
  },
);

test('extension re-holds the claim with the new end', () => {
  const state = claim
    .given([requested(a1, A), held(a1, A)])
    .when({ type: 'HoldClaim', data: { dealId: a1, partnerId: A, protectedUntil: iso(120) } })
    .thenEmits([held(a1, A, 120)]);
  assert.is(liveHolder(state, at(100))?.dealId, a1);
});

test('only the holder records a win', () => {
  claim
    .given([requested(a1, A), held(a1, A)])
    .when({ type: 'WinClaim', data: { dealId: a1 } })
    .thenEmits([DealClaimWon.create({ dealId: a1 })]);
  claim
    .given([requested(a1, A)])
    .when({ type: 'WinClaim', data: { dealId: a1 } })
    .thenFails('invalid_state');
});

test('release frees the holder or a pending registration; releasing a superseded holder leaves the new one', () => {
  const freed = claim
    .given([requested(a1, A), held(a1, A)])
    .when({ type: 'ReleaseClaim', data: { dealId: a1, reason: 'lost' } })
    .thenEmits([DealClaimReleased.create({ dealId: a1, reason: 'lost' })]);
  assert.is(freed.holder, undefined);
  const pendingGone = claim
    .given([requested(a1, A)])
    .when({ type: 'ReleaseClaim', data: { dealId: a1, reason: 'withdrawn' } })
    .thenEmits([DealClaimReleased.create({ dealId: a1, reason: 'withdrawn' })]);
  assert.equal(pendingGone.pending, {});
  const superseded = claim
    .given([
      requested(a1, A),
      held(a1, A, 10),
      requested(b1, B),
      DealClaimHeld.create({ dealId: b1, partnerId: B, protectedUntil: iso(100) }),
    ])
    .when({ type: 'ReleaseClaim', data: { dealId: a1, reason: 'expired' } }, at(11))
    .thenEmits([DealClaimReleased.create({ dealId: a1, reason: 'expired' })]);
  assert.is(superseded.holder?.dealId, b1);
});

test.run();
