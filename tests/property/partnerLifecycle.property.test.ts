/**
 * Partner invariants (DESIGN §4) under random command sequences, through decide + evolve:
 * the status only moves along the lifecycle; a rejected or terminated partner never comes back;
 * activation only follows a signed agreement; the tier is always one of the four once approved;
 * every event passes its own schema; replaying the produced events (also after a JSON round trip,
 * as from the store) gives the state the incremental fold reached.
 */
import fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  partnerDecider,
  type PartnerCommand,
  type PartnerEvent,
  type PartnerState,
  type PartnerStatus,
} from '../../domain/partner/index.js';
import { money, PartnerType, replay, Tier, tiers, type DomainEvent } from '../../domain/shared/index.js';
import { assertValidEvents, SPEC_NOW } from '../support/deciderSpec.js';
import { deepFreeze } from './deepFreeze.js';

/** The lifecycle of DESIGN §4. Termination is read as possible from every status after approval. */
const lifecycle: Readonly<Record<PartnerStatus, readonly PartnerStatus[]>> = {
  none: ['applied'],
  applied: ['approved', 'rejected'],
  approved: ['active', 'terminated'],
  active: ['suspended', 'terminated'],
  suspended: ['active', 'terminated'],
  terminated: [],
  rejected: [],
};
const approvedOrLater: readonly PartnerStatus[] = ['approved', 'active', 'suspended', 'terminated'];

const partnerId = 'ptr_acme00001';
const distributorId = 'ptr_distri0001';
const statuses: readonly PartnerStatus[] = [
  'none',
  'applied',
  'approved',
  'active',
  'suspended',
  'terminated',
  'rejected',
];
const tier = fc.constantFrom(...Tier.options);
const partnerType = fc.constantFrom(...PartnerType.options);
const reason = fc.constantFrom('revenue', 'compliance', 'request');

const apply: fc.Arbitrary<PartnerCommand> = fc
  .record({
    type: partnerType,
    region: fc.constantFrom('emea', 'apac'),
    parent: fc.option(
      fc.record({ type: fc.option(partnerType, { nil: undefined }), status: fc.constantFrom(...statuses) }),
      { nil: undefined },
    ),
    namesParent: fc.boolean(),
  })
  .map(({ type, region, parent, namesParent }) => ({
    type: 'ApplyPartner',
    data: {
      partnerId,
      name: 'Acme',
      website: 'https://acme.example',
      country: 'DE',
      region,
      type,
      ...(namesParent
        ? { parentPartnerId: distributorId, ...(parent ? { parent: { partnerId: distributorId, ...parent } } : {}) }
        : {}),
    },
  }));

const command: fc.Arbitrary<PartnerCommand> = fc.oneof(
  { arbitrary: apply, weight: 4 },
  { arbitrary: tier.map((t): PartnerCommand => ({ type: 'ApprovePartner', data: { tier: t } })), weight: 3 },
  { arbitrary: reason.map((r): PartnerCommand => ({ type: 'RejectPartner', data: { reason: r } })), weight: 1 },
  {
    arbitrary: fc
      .constantFrom('v1', 'v2', 'v3')
      .map((v): PartnerCommand => ({ type: 'SignAgreement', data: { agreementVersion: v, signedBy: 'Ada Acme' } })),
    weight: 3,
  },
  {
    arbitrary: fc
      .record({ tier, reason })
      .map(({ tier: t, reason: r }): PartnerCommand => ({ type: 'ChangeTier', data: { tier: t, reason: r } })),
    weight: 2,
  },
  {
    arbitrary: fc
      .constantFrom('emea', 'apac', 'north-america')
      .map((r): PartnerCommand => ({ type: 'ChangeRegion', data: { region: r } })),
    weight: 1,
  },
  {
    arbitrary: fc
      .record({ personId: fc.constantFrom('per_manager001', 'per_manager002'), isManager: fc.boolean() })
      .map(
        ({ personId, isManager }): PartnerCommand => ({
          type: 'AssignChannelManager',
          data: { personId, personIsChannelManager: isManager },
        }),
      ),
    weight: 1,
  },
  {
    arbitrary: fc
      .record({ period: fc.constantFrom('2026-Q1', '2026-Q2'), amount: fc.integer({ min: 0, max: 10_000_000 }) })
      .map(
        ({ period, amount }): PartnerCommand => ({ type: 'SetQuota', data: { period, amount: money(amount, 'EUR') } }),
      ),
    weight: 1,
  },
  { arbitrary: reason.map((r): PartnerCommand => ({ type: 'SuspendPartner', data: { reason: r } })), weight: 2 },
  { arbitrary: fc.constant<PartnerCommand>({ type: 'ReinstatePartner', data: {} }), weight: 2 },
  { arbitrary: reason.map((r): PartnerCommand => ({ type: 'TerminatePartner', data: { reason: r } })), weight: 1 },
);

