/**
 * Partner lifecycle (DESIGN §4): applied -> approved -> active (agreement signed) -> suspended <-> active
 * -> terminated; applied -> rejected. Every transition and every refusal of the partner decider.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  ChannelManagerAssigned,
  PartnerActivated,
  PartnerAgreementSigned,
  PartnerApplied,
  PartnerApproved,
  PartnerQuotaSet,
  PartnerRegionChanged,
  PartnerRejected,
  PartnerReinstated,
  PartnerSuspended,
  PartnerTerminated,
  PartnerTierChanged,
  partnerDecider,
  type PartnerEvent,
  type PartnerStatus,
} from '../../../domain/partner/index.js';
import { money } from '../../../domain/shared/index.js';
import { spec } from '../../support/deciderSpec.js';

const partnerId = 'ptr_acme00001';
const distributorId = 'ptr_distri0001';
const managerId = 'per_manager001';

const applied = PartnerApplied.create({
  partnerId,
  name: 'Acme Resellers',
  website: 'https://acme.example',
  domain: 'acme.example',
  country: 'DE',
  region: 'emea',
  type: 'reseller',
});
const approved = PartnerApproved.create({ tier: 'registered' });
const signed = PartnerAgreementSigned.create({ agreementVersion: '2026-01', signedBy: 'Ada Acme' });
const activated = PartnerActivated.create({});
const suspended = PartnerSuspended.create({ reason: 'unpaid invoices' });
const terminated = PartnerTerminated.create({ reason: 'contract ended' });

/** The history that brings a partner to each status. */
const history: Record<Exclude<PartnerStatus, 'none'>, PartnerEvent[]> = {
  applied: [applied],
  approved: [applied, approved],
  active: [applied, approved, signed, activated],
  suspended: [applied, approved, signed, activated, suspended],
  terminated: [applied, approved, signed, activated, terminated],
  rejected: [applied, PartnerRejected.create({ reason: 'no fit' })],
};
const partner = spec(partnerDecider);
const given = (status: PartnerStatus) => partner.given(status === 'none' ? [] : history[status]);

const test = suite('partner decider');

// --- applying ---

test('a new partner applies', () => {
  const state = partner
    .given([])
    .when({
      type: 'ApplyPartner',
      data: {
        partnerId,
        name: 'Acme Resellers',
        website: 'https://acme.example',
        country: 'DE',
        region: 'emea',
        type: 'reseller',
      },
    })
    .thenEmits([applied]);
  assert.is(state.status, 'applied');
  assert.is(state.tier, undefined);
});

for (const parentStatus of ['approved', 'active']) {
  test(`a reseller applies under a distributor parent that is ${parentStatus} (two-tier)`, () => {
    const data = {
      partnerId,
      name: 'Acme Resellers',
      website: 'https://acme.example',
      country: 'DE',
      region: 'emea',
      type: 'reseller' as const,
      parentPartnerId: distributorId,
    };
    const state = partner
      .given([])
      .when({
        type: 'ApplyPartner',
        data: { ...data, parent: { partnerId: distributorId, type: 'distributor', status: parentStatus } },
      })
      .thenEmits([PartnerApplied.create({ ...data, domain: 'acme.example' })]);
    assert.is(state.parentPartnerId, distributorId);
  });
}

test('a partner cannot apply twice', () => {
  given('applied')
    .when({
      type: 'ApplyPartner',
      data: { partnerId, name: 'Again', website: 'https://acme.example', country: 'DE', region: 'emea', type: 'msp' },
    })
    .thenFails('duplicate', 'already exists');
});

test('a rejected partner cannot apply again on the same stream', () => {
  given('rejected')
    .when({
      type: 'ApplyPartner',
      data: { partnerId, name: 'Again', website: 'https://acme.example', country: 'DE', region: 'emea', type: 'msp' },
    })
    .thenFails('duplicate');
});

const applyUnder = (
  type: 'reseller' | 'distributor' | 'msp' | 'referral',
  parent?: { type?: 'reseller' | 'distributor' | 'msp' | 'referral'; status: string },
) => ({
  type: 'ApplyPartner' as const,
  data: {
    partnerId,
    name: 'Acme',
    website: 'https://acme.example',
    country: 'DE',
    region: 'emea',
    type,
    parentPartnerId: distributorId,
    parent: parent && { partnerId: distributorId, ...parent },
  },
});

