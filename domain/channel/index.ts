export * from './decider.js';
export * from './events.js';
export * from './settings.js';

/** The singleton stream holding the channel's settings. */
export const CHANNEL_STREAM = 'channel-settings';
