import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { z } from 'zod';
import { isPartnerAdminOf, isVendorAdmin, managesPartner, type Principal, type PartnerScope } from '../../domain/access/index.js';
import { partnerDecider, partnerStream, type PartnerCommand } from '../../domain/partner/index.js';
import { personDecider, personStream } from '../../domain/person/index.js';
import { domainError, type DomainError } from '../../domain/shared/index.js';
import { authorizePartner } from '../auth/authorizePartner.js';
import { commandRoute, type CommandKit } from '../../http/commandRoute.js';
import type { CommandPipeline, UnitOfWork } from '../pipeline/index.js';
import * as S from './partnerSchemas.js';

type Rule = (p: Principal, scope: PartnerScope) => boolean;
const manages: Rule = managesPartner;
const vendorAdmin: Rule = (p) => isVendorAdmin(p);
const managesOrOwnAdmin: Rule = (p, s) => managesPartner(p, s) || isPartnerAdminOf(p, s.partnerId);

export const partnerCommandRoutes = (app: FastifyInstance, kit: CommandKit, pipeline: CommandPipeline) => {
  commandRoute(
    app, kit,
    { method: 'POST', url: '/partners', summary: 'Apply: a new partner enters the channel', tags: ['partners'], body: S.ApplyPartnerBody, created: true },
    ({ body, principal, ctx }) =>
      pipeline.execute(ctx, async (uow) => {
        if (!managesPartner(principal, { partnerId: '', region: body.region }))
          return E.left(domainError('forbidden', `not allowed to onboard partners in region ${body.region}`));
        const partnerId = kit.ids.next('partner');
        const streamId = partnerStream(partnerId);
        const parent = body.parentPartnerId
          ? { partnerId: body.parentPartnerId, ...(await uow.load(partnerDecider, partnerStream(body.parentPartnerId))).state }
          : undefined;
        const decided = await uow.decide(partnerDecider, streamId, { type: 'ApplyPartner', data: { ...body, partnerId, parent } });
        return pipe(decided, E.map(() => ({ id: partnerId, streamId })));
      }),
  );

  /** One partner command: load, authorise against the write model, decide. */
  const partnerCommand = <B extends z.ZodType>(
    action: string, summary: string, body: B, rule: Rule,
    toCommand: (body: z.infer<B>, uow: UnitOfWork) => Promise<E.Either<DomainError, PartnerCommand>> | E.Either<DomainError, PartnerCommand>,
  ) =>
    commandRoute(
      app, kit,
      { method: 'POST', url: `/partners/:id/${action}`, summary, tags: ['partners'], params: S.PartnerParams, body },
      ({ params, body: input, principal, ctx }) =>
        pipeline.execute(ctx, async (uow) => {
          const streamId = partnerStream(params.id);
          const { state } = await uow.load(partnerDecider, streamId);
          const allowed = authorizePartner(principal, params.id, state, rule, action);
          if (E.isLeft(allowed)) return allowed;
          const command = await toCommand(input, uow);
          if (E.isLeft(command)) return command;
          const decided = await uow.decide(partnerDecider, streamId, command.right);
          return pipe(decided, E.map(() => ({ id: params.id, streamId })));
        }),
    );

  partnerCommand('approve', 'Approve an applicant at a tier', S.ApprovePartnerBody, manages, (b) => E.right({ type: 'ApprovePartner', data: b }));
  partnerCommand('reject', 'Reject an applicant', S.ReasonBody, manages, (b) => E.right({ type: 'RejectPartner', data: b }));
  partnerCommand('agreements', 'Sign the partner agreement (activates an approved partner)', S.SignAgreementBody, managesOrOwnAdmin, (b) =>
    E.right({ type: 'SignAgreement', data: b }));
  partnerCommand('tier', 'Change the tier', S.ChangeTierBody, manages, (b) => E.right({ type: 'ChangeTier', data: b }));
  partnerCommand('region', 'Move the partner to another region', S.ChangeRegionBody, manages, (b) => E.right({ type: 'ChangeRegion', data: b }));
  partnerCommand('channel-manager', 'Assign the channel manager', S.AssignChannelManagerBody, vendorAdmin, async (b, uow) => {
    const { state: person } = await uow.load(personDecider, personStream(b.personId));
    if (person.status === 'none') return E.left(domainError('not_found', 'person not found'));
    return E.right({ type: 'AssignChannelManager', data: { personId: b.personId, personIsChannelManager: person.vendorRoles.channel_manager !== undefined } });
  });
  partnerCommand('quotas', 'Set the revenue quota for a period', S.SetQuotaBody, manages, (b) => E.right({ type: 'SetQuota', data: b }));
  partnerCommand('suspend', 'Suspend an active partner', S.ReasonBody, manages, (b) => E.right({ type: 'SuspendPartner', data: b }));
  partnerCommand('reinstate', 'Reinstate a suspended partner', S.EmptyBody, manages, () => E.right({ type: 'ReinstatePartner', data: {} }));
  partnerCommand('terminate', 'Terminate the partnership', S.ReasonBody, vendorAdmin, (b) => E.right({ type: 'TerminatePartner', data: b }));
};
