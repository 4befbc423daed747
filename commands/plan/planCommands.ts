import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import { managesPartner, type Caller } from '../../domain/access/index.js';
import { partnerDecider, partnerStream } from '../../domain/partner/index.js';
import { planDecider, planReservationDecider, planReservationStream, planStream } from '../../domain/plan/index.js';
import type { IdGenerator } from '../../domain/shared/index.js';
import { actorOf } from '../auth/actorOf.js';
import { authorizePartner } from '../auth/authorizePartner.js';
import { notFound } from '../auth/refusals.js';
import type { CommandContext, CommandOutcome, CommandPipeline } from '../pipeline/index.js';
import type { CreatePlanBody, RevisePlanBody } from './planSchemas.js';

/**
 * Joint business plans (DESIGN §13): the partner's channel manager (or a vendor admin) records what the
 * partner and the vendor agreed to reach in a year or quarter. One plan per partner and period, made
 * unique by a reservation stream appended atomically with the plan.
 */
export const planCommands = (deps: { pipeline: CommandPipeline; ids: IdGenerator }) => {
  const { pipeline, ids } = deps;

  const create = (
    ctx: CommandContext,
    principal: Caller,
    input: { partnerId: string } & z.infer<typeof CreatePlanBody>,
  ): CommandOutcome =>
    pipeline.execute(ctx, async (uow) => {
      const { partnerId, ...body } = input;
      const { state: partner } = await uow.load(partnerDecider, partnerStream(partnerId));
      const allowed = authorizePartner(principal, partnerId, partner, managesPartner, 'plan with');
      if (E.isLeft(allowed)) return allowed;
      const planId = ids.next('plan');
      const reserved = await uow.decide(planReservationDecider, planReservationStream(partnerId, body.period), {
        type: 'ReservePlan',
        data: { planId, partnerId, period: body.period },
      });
      if (E.isLeft(reserved)) return reserved;
      const decided = await uow.decide(planDecider, planStream(planId), {
        type: 'CreatePlan',
        data: { planId, partnerId, ...body, createdBy: actorOf(principal).id, partnerStatus: partner.status },
      });
      return E.map(() => ({ id: planId, streamId: planStream(planId) }))(decided);
    });

  const revise = (
    ctx: CommandContext,
    principal: Caller,
    input: { partnerId: string; planId: string } & z.infer<typeof RevisePlanBody>,
  ): CommandOutcome =>
    pipeline.execute(ctx, async (uow) => {
      const { partnerId, planId, ...body } = input;
      const { state: partner } = await uow.load(partnerDecider, partnerStream(partnerId));
      const allowed = authorizePartner(principal, partnerId, partner, managesPartner, 'revise the plans of');
      if (E.isLeft(allowed)) return allowed;
      const { state: plan } = await uow.load(planDecider, planStream(planId));
      if (plan.partnerId !== partnerId) return notFound('plan');
      const decided = await uow.decide(planDecider, planStream(planId), {
        type: 'RevisePlan',
        data: { ...body, revisedBy: actorOf(principal).id },
      });
      return E.map(() => ({ id: planId, streamId: planStream(planId) }))(decided);
    });

  return { create, revise };
};
export type PlanCommands = ReturnType<typeof planCommands>;
