import type { RoutingCandidate, RoutingDecisive } from './events.js';
import type { LeadLoadState } from './state.js';

/** Candidates recorded with a routed assignment: enough to see the winner's margin, bounded in size. */
export const RECORDED_CANDIDATES = 20;

export const conversionPct = (load: LeadLoadState): number | null =>
  load.resolved > 0 ? Math.round((load.converted / load.resolved) * 10_000) / 100 : null;

export const candidateOf = (partnerId: string, load: LeadLoadState): RoutingCandidate => ({
  partnerId,
  openLeads: load.open,
  converted: load.converted,
  resolved: load.resolved,
  conversionPct: conversionPct(load),
  assignedEver: load.assignedEver,
});

/**
 * The channel's routing rule (DESIGN §13), as an order: lowest open-lead load, then best conversion
 * rate (a partner with no outcome yet ranks after every known rate), then fewest leads ever assigned
 * (newcomers catch up), then partner id, so the choice is total and replayable.
 */
export const compareCandidates = (a: RoutingCandidate, b: RoutingCandidate): number =>
  a.openLeads - b.openLeads ||
  (b.conversionPct ?? -1) - (a.conversionPct ?? -1) ||
  a.assignedEver - b.assignedEver ||
  (a.partnerId < b.partnerId ? -1 : a.partnerId > b.partnerId ? 1 : 0);

const pct = (v: number | null) => (v === null ? 'none yet' : `${v}%`);

/** Which comparison separated the winner from the runner-up, in words an auditor can check. */
const decisive = (w: RoutingCandidate, r: RoutingCandidate | undefined): [RoutingDecisive, string] => {
  if (!r) return ['only_candidate', 'the only eligible partner'];
  if (w.openLeads !== r.openLeads)
    return ['lowest_load', `lowest open-lead load: ${w.openLeads} open against ${r.openLeads} for the next partner`];
  if (w.conversionPct !== r.conversionPct)
    return [
      'best_conversion',
      `equal load (${w.openLeads} open), best conversion rate: ${pct(w.conversionPct)} against ${pct(r.conversionPct)}`,
    ];
  if (w.assignedEver !== r.assignedEver)
    return [
      'fewest_assigned',
      `equal load and conversion rate, fewest leads ever assigned: ${w.assignedEver} against ${r.assignedEver}`,
    ];
  return ['partner_id', 'equal on every figure: the lowest partner id'];
};

/** Ranks the candidates and says who wins and why; undefined when there is nobody to choose. */
export const routeLead = (candidates: readonly RoutingCandidate[], excludedCount: number) => {
  if (candidates.length === 0) return undefined;
  const ranked = [...candidates].sort(compareCandidates);
  const [decidedBy, reason] = decisive(ranked[0], ranked[1]);
  return {
    partnerId: ranked[0].partnerId,
    routing: {
      candidates: ranked.slice(0, RECORDED_CANDIDATES),
      candidateCount: ranked.length,
      excludedCount,
      decidedBy,
      reason,
    },
  };
};
