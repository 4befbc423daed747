export * from './commands.js';
export * from './decider.js';
export * from './events.js';
export * from './state.js';
export * from './websiteDomain.js';

/** Stream of one partner. */
export const partnerStream = (partnerId: string) => `partner-${partnerId}`;
