import * as E from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import { isChannelStaff, type Caller } from '../../domain/access/index.js';
import { contentDecider, contentStream, type Audience, type AudienceFacts } from '../../domain/content/index.js';
import { partnerDecider, partnerStream } from '../../domain/partner/index.js';
import { programDecider, programStream } from '../../domain/program/index.js';
import type { IdGenerator } from '../../domain/shared/index.js';
import { forbidden } from '../auth/refusals.js';
import type { CommandContext, CommandOutcome, CommandPipeline, UnitOfWork } from '../pipeline/index.js';
import { authorizeContentChange } from './contentAuthorization.js';
import type { ChangeAudienceBody, PublishContentBody } from './contentSchemas.js';

/** Loads the programs and partners an audience names, for the decider to refuse unknown ones. */
const audienceFacts = async (uow: UnitOfWork, audience: Audience): Promise<AudienceFacts> => {
  const programStatuses: Record<string, string> = {};
  for (const id of audience.requiredPrograms ?? [])
    programStatuses[id] = (await uow.load(programDecider, programStream(id))).state.status;
  const partnerStatuses: Record<string, string> = {};
  for (const id of audience.partnerIds ?? [])
    partnerStatuses[id] = (await uow.load(partnerDecider, partnerStream(id))).state.status;
  return { programStatuses, partnerStatuses };
};

/**
 * Content commands, independent of HTTP: channel staff publish, re-target and retire items (see
 * contentAuthorization).
 */
export const contentCommands = (deps: { pipeline: CommandPipeline; ids: IdGenerator }) => {
  const { pipeline, ids } = deps;
  return {
    publish: (ctx: CommandContext, principal: Caller, body: z.infer<typeof PublishContentBody>): CommandOutcome =>
      pipeline.execute(ctx, async (uow) => {
        if (!isChannelStaff(principal)) return forbidden('only vendor admins and channel managers publish content');
        const contentId = ids.next('content');
        const streamId = contentStream(contentId);
        const facts = await audienceFacts(uow, body.audience);
        const decided = await uow.decide(contentDecider, streamId, {
          type: 'PublishContent',
          data: { contentId, ...body, ...facts },
        });
        return E.map(() => ({ id: contentId, streamId }))(decided);
      }),
    changeAudience: (
      ctx: CommandContext,
      principal: Caller,
      input: { contentId: string } & z.infer<typeof ChangeAudienceBody>,
    ): CommandOutcome =>
      pipeline.execute(ctx, async (uow) => {
        const streamId = contentStream(input.contentId);
        const allowed = await authorizeContentChange(
          uow,
          principal,
          (await uow.load(contentDecider, streamId)).state,
          'change the audience of',
        );
        if (E.isLeft(allowed)) return allowed;
        const facts = await audienceFacts(uow, input.audience);
        const decided = await uow.decide(contentDecider, streamId, {
          type: 'ChangeAudience',
          data: { audience: input.audience, ...facts },
        });
        return E.map(() => ({ id: input.contentId, streamId }))(decided);
      }),
    retire: (ctx: CommandContext, principal: Caller, input: { contentId: string }): CommandOutcome =>
      pipeline.execute(ctx, async (uow) => {
        const streamId = contentStream(input.contentId);
        const allowed = await authorizeContentChange(
          uow,
          principal,
          (await uow.load(contentDecider, streamId)).state,
          'retire',
        );
        if (E.isLeft(allowed)) return allowed;
        const decided = await uow.decide(contentDecider, streamId, { type: 'RetireContent', data: {} });
        return E.map(() => ({ id: input.contentId, streamId }))(decided);
      }),
  };
};
export type ContentCommands = ReturnType<typeof contentCommands>;
