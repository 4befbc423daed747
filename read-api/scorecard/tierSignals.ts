import type { ChannelSettings } from '../../domain/channel/index.js';
import { tierRank, tiers, type Tier } from '../../domain/shared/index.js';

type Criterion = NonNullable<ChannelSettings['tierCriteria'][Tier]>;

export interface PartnerFigures {
  /** Won revenue over the window, per currency. */
  readonly wonByCurrency: ReadonlyMap<string, number>;
  readonly certifiedPeople: number;
}

/** How a partner's figures compare with one tier's criteria. */
export const checkTier = (criterion: Criterion, f: PartnerFigures) => {
  const won = f.wonByCurrency.get(criterion.minWonRevenue.currency) ?? 0;
  const revenueMet = won >= criterion.minWonRevenue.amountMinor;
  const peopleMet = f.certifiedPeople >= criterion.minCertifiedPeople;
  return {
    met: revenueMet && peopleMet,
    wonRevenue: {
      required: criterion.minWonRevenue,
      actual: { amountMinor: won, currency: criterion.minWonRevenue.currency },
      met: revenueMet,
    },
    certifiedPeople: { required: criterion.minCertifiedPeople, actual: f.certifiedPeople, met: peopleMet },
  };
};

/**
 * The tier signal of a partner (README, "Tier signals"): `upgrade` to the highest tier above its own
 * whose criteria it meets; else `downgrade` when it falls below its own tier's criteria, to the highest
 * lower tier it meets (a tier without criteria asks for nothing). Tiers without criteria are never
 * suggested as upgrades: nothing says what earns them.
 */
export const tierSignal = (tier: Tier, criteria: ChannelSettings['tierCriteria'], f: PartnerFigures) => {
  const rank = tierRank(tier);
  const above = tiers.filter((t) => tierRank(t) > rank && criteria[t] && checkTier(criteria[t] as Criterion, f).met);
  if (above.length) {
    const suggested = above[above.length - 1];
    return {
      signal: 'upgrade' as const,
      suggestedTier: suggested,
      current: check(criteria, tier, f),
      suggested: check(criteria, suggested, f),
    };
  }
  const own = criteria[tier];
  if (!own || checkTier(own, f).met) return undefined;
  const below = tiers.filter((t) => tierRank(t) < rank && (!criteria[t] || checkTier(criteria[t] as Criterion, f).met));
  const suggested = below.length ? below[below.length - 1] : tiers[0];
  return {
    signal: 'downgrade' as const,
    suggestedTier: suggested,
    current: check(criteria, tier, f),
    suggested: check(criteria, suggested, f),
  };
};

const check = (criteria: ChannelSettings['tierCriteria'], tier: Tier, f: PartnerFigures) => {
  const c = criteria[tier];
  return c ? { tier, ...checkTier(c, f) } : { tier, met: true, wonRevenue: null, certifiedPeople: null };
};
