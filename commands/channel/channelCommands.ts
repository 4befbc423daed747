import * as E from 'fp-ts/lib/Either.js';
import { isVendorAdmin, type Caller } from '../../domain/access/index.js';
import { CHANNEL_STREAM, channelDecider, type ChannelSettingsChange } from '../../domain/channel/index.js';
import { forbidden } from '../auth/refusals.js';
import type { CommandContext, CommandOutcome, CommandPipeline } from '../pipeline/index.js';

/** The channel's settings (one stream for the whole channel), independent of HTTP: vendor admins only. */
export const channelCommands = (deps: { pipeline: CommandPipeline }) => ({
  changeSettings: (ctx: CommandContext, principal: Caller, change: ChannelSettingsChange): CommandOutcome =>
    deps.pipeline.execute(ctx, async (uow) => {
      if (!isVendorAdmin(principal)) return forbidden('only vendor admins change channel settings');
      const decided = await uow.decide(channelDecider, CHANNEL_STREAM, { type: 'ChangeChannelSettings', data: change });
      return E.map(() => ({ id: 'channel-settings', streamId: CHANNEL_STREAM }))(decided);
    }),
});
export type ChannelCommands = ReturnType<typeof channelCommands>;