/** Long enough sequences to walk the whole lifecycle (fast-check keeps arrays short by default). */
const commands60 = fc.array(command, { minLength: 5, maxLength: 60, size: 'max' });

const reached = new Set<PartnerStatus>();
const reachedEvents = new Set<string>();

/** Applies one event, checking the invariants that concern a single step. */
const step = (state: PartnerState, event: PartnerEvent): PartnerState => {
  const next = partnerDecider.evolve(deepFreeze(state), event);
  reachedEvents.add(event.type);
  if (next.status !== state.status)
    assert.ok(
      lifecycle[state.status].includes(next.status),
      `${event.type} moved a partner from ${state.status} to ${next.status}`,
    );
  if (event.type === 'PartnerActivated')
    assert.ok(state.agreementVersions.length > 0, 'activated without a signed agreement');
  return next;
};

/** Invariants of any state. */
const checkState = (state: PartnerState, everRejectedOrTerminated: PartnerStatus | undefined) => {
  reached.add(state.status);
  if (everRejectedOrTerminated)
    assert.is(state.status, everRejectedOrTerminated, 'a rejected or terminated partner changed status');
  if (state.status === 'active') assert.ok(state.agreementVersions.length > 0, 'active without a signed agreement');
  if (approvedOrLater.includes(state.status))
    assert.ok(state.tier !== undefined && tiers.includes(state.tier), `tier ${String(state.tier)}`);
  else assert.is(state.tier, undefined, `a partner that is ${state.status} has a tier`);
};

const run = (commands: readonly PartnerCommand[]) => {
  let state = partnerDecider.initialState;
  let terminal: PartnerStatus | undefined;
  const log: PartnerEvent[] = [];
  const states: PartnerState[] = [];
  for (const [i, cmd] of commands.entries()) {
    const now = new Date(SPEC_NOW.getTime() + i * 60_000);
    const decision = partnerDecider.decide(cmd, deepFreeze(state), now);
    assert.equal(partnerDecider.decide(cmd, state, now), decision, 'decide is deterministic');
    if (isRight(decision)) {
      assert.ok(decision.right.length > 0, `${cmd.type} accepted with no event`);
      assertValidEvents(decision.right);
      for (const event of decision.right) {
        state = step(state, event);
        log.push(event);
        states.push(state);
      }
    }
    if (state.status === 'rejected' || state.status === 'terminated') terminal ??= state.status;
    checkState(state, terminal);
  }
  return { state, log, states };
};

const test = suite('partner lifecycle properties');

test('random command sequences never break the partner invariants', () => {
  fc.assert(
    fc.property(commands60, (commands) => void run(commands)),
    { numRuns: 500 },
  );
  assert.equal([...reached].sort(), [...statuses].sort(), 'the sequences reach every status');
  assert.is(reachedEvents.size, 12, `the sequences produce every event type: ${[...reachedEvents].join(', ')}`);
});

test('replaying the produced events gives the state of the incremental fold', () => {
  fc.assert(
    fc.property(commands60, (commands) => {
      const { state, log } = run(commands);
      assert.equal(replay(partnerDecider, log), state);
      const stored = JSON.parse(JSON.stringify(log)) as DomainEvent[];
      assert.equal(replay(partnerDecider, stored as PartnerEvent[]), state, 'replay after a JSON round trip');
    }),
    { numRuns: 300 },
  );
});

test('replaying any prefix of the log gives the state the fold had at that point (state as of any instant)', () => {
  fc.assert(
    fc.property(commands60, (commands) => {
      const { log, states } = run(commands);
      states.forEach((expected, i) => {
        assert.equal(replay(partnerDecider, log.slice(0, i + 1)), expected, `after event ${i + 1}`);
      });
    }),
    { numRuns: 100 },
  );
});

test.run();
