import * as E from 'fp-ts/lib/Either.js';
import { seesPartner, systemPrincipal, type Caller, type PartnerScope } from '../../domain/access/index.js';
import { CHANNEL_STREAM, channelDecider } from '../../domain/channel/index.js';
import {
  claimDecider,
  claimStream,
  collidingDeals,
  dealDecider,
  dealStream,
  decidesDeal,
  ownsDeal,
  seesDeal,
  type ClaimCommand,
  type DealCommand,
  type DealEvent,
  type DealScope,
  type DealState,
} from '../../domain/deal/index.js';
import { partnerDecider, partnerStream } from '../../domain/partner/index.js';
import { personDecider, personStream } from '../../domain/person/index.js';
import type { IdGenerator } from '../../domain/shared/index.js';
import { createKeyedLock } from '../../infra/keyedLock.js';
import { forbidden, notFound } from '../auth/refusals.js';
import { linkExternalRef } from '../externalRef/externalRefLinks.js';
import { registeredBefore } from '../externalRef/registeredBefore.js';
import type { CommandContext, CommandOutcome, CommandPipeline, UnitOfWork } from '../pipeline/index.js';
import type { RegisterDealBody } from './dealSchemas.js';

type Rule = (p: Caller, deal: DealScope, partner: PartnerScope) => boolean;
type ChannelSettings = typeof channelDecider.initialState;

/** The sweeper's caller: the decider itself checks that protection lapsed. */
const SWEEPER = systemPrincipal('deal-expiry-sweeper');

const manages: Rule = (p, _deal, partner) => decidesDeal(p, partner);
const owns: Rule = (p, deal) => ownsDeal(p, deal);
const ownsOrManages: Rule = (p, deal, partner) => ownsDeal(p, deal) || decidesDeal(p, partner);

/** What the claim stream records alongside a deal's events. */
const claimCommandFor = (deal: DealState, event: DealEvent): ClaimCommand | undefined => {
  const dealId = deal.dealId ?? '';
  switch (event.type) {
    case 'DealApproved':
    case 'DealProtectionExtended':
      return {
        type: 'HoldClaim',
        data: { dealId, partnerId: deal.partnerId ?? '', protectedUntil: event.data.protectedUntil },
      };
    case 'DealWon':
      return { type: 'WinClaim', data: { dealId } };
    case 'DealRejected':
      return { type: 'ReleaseClaim', data: { dealId, reason: 'rejected' } };
    case 'DealWithdrawn':
      return { type: 'ReleaseClaim', data: { dealId, reason: 'withdrawn' } };
    case 'DealLost':
      return { type: 'ReleaseClaim', data: { dealId, reason: 'lost' } };
    case 'DealExpired':
      return { type: 'ReleaseClaim', data: { dealId, reason: 'expired' } };
    default:
      return undefined;
  }
};

/**
 * Deal registration commands, independent of HTTP (routes, the seed, the sweeper and benchmarks call them).
 * Every decision that changes who may hold protection is appended together with the claim stream
 * of its (customer, product line), expecting the claim version it read: concurrent decisions about
 * one customer are serialised by the event store, never by luck.
 */
