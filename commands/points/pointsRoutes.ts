import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { isPartnerAdminOf, isVendorAdmin, managesPartner, personIdOf, type PartnerScope, type Principal } from '../../domain/access/index.js';
import { ledgerDecider, pointsStream } from '../../domain/points/index.js';
import { partnerDecider, partnerStream } from '../../domain/partner/index.js';
import { personDecider, personStream } from '../../domain/person/index.js';
import { domainError } from '../../domain/shared/index.js';
import { authorizePartner } from '../auth/authorizePartner.js';
import { commandRoute, type CommandKit } from '../../http/commandRoute.js';
import type { CommandPipeline } from '../pipeline/index.js';
import * as S from './pointsSchemas.js';

/** Channel staff over the partner (a vendor admin or its channel manager) adjust points. */
const adjusts = (p: Principal, s: PartnerScope) => managesPartner(p, s);
/** The partner's admin redeems for anyone of the partner; a person redeems their own points; vendor admins anything. */
const redeems = (personId: string, from: string) => (p: Principal, s: PartnerScope) =>
  isVendorAdmin(p) || isPartnerAdminOf(p, s.partnerId) || (from === 'person' && personIdOf(p) === personId);

export const pointsCommandRoutes = (app: FastifyInstance, kit: CommandKit, pipeline: CommandPipeline) => {
  commandRoute(
    app, kit,
    { method: 'POST', url: '/partners/:id/points/adjustments', summary: 'Credit or debit points by hand, with the reason', tags: ['points'], params: S.PartnerParams, body: S.AdjustmentBody },
    ({ params, body, principal, ctx }) =>
      pipeline.execute(ctx, async (uow) => {
        const { state: partner } = await uow.load(partnerDecider, partnerStream(params.id));
        const allowed = authorizePartner(principal, params.id, partner, adjusts, 'adjust the points of');
        if (E.isLeft(allowed)) return allowed;
        let personKnown = false;
        if (body.personId) {
          const { state: person } = await uow.load(personDecider, personStream(body.personId));
          if (person.status === 'none') return E.left(domainError('not_found', 'person not found'));
          personKnown = person.employment?.partnerId === params.id;
        }
        const streamId = pointsStream(params.id);
        const decided = await uow.decide(ledgerDecider, streamId, { type: 'AdjustPoints', data: { ...body, personKnown } });
        return E.map(() => ({ id: params.id, streamId }))(decided);
      }),
  );

  commandRoute(
    app, kit,
    { method: 'POST', url: '/partners/:id/points/redemptions', summary: 'Redeem points for a reward (balance checked, oldest points first)', tags: ['points'], params: S.PartnerParams, body: S.RedemptionBody },
    ({ params, body, principal, ctx }) =>
      pipeline.execute(ctx, async (uow) => {
        const { state: partner } = await uow.load(partnerDecider, partnerStream(params.id));
        const allowed = authorizePartner(principal, params.id, partner, redeems(body.personId, body.from), 'redeem points of');
        if (E.isLeft(allowed)) return allowed;
        const streamId = pointsStream(params.id);
        const decided = await uow.decide(ledgerDecider, streamId, { type: 'RedeemPoints', data: body });
        return E.map(() => ({ id: params.id, streamId }))(decided);
      }),
  );
};
