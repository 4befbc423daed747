import * as E from 'fp-ts/lib/Either.js';
import { canonical } from './canonical.js';
import type { Decider } from '../shared/index.js';
import { ChannelSettingsChanged, type ChannelEvent } from './events.js';
import { defaultChannelSettings, type ChannelSettings, type ChannelSettingsChange } from './settings.js';

export type ChannelCommand = { type: 'ChangeChannelSettings'; data: ChannelSettingsChange };

const evolve = (state: ChannelSettings, event: ChannelEvent): ChannelSettings => {
  const { tierCriteria, ...rest } = event.data;
  const defined = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  return { ...state, ...defined, tierCriteria: { ...state.tierCriteria, ...(tierCriteria ?? {}) } };
};

/** Records only what really changes; a change to nothing is a no-op. */
const decide = (command: ChannelCommand, state: ChannelSettings) => {
  const changes = Object.fromEntries(
    Object.entries(command.data).filter(([key, value]) => {
      if (value === undefined) return false;
      if (key === 'tierCriteria') {
        const criteria = value as NonNullable<ChannelSettingsChange['tierCriteria']>;
        return Object.entries(criteria).some(
          ([tier, c]) => canonical(c) !== canonical(state.tierCriteria[tier as keyof typeof criteria]),
        );
      }
      return canonical(value) !== canonical(state[key as keyof ChannelSettings]);
    }),
  ) as ChannelSettingsChange;
  return E.right(Object.keys(changes).length === 0 ? [] : [ChannelSettingsChanged.create(changes)]);
};

export const channelDecider: Decider<ChannelCommand, ChannelEvent, ChannelSettings> = {
  initialState: defaultChannelSettings,
  evolve,
  decide,
};
