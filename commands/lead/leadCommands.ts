import * as E from 'fp-ts/lib/Either.js';
import { systemPrincipal, type Caller } from '../../domain/access/index.js';
import { CHANNEL_STREAM, channelDecider, type ChannelSettings } from '../../domain/channel/index.js';
import {
  answersLead,
  leadDecider,
  leadLoadDecider,
  leadLoadStream,
  leadStream,
  managesLead,
  seesLead,
  type LeadCommand,
  type LeadOutcome,
  type LeadScope,
  type LeadState,
  type NextAssignment,
} from '../../domain/lead/index.js';
import { partnerDecider, partnerStream } from '../../domain/partner/index.js';
import { domainError, type DomainError, type IdGenerator } from '../../domain/shared/index.js';
import { createKeyedLock } from '../../infra/keyedLock.js';
import { actorOf } from '../auth/actorOf.js';
import { forbidden, notFound } from '../auth/refusals.js';
import type { DealCommands } from '../deal/dealCommands.js';
import type { CommandContext, CommandOutcome, CommandPipeline, Target, UnitOfWork } from '../pipeline/index.js';
import { chooseRoute } from './chooseRoute.js';
import { noLeadCandidates, type LeadCandidates } from './leadCandidates.js';
import type { ConvertLeadBody, RegisterLeadBody } from './leadSchemas.js';

export interface LeadDeps {
  readonly pipeline: CommandPipeline;
  readonly ids: IdGenerator;
  readonly deals: DealCommands;
  readonly candidates?: LeadCandidates;
}

type Rule = (p: Caller, lead: LeadScope, state: LeadState) => boolean;
type Work = (uow: UnitOfWork, lead: LeadState, settings: ChannelSettings) => Promise<E.Either<DomainError, Target>>;

/** The sweeper's caller: the decider itself checks that the acceptance window passed. */
const SWEEPER = systemPrincipal('lead-acceptance-sweeper');
const manages: Rule = (p, lead) => managesLead(p, lead);
const answers: Rule = (p, lead) => answersLead(p, lead);
/** Vendor staff of the region disqualify any open lead; the holder's admins and managers one they accepted. */
const disqualifies: Rule = (p, lead, state) =>
  managesLead(p, lead) || (answersLead(p, lead) && state.status === 'accepted');
const noEligiblePartner = () =>
  E.left(
    domainError('no_eligible_partner', "no active partner in the lead's region is ready to sell its product line"),
  );

/**
 * Vendor-sourced lead commands (DESIGN §13), independent of HTTP. Every change of who holds a lead is
 * appended together with the partners' lead-load streams it touches, expecting the versions read; and
 * routings of one region queue in this process, so that 200 of them at once take their turns instead
 * of retrying against each other.
 */
