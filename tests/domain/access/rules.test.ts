/**
 * Who sees and manages which partner (DESIGN §1, §7, §10): vendor admins and the admin key do
 * everything; channel managers manage the partners of their regions (or all, when global) and
 * those assigned to them; auditors and analysts read everything and manage nothing; a partner's
 * employees see their own partner only while it operates (approved or active); anyone else sees nothing.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ADMIN_KEY_PRINCIPAL,
  employerIs,
  hasVendorRole,
  isChannelStaff,
  isPartnerAdminOf,
  isVendorAdmin,
  managesPartner,
  personIdOf,
  readsEverything,
  seesPartner,
  type Employer,
  type PartnerScope,
  type Principal,
  type VendorRoleGrant,
} from '../../../domain/access/index.js';

const acme: PartnerScope = { partnerId: 'ptr_acme00001', region: 'emea', channelManagerId: 'per_assigned01' };
const globex: PartnerScope = { partnerId: 'ptr_globex0001', region: 'apac' };
const nowhere: PartnerScope = { partnerId: 'ptr_nowhere001' };

const person = (personId: string, vendorRoles: VendorRoleGrant[] = [], employer?: Employer): Principal => ({
  kind: 'person',
  personId,
  vendorRoles,
  employer,
});
const employeeOf = (partnerId: string, status: string, role: Employer['role'] = 'admin') =>
  person('per_employee01', [], { partnerId, role, status });

const vendorAdmin = person('per_vadmin001', [{ role: 'vendor_admin' }]);
const emeaManager = person('per_emeacm001', [{ role: 'channel_manager', regions: ['emea'] }]);
const globalManager = person('per_globalcm01', [{ role: 'channel_manager' }]);
const assignedManager = person('per_assigned01', [{ role: 'channel_manager', regions: [] }]);
const auditor = person('per_auditor01', [{ role: 'auditor' }]);
const analyst = person('per_analyst01', [{ role: 'analyst' }]);
const nobody = person('per_nobody001');

const test = suite('access rules');

test('the admin key holds every vendor role, reads, manages and sees everything', () => {
  for (const role of ['vendor_admin', 'channel_manager', 'auditor', 'analyst'] as const)
    assert.ok(hasVendorRole(ADMIN_KEY_PRINCIPAL, role));
  assert.ok(isVendorAdmin(ADMIN_KEY_PRINCIPAL));
  assert.ok(readsEverything(ADMIN_KEY_PRINCIPAL));
  assert.ok(isChannelStaff(ADMIN_KEY_PRINCIPAL));
  for (const p of [acme, globex, nowhere]) {
    assert.ok(managesPartner(ADMIN_KEY_PRINCIPAL, p));
    assert.ok(seesPartner(ADMIN_KEY_PRINCIPAL, p));
  }
  assert.is(personIdOf(ADMIN_KEY_PRINCIPAL), undefined);
  assert.is(employerIs(ADMIN_KEY_PRINCIPAL, acme.partnerId), undefined);
  assert.not.ok(isPartnerAdminOf(ADMIN_KEY_PRINCIPAL, acme.partnerId));
});

test('a vendor admin reads, manages and sees every partner', () => {
  assert.ok(isVendorAdmin(vendorAdmin));
  assert.ok(readsEverything(vendorAdmin));
  assert.ok(isChannelStaff(vendorAdmin));
  for (const p of [acme, globex, nowhere]) {
    assert.ok(managesPartner(vendorAdmin, p));
    assert.ok(seesPartner(vendorAdmin, p));
  }
  assert.is(personIdOf(vendorAdmin), 'per_vadmin001');
});

test('a regional channel manager manages and sees the partners of their regions only', () => {
  assert.ok(isChannelStaff(emeaManager));
  assert.not.ok(isVendorAdmin(emeaManager));
  assert.not.ok(readsEverything(emeaManager));
  assert.ok(managesPartner(emeaManager, acme));
  assert.ok(seesPartner(emeaManager, acme));
  assert.not.ok(managesPartner(emeaManager, globex));
  assert.not.ok(seesPartner(emeaManager, globex));
});

test('a regional channel manager does not manage a partner with no region', () => {
  assert.not.ok(managesPartner(emeaManager, nowhere));
  assert.not.ok(seesPartner(emeaManager, nowhere));
});

test('a channel manager covering several regions manages the partners of each', () => {
  const both = person('per_bothcm001', [{ role: 'channel_manager', regions: ['emea', 'apac'] }]);
  assert.ok(managesPartner(both, acme));
  assert.ok(managesPartner(both, globex));
  assert.not.ok(managesPartner(both, nowhere));
});

test('a global channel manager (no regions given) manages every partner, even one with no region', () => {
  for (const p of [acme, globex, nowhere]) {
    assert.ok(managesPartner(globalManager, p));
    assert.ok(seesPartner(globalManager, p));
  }
  assert.not.ok(readsEverything(globalManager));
});

test('a channel manager with no region manages the partners assigned to them only', () => {
  assert.ok(managesPartner(assignedManager, acme));
  assert.ok(seesPartner(assignedManager, acme));
  assert.not.ok(managesPartner(assignedManager, globex));
  assert.not.ok(seesPartner(assignedManager, globex));
});

test('an assigned person whose channel_manager role was revoked no longer manages the partner', () => {
  const formerManager = person('per_assigned01', [{ role: 'auditor' }]);
  assert.not.ok(managesPartner(formerManager, acme));
  assert.not.ok(isChannelStaff(formerManager));
  const plainPerson = person('per_assigned01');
  assert.not.ok(managesPartner(plainPerson, acme));
  assert.not.ok(seesPartner(plainPerson, acme));
});

for (const [name, reader] of [
  ['an auditor', auditor],
  ['an analyst', analyst],
] as const) {
  test(`${name} reads and sees every partner but manages none`, () => {
    assert.ok(readsEverything(reader));
    assert.not.ok(isVendorAdmin(reader));
    assert.not.ok(isChannelStaff(reader));
    for (const p of [acme, globex, nowhere]) {
      assert.ok(seesPartner(reader, p));
      assert.not.ok(managesPartner(reader, p));
    }
    assert.not.ok(isPartnerAdminOf(reader, acme.partnerId));
  });
}

for (const status of ['approved', 'active']) {
  test(`an employee of a partner that is ${status} sees that partner and no other`, () => {
    const admin = employeeOf(acme.partnerId, status);
    assert.ok(seesPartner(admin, acme));
    assert.equal(employerIs(admin, acme.partnerId), { partnerId: acme.partnerId, role: 'admin', status });
    assert.ok(isPartnerAdminOf(admin, acme.partnerId));
    assert.not.ok(managesPartner(admin, acme));
    assert.not.ok(isChannelStaff(admin));
    assert.not.ok(readsEverything(admin));
    assert.not.ok(seesPartner(admin, globex));
    assert.is(employerIs(admin, globex.partnerId), undefined);
    assert.not.ok(isPartnerAdminOf(admin, globex.partnerId));
  });
}

test('only an employee with the admin role is the partner admin', () => {
  for (const role of ['manager', 'sales', 'technical', 'marketing'] as const) {
    const employee = employeeOf(acme.partnerId, 'active', role);
    assert.ok(seesPartner(employee, acme));
    assert.not.ok(isPartnerAdminOf(employee, acme.partnerId));
  }
});

for (const status of ['suspended', 'terminated', 'applied', 'rejected']) {
  test(`an employee of a partner that is ${status} sees nothing of it`, () => {
    const admin = employeeOf(acme.partnerId, status);
    assert.not.ok(seesPartner(admin, acme));
    assert.is(employerIs(admin, acme.partnerId), undefined);
    assert.not.ok(isPartnerAdminOf(admin, acme.partnerId));
    assert.not.ok(managesPartner(admin, acme));
  });
}

test('a departed employee (no employer any more) sees nothing of the former partner', () => {
  const departed = person('per_employee01');
  assert.not.ok(seesPartner(departed, acme));
  assert.is(employerIs(departed, acme.partnerId), undefined);
});

test('a person with no role and no employer sees, reads and manages nothing', () => {
  for (const role of ['vendor_admin', 'channel_manager', 'auditor', 'analyst'] as const)
    assert.not.ok(hasVendorRole(nobody, role));
  assert.not.ok(isVendorAdmin(nobody));
  assert.not.ok(readsEverything(nobody));
  assert.not.ok(isChannelStaff(nobody));
  for (const p of [acme, globex, nowhere]) {
    assert.not.ok(seesPartner(nobody, p));
    assert.not.ok(managesPartner(nobody, p));
    assert.is(employerIs(nobody, p.partnerId), undefined);
    assert.not.ok(isPartnerAdminOf(nobody, p.partnerId));
  }
  assert.is(personIdOf(nobody), 'per_nobody001');
});

test.run();
