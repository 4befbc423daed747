import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import { isPartnerAdminOf, isVendorAdmin, managesPartner, seesPartner, type PartnerScope, type Principal } from '../../domain/access/index.js';
import { CHANNEL_STREAM, channelDecider } from '../../domain/channel/index.js';
import {
  fundDecider, fundReservationDecider, fundReservationStream, fundStream, type MdfCommand,
} from '../../domain/mdf/index.js';
import { partnerDecider, partnerStream } from '../../domain/partner/index.js';
import { domainError, toIsoDate, type DomainError } from '../../domain/shared/index.js';
import { authorizePartner } from '../auth/authorizePartner.js';
import { actorOf, commandRoute, type CommandKit } from '../../http/commandRoute.js';
import type { CommandPipeline, UnitOfWork } from '../pipeline/index.js';
import * as S from './mdfSchemas.js';

type Rule = (p: Principal, scope: PartnerScope) => boolean;
/** The partner's admins submit requests and claims (vendor admins may act for them). */
const partnerAdmin: Rule = (p, s) => isPartnerAdminOf(p, s.partnerId) || isVendorAdmin(p);
/** The partner's channel manager or a vendor admin decides and pays. */
const manager: Rule = managesPartner;

type Made = { command: MdfCommand; id?: string };

export const mdfCommandRoutes = (app: FastifyInstance, kit: CommandKit, pipeline: CommandPipeline) => {
  commandRoute(
    app, kit,
    { method: 'POST', url: '/mdf/funds', summary: 'Allocate a fund to a partner for a period (one per partner and period)', tags: ['mdf'], body: S.AllocateFundBody, created: true },
    ({ body, principal, ctx }) =>
      pipeline.execute(ctx, async (uow) => {
        const { state: partner } = await uow.load(partnerDecider, partnerStream(body.partnerId));
        const allowed = authorizePartner(principal, body.partnerId, partner, manager, 'allocate funds to');
        if (E.isLeft(allowed)) return allowed;
        const fundId = kit.ids.next('fund');
        const streamId = fundStream(fundId);
        const decided = await uow.decide(fundDecider, streamId, { type: 'AllocateFund', data: { fundId, ...body, partnerStatus: partner.status } });
        if (E.isLeft(decided)) return decided;
        // The reservation stream makes the pair unique even under concurrent allocations.
        const reserved = await uow.decide(fundReservationDecider, fundReservationStream(body.partnerId, body.period), {
          type: 'ReserveFund', data: { fundId, partnerId: body.partnerId, period: body.period },
        });
        return E.map(() => ({ id: fundId, streamId }))(reserved);
      }),
  );

  /** A command on one fund: visible (else 404), allowed (else 403), then decided. */
  const fundCommand = <P extends z.ZodType, B extends z.ZodType>(
    url: string, summary: string, params: P, body: B, rule: Rule, created: boolean,
    make: (input: { params: z.infer<P>; body: z.infer<B>; principal: Principal; uow: UnitOfWork }) => Promise<Made> | Made,
  ) =>
    commandRoute(app, kit, { method: 'POST', url, summary, tags: ['mdf'], params, body, created }, ({ params: p, body: b, principal, ctx }) =>
      pipeline.execute(ctx, async (uow) => {
        const fundId = (p as { id: string }).id;
        const streamId = fundStream(fundId);
        const allowed = await authorizeFund(uow, principal, streamId, rule, summary);
        if (E.isLeft(allowed)) return allowed;
        const { command, id } = await make({ params: p, body: b, principal, uow });
        const decided = await uow.decide(fundDecider, streamId, command);
        return E.map(() => ({ id: id ?? fundId, streamId }))(decided);
      }),
    );

  fundCommand('/mdf/funds/:id/requests', 'Submit a request against the fund', S.FundParams, S.SubmitRequestBody, partnerAdmin, true, ({ body, principal, uow }) => {
    const requestId = kit.ids.next('request');
    const { activityDate, ...rest } = body;
    const data = { requestId, ...rest, activityDate: activityDate ?? toIsoDate(uow.now), submittedBy: actorOf(principal).id };
    return { command: { type: 'SubmitRequest', data }, id: requestId };
  });
  fundCommand('/mdf/funds/:id/requests/:requestId/approve', 'Approve a request, fully or partially', S.RequestParams, S.ApproveBody, manager, false,
    async ({ params, body, uow }) => {
      const { state: settings } = await uow.load(channelDecider, CHANNEL_STREAM);
      return { command: { type: 'ApproveRequest', data: { requestId: params.requestId, approvedAmount: body.approvedAmount, claimDays: settings.mdfClaimDays } }, id: params.requestId };
    });
  fundCommand('/mdf/funds/:id/requests/:requestId/reject', 'Reject a request, with the reason', S.RequestParams, S.RejectBody, manager, false,
    ({ params, body }) => ({ command: { type: 'RejectRequest', data: { requestId: params.requestId, reason: body.reason } }, id: params.requestId }));
  fundCommand('/mdf/funds/:id/claims', 'Claim against an approved request, with proof of performance', S.FundParams, S.SubmitClaimBody, partnerAdmin, true,
    ({ body, principal }) => {
      const claimId = kit.ids.next('claim');
      return { command: { type: 'SubmitClaim', data: { claimId, ...body, submittedBy: actorOf(principal).id } }, id: claimId };
    });
  fundCommand('/mdf/funds/:id/claims/:claimId/approve', 'Approve a claim, fully or partially', S.ClaimParams, S.ApproveBody, manager, false,
    ({ params, body }) => ({ command: { type: 'ApproveClaim', data: { claimId: params.claimId, approvedAmount: body.approvedAmount } }, id: params.claimId }));
  fundCommand('/mdf/funds/:id/claims/:claimId/reject', 'Reject a claim, with the reason', S.ClaimParams, S.RejectBody, manager, false,
    ({ params, body }) => ({ command: { type: 'RejectClaim', data: { claimId: params.claimId, reason: body.reason } }, id: params.claimId }));
  fundCommand('/mdf/funds/:id/claims/:claimId/pay', 'Record the payment of an approved claim', S.ClaimParams, S.PayClaimBody, manager, false,
    ({ params, body }) => ({ command: { type: 'PayClaim', data: { claimId: params.claimId, paymentReference: body.paymentReference } }, id: params.claimId }));
  fundCommand('/mdf/funds/:id/close', 'Close the fund: only approved claims may still be paid', S.FundParams, S.CloseFundBody, manager, false,
    ({ body }) => ({ command: { type: 'CloseFund', data: body } }));
};

/** Not visible -> 404 (a partner never learns of another's fund); visible but not allowed -> 403. */
const authorizeFund = async (uow: UnitOfWork, principal: Principal, streamId: string, rule: Rule, action: string): Promise<E.Either<DomainError, PartnerScope>> => {
  const { state: fund } = await uow.load(fundDecider, streamId);
  if (fund.status === 'none' || !fund.partnerId) return E.left(domainError('not_found', 'fund not found'));
  const { state: partner } = await uow.load(partnerDecider, partnerStream(fund.partnerId));
  const scope: PartnerScope = { partnerId: fund.partnerId, region: partner.region, channelManagerId: partner.channelManagerId };
  if (!seesPartner(principal, scope)) return E.left(domainError('not_found', 'fund not found'));
  if (!rule(principal, scope)) return E.left(domainError('forbidden', `not allowed to ${action.toLowerCase()}`));
  return E.right(scope);
};