for (const type of ['distributor', 'msp', 'referral'] as const) {
  test(`only a reseller may name a parent: a ${type} may not`, () => {
    given('none')
      .when(applyUnder(type, { type: 'distributor', status: 'active' }))
      .thenFails('invalid_state', 'only a reseller');
  });
}

test('the named parent must exist', () => {
  given('none').when(applyUnder('reseller')).thenFails('not_found', 'parent partner not found');
  given('none')
    .when(applyUnder('reseller', { status: 'none' }))
    .thenFails('not_found', 'parent partner not found');
});

for (const type of ['reseller', 'msp', 'referral'] as const) {
  test(`the parent must be a distributor, not a ${type}`, () => {
    given('none')
      .when(applyUnder('reseller', { type, status: 'active' }))
      .thenFails('invalid_state', 'must be a distributor');
  });
}

for (const status of ['applied', 'suspended', 'terminated', 'rejected']) {
  test(`the parent distributor must be operating, not ${status}`, () => {
    given('none')
      .when(applyUnder('reseller', { type: 'distributor', status }))
      .thenFails('invalid_state', `parent partner is ${status}`);
  });
}

// --- approving and rejecting ---

test('an applied partner is approved at a tier', () => {
  const state = given('applied')
    .when({ type: 'ApprovePartner', data: { tier: 'silver' } })
    .thenEmits([PartnerApproved.create({ tier: 'silver' })]);
  assert.is(state.status, 'approved');
  assert.is(state.tier, 'silver');
});

test('an applied partner is rejected', () => {
  const state = given('applied')
    .when({ type: 'RejectPartner', data: { reason: 'no fit' } })
    .thenEmits([PartnerRejected.create({ reason: 'no fit' })]);
  assert.is(state.status, 'rejected');
});

for (const status of ['approved', 'active', 'suspended', 'terminated', 'rejected'] as const) {
  test(`a partner that is ${status} can be neither approved nor rejected`, () => {
    given(status)
      .when({ type: 'ApprovePartner', data: { tier: 'gold' } })
      .thenFails('invalid_state', `cannot approve a partner that is ${status}`);
    given(status)
      .when({ type: 'RejectPartner', data: { reason: 'late' } })
      .thenFails('invalid_state', `cannot reject a partner that is ${status}`);
  });
}

// --- the agreement ---

test('signing the agreement activates an approved partner', () => {
  const state = given('approved')
    .when({ type: 'SignAgreement', data: { agreementVersion: '2026-01', signedBy: 'Ada Acme' } })
    .thenEmits([signed, activated]);
  assert.is(state.status, 'active');
  assert.equal(state.agreementVersions, ['2026-01']);
});

test('an active partner signs a new agreement version and stays active', () => {
  const state = given('active')
    .when({ type: 'SignAgreement', data: { agreementVersion: '2027-01', signedBy: 'Ada Acme' } })
    .thenEmits([PartnerAgreementSigned.create({ agreementVersion: '2027-01', signedBy: 'Ada Acme' })]);
  assert.is(state.status, 'active');
  assert.equal(state.agreementVersions, ['2026-01', '2027-01']);
});

test('a suspended partner signs a new agreement version but stays suspended', () => {
  const state = given('suspended')
    .when({ type: 'SignAgreement', data: { agreementVersion: '2027-01', signedBy: 'Ada Acme' } })
    .thenEmits([PartnerAgreementSigned.create({ agreementVersion: '2027-01', signedBy: 'Ada Acme' })]);
  assert.is(state.status, 'suspended');
});

test('the same agreement version cannot be signed twice', () => {
  given('active')
    .when({ type: 'SignAgreement', data: { agreementVersion: '2026-01', signedBy: 'Bob' } })
    .thenFails('invalid_state', 'already signed');
});

for (const status of ['applied', 'terminated', 'rejected'] as const) {
  test(`a partner that is ${status} cannot sign an agreement`, () => {
    given(status)
      .when({ type: 'SignAgreement', data: { agreementVersion: '2026-02', signedBy: 'Ada' } })
      .thenFails('invalid_state', `that is ${status}`);
  });
}

