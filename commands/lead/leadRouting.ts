import * as E from 'fp-ts/lib/Either.js';
import { systemPrincipal, type Caller } from '../../domain/access/index.js';
import { leadDecider, leadStream } from '../../domain/lead/index.js';
import { domainError } from '../../domain/shared/index.js';
import { createKeyedLock } from '../../infra/keyedLock.js';
import { actorOf } from '../auth/actorOf.js';
import type { CommandContext, CommandPipeline } from '../pipeline/index.js';
import { chooseRoute } from './chooseRoute.js';
import type { LeadCandidates } from './leadCandidates.js';
import { manages, offerTo, type LeadUnit } from './leadUnit.js';

/** The sweeper's caller: the decider itself checks that the acceptance window passed. */
const SWEEPER = systemPrincipal('lead-acceptance-sweeper');
const noEligiblePartner = () =>
  E.left(
    domainError('no_eligible_partner', "no active partner in the lead's region is ready to sell its product line"),
  );

/**
 * Routing a lead to a partner, and the sweeper's lapse that routes it on. Routings of one region queue
 * in this process, so that 200 of them at once take their turns instead of retrying against each other.
 */
export const leadRouting = (pipeline: CommandPipeline, unit: LeadUnit, candidates: LeadCandidates) => {
  const { onLead, decideLead, take, release } = unit;
  const pools = createKeyedLock();

  /**
   * Queues work behind the other routings of the lead's region: only partners of that region are
   * eligible, so routings elsewhere never compete for the same loads (a queue per product line would:
   * both would pick the same least-loaded partner, and one of them retry, again and again).
   */
  const inPool = async <T>(leadId: string, work: () => Promise<T>) => {
    const { state } = await pipeline.peek(leadDecider, leadStream(leadId));
    return pools(state.region ?? '', work);
  };

  const route = (ctx: CommandContext, principal: Caller, input: { leadId: string }) =>
    inPool(input.leadId, () =>
      onLead(ctx, principal, input.leadId, manages, 'route', async (uow, lead, settings) => {
        if (lead.status === 'assigned')
          return E.left(domainError('invalid_state', 'the lead is assigned: assign it by hand to move it'));
        if (lead.status !== 'registered' && lead.status !== 'declined' && lead.status !== 'lapsed')
          return E.left(domainError('invalid_state', `cannot route a lead that is ${lead.status}`));
        const choice = await chooseRoute(uow, candidates, lead, settings, lead.excluded);
        if (!choice) return noEligiblePartner();
        const next = offerTo(choice, actorOf(principal).id, settings, choice.routing);
        const decided = await decideLead(uow, input.leadId, { type: 'AssignLead', data: next });
        if (E.isLeft(decided)) return decided;
        const taken = await take(uow, choice.partnerId, input.leadId);
        return E.isLeft(taken) ? taken : decided;
      }),
    );

  /** The sweeper's: records the lapse and, with `autoRouteLapsedLeads`, routes the lead on in the same append. */
  const lapse = (ctx: CommandContext, leadId: string) =>
    inPool(leadId, () =>
      onLead(
        ctx,
        SWEEPER,
        leadId,
        () => true,
        'lapse',
        async (uow, lead, settings) => {
          const holder = lead.partnerId;
          const routed =
            settings.autoRouteLapsedLeads && holder && lead.status === 'assigned'
              ? await chooseRoute(uow, candidates, lead, settings, [...lead.excluded, holder])
              : undefined;
          const next = routed && offerTo(routed, SWEEPER.id, settings, routed.routing);
          const decided = await decideLead(uow, leadId, { type: 'LapseLead', data: next ? { next } : {} });
          if (E.isLeft(decided) || !holder) return decided;
          const released = await release(uow, holder, leadId, 'lapsed');
          if (E.isLeft(released) || !next) return E.isLeft(released) ? released : decided;
          const taken = await take(uow, next.partnerId, leadId);
          return E.isLeft(taken) ? taken : decided;
        },
      ),
    );

  return { route, lapse };
};
