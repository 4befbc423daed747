/**
 * Person invariants (DESIGN §4) under random sequences of joins, departures, role changes, vendor
 * roles and certifications, while the partners around the person change status and time passes:
 * a person never works for two partners at once, never joins a partner that is not operating,
 * vendor staff are never employed, a revoked certification is never valid, and a certification is
 * valid exactly while now < expiresAt. Replaying the events gives the incremental state.
 */
import fc from 'fast-check';
import { isRight } from 'fp-ts/lib/Either.js';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isOperating } from '../../domain/partner/index.js';
import {
  isCertificationValid,
  PersonRegistered,
  personDecider,
  type PersonCommand,
  type PersonEvent,
  type PersonState,
} from '../../domain/person/index.js';
import { addDays, EmployeeRole, replay, VendorRole } from '../../domain/shared/index.js';
import { assertValidEvents, SPEC_NOW } from '../support/deciderSpec.js';
import { deepFreeze } from './deepFreeze.js';

const partners = ['ptr_acme00001', 'ptr_globex0001', 'ptr_initech001'] as const;
const programs = ['prg_storage001', 'prg_network001'] as const;
const partnerStatuses = ['none', 'applied', 'approved', 'active', 'suspended', 'terminated', 'rejected'] as const;
const personId = 'per_ada000001';
const registered = PersonRegistered.create({ personId, name: 'Ada Lovelace', email: 'ada@acme.example' });

/** One step of the world: the person is commanded, a partner changes status, or time passes. */
type Step =
  | { kind: 'join'; partner: number; role: EmployeeRole }
  | { kind: 'leave'; partner: number; current: boolean }
  | { kind: 'changeRole'; partner: number; current: boolean; role: EmployeeRole }
  | { kind: 'grant'; role: VendorRole; regions?: string[] }
  | { kind: 'revokeRole'; role: VendorRole }
  | { kind: 'earn'; program: number; daysAgo: number; validForDays: number; programStatus: string }
  | { kind: 'renew'; program: number; validForDays: number }
  | { kind: 'revokeCert'; program: number }
  | { kind: 'partnerStatus'; partner: number; status: (typeof partnerStatuses)[number] }
  | { kind: 'wait'; days: number };

const partner = fc.nat({ max: partners.length - 1 });
const program = fc.nat({ max: programs.length - 1 });
const employeeRole = fc.constantFrom(...EmployeeRole.options);
const vendorRole = fc.constantFrom(...VendorRole.options);
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('join' as const), partner, role: employeeRole }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('leave' as const), partner, current: fc.boolean() }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('changeRole' as const),
      partner,
      current: fc.boolean(),
      role: employeeRole,
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record(
      { kind: fc.constant('grant' as const), role: vendorRole, regions: fc.subarray(['emea', 'apac', 'latam']) },
      { requiredKeys: ['kind', 'role'] },
    ),
    weight: 1,
  },
  { arbitrary: fc.record({ kind: fc.constant('revokeRole' as const), role: vendorRole }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('earn' as const),
      program,
      daysAgo: fc.integer({ min: -3, max: 500 }),
      validForDays: fc.integer({ min: 1, max: 400 }),
      programStatus: fc.constantFrom('active', 'active', 'active', 'retired', 'none'),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('renew' as const),
      program,
      validForDays: fc.integer({ min: 1, max: 400 }),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('revokeCert' as const), program }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constant('partnerStatus' as const),
      partner,
      status: fc.constantFrom(...partnerStatuses),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('wait' as const), days: fc.integer({ min: 0, max: 200 }) }), weight: 3 },
);
const scenario = fc.record({
  statuses: fc.array(fc.constantFrom(...partnerStatuses), { minLength: partners.length, maxLength: partners.length }),
  steps: fc.array(step, { minLength: 5, maxLength: 80, size: 'max' }),
});

interface World {
  now: Date;
  readonly statuses: Record<string, string>;
}

/** The command a handler would send for a step, with the facts it would load from the world. */
const commandFor = (s: Step, state: PersonState, world: World): PersonCommand | undefined => {
  const employer = state.employment?.partnerId;
  const target = (index: number, current: boolean) => (current && employer ? employer : partners[index]);
  switch (s.kind) {
    case 'join': {
      const partnerId = partners[s.partner];
      const currentEmployerStatus = employer ? world.statuses[employer] : undefined;
      return {
        type: 'JoinPartner',
        data: {
          partnerId,
          role: s.role,
          partnerStatus: world.statuses[partnerId],
          ...(currentEmployerStatus ? { currentEmployerStatus } : {}),
        },
      };
    }
    case 'leave':
      return { type: 'LeavePartner', data: { partnerId: target(s.partner, s.current) } };
    case 'changeRole':
      return { type: 'ChangeEmployeeRole', data: { partnerId: target(s.partner, s.current), role: s.role } };
    case 'grant':
      return { type: 'GrantVendorRole', data: { role: s.role, ...(s.regions ? { regions: s.regions } : {}) } };
    case 'revokeRole':
      return { type: 'RevokeVendorRole', data: { role: s.role } };
    case 'earn': {
      const earnedAt = addDays(world.now, -s.daysAgo).toISOString();
      return {
        type: 'EarnCertification',
        data: {
          programId: programs[s.program],
          earnedAt,
          validForDays: s.validForDays,
          programStatus: s.programStatus,
        },
      };
    }
    case 'renew':
      return {
        type: 'RenewCertification',
        data: { programId: programs[s.program], validForDays: s.validForDays, programStatus: 'active' },
      };
    case 'revokeCert':
      return { type: 'RevokeCertification', data: { programId: programs[s.program], reason: 'exam fraud' } };
    case 'partnerStatus':
      world.statuses[partners[s.partner]] = s.status;
      return undefined;
    case 'wait':
      world.now = addDays(world.now, s.days);
      return undefined;
  }
};

