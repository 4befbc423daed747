/**
 * Channel-conflict protection under random interleavings (fast-check): partners register the same
 * customers (spelt differently) for two product lines, channel staff approve, extend and reject,
 * partners withdraw, win and lose, the clock moves and the sweeper expires, with several commands
 * racing in each step. After every step: never two approved, unexpired registrations for one
 * (customer, product line), the claim stream names that registration, and the read model agrees
 * with the log. After every run: the incrementally built deals read model equals a rebuild.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { dealExpirySweeper } from '../../app/sweepers/index.js';
import { dealCommands } from '../../commands/deal/dealCommands.js';
import type { CommandContext } from '../../commands/pipeline/index.js';
import { ADMIN_KEY_PRINCIPAL, type Principal } from '../../domain/access/index.js';
import {
  claimDecider,
  claimStream,
  CustomerDomainInput,
  dealDecider,
  dealStream,
  liveHolder,
  type DealState,
} from '../../domain/deal/index.js';
import { addDays, replay, toIsoDate, type DomainEvent } from '../../domain/shared/index.js';
import { loadPrincipal } from '../../projections/index.js';
import { activePartner, employee } from '../http/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const HOUR = 3_600_000;
const LINES = ['storage', 'compute'] as const;
const spellings = (name: string) => [
  `${name}.co.uk`,
  `https://www.${name}.co.uk/`,
  `sales.${name}.co.uk.`,
  `${name.toUpperCase()}.CO.UK`,
];

type Step =
  | { kind: 'register'; partner: number; customer: number; spelling: number; line: number }
  | { kind: 'approve'; deal: number; days: number }
  | { kind: 'extend'; deal: number; hours: number }
  | { kind: 'reject' | 'withdraw' | 'lose'; deal: number }
  | { kind: 'win'; deal: number }
  | { kind: 'expire'; deal: number }
  | { kind: 'sweep' };

const deal = fc.nat(30);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('register' as const),
      partner: fc.nat(2),
      customer: fc.nat(2),
      spelling: fc.nat(3),
      line: fc.nat(1),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('approve' as const), deal, days: fc.integer({ min: 1, max: 5 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('extend' as const), deal, hours: fc.integer({ min: 1, max: 72 }) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reject' as const), deal }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('withdraw' as const), deal }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('lose' as const), deal }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('win' as const), deal }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('expire' as const), deal }) },
  { weight: 2, arbitrary: fc.constant<Step>({ kind: 'sweep' }) },
);
/** A round: up to four commands issued at once, then the clock moves on. */
const round = fc.record({
  steps: fc.array(step, { minLength: 1, maxLength: 4 }),
  advanceHours: fc.integer({ min: 0, max: 60 }),
});

/**
 * One hand-written history that reaches every outcome, run before the random ones: the coverage
 * check below then proves the checks ran on real approvals and conflicts, whatever the seed draws.
 */
const r = (steps: Step[], advanceHours = 0) => ({ steps, advanceHours });
const everyOutcome = [
  r([
    { kind: 'register', partner: 0, customer: 0, spelling: 0, line: 0 },
    { kind: 'register', partner: 1, customer: 0, spelling: 1, line: 0 },
  ]),
  r([{ kind: 'register', partner: 0, customer: 0, spelling: 2, line: 0 }]),
  r([{ kind: 'approve', deal: 0, days: 5 }]),
  r([{ kind: 'approve', deal: 1, days: 5 }]),
  r([{ kind: 'extend', deal: 0, hours: 10 }]),
  r([{ kind: 'register', partner: 2, customer: 1, spelling: 0, line: 1 }]),
  r([{ kind: 'register', partner: 0, customer: 1, spelling: 0, line: 0 }]),
  r([{ kind: 'register', partner: 1, customer: 2, spelling: 0, line: 0 }]),
  r([{ kind: 'register', partner: 2, customer: 2, spelling: 0, line: 1 }]),
  r([
    { kind: 'approve', deal: 2, days: 5 },
    { kind: 'approve', deal: 3, days: 5 },
  ]),
  r([
    { kind: 'win', deal: 2 },
    { kind: 'lose', deal: 3 },
  ]),
  r([
    { kind: 'withdraw', deal: 4 },
    { kind: 'reject', deal: 5 },
  ]),
  r([{ kind: 'sweep' }], 60),
  r([{ kind: 'sweep' }], 60),
  r([{ kind: 'sweep' }], 60),
  r([{ kind: 'sweep' }]),
];