// --- tier, region, channel manager, quota ---

for (const status of ['approved', 'active', 'suspended'] as const) {
  test(`the tier of a partner that is ${status} changes, recording from and to`, () => {
    const state = given(status)
      .when({ type: 'ChangeTier', data: { tier: 'gold', reason: 'revenue' } })
      .thenEmits([PartnerTierChanged.create({ from: 'registered', to: 'gold', reason: 'revenue' })]);
    assert.is(state.tier, 'gold');
  });
}

test('a tier change to the current tier is refused', () => {
  given('active')
    .when({ type: 'ChangeTier', data: { tier: 'registered', reason: 'none' } })
    .thenFails('invalid_state', 'already registered');
});

for (const status of ['applied', 'terminated', 'rejected'] as const) {
  test(`the tier of a partner that is ${status} cannot change`, () => {
    given(status)
      .when({ type: 'ChangeTier', data: { tier: 'gold', reason: 'x' } })
      .thenFails('invalid_state', `that is ${status}`);
  });
}

for (const status of ['applied', 'approved', 'active', 'suspended'] as const) {
  test(`the region of a partner that is ${status} changes, recording from and to`, () => {
    const state = given(status)
      .when({ type: 'ChangeRegion', data: { region: 'north-america' } })
      .thenEmits([PartnerRegionChanged.create({ from: 'emea', to: 'north-america' })]);
    assert.is(state.region, 'north-america');
  });
}

test('a region change to the current region is refused', () => {
  given('active')
    .when({ type: 'ChangeRegion', data: { region: 'emea' } })
    .thenFails('invalid_state', 'already in region emea');
});

for (const status of ['terminated', 'rejected'] as const) {
  test(`the region of a partner that is ${status} cannot change`, () => {
    given(status)
      .when({ type: 'ChangeRegion', data: { region: 'apac' } })
      .thenFails('invalid_state', `that is ${status}`);
  });
}

for (const status of ['applied', 'approved', 'active', 'suspended'] as const) {
  test(`a channel manager is assigned to a partner that is ${status}`, () => {
    const state = given(status)
      .when({ type: 'AssignChannelManager', data: { personId: managerId, personIsChannelManager: true } })
      .thenEmits([ChannelManagerAssigned.create({ personId: managerId })]);
    assert.is(state.channelManagerId, managerId);
  });
}

test('another channel manager replaces the assigned one', () => {
  const state = partner
    .given([...history.active, ChannelManagerAssigned.create({ personId: managerId })])
    .when({ type: 'AssignChannelManager', data: { personId: 'per_manager002', personIsChannelManager: true } })
    .thenEmits([ChannelManagerAssigned.create({ personId: 'per_manager002' })]);
  assert.is(state.channelManagerId, 'per_manager002');
});

test('only a person holding the channel_manager role can be assigned', () => {
  given('active')
    .when({ type: 'AssignChannelManager', data: { personId: managerId, personIsChannelManager: false } })
    .thenFails('invalid_state', 'does not hold the channel_manager role');
});

test('assigning the channel manager already assigned is refused', () => {
  partner
    .given([...history.active, ChannelManagerAssigned.create({ personId: managerId })])
    .when({ type: 'AssignChannelManager', data: { personId: managerId, personIsChannelManager: true } })
    .thenFails('invalid_state', 'already assigned');
});

for (const status of ['terminated', 'rejected'] as const) {
  test(`no channel manager is assigned to a partner that is ${status}`, () => {
    given(status)
      .when({ type: 'AssignChannelManager', data: { personId: managerId, personIsChannelManager: true } })
      .thenFails('invalid_state', `that is ${status}`);
  });
}

for (const status of ['approved', 'active', 'suspended'] as const) {
  test(`a quota is set for a partner that is ${status}`, () => {
    const amount = money(5_000_000, 'EUR');
    const state = given(status)
      .when({ type: 'SetQuota', data: { period: '2026-Q2', amount } })
      .thenEmits([PartnerQuotaSet.create({ period: '2026-Q2', amount })]);
    assert.equal(state.quotas, { '2026-Q2': amount });
  });
}

