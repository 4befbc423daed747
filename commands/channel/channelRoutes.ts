import type { FastifyInstance } from 'fastify';
import { ChannelSettingsChange } from '../../domain/channel/index.js';
import { commandRoute, type CommandKit } from '../../http/commandRoute.js';
import type { ChannelCommands } from './channelCommands.js';

/** The channel settings command over HTTP. */
export const channelCommandRoutes = (app: FastifyInstance, kit: CommandKit, channel: ChannelCommands) => {
  commandRoute(
    app,
    kit,
    {
      method: 'PUT',
      url: '/channel/settings',
      summary: 'Change any subset of the channel settings',
      tags: ['channel'],
      body: ChannelSettingsChange,
    },
    ({ body, principal, ctx }) => channel.changeSettings(ctx, principal, body),
  );
};