const seen: Record<string, number> = {};
const count = (what: string) => {
  seen[what] = (seen[what] ?? 0) + 1;
};

/** Applies one event, checking the rules that concern that single step. */
const apply = (before: PersonState, event: PersonEvent, world: World): PersonState => {
  const now = world.now.getTime();
  switch (event.type) {
    case 'EmployeeJoined':
      assert.is(before.employment, undefined, 'joined a partner while working for another');
      assert.ok(
        isOperating(world.statuses[event.data.partnerId] ?? 'none'),
        `joined a partner that is ${world.statuses[event.data.partnerId]}`,
      );
      assert.equal(before.vendorRoles, {}, 'vendor staff joined a partner');
      count('joined');
      break;
    case 'EmployeeLeft':
      assert.is(before.employment?.partnerId, event.data.partnerId, 'left a partner one did not work for');
      count(event.data.reason === 'partner terminated' ? 'left a terminated employer on joining another' : 'left');
      break;
    case 'VendorRoleGranted':
      assert.is(before.employment, undefined, 'an employee was granted a vendor role');
      count('vendor role granted');
      break;
    case 'CertificationEarned':
      assert.ok(Date.parse(event.data.earnedAt) <= now, 'earned in the future');
      assert.ok(now < Date.parse(event.data.expiresAt), 'earned already expired');
      count(before.certifications[event.data.programId]?.revoked ? 'earned again after revocation' : 'earned');
      break;
    case 'CertificationRenewed': {
      const held = before.certifications[event.data.programId];
      assert.ok(held && !held.revoked, 'renewed a revoked or missing certification');
      assert.ok(Date.parse(event.data.expiresAt) >= Date.parse(held.expiresAt), 'a renewal shortened a certification');
      assert.ok(now < Date.parse(event.data.expiresAt), 'renewed into the past');
      count('renewed');
      break;
    }
    case 'CertificationRevoked':
      count('revoked');
      break;
    default:
      break;
  }
  return personDecider.evolve(deepFreeze(before), event);
};

/** Rules of any state at any instant. */
const checkState = (state: PersonState, now: Date) => {
  assert.ok(!(state.employment && Object.keys(state.vendorRoles).length > 0), 'vendor staff is employed');
  for (const [programId, c] of Object.entries(state.certifications)) {
    const expiresAt = Date.parse(c.expiresAt);
    const probes = [
      now,
      new Date(expiresAt - 1),
      new Date(expiresAt),
      new Date(expiresAt + 1),
      new Date(Date.parse(c.earnedAt)),
    ];
    for (const t of probes) {
      const valid = isCertificationValid(c, t);
      if (c.revoked) assert.not.ok(valid, `revoked ${programId} is valid at ${t.toISOString()}`);
      else
        assert.is(
          valid,
          t.getTime() < expiresAt,
          `${programId} validity at ${t.toISOString()} (expires ${c.expiresAt})`,
        );
    }
  }
};

const run = ({ statuses, steps }: { statuses: string[]; steps: Step[] }) => {
  const world: World = {
    now: new Date(SPEC_NOW),
    statuses: Object.fromEntries(partners.map((p, i) => [p, statuses[i] ?? 'none'])),
  };
  let state = personDecider.evolve(personDecider.initialState, registered);
  const log: PersonEvent[] = [registered];
  for (const s of steps) {
    const command = commandFor(s, state, world);
    if (command) {
      const decision = personDecider.decide(command, deepFreeze(state), world.now);
      if (isRight(decision)) {
        assertValidEvents(decision.right);
        for (const event of decision.right) state = apply(state, event, world);
        log.push(...decision.right);
      } else {
        count(`refused ${decision.left.code}`);
      }
    }
    checkState(state, world.now);
  }
  return { state, log };
};

const test = suite('person employment and certification properties');

const cases = [
  'joined',
  'left',
  'left a terminated employer on joining another',
  'vendor role granted',
  'earned',
  'earned again after revocation',
  'renewed',
  'revoked',
  'refused invalid_state',
  'refused not_found',
  'refused validation_failed',
];

test('random sequences never break the employment and certification rules', () => {
  // The rarest case (a terminated employer left on joining another) went unseen in one run of five of a
  // single batch of 400 sequences: more batches, up to five, before calling a case unreachable.
  for (let batch = 0; batch < 5 && cases.some((what) => !seen[what]); batch++)
    fc.assert(
      fc.property(scenario, (sc) => void run(sc)),
      { numRuns: 400 },
    );
  for (const what of cases)
    assert.ok((seen[what] ?? 0) > 0, `the sequences never exercised "${what}": ${JSON.stringify(seen)}`);
});

test('replaying the produced events gives the state of the incremental fold', () => {
  fc.assert(
    fc.property(scenario, (sc) => {
      const { state, log } = run(sc);
      assert.equal(replay(personDecider, log), state);
      assert.equal(
        replay(personDecider, JSON.parse(JSON.stringify(log)) as PersonEvent[]),
        state,
        'replay after a JSON round trip',
      );
    }),
    { numRuns: 200 },
  );
});

test.run();
