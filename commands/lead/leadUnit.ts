import * as E from 'fp-ts/lib/Either.js';
import type { Caller } from '../../domain/access/index.js';
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
import type { DomainError } from '../../domain/shared/index.js';
import { forbidden, notFound } from '../auth/refusals.js';
import type { CommandContext, CommandPipeline, Target, UnitOfWork } from '../pipeline/index.js';

/** Who may do something to a lead, given its scope and state. */
export type LeadRule = (p: Caller, lead: LeadScope, state: LeadState) => boolean;
type Work = (uow: UnitOfWork, lead: LeadState, settings: ChannelSettings) => Promise<E.Either<DomainError, Target>>;

export const manages: LeadRule = (p, lead) => managesLead(p, lead);
export const answers: LeadRule = (p, lead) => answersLead(p, lead);
/** Vendor staff of the region disqualify any open lead; the holder's admins and managers one they accepted. */
export const disqualifies: LeadRule = (p, lead, state) =>
  managesLead(p, lead) || (answersLead(p, lead) && state.status === 'accepted');

/** An offer to a partner, with the channel's acceptance window; `routing` says why, when routing chose it. */
export const offerTo = (
  partner: { partnerId: string; partnerStatus: NextAssignment['partnerStatus'] },
  assignedBy: string,
  settings: ChannelSettings,
  routing?: NextAssignment['routing'],
): NextAssignment => ({
  partnerId: partner.partnerId,
  partnerStatus: partner.partnerStatus,
  by: routing ? 'routing' : 'manual',
  assignedBy,
  acceptHours: settings.leadAcceptHours,
  ...(routing ? { routing } : {}),
});

/**
 * The steps every lead command is made of: the lead loaded and checked for the caller, its command
 * decided, and the partners' lead-load streams taken or released in the same append.
 */
export const leadUnit = (pipeline: CommandPipeline) => {
  /** What the access rules need: the lead's region, its holder's scope, who converted it. */
  const scopeOf = async (uow: UnitOfWork, lead: LeadState): Promise<LeadScope> => {
    if (!lead.partnerId) return { region: lead.region ?? '' };
    const { state: partner } = await uow.load(partnerDecider, partnerStream(lead.partnerId));
    const holder = { partnerId: lead.partnerId, region: partner.region, channelManagerId: partner.channelManagerId };
    return { region: lead.region ?? '', holder };
  };

  const load = (uow: UnitOfWork, partnerId: string, command: Parameters<typeof leadLoadDecider.decide>[0]) =>
    uow.decide(leadLoadDecider, leadLoadStream(partnerId), command);
  const take = (uow: UnitOfWork, partnerId: string, leadId: string) =>
    load(uow, partnerId, { type: 'TakeLead', data: { leadId } });
  const release = (uow: UnitOfWork, partnerId: string, leadId: string, outcome: LeadOutcome) =>
    load(uow, partnerId, { type: 'ReleaseLead', data: { leadId, outcome } });

  /** One command on an existing lead: visible (else 404), allowed (else 403), then `work`. */
  const onLead = (ctx: CommandContext, principal: Caller, leadId: string, rule: LeadRule, action: string, work: Work) =>
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

  return { onLead, decideLead, take, release };
};
export type LeadUnit = ReturnType<typeof leadUnit>;
