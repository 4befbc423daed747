import type { FastifyInstance } from 'fastify';
import { commandRoute, type CommandKit } from '../../http/commandRoute.js';
import type { ContentCommands } from './contentCommands.js';
import { ChangeAudienceBody, ContentParams, PublishContentBody, RetireContentBody } from './contentSchemas.js';

/** The content commands over HTTP. */
export const contentCommandRoutes = (app: FastifyInstance, kit: CommandKit, content: ContentCommands) => {
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/content',
      summary: 'Publish a content item to an audience',
      tags: ['content'],
      body: PublishContentBody,
      created: true,
    },
    ({ body, principal, ctx }) => content.publish(ctx, principal, body),
  );
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/content/:id/audience',
      summary: 'Change who a content item is for',
      tags: ['content'],
      params: ContentParams,
      body: ChangeAudienceBody,
    },
    ({ params, body, principal, ctx }) => content.changeAudience(ctx, principal, { ...body, contentId: params.id }),
  );
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/content/:id/retire',
      summary: 'Retire a content item (nobody sees it any more)',
      tags: ['content'],
      params: ContentParams,
      body: RetireContentBody,
    },
    ({ params, principal, ctx }) => content.retire(ctx, principal, { contentId: params.id }),
  );
};
