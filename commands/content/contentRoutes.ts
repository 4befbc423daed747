import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { isChannelStaff } from '../../domain/access/index.js';
import { contentDecider, contentStream, type Audience, type AudienceFacts } from '../../domain/content/index.js';
import { partnerDecider, partnerStream } from '../../domain/partner/index.js';
import { programDecider, programStream } from '../../domain/program/index.js';
import { domainError } from '../../domain/shared/index.js';
import { commandRoute, type CommandKit } from '../../http/commandRoute.js';
import type { CommandPipeline, UnitOfWork } from '../pipeline/index.js';
import { authorizeContentChange } from './contentAuthorization.js';
import { ChangeAudienceBody, ContentParams, PublishContentBody, RetireContentBody } from './contentSchemas.js';

/** Loads the programs and partners an audience names, for the decider to refuse unknown ones. */
const audienceFacts = async (uow: UnitOfWork, audience: Audience): Promise<AudienceFacts> => {
  const programStatuses: Record<string, string> = {};
  for (const id of audience.requiredPrograms ?? []) programStatuses[id] = (await uow.load(programDecider, programStream(id))).state.status;
  const partnerStatuses: Record<string, string> = {};
  for (const id of audience.partnerIds ?? []) partnerStatuses[id] = (await uow.load(partnerDecider, partnerStream(id))).state.status;
  return { programStatuses, partnerStatuses };
};

export const contentCommandRoutes = (app: FastifyInstance, kit: CommandKit, pipeline: CommandPipeline) => {
  commandRoute(
    app, kit,
    { method: 'POST', url: '/content', summary: 'Publish a content item to an audience', tags: ['content'], body: PublishContentBody, created: true },
    ({ body, principal, ctx }) =>
      pipeline.execute(ctx, async (uow) => {
        if (!isChannelStaff(principal)) return E.left(domainError('forbidden', 'only vendor admins and channel managers publish content'));
        const contentId = kit.ids.next('content');
        const streamId = contentStream(contentId);
        const facts = await audienceFacts(uow, body.audience);
        const decided = await uow.decide(contentDecider, streamId, { type: 'PublishContent', data: { contentId, ...body, ...facts } });
        return pipe(decided, E.map(() => ({ id: contentId, streamId })));
      }),
  );
  commandRoute(
    app, kit,
    { method: 'POST', url: '/content/:id/audience', summary: 'Change who a content item is for', tags: ['content'], params: ContentParams, body: ChangeAudienceBody },
    ({ params, body, principal, ctx }) =>
      pipeline.execute(ctx, async (uow) => {
        const streamId = contentStream(params.id);
        const allowed = await authorizeContentChange(uow, principal, (await uow.load(contentDecider, streamId)).state, 'change the audience of');
        if (E.isLeft(allowed)) return allowed;
        const facts = await audienceFacts(uow, body.audience);
        const decided = await uow.decide(contentDecider, streamId, { type: 'ChangeAudience', data: { audience: body.audience, ...facts } });
        return pipe(decided, E.map(() => ({ id: params.id, streamId })));
      }),
  );
  commandRoute(
    app, kit,
    { method: 'POST', url: '/content/:id/retire', summary: 'Retire a content item (nobody sees it any more)', tags: ['content'], params: ContentParams, body: RetireContentBody },
    ({ params, principal, ctx }) =>
      pipeline.execute(ctx, async (uow) => {
        const streamId = contentStream(params.id);
        const allowed = await authorizeContentChange(uow, principal, (await uow.load(contentDecider, streamId)).state, 'retire');
        if (E.isLeft(allowed)) return allowed;
        const decided = await uow.decide(contentDecider, streamId, { type: 'RetireContent', data: {} });
        return pipe(decided, E.map(() => ({ id: params.id, streamId })));
      }),
  );
};