export const dealCommands = (deps: { pipeline: CommandPipeline; ids: IdGenerator }) => {
  const { pipeline, ids } = deps;
  // Registrations of one customer in this process queue instead of colliding (they all succeed anyway).
  const sameCustomer = createKeyedLock();

  /**
   * A registration as one step of a unit of work: the lead conversion runs it together with the lead's
   * own event, so both land in one atomic append under the same rules as `register`.
   */
  const registerIn = async (uow: UnitOfWork, principal: Caller, body: RegisterDealBody & { leadId?: string }) => {
    const { state: partner } = await uow.load(partnerDecider, partnerStream(body.partnerId));
    const scope = { partnerId: body.partnerId, region: partner.region, channelManagerId: partner.channelManagerId };
    if (partner.status === 'none' || !seesPartner(principal, scope)) return notFound('partner');
    // Vendor staff, the admin key and the system do not register: it is the partner's own claim.
    if (principal.kind !== 'person' || principal.vendorRoles.length > 0)
      return forbidden("deal registrations are submitted by the partner's own people");
    const { state: person } = await uow.load(personDecider, personStream(principal.personId));
    const { state: settings } = await uow.load(channelDecider, CHANNEL_STREAM);
    const { externalRefs, ...registration } = body;
    // Registered before by its CRM id (a retry): the first registration is the answer.
    const earlier = externalRefs ? await registeredBefore(uow, principal, body.partnerId, externalRefs) : undefined;
    if (earlier) return earlier;
    const claimId = claimStream(body.customer.domain, body.productLine);
    const { state: claim } = await uow.load(claimDecider, claimId);
    const dealId = ids.next('deal');
    const decided = await uow.decide(
      dealDecider,
      dealStream(dealId),
      {
        type: 'RegisterDeal',
        data: {
          dealId,
          ...registration,
          registeredBy: principal.personId,
          partnerStatus: partner.status,
          registrantEmployerId: person.employment?.partnerId,
          productLines: settings.productLines,
          conflictingDealIds: collidingDeals(claim, body.partnerId, uow.now),
        },
      },
      { minted: true },
    );
    if (E.isLeft(decided)) return decided;
    const requested = await uow.decide(claimDecider, claimId, {
      type: 'RequestClaim',
      data: { dealId, partnerId: body.partnerId },
    });
    if (E.isLeft(requested)) return requested;
    for (const [system, externalId] of Object.entries(externalRefs ?? {})) {
      const linked = await linkExternalRef(uow, { ownerKind: 'deal', ownerId: dealId, system, externalId });
      if (E.isLeft(linked)) return linked;
    }
    return E.right({ id: dealId, streamId: dealStream(dealId) });
  };

  /** Runs `work` queued behind the other registrations of this customer and product line in this process. */
  const queueForCustomer = <T>(domain: string, productLine: string, work: () => Promise<T>) =>
    sameCustomer(claimStream(domain, productLine), work);

  const register = (ctx: CommandContext, principal: Caller, body: RegisterDealBody): CommandOutcome =>
    queueForCustomer(body.customer.domain, body.productLine, () =>
      pipeline.execute(ctx, (uow) => registerIn(uow, principal, body)),
    );

  /** One command on an existing deal: visible (else 404), allowed (else 403), decided with its claim. */
  const onDeal = (
    ctx: CommandContext,
    principal: Caller,
    dealId: string,
    rule: Rule,
    action: string,
    toCommand: (settings: ChannelSettings) => DealCommand,
  ): CommandOutcome =>
    pipeline.execute(ctx, async (uow: UnitOfWork) => {
      const streamId = dealStream(dealId);
      const { state: deal } = await uow.load(dealDecider, streamId);
      if (deal.status === 'none' || !deal.partnerId || !deal.registeredBy) return notFound('deal');
      // The system sees and may do everything: no partner to load.
      if (principal.kind !== 'system') {
        const { state: partner } = await uow.load(partnerDecider, partnerStream(deal.partnerId));
        const scope = { partnerId: deal.partnerId, region: partner.region, channelManagerId: partner.channelManagerId };
        const dealScope = { partnerId: deal.partnerId, registeredBy: deal.registeredBy };
        if (!seesDeal(principal, dealScope, scope)) return notFound('deal');
        if (!rule(principal, dealScope, scope)) return forbidden(`not allowed to ${action} this deal`);
      }
      const { state: settings } = await uow.load(channelDecider, CHANNEL_STREAM);
      const decided = await uow.decide(dealDecider, streamId, toCommand(settings));
      if (E.isLeft(decided)) return decided;
      for (const event of decided.right.events) {
        const claimCommand = claimCommandFor(deal, event);
        if (!claimCommand) continue;
        const claimed = await uow.decide(
          claimDecider,
          claimStream(deal.customerDomain ?? '', deal.productLine ?? ''),
          claimCommand,
        );
        if (E.isLeft(claimed)) return claimed;
      }
      return E.right({ id: dealId, streamId });
    });

  return {
    register,
    registerIn,
    queueForCustomer,
    approve: (ctx: CommandContext, p: Caller, dealId: string, body: { protectionDays?: number }) =>
      onDeal(ctx, p, dealId, manages, 'approve', (s) => ({
        type: 'ApproveDeal',
        data: { protectionDays: body.protectionDays ?? s.dealProtectionDays },
      })),
    reject: (ctx: CommandContext, p: Caller, dealId: string, body: { reason: string }) =>
      onDeal(ctx, p, dealId, manages, 'reject', () => ({ type: 'RejectDeal', data: body })),
    withdraw: (ctx: CommandContext, p: Caller, dealId: string, body: { reason?: string }) =>
      onDeal(ctx, p, dealId, owns, 'withdraw', () => ({ type: 'WithdrawDeal', data: body })),
    extend: (ctx: CommandContext, p: Caller, dealId: string, body: { protectedUntil: string; reason: string }) =>
      onDeal(ctx, p, dealId, manages, 'extend', (s) => ({
        type: 'ExtendProtection',
        data: { ...body, maxExtensions: s.maxDealExtensions, maxProtectionDays: s.dealProtectionDays },
      })),
    win: (
      ctx: CommandContext,
      p: Caller,
      dealId: string,
      body: { amount: { amountMinor: number; currency: string }; closedAt: string },
    ) => onDeal(ctx, p, dealId, ownsOrManages, 'report the win of', () => ({ type: 'WinDeal', data: body })),
    lose: (ctx: CommandContext, p: Caller, dealId: string, body: { reason: string }) =>
      onDeal(ctx, p, dealId, ownsOrManages, 'report the loss of', () => ({ type: 'LoseDeal', data: body })),
    /** The sweeper's command: no caller to authorise, the decider checks that protection lapsed. */
    expire: (ctx: CommandContext, dealId: string) =>
      onDeal(
        ctx,
        SWEEPER,
        dealId,
        () => true,
        'expire',
        () => ({ type: 'ExpireDeal', data: {} }),
      ),
  };
};
export type DealCommands = ReturnType<typeof dealCommands>;
