import * as E from 'fp-ts/lib/Either.js';
import type { Caller } from '../../domain/access/index.js';
import { CHANNEL_STREAM, channelDecider } from '../../domain/channel/index.js';
import { leadDecider, leadStream, managesLead } from '../../domain/lead/index.js';
import { partnerDecider, partnerStream } from '../../domain/partner/index.js';
import { domainError, type IdGenerator } from '../../domain/shared/index.js';
import { actorOf } from '../auth/actorOf.js';
import { forbidden } from '../auth/refusals.js';
import type { DealCommands } from '../deal/dealCommands.js';
import type { CommandContext, CommandOutcome, CommandPipeline } from '../pipeline/index.js';
import { noLeadCandidates, type LeadCandidates } from './leadCandidates.js';
import { leadRouting } from './leadRouting.js';
import type { ConvertLeadBody, RegisterLeadBody } from './leadSchemas.js';
import { answers, disqualifies, leadUnit, manages, offerTo } from './leadUnit.js';

export interface LeadDeps {
  readonly pipeline: CommandPipeline;
  readonly ids: IdGenerator;
  readonly deals: DealCommands;
  readonly candidates?: LeadCandidates;
}

/**
 * Vendor-sourced lead commands (DESIGN §13), independent of HTTP. Every change of who holds a lead is
 * appended together with the partners' lead-load streams it touches, expecting the versions read
 * (leadUnit.ts); routing and the sweeper's lapses are in leadRouting.ts.
 */
export const leadCommands = (deps: LeadDeps) => {
  const { pipeline, ids, deals } = deps;
  const unit = leadUnit(pipeline);
  const { onLead, decideLead, take, release } = unit;
  const { route, lapse } = leadRouting(pipeline, unit, deps.candidates ?? noLeadCandidates);

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
      const next = offerTo(
        { partnerId: input.partnerId, partnerStatus: partner.status },
        actorOf(principal).id,
        settings,
      );
      const decided = await decideLead(uow, input.leadId, { type: 'AssignLead', data: next });
      if (E.isLeft(decided)) return decided;
      if (lead.status === 'assigned' && lead.partnerId) {
        const released = await release(uow, lead.partnerId, input.leadId, 'reassigned');
        if (E.isLeft(released)) return released;
      }
      const taken = await take(uow, input.partnerId, input.leadId);
      return E.isLeft(taken) ? taken : decided;
    });

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