interface Ctx {
  t: TestApp;
  partners: string[];
  sellers: string[];
  manager: string;
  runs: number;
}
const test = suite<Ctx>('property: deal claims under random interleavings');

test.before(async (ctx) => {
  ctx.t = await startTestApp({ now: '2026-01-05T08:00:00.000Z' });
  ctx.partners = [];
  ctx.sellers = [];
  for (let i = 0; i < 3; i++) {
    const partnerId = await activePartner(ctx.t, { name: `Partner ${i}`, region: 'emea' });
    ctx.partners.push(partnerId);
    ctx.sellers.push((await employee(ctx.t, partnerId, 'sales')).id);
  }
  ctx.manager = (await employee(ctx.t, ctx.partners[0], 'manager')).id;
  ctx.runs = 0;
});
test.after(async (ctx) => ctx.t?.dispose());

const stateOf = async (t: TestApp, dealId: string): Promise<DealState> => {
  const events: DomainEvent[] = [];
  for await (const e of t.platform.store.readStream(dealStream(dealId))) events.push(e);
  return replay(dealDecider, events as never[]);
};

const tables = async (t: TestApp) => ({
  deals: await t.platform.reader.all('SELECT * FROM deals ORDER BY deal_id'),
  conflicts: await t.platform.reader.all('SELECT * FROM deal_conflicts ORDER BY deal_id, conflicting_deal_id'),
});