test('setting the quota of a period again replaces it and keeps other periods', () => {
  const state = partner
    .given([
      ...history.active,
      PartnerQuotaSet.create({ period: '2026-Q1', amount: money(100) }),
      PartnerQuotaSet.create({ period: '2026-Q2', amount: money(200) }),
    ])
    .when({ type: 'SetQuota', data: { period: '2026-Q2', amount: money(300) } })
    .thenEmits([PartnerQuotaSet.create({ period: '2026-Q2', amount: money(300) })]);
  assert.equal(state.quotas, { '2026-Q1': money(100), '2026-Q2': money(300) });
});

for (const status of ['applied', 'terminated', 'rejected'] as const) {
  test(`no quota is set for a partner that is ${status}`, () => {
    given(status)
      .when({ type: 'SetQuota', data: { period: '2026-Q2', amount: money(1) } })
      .thenFails('invalid_state', `that is ${status}`);
  });
}

// --- suspension, reinstatement, termination ---

test('an active partner is suspended', () => {
  const state = given('active')
    .when({ type: 'SuspendPartner', data: { reason: 'unpaid invoices' } })
    .thenEmits([suspended]);
  assert.is(state.status, 'suspended');
});

for (const status of ['applied', 'approved', 'suspended', 'terminated', 'rejected'] as const) {
  test(`a partner that is ${status} cannot be suspended`, () => {
    given(status)
      .when({ type: 'SuspendPartner', data: { reason: 'x' } })
      .thenFails('invalid_state', `cannot suspend a partner that is ${status}`);
  });
}

test('a suspended partner is reinstated to active', () => {
  const state = given('suspended')
    .when({ type: 'ReinstatePartner', data: {} })
    .thenEmits([PartnerReinstated.create({})]);
  assert.is(state.status, 'active');
});

for (const status of ['applied', 'approved', 'active', 'terminated', 'rejected'] as const) {
  test(`a partner that is ${status} cannot be reinstated`, () => {
    given(status)
      .when({ type: 'ReinstatePartner', data: {} })
      .thenFails('invalid_state', `cannot reinstate a partner that is ${status}`);
  });
}

for (const status of ['approved', 'active', 'suspended'] as const) {
  test(`a partner that is ${status} is terminated`, () => {
    const state = given(status)
      .when({ type: 'TerminatePartner', data: { reason: 'contract ended' } })
      .thenEmits([terminated]);
    assert.is(state.status, 'terminated');
  });
}

for (const status of ['applied', 'terminated', 'rejected'] as const) {
  test(`a partner that is ${status} cannot be terminated`, () => {
    given(status)
      .when({ type: 'TerminatePartner', data: { reason: 'x' } })
      .thenFails('invalid_state', `cannot terminate a partner that is ${status}`);
  });
}

// --- a partner that never applied ---

test('every command but ApplyPartner on a partner that never applied: not found', () => {
  given('none')
    .when({ type: 'ApprovePartner', data: { tier: 'gold' } })
    .thenFails('not_found', 'partner not found');
  given('none')
    .when({ type: 'RejectPartner', data: { reason: 'x' } })
    .thenFails('not_found');
  given('none')
    .when({ type: 'SignAgreement', data: { agreementVersion: '1', signedBy: 'x' } })
    .thenFails('not_found');
  given('none')
    .when({ type: 'ChangeTier', data: { tier: 'gold', reason: 'x' } })
    .thenFails('not_found');
  given('none')
    .when({ type: 'ChangeRegion', data: { region: 'emea' } })
    .thenFails('not_found');
  given('none')
    .when({ type: 'AssignChannelManager', data: { personId: managerId, personIsChannelManager: true } })
    .thenFails('not_found');
  given('none')
    .when({ type: 'SetQuota', data: { period: '2026-Q1', amount: money(1) } })
    .thenFails('not_found');
  given('none')
    .when({ type: 'SuspendPartner', data: { reason: 'x' } })
    .thenFails('not_found');
  given('none').when({ type: 'ReinstatePartner', data: {} }).thenFails('not_found');
  given('none')
    .when({ type: 'TerminatePartner', data: { reason: 'x' } })
    .thenFails('not_found');
});

test.run();
