import { defineEvent, type EventOf } from '../shared/index.js';
import { ChannelSettingsChange } from './settings.js';

export const ChannelSettingsChanged = defineEvent('ChannelSettingsChanged', ChannelSettingsChange);
export const channelEvents = [ChannelSettingsChanged] as const;
export type ChannelEvent = EventOf<typeof channelEvents>;
