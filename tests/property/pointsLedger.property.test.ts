/**
 * Incentives ledger invariants (DESIGN §4) under random command sequences and a moving clock:
 * no pot and no lot is ever negative, so no balance is; the balance of every pot equals what its
 * events add and take (earned + adjusted - redeemed - expired, read from the log); a source event
 * earns at most once; expiry never takes points earned after its cutoff and leaves none earned at or
 * before it; replay equals the fold.
 */
import fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  balanceOf,
  expiryCutoff,
  ledgerDecider,
  PARTNER_POT,
  potOf,
  type LedgerState,
  type PointsCommand,
  type PointsEvent,
} from '../../domain/points/index.js';
import { replay } from '../../domain/shared/index.js';
import { assertValidEvents } from '../support/deciderSpec.js';
import { deepFreeze } from './deepFreeze.js';

const START = Date.parse('2026-01-01T00:00:00.000Z');
const people = ['per_ann000001', 'per_bob000001', 'per_eve000001'];
const person = fc.option(fc.constantFrom(...people), { nil: undefined });
const pointsN = fc.oneof(fc.integer({ min: 1, max: 500 }), fc.constantFrom(1, 1_000_000_000));
const source = fc.constantFrom(
  'evt_src000001',
  'evt_src000002',
  'evt_src000003',
  'evt_src000004',
  'evt_src000005',
  'evt_src000006',
);

const command: fc.Arbitrary<PointsCommand> = fc.oneof(
  {
    arbitrary: fc
      .record({ personId: person, points: pointsN, sourceEventId: source, lagDays: fc.integer({ min: 0, max: 90 }) })
      .map(
        ({ personId, points, sourceEventId, lagDays }): PointsCommand => ({
          // earnedAt is filled in at run time: the source happened `lagDays` before now (late policies).
          type: 'EarnPoints',
          data: { ...(personId ? { personId } : {}), points, reason: 'r', sourceEventId, earnedAt: `lag:${lagDays}` },
        }),
      ),
    weight: 4,
  },
  {
    arbitrary: fc
      .record({
        personId: person,
        points: fc.integer({ min: -600, max: 600 }).filter((n) => n !== 0),
        known: fc.boolean(),
      })
      .map(
        ({ personId, points, known }): PointsCommand => ({
          type: 'AdjustPoints',
          data: { ...(personId ? { personId } : {}), points, reason: 'r', personKnown: known },
        }),
      ),
    weight: 3,
  },
  {
    arbitrary: fc
      .record({
        personId: fc.constantFrom(...people),
        points: fc.integer({ min: 1, max: 700 }),
        from: fc.constantFrom('person' as const, 'partner' as const),
      })
      .map(
        ({ personId, points, from }): PointsCommand => ({
          type: 'RedeemPoints',
          data: { personId, points, rewardId: 'mug', from },
        }),
      ),
    weight: 3,
  },
  {
    arbitrary: fc
      .integer({ min: 1, max: 6 })
      .map((m): PointsCommand => ({ type: 'ExpirePoints', data: { expiryMonths: m } })),
    weight: 2,
  },
);
const steps = fc.array(fc.record({ command, advanceDays: fc.integer({ min: 0, max: 40 }) }), {
  minLength: 3,
  maxLength: 60,
  size: 'max',
});

const seen = new Set<string>();

const withTime = (c: PointsCommand, now: number): PointsCommand =>
  c.type === 'EarnPoints' && c.data.earnedAt.startsWith('lag:')
    ? {
        ...c,
        data: { ...c.data, earnedAt: new Date(now - Number(c.data.earnedAt.slice(4)) * 86_400_000).toISOString() },
      }
    : c;

const checkState = (s: LedgerState) => {
  for (const [pot, lots] of Object.entries(s.pots)) {
    for (const lot of lots) assert.ok(lot.points > 0, `a lot of ${lot.points} in pot '${pot}'`);
    for (let i = 1; i < lots.length; i++)
      assert.ok(Date.parse(lots[i - 1].at) <= Date.parse(lots[i].at), `pot '${pot}' is not oldest first`);
  }
};

/** Balances per pot from the log alone. */
const balancesFromLog = (log: readonly PointsEvent[]) => {
  const pots = new Map<string, number>();
  const add = (pot: string, n: number) => pots.set(pot, (pots.get(pot) ?? 0) + n);
  const sources = new Set<string>();
  for (const e of log) {
    seen.add(e.type === 'PointsAdjusted' ? `PointsAdjusted${e.data.points > 0 ? '+' : '-'}` : e.type);
    switch (e.type) {
      case 'PointsEarned':
        assert.not.ok(sources.has(e.data.sourceEventId), `${e.data.sourceEventId} earned twice`);
        sources.add(e.data.sourceEventId);
        add(potOf(e.data.personId), e.data.points);
        break;
      case 'PointsAdjusted':
        add(potOf(e.data.personId), e.data.points);
        break;
      case 'PointsRedeemed':
        add(e.data.from === 'partner' ? PARTNER_POT : e.data.personId, -e.data.points);
        break;
      case 'PointsExpired':
        add(potOf(e.data.personId), -e.data.points);
        break;
    }
    for (const [pot, n] of pots) assert.ok(n >= 0, `pot '${pot}' went to ${n} after ${e.type}`);
  }
  return pots;
};

const run = (input: readonly { command: PointsCommand; advanceDays: number }[]) => {
  let state = ledgerDecider.initialState;
  let now = START;
  const log: PointsEvent[] = [];
  for (const { command: raw, advanceDays } of input) {
    now += advanceDays * 86_400_000;
    const c = withTime(raw, now);
    const decision = ledgerDecider.decide(c, deepFreeze(state), new Date(now));
    if (!isRight(decision)) continue;
    assertValidEvents(decision.right);
    for (const event of decision.right) state = ledgerDecider.evolve(deepFreeze(state), event);
    log.push(...decision.right);
    checkState(state);
    if (c.type === 'ExpirePoints') {
      const cutoff = Date.parse(expiryCutoff(new Date(now), c.data.expiryMonths));
      for (const lots of Object.values(state.pots))
        for (const lot of lots) assert.ok(Date.parse(lot.at) > cutoff, 'points older than the cutoff survived expiry');
    }
  }
  const fromLog = balancesFromLog(log);
  for (const [pot, lots] of Object.entries(state.pots))
    assert.is(balanceOf(lots), fromLog.get(pot) ?? 0, `balance of pot '${pot}'`);
  return { state, log };
};

const test = suite('incentives ledger properties');

test('balances never go negative and always equal what the log adds and takes; a source earns once', () => {
  fc.assert(
    fc.property(steps, (input) => void run(input)),
    { numRuns: 1500 },
  );
  assert.equal([...seen].sort(), [
    'PointsAdjusted+',
    'PointsAdjusted-',
    'PointsEarned',
    'PointsExpired',
    'PointsRedeemed',
  ]);
});

test('replaying the log (also through JSON) gives the state of the fold', () => {
  fc.assert(
    fc.property(steps, (input) => {
      const { state, log } = run(input);
      // The sources set compares by size alone: compare its members too.
      const view = (s: LedgerState) => ({ ...s, sources: [...s.sources] });
      assert.equal(view(replay(ledgerDecider, log)), view(state));
      assert.equal(view(replay(ledgerDecider, JSON.parse(JSON.stringify(log)) as PointsEvent[])), view(state));
    }),
    { numRuns: 300 },
  );
});

test.run();
