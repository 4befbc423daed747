import { previousPeriod, tierRank, tiers, type Tier } from '../../domain/shared/index.js';
import { DAY, model } from './model.js';
import { growTeams, setQuota } from './onboarding.js';
import { planFund } from './funds.js';
import { planRedemptions } from './points.js';
import { streams } from './streams.js';
import { person, type SimPartner, type World } from './world.js';

/** Won revenue of the four quarters before this one, and people holding a valid certification now. */
const figures = (w: World, p: SimPartner) => {
  let period = w.period();
  let won = 0;
  for (let i = 0; i < 4; i++) {
    period = previousPeriod(period);
    won += p.revenue.get(period) ?? 0;
  }
  const now = w.now() + DAY;
  const certified = [...p.employees].filter((id) => [...(w.people.get(id)?.certs.values() ?? [])].some((c) => !c.revoked && c.expiresAt > now)).length;
  return { won, certified };
};

/** The tier the criteria suggest (as read-api/scorecards/tierSignals.ts), or undefined when the partner fits its tier. */
const suggestedTier = (w: World, p: SimPartner): Tier | undefined => {
  const f = figures(w, p);
  const meets = (t: Tier) => {
    const c = model.tierCriteria[t];
    return c ? f.won >= c.minWonRevenue && f.certified >= c.minCertifiedPeople : undefined;
  };
  const rank = tierRank(p.tier ?? 'registered');
  const up = tiers.filter((t) => tierRank(t) > rank && meets(t) === true);
  if (up.length) return up[up.length - 1];
  if (meets(p.tier ?? 'registered') !== false) return undefined;
  const down = tiers.filter((t) => tierRank(t) < rank && meets(t) !== false);
  return down.length ? down[down.length - 1] : 'registered';
};

/**
 * The first day of a quarter: quotas for every partner in the channel, funds, a tier review after the
 * first year (the vendor acts on most signals, not all), redemptions, and teams that grow.
 */
export const planQuarter = (w: World, quarterIndex: number) => {
  for (const p of w.partners) {
    if (p.status !== 'approved' && p.status !== 'active' && p.status !== 'suspended') continue;
    if (quarterIndex >= 4 && p.status === 'active' && w.rng.chance(model.tierReviewActs)) {
      const to = suggestedTier(w, p);
      if (to && to !== p.tier) {
        const from = p.tier ?? 'registered';
        p.tier = to;
        w.task([], [streams.partner(p.id)], () => w.cmd.partner(w.ctx(person(p.cmId)), p.id, {
          type: 'ChangeTier', data: { tier: to, reason: `quarterly tier review (${from} -> ${to})` },
        }));
      }
    }
    setQuota(w, p);
    planFund(w, p);
  }
  planRedemptions(w);
  growTeams(w);
};
