/**
 * Person (DESIGN §4): vendor roles, employment (one partner at a time, only an operating partner),
 * certifications (belong to the person, valid while now < expiresAt). Every transition and refusal.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  CertificationEarned,
  CertificationRenewed,
  CertificationRevoked,
  EmployeeJoined,
  EmployeeLeft,
  EmployeeRoleChanged,
  isCertificationValid,
  PersonRegistered,
  personDecider,
  VendorRoleGranted,
  VendorRoleRevoked,
  type PersonCommand,
  type PersonEvent,
} from '../../../domain/person/index.js';
import { SPEC_NOW, spec } from '../../support/deciderSpec.js';

const personId = 'per_ada000001';
const acme = 'ptr_acme00001';
const globex = 'ptr_globex0001';
const storageProgram = 'prg_storage001';

const registered = PersonRegistered.create({ personId, name: 'Ada Lovelace', email: 'ada@acme.example' });
const joinedAcme = EmployeeJoined.create({ partnerId: acme, role: 'sales' });
const asChannelManager = VendorRoleGranted.create({ role: 'channel_manager', regions: ['emea'] });
const earned = CertificationEarned.create({
  programId: storageProgram,
  earnedAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2027-01-01T00:00:00.000Z',
});
const expired = CertificationEarned.create({
  programId: storageProgram,
  earnedAt: '2025-01-01T00:00:00.000Z',
  expiresAt: '2026-01-01T00:00:00.000Z',
});
const revoked = CertificationRevoked.create({ programId: storageProgram, reason: 'exam fraud' });

const person = spec(personDecider);
const given = (...events: PersonEvent[]) => person.given([registered, ...events]);
const join = (partnerId: string, partnerStatus: string, currentEmployerStatus?: string): PersonCommand => ({
  type: 'JoinPartner',
  data: { partnerId, role: 'sales', partnerStatus, ...(currentEmployerStatus ? { currentEmployerStatus } : {}) },
});
const earn = (earnedAt: string, validForDays = 365, programStatus = 'active'): PersonCommand => ({
  type: 'EarnCertification',
  data: { programId: storageProgram, earnedAt, validForDays, programStatus },
});

const test = suite('person decider');

// --- registration ---

test('a person registers', () => {
  const state = person
    .given([])
    .when({ type: 'RegisterPerson', data: { personId, name: 'Ada Lovelace', email: 'ada@acme.example' } })
    .thenEmits([registered]);
  assert.is(state.status, 'registered');
  assert.is(state.email, 'ada@acme.example');
});

test('a person cannot register twice', () => {
  given()
    .when({ type: 'RegisterPerson', data: { personId, name: 'Ada', email: 'other@acme.example' } })
    .thenFails('duplicate', 'already exists');
});

test('every command but RegisterPerson on a person never registered: not found', () => {
  const commands: PersonCommand[] = [
    { type: 'GrantVendorRole', data: { role: 'auditor' } },
    { type: 'RevokeVendorRole', data: { role: 'auditor' } },
    join(acme, 'active'),
    { type: 'ChangeEmployeeRole', data: { partnerId: acme, role: 'admin' } },
    { type: 'LeavePartner', data: { partnerId: acme } },
    earn('2026-03-01T00:00:00.000Z'),
    { type: 'RenewCertification', data: { programId: storageProgram, validForDays: 365, programStatus: 'active' } },
    { type: 'RevokeCertification', data: { programId: storageProgram, reason: 'x' } },
  ];
  for (const command of commands) person.given([]).when(command).thenFails('not_found', 'person not found');
});

// --- vendor roles ---

test('a vendor role is granted, with the regions it covers', () => {
  const state = given()
    .when({ type: 'GrantVendorRole', data: { role: 'channel_manager', regions: ['emea'] } })
    .thenEmits([asChannelManager]);
  assert.equal(state.vendorRoles, { channel_manager: { regions: ['emea'] } });
});

test('a vendor role without regions covers every region', () => {
  const state = given()
    .when({ type: 'GrantVendorRole', data: { role: 'vendor_admin' } })
    .thenEmits([VendorRoleGranted.create({ role: 'vendor_admin' })]);
  assert.equal(state.vendorRoles, { vendor_admin: {} });
});

test('granting a held role again with other regions replaces its regions', () => {
  const state = given(asChannelManager)
    .when({ type: 'GrantVendorRole', data: { role: 'channel_manager', regions: ['emea', 'apac'] } })
    .thenEmits([VendorRoleGranted.create({ role: 'channel_manager', regions: ['emea', 'apac'] })]);
  assert.equal(state.vendorRoles.channel_manager, { regions: ['emea', 'apac'] });
});

test('granting a held role with the same regions (in any order) is refused', () => {
  given(VendorRoleGranted.create({ role: 'channel_manager', regions: ['emea', 'apac'] }))
    .when({ type: 'GrantVendorRole', data: { role: 'channel_manager', regions: ['apac', 'emea'] } })
    .thenFails('invalid_state', 'already granted');
  given(VendorRoleGranted.create({ role: 'analyst' }))
    .when({ type: 'GrantVendorRole', data: { role: 'analyst' } })
    .thenFails('invalid_state', 'already granted');
});

test('a global grant and a grant for no region are different grants', () => {
  given(VendorRoleGranted.create({ role: 'channel_manager' }))
    .when({ type: 'GrantVendorRole', data: { role: 'channel_manager', regions: [] } })
    .thenEmits([VendorRoleGranted.create({ role: 'channel_manager', regions: [] })]);
});

test('a partner employee cannot hold a vendor role', () => {
  given(joinedAcme)
    .when({ type: 'GrantVendorRole', data: { role: 'auditor' } })
    .thenFails('invalid_state', 'partner employee cannot hold a vendor role');
});

test('a held vendor role is revoked', () => {
  const state = given(asChannelManager, VendorRoleGranted.create({ role: 'auditor' }))
    .when({ type: 'RevokeVendorRole', data: { role: 'channel_manager' } })
    .thenEmits([VendorRoleRevoked.create({ role: 'channel_manager' })]);
  assert.equal(state.vendorRoles, { auditor: {} });
});

test('revoking a role not held is refused', () => {
  given()
    .when({ type: 'RevokeVendorRole', data: { role: 'auditor' } })
    .thenFails('invalid_state', 'not held');
  given(VendorRoleGranted.create({ role: 'auditor' }), VendorRoleRevoked.create({ role: 'auditor' }))
    .when({ type: 'RevokeVendorRole', data: { role: 'auditor' } })
    .thenFails('invalid_state', 'not held');
});

// --- employment ---

for (const status of ['approved', 'active']) {
  test(`a person joins a partner that is ${status}`, () => {
    const state = given().when(join(acme, status)).thenEmits([joinedAcme]);
    assert.equal(state.employment, { partnerId: acme, role: 'sales' });
  });
}

test('a person who left a partner joins another', () => {
  given(joinedAcme, EmployeeLeft.create({ partnerId: acme }))
    .when(join(globex, 'active'))
    .thenEmits([EmployeeJoined.create({ partnerId: globex, role: 'sales' })]);
});

test('joining another partner while the employer is terminated leaves the terminated one first', () => {
  const state = given(joinedAcme)
    .when(join(globex, 'active', 'terminated'))
    .thenEmits([
      EmployeeLeft.create({ partnerId: acme, reason: 'partner terminated' }),
      EmployeeJoined.create({ partnerId: globex, role: 'sales' }),
    ]);
  assert.equal(state.employment, { partnerId: globex, role: 'sales' });
});

test('a person joining a partner that does not exist: not found', () => {
  given().when(join(acme, 'none')).thenFails('not_found', 'partner not found');
});

for (const status of ['applied', 'suspended', 'terminated', 'rejected']) {
  test(`a person cannot join a partner that is ${status}`, () => {
    given().when(join(acme, status)).thenFails('invalid_state', `cannot join a partner that is ${status}`);
  });
}

test('vendor staff cannot join a partner', () => {
  given(VendorRoleGranted.create({ role: 'analyst' }))
    .when(join(acme, 'active'))
    .thenFails('invalid_state', 'vendor staff cannot join');
});

test('a former vendor whose roles were all revoked can join a partner', () => {
  given(VendorRoleGranted.create({ role: 'analyst' }), VendorRoleRevoked.create({ role: 'analyst' }))
    .when(join(acme, 'active'))
    .thenEmits([joinedAcme]);
});

test('joining the partner one already works for is refused', () => {
  given(joinedAcme).when(join(acme, 'active')).thenFails('invalid_state', 'already works for this partner');
});

for (const employerStatus of [undefined, 'approved', 'active', 'suspended']) {
  const employer = employerStatus ?? 'unknown';
  test(`a person works for one partner at a time: no joining while the employer is ${employer}`, () => {
    given(joinedAcme)
      .when(join(globex, 'active', employerStatus))
      .thenFails('invalid_state', 'leave first');
  });
}

test('an employee role changes, recording from and to', () => {
  const state = given(joinedAcme)
    .when({ type: 'ChangeEmployeeRole', data: { partnerId: acme, role: 'admin' } })
    .thenEmits([EmployeeRoleChanged.create({ partnerId: acme, from: 'sales', to: 'admin' })]);
  assert.equal(state.employment, { partnerId: acme, role: 'admin' });
});

test('changing to the role already held is refused', () => {
  given(joinedAcme)
    .when({ type: 'ChangeEmployeeRole', data: { partnerId: acme, role: 'sales' } })
    .thenFails('invalid_state', 'already has role sales');
});

test('the role can only change at the current employer', () => {
  given()
    .when({ type: 'ChangeEmployeeRole', data: { partnerId: acme, role: 'admin' } })
    .thenFails('not_found', 'not an employee of this partner');
  given(joinedAcme)
    .when({ type: 'ChangeEmployeeRole', data: { partnerId: globex, role: 'admin' } })
    .thenFails('not_found', 'not an employee');
  given(joinedAcme, EmployeeLeft.create({ partnerId: acme }))
    .when({ type: 'ChangeEmployeeRole', data: { partnerId: acme, role: 'admin' } })
    .thenFails('not_found');
});

test('an employee leaves, with or without a reason', () => {
  const state = given(joinedAcme)
    .when({ type: 'LeavePartner', data: { partnerId: acme, reason: 'new job' } })
    .thenEmits([EmployeeLeft.create({ partnerId: acme, reason: 'new job' })]);
  assert.is(state.employment, undefined);
  given(joinedAcme)
    .when({ type: 'LeavePartner', data: { partnerId: acme } })
    .thenEmits([EmployeeLeft.create({ partnerId: acme })]);
});

test('one can only leave the current employer', () => {
  given()
    .when({ type: 'LeavePartner', data: { partnerId: acme } })
    .thenFails('not_found', 'not an employee of this partner');
  given(joinedAcme)
    .when({ type: 'LeavePartner', data: { partnerId: globex } })
    .thenFails('not_found');
  given(joinedAcme, EmployeeLeft.create({ partnerId: acme }))
    .when({ type: 'LeavePartner', data: { partnerId: acme } })
    .thenFails('not_found');
});

// --- certifications (SPEC_NOW is 2026-03-15T12:00Z) ---

test('a certification is earned and expires validForDays after it was earned', () => {
  const state = given().when(earn('2026-01-01T00:00:00.000Z')).thenEmits([earned]);
  assert.equal(state.certifications[storageProgram], {
    earnedAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2027-01-01T00:00:00.000Z',
    revoked: false,
  });
  assert.ok(isCertificationValid(state.certifications[storageProgram], SPEC_NOW));
});

test('certifications belong to the person and travel with them across employers', () => {
  const state = given(joinedAcme, earned, EmployeeLeft.create({ partnerId: acme }))
    .when(join(globex, 'active'))
    .thenEmits([EmployeeJoined.create({ partnerId: globex, role: 'sales' })]);
  assert.ok(isCertificationValid(state.certifications[storageProgram], SPEC_NOW));
});

test('an expired certification is earned again', () => {
  given(expired)
    .when(earn('2026-03-01T00:00:00.000Z'))
    .thenEmits([
      CertificationEarned.create({
        programId: storageProgram,
        earnedAt: '2026-03-01T00:00:00.000Z',
        expiresAt: '2027-03-01T00:00:00.000Z',
      }),
    ]);
});

test('a revoked certification is earned again and is valid again', () => {
  const state = given(earned, revoked)
    .when(earn('2026-03-01T00:00:00.000Z'))
    .thenEmits([
      CertificationEarned.create({
        programId: storageProgram,
        earnedAt: '2026-03-01T00:00:00.000Z',
        expiresAt: '2027-03-01T00:00:00.000Z',
      }),
    ]);
  assert.ok(isCertificationValid(state.certifications[storageProgram], SPEC_NOW));
});

test('a certification of a program that does not exist: not found', () => {
  given()
    .when(earn('2026-03-01T00:00:00.000Z', 365, 'none'))
    .thenFails('not_found', 'program not found');
});

test('a certification of a retired program is refused', () => {
  given()
    .when(earn('2026-03-01T00:00:00.000Z', 365, 'retired'))
    .thenFails('invalid_state', 'retired');
});

test('a certification cannot be earned in the future', () => {
  const error = given().when(earn('2026-03-15T12:00:00.001Z')).thenFails('validation_failed', 'in the future');
  assert.equal(
    error.errors?.map((e) => e.path),
    ['earnedAt'],
  );
});

test('a certification earned exactly now is accepted', () => {
  given()
    .when(earn('2026-03-15T12:00:00.000Z', 1))
    .thenEmits([
      CertificationEarned.create({
        programId: storageProgram,
        earnedAt: '2026-03-15T12:00:00.000Z',
        expiresAt: '2026-03-16T12:00:00.000Z',
      }),
    ]);
});

test('a certification held and valid cannot be earned again: renew it', () => {
  given(earned).when(earn('2026-03-01T00:00:00.000Z')).thenFails('invalid_state', 'renew it instead');
});

test('a certification that would already have expired is refused', () => {
  const error = given()
    .when(earn('2025-03-15T12:00:00.000Z', 365))
    .thenFails('validation_failed', 'already have expired');
  assert.equal(
    error.errors?.map((e) => e.path),
    ['earnedAt'],
  );
});

test('a valid certification renewed early runs on from its current expiry', () => {
  const state = given(earned)
    .when({
      type: 'RenewCertification',
      data: { programId: storageProgram, validForDays: 365, programStatus: 'active' },
    })
    .thenEmits([
      CertificationRenewed.create({
        programId: storageProgram,
        renewedAt: SPEC_NOW.toISOString(),
        expiresAt: '2028-01-01T00:00:00.000Z',
      }),
    ]);
  assert.is(state.certifications[storageProgram]?.expiresAt, '2028-01-01T00:00:00.000Z');
  assert.is(state.certifications[storageProgram]?.earnedAt, '2026-01-01T00:00:00.000Z');
});

test('an expired certification renewed runs from now', () => {
  const state = given(expired)
    .when({
      type: 'RenewCertification',
      data: { programId: storageProgram, validForDays: 10, programStatus: 'active' },
    })
    .thenEmits([
      CertificationRenewed.create({
        programId: storageProgram,
        renewedAt: SPEC_NOW.toISOString(),
        expiresAt: '2026-03-25T12:00:00.000Z',
      }),
    ]);
  assert.ok(isCertificationValid(state.certifications[storageProgram], SPEC_NOW));
});

test('renewing a certification never held: not found', () => {
  given()
    .when({
      type: 'RenewCertification',
      data: { programId: storageProgram, validForDays: 365, programStatus: 'active' },
    })
    .thenFails('not_found', 'not held');
});

test('a certification of a retired program cannot be renewed', () => {
  given(earned)
    .when({
      type: 'RenewCertification',
      data: { programId: storageProgram, validForDays: 365, programStatus: 'retired' },
    })
    .thenFails('invalid_state', 'retired');
});

test('a revoked certification cannot be renewed', () => {
  given(earned, revoked)
    .when({
      type: 'RenewCertification',
      data: { programId: storageProgram, validForDays: 365, programStatus: 'active' },
    })
    .thenFails('invalid_state', 'earn it again');
});

test('a certification is revoked and is no longer valid', () => {
  const state = given(earned)
    .when({ type: 'RevokeCertification', data: { programId: storageProgram, reason: 'exam fraud' } })
    .thenEmits([revoked]);
  assert.is(state.certifications[storageProgram]?.revoked, true);
  assert.not.ok(isCertificationValid(state.certifications[storageProgram], SPEC_NOW));
});

test('an expired certification can still be revoked', () => {
  given(expired)
    .when({ type: 'RevokeCertification', data: { programId: storageProgram, reason: 'exam fraud' } })
    .thenEmits([revoked]);
});

test('revoking a certification never held: not found; revoking twice: refused', () => {
  given()
    .when({ type: 'RevokeCertification', data: { programId: storageProgram, reason: 'x' } })
    .thenFails('not_found', 'not held');
  given(earned, revoked)
    .when({ type: 'RevokeCertification', data: { programId: storageProgram, reason: 'x' } })
    .thenFails('invalid_state', 'already revoked');
});

test('a certification is valid exactly while now < expiresAt', () => {
  const c = { earnedAt: '2026-01-01T00:00:00.000Z', expiresAt: '2027-01-01T00:00:00.000Z', revoked: false };
  assert.ok(isCertificationValid(c, new Date('2026-12-31T23:59:59.999Z')));
  assert.not.ok(isCertificationValid(c, new Date('2027-01-01T00:00:00.000Z')));
  assert.not.ok(isCertificationValid(undefined, SPEC_NOW));
});

test.run();
