/**
 * Incentives ledger (DESIGN §4): points earned once per source event, adjusted by hand, redeemed
 * against the balance, expired oldest first. Every transition and refusal; balances never negative.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  balanceOf,
  expiryCutoff,
  ledgerDecider,
  partnerBalance,
  PARTNER_POT,
  PointsAdjusted,
  PointsEarned,
  PointsExpired,
  PointsRedeemed,
  type PointsCommand,
} from '../../../domain/points/index.js';
import { SPEC_NOW, spec } from '../../support/deciderSpec.js';

const bob = 'per_bob000001';
const eve = 'per_eve000001';
const ledger = spec(ledgerDecider);
const earned = (
  points: number,
  earnedAt: string,
  sourceEventId = `evt_src${earnedAt.slice(0, 10).replace(/-/g, '')}`,
  personId: string | null = bob,
) => PointsEarned.create({ ...(personId ? { personId } : {}), points, reason: 'deal won', sourceEventId, earnedAt });
const earn = (
  points: number,
  sourceEventId = 'evt_source0001',
  earnedAt = '2026-03-01T10:00:00.000Z',
  personId: string | null = bob,
): PointsCommand => ({
  type: 'EarnPoints',
  data: { ...(personId ? { personId } : {}), points, reason: 'deal won', sourceEventId, earnedAt },
});
const adjust = (points: number, personId?: string, personKnown = true): PointsCommand => ({
  type: 'AdjustPoints',
  data: { points, reason: 'QBR bonus', ...(personId ? { personId } : {}), personKnown },
});
const redeem = (points: number, personId = bob, from: 'person' | 'partner' = 'person'): PointsCommand => ({
  type: 'RedeemPoints',
  data: { personId, points, rewardId: 'gift-card-50', from },
});
const NOW = SPEC_NOW.toISOString();
const jan = earned(100, '2026-01-10T00:00:00.000Z');
const feb = earned(50, '2026-02-10T00:00:00.000Z');

const test = suite('incentives ledger decider');

test('points are earned from a source event, attributed to a person', () => {
  const state = ledger
    .given([])
    .when(earn(120))
    .thenEmits([earned(120, '2026-03-01T10:00:00.000Z', 'evt_source0001')]);
  assert.is(balanceOf(state.pots[bob]), 120);
  assert.ok(state.sources.has('evt_source0001'));
});

test("points without a person go to the partner's shared points", () => {
  const state = ledger
    .given([])
    .when(earn(80, 'evt_source0002', '2026-03-01T10:00:00.000Z', null))
    .thenEmits([earned(80, '2026-03-01T10:00:00.000Z', 'evt_source0002', null)]);
  assert.is(balanceOf(state.pots[PARTNER_POT]), 80);
});

test('a source event earns once: the second time is a duplicate', () => {
  ledger
    .given([earned(120, '2026-03-01T10:00:00.000Z', 'evt_source0001')])
    .when(earn(120))
    .thenFails('duplicate', 'evt_source0001');
  ledger
    .given([earned(120, '2026-03-01T10:00:00.000Z', 'evt_source0001')])
    .when(earn(5, 'evt_source0001', NOW, eve))
    .thenFails('duplicate');
});

test('the earning instant is normalised to milliseconds UTC', () => {
  ledger
    .given([])
    .when(earn(1, 'evt_source0003', '2026-03-01T10:00Z'))
    .thenEmits([earned(1, '2026-03-01T10:00:00.000Z', 'evt_source0003')]);
});

test('a positive adjustment adds points now, for a person or the partner', () => {
  const state = ledger
    .given([])
    .when(adjust(40, bob))
    .thenEmits([PointsAdjusted.create({ personId: bob, points: 40, reason: 'QBR bonus', adjustedAt: NOW })]);
  assert.is(balanceOf(state.pots[bob]), 40);
  ledger
    .given([])
    .when(adjust(40))
    .thenEmits([PointsAdjusted.create({ points: 40, reason: 'QBR bonus', adjustedAt: NOW })]);
});

test('an adjustment for someone who neither works for the partner nor has points here is refused', () => {
  ledger
    .given([])
    .when(adjust(40, eve, false))
    .thenFails('invalid_state', 'neither works for the partner');
  // A former employee with points on this ledger can still be adjusted.
  ledger
    .given([jan])
    .when(adjust(-10, bob, false))
    .thenEmits([PointsAdjusted.create({ personId: bob, points: -10, reason: 'QBR bonus', adjustedAt: NOW })]);
});

test('a negative adjustment takes the oldest points first; more than the balance: insufficient points', () => {
  const state = ledger
    .given([feb, jan])
    .when(adjust(-120, bob))
    .thenEmits([PointsAdjusted.create({ personId: bob, points: -120, reason: 'QBR bonus', adjustedAt: NOW })]);
  assert.equal(state.pots[bob], [{ at: '2026-02-10T00:00:00.000Z', points: 30 }]);
  const error = ledger
    .given([feb, jan])
    .when(adjust(-151, bob))
    .thenFails('insufficient_points', '150 points, 151 needed');
  assert.equal(error.details, { balance: 150, needed: 151 });
  ledger.given([]).when(adjust(-1)).thenFails('insufficient_points', 'shared points');
});

test('a person redeems up to their balance, oldest points first', () => {
  const state = ledger
    .given([jan, feb])
    .when(redeem(110))
    .thenEmits([PointsRedeemed.create({ personId: bob, points: 110, rewardId: 'gift-card-50', from: 'person' })]);
  assert.equal(state.pots[bob], [{ at: '2026-02-10T00:00:00.000Z', points: 40 }]);
  ledger
    .given([jan, feb])
    .when(redeem(150))
    .thenEmits([PointsRedeemed.create({ personId: bob, points: 150, rewardId: 'gift-card-50', from: 'person' })]);
});

test("redeeming more than the balance: insufficient points; another person's points do not count", () => {
  ledger.given([jan, feb]).when(redeem(151)).thenFails('insufficient_points', `${bob} has 150 points, 151 needed`);
  ledger.given([jan, feb]).when(redeem(1, eve)).thenFails('insufficient_points', `${eve} has 0 points`);
});

test("the partner's shared points are redeemed for a person without touching the person's own", () => {
  const shared = earned(70, '2026-01-05T00:00:00.000Z', 'evt_shared0001', null);
  const state = ledger
    .given([jan, shared])
    .when(redeem(70, eve, 'partner'))
    .thenEmits([PointsRedeemed.create({ personId: eve, points: 70, rewardId: 'gift-card-50', from: 'partner' })]);
  assert.equal([balanceOf(state.pots[PARTNER_POT]), balanceOf(state.pots[bob])], [0, 100]);
  ledger
    .given([jan, shared])
    .when(redeem(71, bob, 'partner'))
    .thenFails('insufficient_points', 'shared points are 70');
});

test('expiry: points earned at or before now minus the months expire, per pot, oldest first', () => {
  const shared = earned(30, '2025-01-01T00:00:00.000Z', 'evt_shared0002', null);
  const old = earned(100, '2025-03-15T12:00:00.000Z', 'evt_old000001');
  const recent = earned(60, '2025-03-15T12:00:00.001Z', 'evt_recent0001');
  const state = ledger
    .given([old, recent, shared])
    .when({ type: 'ExpirePoints', data: { expiryMonths: 12 } })
    .thenEmits([
      PointsExpired.create({ points: 30, earnedUpTo: '2025-03-15T12:00:00.000Z' }),
      PointsExpired.create({ personId: bob, points: 100, earnedUpTo: '2025-03-15T12:00:00.000Z' }),
    ]);
  assert.equal([balanceOf(state.pots[bob]), partnerBalance(state)], [60, 60]);
});

test('expiry only takes what is left of old points after redemptions', () => {
  const old = earned(100, '2025-01-01T00:00:00.000Z', 'evt_old000002');
  const recent = earned(100, '2026-03-01T00:00:00.000Z', 'evt_recent0002');
  const spent = PointsRedeemed.create({ personId: bob, points: 70, rewardId: 'mug', from: 'person' });
  ledger
    .given([old, recent, spent])
    .when({ type: 'ExpirePoints', data: { expiryMonths: 12 } })
    .thenEmits([PointsExpired.create({ personId: bob, points: 30, earnedUpTo: '2025-03-15T12:00:00.000Z' })]);
});

test('nothing old enough, or expired already: nothing expires', () => {
  ledger
    .given([jan, feb])
    .when({ type: 'ExpirePoints', data: { expiryMonths: 1 } })
    .thenEmits([PointsExpired.create({ personId: bob, points: 150, earnedUpTo: '2026-02-15T12:00:00.000Z' })]);
  ledger
    .given([jan, feb])
    .when({ type: 'ExpirePoints', data: { expiryMonths: 3 } })
    .thenEmits([]);
  const swept = PointsExpired.create({ personId: bob, points: 150, earnedUpTo: '2026-02-15T12:00:00.000Z' });
  ledger
    .given([jan, feb, swept])
    .when({ type: 'ExpirePoints', data: { expiryMonths: 1 } })
    .thenEmits([]);
});

test('one expiry may take more than a single entry can bring in (a pot grown by many entries)', () => {
  const big = (n: number) => earned(1_000_000_000, '2025-01-01T00:00:00.000Z', `evt_big00000${n}`);
  ledger
    .given([big(1), big(2), big(3)])
    .when({ type: 'ExpirePoints', data: { expiryMonths: 12 } })
    .thenEmits([
      PointsExpired.create({ personId: bob, points: 3_000_000_000, earnedUpTo: '2025-03-15T12:00:00.000Z' }),
    ]);
});

test('the expiry cutoff clamps to the end of a shorter month', () => {
  assert.is(expiryCutoff(new Date('2026-03-31T08:00:00.000Z'), 1), '2026-02-28T08:00:00.000Z');
  assert.is(expiryCutoff(new Date('2028-03-31T08:00:00.000Z'), 1), '2028-02-29T08:00:00.000Z');
  assert.is(expiryCutoff(new Date('2026-01-15T00:00:00.000Z'), 13), '2024-12-15T00:00:00.000Z');
  assert.is(expiryCutoff(new Date('2026-05-31T00:00:00.000Z'), 24), '2024-05-31T00:00:00.000Z');
});

test.run();
