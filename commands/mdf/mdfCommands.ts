import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import {
  isPartnerAdminOf,
  isVendorAdmin,
  managesPartner,
  seesPartner,
  type Caller,
  type PartnerScope,
} from '../../domain/access/index.js';
import { CHANNEL_STREAM, channelDecider } from '../../domain/channel/index.js';
import {
  fundDecider,
  fundReservationDecider,
  fundReservationStream,
  fundStream,
  type MdfCommand,
} from '../../domain/mdf/index.js';
import { partnerDecider, partnerStream } from '../../domain/partner/index.js';
import { toIsoDate, type DomainError, type IdGenerator } from '../../domain/shared/index.js';
import { actorOf } from '../auth/actorOf.js';
import { authorizePartner } from '../auth/authorizePartner.js';
import { forbidden, notFound } from '../auth/refusals.js';
import type { CommandContext, CommandOutcome, CommandPipeline, UnitOfWork } from '../pipeline/index.js';
import type * as S from './mdfSchemas.js';

type Rule = (p: Caller, scope: PartnerScope) => boolean;
/** The partner's admins submit requests and claims (vendor admins may act for them). */
const partnerAdmin: Rule = (p, s) => isPartnerAdminOf(p, s.partnerId) || isVendorAdmin(p);
/** The partner's channel manager or a vendor admin decides and pays. */
const manager: Rule = managesPartner;

/** Not visible -> 404 (a partner never learns of another's fund); visible but not allowed -> 403. */
const authorizeFund = async (
  uow: UnitOfWork,
  principal: Caller,
  streamId: string,
  rule: Rule,
  action: string,
): Promise<E.Either<DomainError, PartnerScope>> => {
  const { state: fund } = await uow.load(fundDecider, streamId);
  if (fund.status === 'none' || !fund.partnerId) return notFound('fund');
  const { state: partner } = await uow.load(partnerDecider, partnerStream(fund.partnerId));
  const scope: PartnerScope = {
    partnerId: fund.partnerId,
    region: partner.region,
    channelManagerId: partner.channelManagerId,
  };
  if (!seesPartner(principal, scope)) return notFound('fund');
  if (!rule(principal, scope)) return forbidden(`not allowed to ${action}`);
  return E.right(scope);
};

type Made = { command: MdfCommand; id?: string };
type OnFund<B extends z.ZodType, Ids = object> = { readonly fundId: string } & Ids & z.infer<B>;
type OnRequest<B extends z.ZodType> = OnFund<B, { readonly requestId: string }>;
type OnClaim<B extends z.ZodType> = OnFund<B, { readonly claimId: string }>;

/**
 * Market development funds, independent of HTTP. A fund is unique per partner and period: its
 * allocation is appended together with the reservation stream of the pair, so two concurrent
 * allocations cannot both succeed.
 */
export const mdfCommands = (deps: { pipeline: CommandPipeline; ids: IdGenerator }) => {
  const { pipeline, ids } = deps;

  const allocate = (ctx: CommandContext, principal: Caller, body: z.infer<typeof S.AllocateFundBody>): CommandOutcome =>
    pipeline.execute(ctx, async (uow) => {
      const { state: partner } = await uow.load(partnerDecider, partnerStream(body.partnerId));
      const allowed = authorizePartner(principal, body.partnerId, partner, manager, 'allocate funds to');
      if (E.isLeft(allowed)) return allowed;
      const fundId = ids.next('fund');
      const streamId = fundStream(fundId);
      const decided = await uow.decide(fundDecider, streamId, {
        type: 'AllocateFund',
        data: { fundId, ...body, partnerStatus: partner.status },
      });
      if (E.isLeft(decided)) return decided;
      const reserved = await uow.decide(fundReservationDecider, fundReservationStream(body.partnerId, body.period), {
        type: 'ReserveFund',
        data: { fundId, partnerId: body.partnerId, period: body.period },
      });
      return E.map(() => ({ id: fundId, streamId }))(reserved);
    });

  /** A command on one fund: visible (else 404), allowed (else 403, `not allowed to <action>`), then decided. */
  const onFund =
    <I extends { fundId: string }>(
      action: string,
      rule: Rule,
      make: (input: I, principal: Caller, uow: UnitOfWork) => Promise<Made> | Made,
    ) =>
    (ctx: CommandContext, principal: Caller, input: I): CommandOutcome =>
      pipeline.execute(ctx, async (uow) => {
        const streamId = fundStream(input.fundId);
        const allowed = await authorizeFund(uow, principal, streamId, rule, action);
        if (E.isLeft(allowed)) return allowed;
        const { command, id } = await make(input, principal, uow);
        const decided = await uow.decide(fundDecider, streamId, command);
        return E.map(() => ({ id: id ?? input.fundId, streamId }))(decided);
      });

  return {
    allocate,
    submitRequest: onFund<OnFund<typeof S.SubmitRequestBody>>(
      'submit a request against the fund',
      partnerAdmin,
      (input, principal, uow) => {
        const requestId = ids.next('request');
        const { fundId: _, activityDate, ...rest } = input;
        const data = {
          requestId,
          ...rest,
          activityDate: activityDate ?? toIsoDate(uow.now),
          submittedBy: actorOf(principal).id,
        };
        return { command: { type: 'SubmitRequest', data }, id: requestId };
      },
    ),
    approveRequest: onFund<OnRequest<typeof S.ApproveBody>>(
      'approve a request, fully or partially',
      manager,
      async (i, _p, uow) => {
        const { state: settings } = await uow.load(channelDecider, CHANNEL_STREAM);
        return {
          command: {
            type: 'ApproveRequest',
            data: { requestId: i.requestId, approvedAmount: i.approvedAmount, claimDays: settings.mdfClaimDays },
          },
          id: i.requestId,
        };
      },
    ),
    rejectRequest: onFund<OnRequest<typeof S.RejectBody>>('reject a request, with the reason', manager, (i) => ({
      command: { type: 'RejectRequest', data: { requestId: i.requestId, reason: i.reason } },
      id: i.requestId,
    })),
    submitClaim: onFund<OnFund<typeof S.SubmitClaimBody>>(
      'claim against an approved request, with proof of performance',
      partnerAdmin,
      (input, principal) => {
        const claimId = ids.next('claim');
        const { fundId: _, ...body } = input;
        return {
          command: { type: 'SubmitClaim', data: { claimId, ...body, submittedBy: actorOf(principal).id } },
          id: claimId,
        };
      },
    ),
    approveClaim: onFund<OnClaim<typeof S.ApproveBody>>('approve a claim, fully or partially', manager, (i) => ({
      command: { type: 'ApproveClaim', data: { claimId: i.claimId, approvedAmount: i.approvedAmount } },
      id: i.claimId,
    })),
    rejectClaim: onFund<OnClaim<typeof S.RejectBody>>('reject a claim, with the reason', manager, (i) => ({
      command: { type: 'RejectClaim', data: { claimId: i.claimId, reason: i.reason } },
      id: i.claimId,
    })),
    payClaim: onFund<OnClaim<typeof S.PayClaimBody>>('record the payment of an approved claim', manager, (i) => ({
      command: { type: 'PayClaim', data: { claimId: i.claimId, paymentReference: i.paymentReference } },
      id: i.claimId,
    })),
    close: onFund<OnFund<typeof S.CloseFundBody>>(
      'close the fund: only approved claims may still be paid',
      manager,
      ({ fundId: _, ...data }) => ({ command: { type: 'CloseFund', data } }),
    ),
  };
};
export type MdfCommands = ReturnType<typeof mdfCommands>;