export const leadCommands = (deps: LeadDeps) => {
  const { pipeline, ids, deals } = deps;
  const candidates = deps.candidates ?? noLeadCandidates;
  const pools = createKeyedLock();

  /** What the access rules need: the lead's region, its holder's scope, who converted it. */
  const scopeOf = async (uow: UnitOfWork, lead: LeadState, convertedBy?: string): Promise<LeadScope> => {
    if (!lead.partnerId) return { region: lead.region ?? '' };
    const { state: partner } = await uow.load(partnerDecider, partnerStream(lead.partnerId));
    const holder = { partnerId: lead.partnerId, region: partner.region, channelManagerId: partner.channelManagerId };
    return { region: lead.region ?? '', holder, ...(convertedBy ? { convertedBy } : {}) };
  };

  const load = (uow: UnitOfWork, partnerId: string, command: Parameters<typeof leadLoadDecider.decide>[0]) =>
    uow.decide(leadLoadDecider, leadLoadStream(partnerId), command);
  const release = (uow: UnitOfWork, partnerId: string, leadId: string, outcome: LeadOutcome) =>
    load(uow, partnerId, { type: 'ReleaseLead', data: { leadId, outcome } });

  /** One command on an existing lead: visible (else 404), allowed (else 403), then `work`. */
  const onLead = (ctx: CommandContext, principal: Caller, leadId: string, rule: Rule, action: string, work: Work) =>
    pipeline.execute(ctx, async (uow) => {
      const { state: lead } = await uow.load(leadDecider, leadStream(leadId));
      if (lead.status === 'none') return notFound('lead');
      if (principal.kind !== 'system') {
        const scope = await scopeOf(uow, lead);
        if (!seesLead(principal, scope)) return notFound('lead');
        if (!rule(principal, scope, lead)) return forbidden(`not allowed to ${action} this lead`);
      }
      const { state: settings } = await uow.load(channelDecider, CHANNEL_STREAM);
      return work(uow, lead, settings);
    });

  /** Decides the lead's command and answers the lead as the target. */
  const decideLead = async (uow: UnitOfWork, leadId: string, command: LeadCommand) => {
    const decided = await uow.decide(leadDecider, leadStream(leadId), command);
    return E.isLeft(decided) ? decided : E.right({ id: leadId, streamId: leadStream(leadId) });
  };

  /**
   * Queues work behind the other routings of the lead's region: only partners of that region are
   * eligible, so routings elsewhere never compete for the same loads (a queue per product line would:
   * both would pick the same least-loaded partner, and one of them retry, again and again).
   */
  const inPool = async <T>(leadId: string, work: () => Promise<T>) => {
    const { state } = await pipeline.peek(leadDecider, leadStream(leadId));
    return pools(state.region ?? '', work);
  };

  const register = (ctx: CommandContext, principal: Caller, body: RegisterLeadBody): CommandOutcome =>
    pipeline.execute(ctx, async (uow) => {
      if (!managesLead(principal, body)) return forbidden("leads are registered by vendor staff of the lead's region");
      const { state: settings } = await uow.load(channelDecider, CHANNEL_STREAM);
      const leadId = ids.next('lead');
      return decideLead(uow, leadId, {
        type: 'RegisterLead',
        data: { leadId, ...body, registeredBy: actorOf(principal).id, productLines: settings.productLines },
      });
    });

  const assign = (ctx: CommandContext, principal: Caller, input: { leadId: string; partnerId: string }) =>
    onLead(ctx, principal, input.leadId, manages, 'assign', async (uow, lead, settings) => {
      const { state: partner } = await uow.load(partnerDecider, partnerStream(input.partnerId));
      const next: NextAssignment = {
        partnerId: input.partnerId,
        partnerStatus: partner.status,
        by: 'manual',
        assignedBy: actorOf(principal).id,
        acceptHours: settings.leadAcceptHours,
      };
      const decided = await decideLead(uow, input.leadId, { type: 'AssignLead', data: next });
      if (E.isLeft(decided)) return decided;
      if (lead.status === 'assigned' && lead.partnerId) {
        const released = await release(uow, lead.partnerId, input.leadId, 'reassigned');
        if (E.isLeft(released)) return released;
      }
      const taken = await load(uow, input.partnerId, { type: 'TakeLead', data: { leadId: input.leadId } });
      return E.isLeft(taken) ? taken : decided;
    });

  const route = (ctx: CommandContext, principal: Caller, input: { leadId: string }) =>
    inPool(input.leadId, () =>
      onLead(ctx, principal, input.leadId, manages, 'route', async (uow, lead, settings) => {
        if (lead.status === 'assigned')
          return E.left(domainError('invalid_state', 'the lead is assigned: assign it by hand to move it'));
        if (lead.status !== 'registered' && lead.status !== 'declined' && lead.status !== 'lapsed')
          return E.left(domainError('invalid_state', `cannot route a lead that is ${lead.status}`));
        const choice = await chooseRoute(uow, candidates, lead, settings, lead.excluded);
        if (!choice) return noEligiblePartner();
        const next: NextAssignment = {
          partnerId: choice.partnerId,
          partnerStatus: choice.partnerStatus,
          by: 'routing',
          assignedBy: actorOf(principal).id,
          acceptHours: settings.leadAcceptHours,
          routing: choice.routing,
        };
        const decided = await decideLead(uow, input.leadId, { type: 'AssignLead', data: next });
        if (E.isLeft(decided)) return decided;
        const taken = await load(uow, choice.partnerId, { type: 'TakeLead', data: { leadId: input.leadId } });
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
          const next: NextAssignment | undefined = routed && {
            partnerId: routed.partnerId,
            partnerStatus: routed.partnerStatus,
            by: 'routing',
            assignedBy: SWEEPER.id,
            acceptHours: settings.leadAcceptHours,
            routing: routed.routing,
          };
          const decided = await decideLead(uow, leadId, { type: 'LapseLead', data: next ? { next } : {} });
          if (E.isLeft(decided) || !holder) return decided;
          const released = await release(uow, holder, leadId, 'lapsed');
          if (E.isLeft(released) || !next) return E.isLeft(released) ? released : decided;
          const taken = await load(uow, next.partnerId, { type: 'TakeLead', data: { leadId } });
          return E.isLeft(taken) ? taken : decided;
        },
      ),
    );

  const accept = (ctx: CommandContext, principal: Caller, input: { leadId: string }) =>
    onLead(ctx, principal, input.leadId, answers, 'accept', (uow, lead) =>
      decideLead(uow, input.leadId, {
        type: 'AcceptLead',
        data: { partnerId: lead.partnerId ?? '', acceptedBy: actorOf(principal).id },
      }),
    );

  const decline = (ctx: CommandContext, principal: Caller, input: { leadId: string; reason: string }) =>
    onLead(ctx, principal, input.leadId, answers, 'decline', async (uow, lead) => {
      const partnerId = lead.partnerId ?? '';
      const decided = await decideLead(uow, input.leadId, {
        type: 'DeclineLead',
        data: { partnerId, declinedBy: actorOf(principal).id, reason: input.reason },
      });
      if (E.isLeft(decided)) return decided;
      const released = await release(uow, partnerId, input.leadId, 'declined');
      return E.isLeft(released) ? released : decided;
    });

  const disqualify = (ctx: CommandContext, principal: Caller, input: { leadId: string; reason: string }) =>
    onLead(ctx, principal, input.leadId, disqualifies, 'disqualify', async (uow, lead) => {
      const decided = await decideLead(uow, input.leadId, {
        type: 'DisqualifyLead',
        data: { disqualifiedBy: actorOf(principal).id, reason: input.reason },
      });
      if (E.isLeft(decided) || !lead.partnerId) return decided;
      const released = await release(uow, lead.partnerId, input.leadId, 'disqualified');
      return E.isLeft(released) ? released : decided;
    });

  /**
   * The holder's deal registration, through the deal command's own step (same partner, registrant and
   * customer-conflict rules), with `leadId`, appended atomically with LeadConverted; answers the deal.
   */
  const convert = async (ctx: CommandContext, principal: Caller, input: ConvertLeadBody & { leadId: string }) => {
    const { state: peeked } = await pipeline.peek(leadDecider, leadStream(input.leadId));
    const customer = peeked.customer;
    return deals.queueForCustomer(customer?.domain ?? '', peeked.productLine ?? '', () =>
      onLead(ctx, principal, input.leadId, answers, 'convert', async (uow, lead) => {
        if (lead.status !== 'accepted' || !lead.partnerId || !lead.customer)
          return E.left(domainError('invalid_state', `only an accepted lead converts; this one is ${lead.status}`));
        const registered = await deals.registerIn(uow, principal, {
          partnerId: lead.partnerId,
          customer: lead.customer,
          productLine: lead.productLine ?? '',
          estimatedValue: input.estimatedValue,
          expectedCloseDate: input.expectedCloseDate,
          leadId: input.leadId,
        });
        if (E.isLeft(registered)) return registered;
        const converted = await decideLead(uow, input.leadId, {
          type: 'ConvertLead',
          data: { partnerId: lead.partnerId, dealId: registered.right.id, convertedBy: actorOf(principal).id },
        });
        if (E.isLeft(converted)) return converted;
        const released = await release(uow, lead.partnerId, input.leadId, 'converted');
        return E.isLeft(released) ? released : registered;
      }),
    );
  };

  return { register, assign, route, lapse, accept, decline, disqualify, convert };
};
export type LeadCommands = ReturnType<typeof leadCommands>;
