import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { kthLatest, readyUntil } from '../../projections/scorecard/readiness.js';
import { quadrantOf, type ChannelKpis } from '../../read-api/scorecard/channelHealth.js';
import { certifiedPeopleNow, readinessNow } from '../../read-api/scorecard/readinessNow.js';
import { tierSignal } from '../../read-api/scorecard/tierSignals.js';
import { defaultChannelSettings } from '../../domain/channel/index.js';

const EUR = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const criteria = {
  silver: { minWonRevenue: EUR(100), minCertifiedPeople: 1 },
  gold: { minWonRevenue: EUR(500), minCertifiedPeople: 3 },
  platinum: { minWonRevenue: EUR(2000), minCertifiedPeople: 5 },
};
const figures = (won: number, certifiedPeople: number, currency = 'EUR') => ({
  wonByCurrency: new Map([[currency, won]]),
  certifiedPeople,
});

const test = suite('tier signals, readiness and the quadrant: the rules');

test('upgrade to the highest tier whose criteria are met', () => {
  assert.is(tierSignal('registered', criteria, figures(600, 3))?.suggestedTier, 'gold');
  assert.is(tierSignal('silver', criteria, figures(5000, 9))?.suggestedTier, 'platinum');
  // Revenue alone is not enough: certified people count too.
  assert.is(tierSignal('silver', criteria, figures(5000, 2)), undefined);
  // Revenue in another currency does not count for a EUR criterion.
  assert.is(tierSignal('registered', criteria, figures(600, 3, 'USD'))?.signal, undefined);
});

test('downgrade below the own tier, to the highest lower tier met (a tier without criteria asks nothing)', () => {
  const s = tierSignal('gold', criteria, figures(200, 1));
  assert.is(s?.signal, 'downgrade');
  assert.is(s?.suggestedTier, 'silver');
  assert.is(s?.current.met, false);
  assert.equal(s?.current.wonRevenue, { required: EUR(500), actual: EUR(200), met: false });
  assert.is(tierSignal('platinum', criteria, figures(0, 0))?.suggestedTier, 'registered');
  assert.is(tierSignal('gold', { gold: criteria.gold }, figures(0, 0))?.suggestedTier, 'silver');
  assert.is(tierSignal('gold', criteria, figures(500, 3)), undefined);
});

test('tiers without criteria are never suggested as upgrades', () => {
  assert.is(tierSignal('registered', { platinum: criteria.platinum }, figures(100, 1)), undefined);
  assert.is(tierSignal('registered', {}, figures(1e9, 100)), undefined);
});

test('readiness from expiries: the k-th latest expiry is how long k people stay certified', () => {
  assert.is(kthLatest([30, 20, 10], 2), 20);
  assert.is(kthLatest([30], 2), null);
  assert.is(readyUntil({ storage: [30, 20], compute: [50] }, 1), new Date(50).toISOString());
  assert.is(readyUntil({ storage: [30, 20], compute: [50] }, 2), new Date(20).toISOString());
  assert.is(readyUntil({ storage: [30] }, 2), null);
  const now = new Date(25);
  assert.is(certifiedPeopleNow('[30,20,10]', now), 1);
  assert.equal(readinessNow('{"storage":[30,26],"compute":[20]}', ['storage', 'compute', 'network'], 2, now), {
    readiness: {
      storage: { certified: 2, ready: true },
      compute: { certified: 0, ready: false },
      network: { certified: 0, ready: false },
    },
    readyProductLines: ['storage'],
  });
});

test('the quadrant: enough partners against the desired count, performing against the threshold', () => {
  const kpis = (active: number, achievingPct: number | null) =>
    ({ partners: { active }, quota: { achievingPct } }) as unknown as ChannelKpis;
  const settings = { ...defaultChannelSettings, desiredPartnerCount: 10, quotaAttainmentThresholdPct: 50 };
  assert.is(quadrantOf(kpis(9, 49.99), settings).name, 'emerging_growth');
  assert.is(quadrantOf(kpis(9, 50), settings).name, 'scaling');
  assert.is(quadrantOf(kpis(10, 49.99), settings).name, 'sub_optimized');
  assert.is(quadrantOf(kpis(12, 80), settings).name, 'continuous_improvement');
  assert.is(quadrantOf(kpis(12, null), settings).name, 'sub_optimized');
  assert.is(quadrantOf(kpis(5, 50), settings).partnerCoveragePct, 50);
});

test.run();
