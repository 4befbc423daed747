import { previousPeriod, type Tier } from '../../domain/shared/index.js';
import { tierSignal } from '../../read-api/scorecard/tierSignals.js';
import { CURRENCY, DAY, model, tierCriteriaMoney } from './model.js';
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
  const certified = [...p.employees].filter((id) =>
    [...(w.people.get(id)?.certs.values() ?? [])].some((c) => !c.revoked && c.expiresAt > now),
  ).length;
  return { won, certified };
};

/** The tier the criteria suggest (read-api/scorecard/tierSignals.ts), or undefined when the partner fits its tier. */
const suggestedTier = (w: World, p: SimPartner): Tier | undefined => {
  const f = figures(w, p);
  // Revenue is kept in whole EUR: EUR has two minor digits.
  return tierSignal(p.tier ?? 'registered', tierCriteriaMoney, {
    wonByCurrency: new Map([[CURRENCY, f.won * 100]]),
    certifiedPeople: f.certified,
  })?.suggestedTier;
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
        w.command([], [streams.partner(p.id)], () =>
          w.cmd.partner.changeTier(w.ctx(person(p.cmId)), w.system, {
            partnerId: p.id,
            tier: to,
            reason: `quarterly tier review (${from} -> ${to})`,
          }),
        );
      }
    }
    setQuota(w, p);
    planFund(w, p);
  }
  planRedemptions(w);
  growTeams(w);
};