test(
  'never two live approvals for one customer and product line; ' + 'the read model equals the log and a rebuild',
  async (ctx) => {
    const { t } = ctx;
    const deals = dealCommands({ pipeline: t.platform.pipeline, ids: t.platform.ids });
    const sweeper = dealExpirySweeper(t.platform);
    const principal = async (personId: string): Promise<Principal> => {
      const p = await loadPrincipal(t.platform.reader, personId);
      if (!p) throw new Error(`no principal ${personId}`);
      return p;
    };
    const context = (actor: string): CommandContext => {
      const commandId = t.platform.ids.next('command');
      return {
        actor: { kind: actor === 'admin' ? 'admin-key' : 'person', id: actor },
        commandId,
        correlationId: commandId,
      };
    };

    /** What the runs reached, so that a vacuous pass (nothing ever approved or conflicting) fails. */
    const outcomes = new Set<string>();
    const note = (kind: string, r: E.Either<{ code: string }, unknown>) =>
      void outcomes.add(`${kind}:${E.isRight(r) ? 'ok' : r.left.code}`);

    await fc.assert(
      fc.asyncProperty(fc.array(round, { minLength: 5, maxLength: 25 }), async (rounds) => {
        const run = ++ctx.runs;
        const created: { id: string; key: string }[] = [];
        const keys = new Set<string>();
        const pick = (n: number) => (created.length ? created[n % created.length] : undefined);

        const perform = async (s: Step) => {
          if (s.kind === 'register') {
            const seller = ctx.sellers[s.partner];
            const name = `run${run}customer${s.customer}`;
            // Spelt any way the partner likes; normalised as the HTTP schema does.
            const domain = CustomerDomainInput.parse(spellings(name)[s.spelling]);
            const body = {
              partnerId: ctx.partners[s.partner],
              customer: { name, domain, country: 'GB' },
              productLine: LINES[s.line],
              estimatedValue: { amountMinor: 1_000_000, currency: 'EUR' },
              expectedCloseDate: toIsoDate(addDays(t.clock.now(), 180)),
            };
            const r = await deals.register(context(seller), await principal(seller), body);
            note('register', r);
            if (E.isRight(r)) {
              const key = claimStream(body.customer.domain, body.productLine);
              created.push({ id: r.right.id, key });
              keys.add(key);
            } else assert.is(r.left.code, 'duplicate', r.left.message);
            return;
          }
          if (s.kind === 'sweep') {
            if ((await sweeper.sweep(t.clock.now())).changed > 0) outcomes.add('sweep:expired');
            return;
          }
          const target = pick(s.deal);
          if (!target) return;
          const now = t.clock.now().getTime();
          const admin = ADMIN_KEY_PRINCIPAL;
          const state = await stateOf(t, target.id);
          const owner = state.registeredBy ?? '';
          switch (s.kind) {
            case 'approve':
              return note(
                'approve',
                await deals.approve(context('admin'), admin, target.id, { protectionDays: s.days }),
              );
            case 'reject':
              return note('reject', await deals.reject(context('admin'), admin, target.id, { reason: 'not eligible' }));
            case 'extend':
              return note(
                'extend',
                await deals.extend(context('admin'), admin, target.id, {
                  protectedUntil: new Date(
                    Date.parse(state.protectedUntil ?? new Date(now).toISOString()) + s.hours * HOUR,
                  ).toISOString(),
                  reason: 'slipped',
                }),
              );
            case 'withdraw':
              return note('withdraw', await deals.withdraw(context(owner), await principal(owner), target.id, {}));
            case 'lose':
              return note(
                'lose',
                await deals.lose(context(owner), await principal(owner), target.id, { reason: 'lost on price' }),
              );
            case 'win':
              return note(
                'win',
                await deals.win(context(owner), await principal(owner), target.id, {
                  amount: { amountMinor: 900_000, currency: 'EUR' },
                  closedAt: new Date(now).toISOString(),
                }),
              );
            case 'expire':
              return note('expire', await deals.expire(context('sweeper'), target.id));
          }
        };

        const check = async () => {
          const now = t.clock.now();
          await t.platform.runner.waitFor(await t.eventCount());
          const states = new Map(await Promise.all(created.map(async (c) => [c.id, await stateOf(t, c.id)] as const)));
          for (const key of keys) {
            const live = created
              .filter((c) => c.key === key)
              .map((c) => ({ id: c.id, state: states.get(c.id) }))
              .filter(
                ({ state }) => state?.status === 'approved' && Date.parse(state.protectedUntil ?? '') > now.getTime(),
              );
            assert.ok(live.length <= 1, `two live approvals for ${key}: ${live.map((l) => l.id).join(', ')}`);
            const claimEvents: DomainEvent[] = [];
            for await (const e of t.platform.store.readStream(key)) claimEvents.push(e);
            const holder = liveHolder(replay(claimDecider, claimEvents as never[]), now);
            if (live.length === 1) assert.is(holder?.dealId, live[0].id, `the claim ${key} names the live approval`);
          }
          for (const c of created) {
            const row = await t.platform.reader.get<{
              status: string;
              protected_until: string | null;
              version: number;
            }>('SELECT status, protected_until, version FROM deals WHERE deal_id = ?', [c.id]);
            const state = states.get(c.id);
            assert.equal(
              [row?.status, row?.protected_until ?? undefined],
              [state?.status, state?.protectedUntil],
              `read model of ${c.id}`,
            );
          }
        };

        for (const r of rounds) {
          await Promise.all(r.steps.map(perform));
          await check();
          t.clock.advance(r.advanceHours * HOUR);
          await check();
        }
        const incremental = await tables(t);
        await t.platform.runner.rebuild(['deals']);
        assert.equal(await tables(t), incremental, 'the deals read model equals a rebuild');
      }),
      { numRuns: 30, examples: [[everyOutcome]] },
    );
    for (const reached of [
      'register:ok',
      'register:duplicate',
      'approve:ok',
      'approve:channel_conflict',
      'extend:ok',
      'win:ok',
      'lose:ok',
      'withdraw:ok',
      'reject:ok',
      'sweep:expired',
    ])
      assert.ok(outcomes.has(reached), `never reached ${reached}: ${[...outcomes].sort().join(' ')}`);
  },
);

test.run();
