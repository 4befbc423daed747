import type { FastifyInstance } from 'fastify';
import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { isVendorAdmin } from '../../domain/access/index.js';
import { CHANNEL_STREAM, channelDecider, ChannelSettingsChange } from '../../domain/channel/index.js';
import { domainError } from '../../domain/shared/index.js';
import { commandRoute, type CommandKit } from '../../http/commandRoute.js';
import type { CommandPipeline } from '../pipeline/index.js';

export const channelCommandRoutes = (app: FastifyInstance, kit: CommandKit, pipeline: CommandPipeline) => {
  commandRoute(
    app, kit,
    { method: 'PUT', url: '/channel/settings', summary: 'Change any subset of the channel settings', tags: ['channel'], body: ChannelSettingsChange },
    ({ body, principal, ctx }) =>
      pipeline.execute(ctx, async (uow) => {
        if (!isVendorAdmin(principal)) return E.left(domainError('forbidden', 'only vendor admins change channel settings'));
        const decided = await uow.decide(channelDecider, CHANNEL_STREAM, { type: 'ChangeChannelSettings', data: body });
        return pipe(decided, E.map(() => ({ id: 'channel-settings', streamId: CHANNEL_STREAM })));
      }),
  );
};
