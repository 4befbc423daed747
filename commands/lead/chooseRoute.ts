import type { ChannelSettings } from '../../domain/channel/index.js';
import { candidateOf, leadLoadDecider, leadLoadStream, routeLead, type LeadState } from '../../domain/lead/index.js';
import { partnerDecider, partnerStream } from '../../domain/partner/index.js';
import type { UnitOfWork } from '../pipeline/index.js';
import type { LeadCandidates } from './leadCandidates.js';

/**
 * The routing rule applied inside a unit of work: eligible partners from `candidates`, minus those
 * that declined the lead or let it lapse (`exclude`), ranked by their lead loads as their streams hold
 * them now. The winner's load stream is appended with the version read here, so a concurrent routing
 * that took a place at the same partner first makes this one re-run on fresh figures. A winner whose
 * stream says it is no longer active, or in another region, is passed over (the read model lags).
 */
export const chooseRoute = async (
  uow: UnitOfWork,
  candidates: LeadCandidates,
  lead: LeadState,
  settings: ChannelSettings,
  exclude: readonly string[],
) => {
  const region = lead.region ?? '';
  const eligible = await candidates(region, lead.productLine ?? '', settings.minCertifiedForReady, uow.now);
  const excludedCount = eligible.filter((id) => exclude.includes(id)).length;
  let pool = [];
  for (const partnerId of eligible) {
    if (exclude.includes(partnerId)) continue;
    const { state } = await uow.load(leadLoadDecider, leadLoadStream(partnerId));
    pool.push(candidateOf(partnerId, state));
  }
  for (;;) {
    const choice = routeLead(pool, excludedCount);
    if (!choice) return undefined;
    const { state: partner } = await uow.load(partnerDecider, partnerStream(choice.partnerId));
    if (partner.status === 'active' && partner.region === region) return { ...choice, partnerStatus: partner.status };
    pool = pool.filter((c) => c.partnerId !== choice.partnerId);
  }
};
