import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import {
  isPartnerAdminOf,
  isVendorAdmin,
  managesPartner,
  type Caller,
  type PartnerScope,
} from '../../domain/access/index.js';
import { partnerDecider, partnerStream, type PartnerCommand } from '../../domain/partner/index.js';
import { personDecider, personStream } from '../../domain/person/index.js';
import type { DomainError, IdGenerator } from '../../domain/shared/index.js';
import { authorizePartner } from '../auth/authorizePartner.js';
import { forbidden, notFound } from '../auth/refusals.js';
import type { CommandContext, CommandOutcome, CommandPipeline, UnitOfWork } from '../pipeline/index.js';
import type * as S from './partnerSchemas.js';

type Rule = (p: Caller, scope: PartnerScope) => boolean;
const manages: Rule = managesPartner;
const vendorAdmin: Rule = (p) => isVendorAdmin(p);
const managesOrOwnAdmin: Rule = (p, s) => managesPartner(p, s) || isPartnerAdminOf(p, s.partnerId);

/** A command's input: the partner it acts on, and its body. */
type On<B extends z.ZodType> = { readonly partnerId: string } & z.infer<B>;

/**
 * Partner commands, independent of HTTP. A partner the caller cannot see is 404; one they see but
 * may not change is 403 (`not allowed to <action> this partner`, the action named as in its URL).
 */
export const partnerCommands = (deps: { pipeline: CommandPipeline; ids: IdGenerator }) => {
  const { pipeline, ids } = deps;

  const apply = (ctx: CommandContext, principal: Caller, body: z.infer<typeof S.ApplyPartnerBody>): CommandOutcome =>
    pipeline.execute(ctx, async (uow) => {
      if (!managesPartner(principal, { partnerId: '', region: body.region }))
        return forbidden(`not allowed to onboard partners in region ${body.region}`);
      const partnerId = ids.next('partner');
      const streamId = partnerStream(partnerId);
      const parent = body.parentPartnerId
        ? {
            partnerId: body.parentPartnerId,
            ...(await uow.load(partnerDecider, partnerStream(body.parentPartnerId))).state,
          }
        : undefined;
      const decided = await uow.decide(
        partnerDecider,
        streamId,
        { type: 'ApplyPartner', data: { ...body, partnerId, parent } },
        { minted: true },
      );
      return E.map(() => ({ id: partnerId, streamId }))(decided);
    });

  /** One command on an existing partner: load, authorise against the write model, decide. */
  const onPartner =
    <I extends { partnerId: string }>(
      action: string,
      rule: Rule,
      toCommand: (
        body: Omit<I, 'partnerId'>,
        uow: UnitOfWork,
      ) => Promise<E.Either<DomainError, PartnerCommand>> | E.Either<DomainError, PartnerCommand>,
    ) =>
    (ctx: CommandContext, principal: Caller, input: I): CommandOutcome =>
      pipeline.execute(ctx, async (uow) => {
        const { partnerId, ...body } = input;
        const streamId = partnerStream(partnerId);
        const { state } = await uow.load(partnerDecider, streamId);
        const allowed = authorizePartner(principal, partnerId, state, rule, action);
        if (E.isLeft(allowed)) return allowed;
        const command = await toCommand(body, uow);
        if (E.isLeft(command)) return command;
        const decided = await uow.decide(partnerDecider, streamId, command.right);
        return E.map(() => ({ id: partnerId, streamId }))(decided);
      });

  return {
    apply,
    approve: onPartner<On<typeof S.ApprovePartnerBody>>('approve', manages, (b) =>
      E.right({ type: 'ApprovePartner', data: b }),
    ),
    reject: onPartner<On<typeof S.ReasonBody>>('reject', manages, (b) => E.right({ type: 'RejectPartner', data: b })),
    signAgreement: onPartner<On<typeof S.SignAgreementBody>>('agreements', managesOrOwnAdmin, (b) =>
      E.right({ type: 'SignAgreement', data: b }),
    ),
    changeTier: onPartner<On<typeof S.ChangeTierBody>>('tier', manages, (b) =>
      E.right({ type: 'ChangeTier', data: b }),
    ),
    changeRegion: onPartner<On<typeof S.ChangeRegionBody>>('region', manages, (b) =>
      E.right({ type: 'ChangeRegion', data: b }),
    ),
    assignChannelManager: onPartner<On<typeof S.AssignChannelManagerBody>>(
      'channel-manager',
      vendorAdmin,
      async (b, uow) => {
        const { state: person } = await uow.load(personDecider, personStream(b.personId));
        if (person.status === 'none') return notFound('person');
        return E.right({
          type: 'AssignChannelManager',
          data: { personId: b.personId, personIsChannelManager: person.vendorRoles.channel_manager !== undefined },
        });
      },
    ),
    setQuota: onPartner<On<typeof S.SetQuotaBody>>('quotas', manages, (b) => E.right({ type: 'SetQuota', data: b })),
    suspend: onPartner<On<typeof S.ReasonBody>>('suspend', manages, (b) =>
      E.right({ type: 'SuspendPartner', data: b }),
    ),
    reinstate: onPartner<{ partnerId: string }>('reinstate', manages, () =>
      E.right({ type: 'ReinstatePartner', data: {} }),
    ),
    terminate: onPartner<On<typeof S.ReasonBody>>('terminate', vendorAdmin, (b) =>
      E.right({ type: 'TerminatePartner', data: b }),
    ),
  };
};
export type PartnerCommands = ReturnType<typeof partnerCommands>;
