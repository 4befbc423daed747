/**
 * Channel settings (DESIGN §4): one singleton stream; ChannelSettingsChanged records only what
 * really changes. The decider never refuses: the bounds of every setting live in the
 * ChannelSettingsChange schema, checked here too.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  channelDecider,
  ChannelSettingsChange,
  ChannelSettingsChanged,
  defaultChannelSettings,
} from '../../../domain/channel/index.js';
import { money } from '../../../domain/shared/index.js';
import { spec } from '../../support/deciderSpec.js';

const channel = spec(channelDecider);
const gold = { minWonRevenue: money(10_000_000), minCertifiedPeople: 3 };

const test = suite('channel decider');

test('a new channel has the documented defaults', () => {
  assert.is(channelDecider.initialState.dealProtectionDays, 90);
  assert.is(channelDecider.initialState.maxDealExtensions, 2);
  assert.is(channelDecider.initialState.minCertifiedForReady, 1);
  assert.is(channelDecider.initialState.mdfClaimDays, 60);
  assert.equal(channelDecider.initialState.productLines, ['storage', 'compute', 'network', 'software', 'services']);
  assert.equal(channelDecider.initialState.tierCriteria, {});
});

test('a changed setting is recorded and applied', () => {
  const state = channel
    .given([])
    .when({ type: 'ChangeChannelSettings', data: { dealProtectionDays: 60 } })
    .thenEmits([ChannelSettingsChanged.create({ dealProtectionDays: 60 })]);
  assert.equal(state, { ...defaultChannelSettings, dealProtectionDays: 60 });
});

test('only the settings that really change are recorded', () => {
  channel
    .given([ChannelSettingsChanged.create({ mdfClaimDays: 30 })])
    .when({
      type: 'ChangeChannelSettings',
      data: { dealProtectionDays: 90, mdfClaimDays: 45, maxDealExtensions: 2, desiredPartnerCount: 250 },
    })
    .thenEmits([ChannelSettingsChanged.create({ mdfClaimDays: 45, desiredPartnerCount: 250 })]);
});

test('a change to nothing records nothing', () => {
  channel.given([]).when({ type: 'ChangeChannelSettings', data: {} }).thenEmits([]);
  channel
    .given([])
    .when({
      type: 'ChangeChannelSettings',
      data: { dealProtectionDays: 90, productLines: [...defaultChannelSettings.productLines] },
    })
    .thenEmits([]);
  channel
    .given([ChannelSettingsChanged.create({ pointsExpiryMonths: 12 })])
    .when({ type: 'ChangeChannelSettings', data: { pointsExpiryMonths: 12 } })
    .thenEmits([]);
});

test('an absent (undefined) setting is not a change', () => {
  channel
    .given([])
    .when({ type: 'ChangeChannelSettings', data: { dealProtectionDays: undefined, mdfClaimDays: 30 } })
    .thenEmits([ChannelSettingsChanged.create({ mdfClaimDays: 30 })]);
});

test('the product lines are replaced as a whole', () => {
  const state = channel
    .given([])
    .when({ type: 'ChangeChannelSettings', data: { productLines: ['storage', 'security'] } })
    .thenEmits([ChannelSettingsChanged.create({ productLines: ['storage', 'security'] })]);
  assert.equal(state.productLines, ['storage', 'security']);
});

test('tier criteria are set per tier and merge with the criteria of other tiers', () => {
  const silver = { minWonRevenue: money(1_000_000), minCertifiedPeople: 1 };
  const state = channel
    .given([ChannelSettingsChanged.create({ tierCriteria: { silver } })])
    .when({ type: 'ChangeChannelSettings', data: { tierCriteria: { gold } } })
    .thenEmits([ChannelSettingsChanged.create({ tierCriteria: { gold } })]);
  assert.equal(state.tierCriteria, { silver, gold });
});

test('tier criteria equal in content (keys in another order) are not a change', () => {
  channel
    .given([ChannelSettingsChanged.create({ tierCriteria: { gold } })])
    .when({
      type: 'ChangeChannelSettings',
      data: {
        tierCriteria: { gold: { minCertifiedPeople: 3, minWonRevenue: { currency: 'USD', amountMinor: 10_000_000 } } },
      },
    })
    .thenEmits([]);
});

test('a changed criterion of a tier is recorded', () => {
  const state = channel
    .given([ChannelSettingsChanged.create({ tierCriteria: { gold } })])
    .when({ type: 'ChangeChannelSettings', data: { tierCriteria: { gold: { ...gold, minCertifiedPeople: 5 } } } })
    .thenEmits([ChannelSettingsChanged.create({ tierCriteria: { gold: { ...gold, minCertifiedPeople: 5 } } })]);
  assert.is(state.tierCriteria.gold?.minCertifiedPeople, 5);
});

test('successive changes accumulate', () => {
  const state = channel
    .given([
      ChannelSettingsChanged.create({ dealProtectionDays: 30 }),
      ChannelSettingsChanged.create({ maxDealExtensions: 0 }),
    ])
    .when({ type: 'ChangeChannelSettings', data: { minCertifiedForReady: 4 } })
    .thenEmits([ChannelSettingsChanged.create({ minCertifiedForReady: 4 })]);
  assert.equal(state, {
    ...defaultChannelSettings,
    dealProtectionDays: 30,
    maxDealExtensions: 0,
    minCertifiedForReady: 4,
  });
});

const refused: Array<[string, unknown]> = [
  ['a negative desired partner count', { desiredPartnerCount: -1 }],
  ['a fractional desired partner count', { desiredPartnerCount: 1.5 }],
  ['a threshold above 1000%', { quotaAttainmentThresholdPct: 1001 }],
  ['zero days of deal protection', { dealProtectionDays: 0 }],
  ['more than ten years of deal protection', { dealProtectionDays: 3651 }],
  ['a negative number of deal extensions', { maxDealExtensions: -1 }],
  ['zero certified people for ready', { minCertifiedForReady: 0 }],
  ['zero MDF claim days', { mdfClaimDays: 0 }],
  ['negative points per won amount unit', { pointsPerWonAmountUnit: -0.5 }],
  ['zero points expiry months', { pointsExpiryMonths: 0 }],
  ['no product lines', { productLines: [] }],
  ['duplicate product lines', { productLines: ['storage', 'storage'] }],
  ['a product line that is not a slug', { productLines: ['Storage Arrays'] }],
  ['a tier that does not exist', { tierCriteria: { diamond: gold } }],
  [
    'a criterion with negative revenue',
    { tierCriteria: { gold: { ...gold, minWonRevenue: { amountMinor: -1, currency: 'USD' } } } },
  ],
  ['a criterion with an unknown key', { tierCriteria: { gold: { ...gold, bonus: 1 } } }],
  ['a setting that does not exist', { dealProtectionWeeks: 4 }],
  ['a number given as a string', { dealProtectionDays: '90' }],
];
for (const [what, change] of refused) {
  test(`the settings schema refuses ${what}`, () => {
    assert.not.ok(ChannelSettingsChange.safeParse(change).success);
  });
}

test('the settings schema accepts every setting at its bounds', () => {
  const change = {
    desiredPartnerCount: 0,
    quotaAttainmentThresholdPct: 1000,
    dealProtectionDays: 3650,
    maxDealExtensions: 0,
    minCertifiedForReady: 1,
    mdfClaimDays: 1,
    pointsPerWonAmountUnit: 0,
    pointsExpiryMonths: 240,
    productLines: ['storage'],
    tierCriteria: { platinum: gold },
  };
  assert.equal(ChannelSettingsChange.parse(change), change);
});

test.run();
