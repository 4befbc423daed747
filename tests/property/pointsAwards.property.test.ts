/**
 * Exactly-once awards (DESIGN §4 Policies): for any history of won deals, certifications, employment
 * changes and rate changes, with the policy runner stopped and restarted at random points (handled
 * events whose checkpoint was not yet written run again), its checkpoints rewound (a lost checkpoint
 * table), and a second runner racing the first, the points earned equal the rules applied to each
 * source event exactly once: pointsPerWonAmountUnit (in force when the deal was won) per whole
 * currency unit to the registering partner and person; the program's points to the person's employer
 * at the time of the certification; nothing for zero points or people without an employer.
 */
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { PolicyRunner } from '../../commands/policies/index.js';
import { facts, openPolicyHarness } from './pointsPolicyHarness.js';

const partners = ['ptr_award00001', 'ptr_award00002'];
const people = ['per_award00001', 'per_award00002', 'per_award00003'];
const programs: [string, number][] = [
  ['prg_award00001', 100],
  ['prg_award00002', 0],
  ['prg_award00003', 35],
];

type Fact =
  | { kind: 'rate'; rate: number }
  | { kind: 'deal'; partner: number; person: number; amountMinor: number; currency: 'EUR' | 'JPY' }
  | { kind: 'employment'; person: number; partner: number }
  | { kind: 'certify'; person: number; program: number }
  | { kind: 'crash'; mode: 'restart' | 'rewind' | 'race' };

const fact: fc.Arbitrary<Fact> = fc.oneof(
  { arbitrary: fc.constantFrom(0, 0.25, 0.5, 1, 2.5).map((rate): Fact => ({ kind: 'rate', rate })), weight: 1 },
  {
    arbitrary: fc
      .record({
        partner: fc.nat(1),
        person: fc.nat(2),
        currency: fc.constantFrom('EUR' as const, 'JPY' as const),
        amountMinor: fc.oneof(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 100, max: 100_000_000 })),
      })
      .map((d): Fact => ({ kind: 'deal', ...d })),
    weight: 4,
  },
  {
    arbitrary: fc.record({ person: fc.nat(2), partner: fc.nat(1) }).map((d): Fact => ({ kind: 'employment', ...d })),
    weight: 2,
  },
  {
    arbitrary: fc.record({ person: fc.nat(2), program: fc.nat(2) }).map((d): Fact => ({ kind: 'certify', ...d })),
    weight: 3,
  },
  {
    arbitrary: fc
      .constantFrom('restart' as const, 'rewind' as const, 'race' as const)
      .map((mode): Fact => ({ kind: 'crash', mode })),
    weight: 2,
  },
);

/** The rule, written independently of the policy: whole currency units times the rate, rounded down. */
const dealPoints = (amountMinor: number, currency: 'EUR' | 'JPY', rate: number) =>
  Math.floor((amountMinor * rate) / (currency === 'EUR' ? 100 : 1));

interface Expected {
  partnerId: string;
  personId?: string;
  points: number;
  sourceEventId: string;
}

const scenario = async (history: readonly Fact[]) => {
  const h = await openPolicyHarness();
  const f = facts(h);
  const runners: PolicyRunner[] = [];
  try {
    for (const p of people) await f.person(p);
    for (const [id, points] of programs) await f.program(id, points);
    await f.rate(1);
    let rate = 1;
    const employer = new Map<number, number>();
    const expected: Expected[] = [];
    let deals = 0;
    runners.push(h.runnerOn());
    await runners[0].start();

    for (const x of history) {
      h.clock.advance(3_600_000);
      switch (x.kind) {
        case 'rate':
          await f.rate(x.rate);
          rate = x.rate;
          break;
        case 'deal': {
          const dealId = `deal_award${String(++deals).padStart(5, '0')}`;
          await f.registers(dealId, partners[x.partner], people[x.person]);
          const source = await f.wins(dealId, x.amountMinor, x.currency);
          const points = dealPoints(x.amountMinor, x.currency, rate);
          if (points > 0)
            expected.push({
              partnerId: partners[x.partner],
              personId: people[x.person],
              points,
              sourceEventId: source,
            });
          break;
        }
        case 'employment': {
          const current = employer.get(x.person);
          if (current === undefined) {
            await f.joins(people[x.person], partners[x.partner]);
            employer.set(x.person, x.partner);
          } else {
            await f.leaves(people[x.person], partners[current]);
            employer.delete(x.person);
          }
          break;
        }
        case 'certify': {
          const source = await f.certifies(people[x.person], programs[x.program][0]);
          const partner = employer.get(x.person);
          if (partner !== undefined && programs[x.program][1] > 0)
            expected.push({
              partnerId: partners[partner],
              personId: people[x.person],
              points: programs[x.program][1],
              sourceEventId: source,
            });
          break;
        }
        case 'crash': {
          // Stopping between events leaves handled events past the checkpoint: they run again on restart.
          const stopped = runners.splice(0, runners.length);
          await Promise.all(stopped.map((r) => r.stop()));
          if (x.mode === 'rewind') h.rewind(Math.floor((await h.head()) / 2));
          const fresh = h.runnerOn();
          runners.push(fresh);
          if (x.mode === 'race') runners.push(h.runnerOn({ pipeline: h.pipelineOn(h.store) }));
          await Promise.all(runners.map((r) => r.start()));
          break;
        }
      }
    }
    const head = await h.head();
    await Promise.all(runners.map((r) => r.waitFor(head)));
    const got = h.awards();
    const key = (a: Expected) => `${a.sourceEventId} ${a.partnerId} ${a.personId ?? '-'} ${a.points}`;
    assert.equal(got.map(key).sort(), expected.map(key).sort(), 'each source event earns its points exactly once');
  } finally {
    await Promise.all(runners.map((r) => r.stop()));
    await h.close();
  }
};

const test = suite('points awards: exactly once');

test(
  'total awarded equals the rules applied to the source events exactly once, ' + 'across restarts, rewinds and races',
  async () => {
    await fc.assert(fc.asyncProperty(fc.array(fact, { minLength: 1, maxLength: 40 }), scenario), { numRuns: 30 });
  },
);

test.run();
